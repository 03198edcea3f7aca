"""A success measure both agreed on is not the mentor's to remove alone.

The rule under test (``services.part_delete``, ``services.measure_removal_decide``):
the mentor's "remove" of an agreed measure, whoever proposed it, is a proposal to
remove it; the measure stays, and counts, until the mentee removes it or keeps it;
the mentor may withdraw the proposal. The mentor's own proposal never agreed is
theirs to remove outright, and the mentee removes measures as before.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from mentorplan.plans import services
from mentorplan.plans.changes import plan_changes
from mentorplan.plans.editing import EditConflict
from mentorplan.plans.models import ActionPlan, SuccessMeasure

from .factories import GoalFactory, MeasureFactory

MEASURE = "Three talks given"


@pytest.fixture
def plan(world):
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=world.mentee)
    return plan


@pytest.fixture
def goal(plan):
    return GoalFactory(plan=plan, statement="Lead a team meeting")


@pytest.fixture
def agreed(goal):
    return MeasureFactory(goal=goal, description=MEASURE)


@pytest.fixture
def proposed(agreed, world):
    """The agreed measure, which the mentor proposed to remove."""
    services.part_delete(plan=agreed.goal.plan, kind="measure", part=agreed, by=world.mentor)
    agreed.refresh_from_db()
    assert agreed.removal_proposed_at is not None
    return agreed


def revision(plan):
    return ActionPlan.objects.values_list("revision", flat=True).get(pk=plan.pk)


def url(world, name, *args):
    return reverse(f"plans:{name}", args=[world.partnership.pk, *args])


def reword(world, plan, measure):
    """The mentor redefines the measure: it becomes their proposal again."""
    services.part_update(
        plan=plan,
        kind="measure",
        part=measure,
        by=world.mentor,
        expected_version=measure.version,
        description="Five talks given",
    )


def fresh(measure):
    return SuccessMeasure.objects.filter(pk=measure.pk).first()


# The mentor's "remove" (domain functions, without HTTP)


@pytest.mark.parametrize("proposed_by", ["mentee", "mentor"])
def test_the_mentors_remove_of_an_agreed_measure_proposes_it(world, plan, goal, proposed_by):
    measure = MeasureFactory(goal=goal, description=MEASURE, proposed_by=proposed_by)
    before = revision(plan)

    removed = services.part_delete(plan=plan, kind="measure", part=measure, by=world.mentor)

    assert removed is False
    kept = fresh(measure)
    assert kept is not None
    assert kept.removal_proposed_at is not None
    # It still counts: agreed, until the mentee answers.
    assert (kept.agreed, kept.version) == (True, 2)
    assert revision(plan) == before + 1


def test_proposing_again_changes_nothing(world, plan, proposed):
    before = revision(plan)

    removed = services.part_delete(plan=plan, kind="measure", part=proposed, by=world.mentor)

    assert removed is False
    kept = fresh(proposed)
    assert (kept.removal_proposed_at, kept.version) == (
        proposed.removal_proposed_at,
        proposed.version,
    )
    assert revision(plan) == before


def test_the_mentors_own_proposal_not_agreed_is_removed_outright(world, plan, goal):
    measure = MeasureFactory(goal=goal, proposed_by="mentor", agreed=False)
    before = revision(plan)

    removed = services.part_delete(plan=plan, kind="measure", part=measure, by=world.mentor)

    assert removed is True
    assert fresh(measure) is None
    assert revision(plan) == before + 1


def test_the_mentee_removes_an_agreed_measure_outright(world, plan, agreed):
    assert services.part_delete(plan=plan, kind="measure", part=agreed, by=world.mentee)
    assert fresh(agreed) is None


def test_the_mentor_redefining_the_measure_replaces_the_proposal(world, plan, proposed):
    reword(world, plan, proposed)

    measure = fresh(proposed)
    assert (measure.agreed, measure.proposed_by, measure.removal_proposed_at) == (
        False,
        "mentor",
        None,
    )


def test_rewording_an_agreed_measure_first_does_not_let_the_mentor_remove_it(world, plan, agreed):
    """Reworded by the mentor, the measure is their proposal again, but it was agreed once."""
    reword(world, plan, agreed)
    reworded = fresh(agreed)
    assert reworded.agreed is False

    removed = services.part_delete(plan=plan, kind="measure", part=reworded, by=world.mentor)

    assert removed is False
    assert fresh(agreed).removal_proposed_at is not None


def test_a_progress_note_keeps_the_proposal(world, plan, proposed):
    services.measure_progress_set(
        measure=proposed, by=world.mentor, expected_version=proposed.version, progress="One"
    )

    assert fresh(proposed).removal_proposed_at == proposed.removal_proposed_at


# The answer (domain function)


def test_decide_remove_deletes_it(world, plan, proposed):
    before = revision(plan)

    result = services.measure_removal_decide(
        plan=plan, measure=proposed, by=world.mentee, expected_version=proposed.version, remove=True
    )

    assert result is None
    assert fresh(proposed) is None
    assert revision(plan) == before + 1


@pytest.mark.parametrize("who", ["mentee", "mentor"])
def test_decide_keep_clears_the_proposal(world, plan, proposed, who):
    before = revision(plan)

    services.measure_removal_decide(
        plan=plan,
        measure=proposed,
        by=world.user(who),
        expected_version=proposed.version,
        remove=False,
    )

    measure = fresh(proposed)
    assert (measure.removal_proposed_at, measure.agreed) == (None, True)
    assert measure.version == proposed.version + 1
    assert revision(plan) == before + 1


def test_the_mentors_remove_through_decide_stays_a_proposal(world, plan, proposed):
    services.measure_removal_decide(
        plan=plan, measure=proposed, by=world.mentor, expected_version=None, remove=True
    )

    assert fresh(proposed).removal_proposed_at is not None


def test_decide_on_a_stale_version_is_a_conflict(world, plan, proposed):
    before = revision(plan)

    with pytest.raises(EditConflict):
        services.measure_removal_decide(
            plan=plan,
            measure=proposed,
            by=world.mentee,
            expected_version=proposed.version - 1,
            remove=True,
        )

    assert fresh(proposed) is not None
    assert revision(plan) == before


def test_decide_without_a_proposal_is_a_conflict(world, plan, agreed):
    with pytest.raises(EditConflict):
        services.measure_removal_decide(
            plan=plan, measure=agreed, by=world.mentee, expected_version=None, remove=True
        )

    assert fresh(agreed) is not None


# The views


def test_the_mentors_delete_says_the_proposal_waits_for_the_mentee(world, plan, agreed, client_as):
    response = client_as(world.mentor).post(url(world, "part-delete", "measure", agreed.pk))

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Your proposal to remove “{MEASURE}” waits for Mo's answer."
    ]
    assert fresh(agreed).removal_proposed_at is not None


def test_the_mentors_delete_of_their_own_proposal_removes_it(world, plan, goal, client_as):
    measure = MeasureFactory(goal=goal, proposed_by="mentor", agreed=False)

    response = client_as(world.mentor).post(url(world, "part-delete", "measure", measure.pk))

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The success measure is removed."
    ]
    assert fresh(measure) is None


def test_remove_it(world, plan, proposed, client_as):
    response = client_as(world.mentee).post(
        url(world, "measure-remove", proposed.pk), {"version": proposed.version}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#goals")
    assert fresh(proposed) is None


def test_remove_it_with_htmx_swaps_the_goals(world, plan, proposed, client_as):
    response = client_as(world.mentee).post(
        url(world, "measure-remove", proposed.pk),
        {"version": proposed.version},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert response["HX-Retarget"] == "#goals"
    assert response.text.lstrip().startswith('<section id="goals"')
    assert MEASURE not in response.text
    assert fresh(proposed) is None


def test_keep_it(world, plan, proposed, client_as):
    response = client_as(world.mentee).post(
        url(world, "measure-keep", proposed.pk), {"version": proposed.version}
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"You kept the success measure “{MEASURE}”."
    ]
    measure = fresh(proposed)
    assert (measure.removal_proposed_at, measure.agreed) == (None, True)


def test_the_mentor_withdraws_the_proposal(world, plan, proposed, client_as):
    response = client_as(world.mentor).post(
        url(world, "measure-keep", proposed.pk), {"version": proposed.version}
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"You withdrew your proposal to remove “{MEASURE}”."
    ]
    assert fresh(proposed).removal_proposed_at is None


def test_the_mentor_cannot_remove_it(world, plan, proposed, client_as):
    response = client_as(world.mentor).post(
        url(world, "measure-remove", proposed.pk), {"version": proposed.version}
    )

    assert response.status_code == 403
    assert fresh(proposed).removal_proposed_at is not None


@pytest.mark.parametrize(
    ("role", "code"),
    [("coordinator", 403), ("outsider", 404), ("other_mentor", 404), ("other_coordinator", 404)],
)
@pytest.mark.parametrize("name", ["measure-remove", "measure-keep"])
def test_others_cannot_answer(world, plan, proposed, client_as, role, code, name):
    response = client_as(world.user(role)).post(
        url(world, name, proposed.pk), {"version": proposed.version}
    )

    assert response.status_code == code
    measure = fresh(proposed)
    assert (measure.removal_proposed_at, measure.version) == (
        proposed.removal_proposed_at,
        proposed.version,
    )


def test_an_answer_to_a_stale_page_is_a_conflict(world, plan, proposed, client_as):
    stale = proposed.version
    # The mentor withdraws and proposes again meanwhile: the same words, another version.
    services.measure_removal_decide(
        plan=plan, measure=proposed, by=world.mentor, expected_version=stale, remove=False
    )
    services.part_delete(plan=plan, kind="measure", part=proposed, by=world.mentor)

    response = client_as(world.mentee).post(
        url(world, "measure-remove", proposed.pk), {"version": stale}
    )

    assert response.status_code == 409
    assert "The measure changed while you were reading it" in response.text
    assert fresh(proposed).removal_proposed_at is not None


def test_an_answer_after_the_withdrawal_is_a_conflict(world, plan, proposed, client_as):
    services.measure_removal_decide(
        plan=plan, measure=proposed, by=world.mentor, expected_version=None, remove=False
    )

    response = client_as(world.mentee).post(
        url(world, "measure-remove", proposed.pk),
        {"version": proposed.version},
        HTTP_HX_REQUEST="true",
    )

    # htmx swaps 2xx only: the goals as they are now, without the proposal.
    assert response.status_code == 200
    assert "The mentor proposes to remove this" not in response.text
    assert MEASURE in response.text
    assert fresh(proposed) is not None


# The plan page and the edit form


def page(world, client_as, who):
    return client_as(world.user(who)).get(url(world, "plan-detail")).text


def test_the_mentee_sees_the_proposal_and_both_answers(world, plan, proposed, client_as):
    text = page(world, client_as, "mentee")

    assert "The mentor proposes to remove this" in text
    assert f'action="{url(world, "measure-remove", proposed.pk)}"' in text
    assert f'action="{url(world, "measure-keep", proposed.pk)}"' in text
    assert ">Remove it</button>" in text
    assert ">Keep it</button>" in text
    assert f'name="version" value="{proposed.version}"' in text


def test_the_mentor_sees_the_proposal_and_may_withdraw_it(world, plan, proposed, client_as):
    text = page(world, client_as, "mentor")

    assert "The mentor proposes to remove this" in text
    assert "Mo has not answered yet." in text
    assert f'action="{url(world, "measure-keep", proposed.pk)}"' in text
    assert ">Withdraw the proposal</button>" in text
    assert url(world, "measure-remove", proposed.pk) not in text


def test_no_badge_without_a_proposal(world, plan, agreed, client_as):
    text = page(world, client_as, "mentee")

    assert MEASURE in text
    assert "The mentor proposes to remove this" not in text
    assert url(world, "measure-keep", agreed.pk) not in text


def test_the_mentors_form_says_removing_an_agreed_measure_is_a_proposal(
    world, plan, agreed, client_as
):
    text = client_as(world.mentor).get(url(world, "part-edit", "measure", agreed.pk)).text

    assert "removing it is a proposal" in text
    assert "Propose to remove this success measure" in text
    assert "Remove this success measure" not in text


def test_the_mentors_form_once_proposed_says_it_waits(world, plan, proposed, client_as):
    text = client_as(world.mentor).get(url(world, "part-edit", "measure", proposed.pk)).text

    assert "You proposed to remove this success measure: it counts until Mo answers." in text
    assert url(world, "part-delete", "measure", proposed.pk) not in text


@pytest.mark.parametrize("who", ["mentee", "mentor-own"])
def test_other_forms_remove_outright(world, plan, goal, client_as, who):
    if who == "mentee":
        measure, user = MeasureFactory(goal=goal), world.mentee
    else:
        measure = MeasureFactory(goal=goal, proposed_by="mentor", agreed=False)
        user = world.mentor

    text = client_as(user).get(url(world, "part-edit", "measure", measure.pk)).text

    assert "Remove this success measure" in text
    assert "removing it is a proposal" not in text


# What changed


def test_what_changed_tells_the_proposal_and_its_answer(world, plan, goal, agreed):
    since = timezone.now()
    services.part_delete(plan=plan, kind="measure", part=agreed, by=world.mentor)
    services.measure_removal_decide(
        plan=plan, measure=agreed, by=world.mentor, expected_version=None, remove=False
    )
    services.part_delete(plan=plan, kind="measure", part=agreed, by=world.mentor)
    services.measure_removal_decide(
        plan=plan, measure=agreed, by=world.mentee, expected_version=None, remove=False
    )
    services.part_delete(plan=plan, kind="measure", part=agreed, by=world.mentor)
    services.measure_removal_decide(
        plan=plan, measure=agreed, by=world.mentee, expected_version=None, remove=True
    )

    subject = f"the success measure “{MEASURE}” of goal 1"
    assert [c.sentence for c in reversed(plan_changes(plan, since))] == [
        f"Mina proposed to remove {subject}.",
        f"Mina withdrew the proposal to remove {subject}.",
        f"Mina proposed to remove {subject}.",
        f"Mo kept {subject}, which the mentor proposed to remove.",
        f"Mina proposed to remove {subject}.",
        f"Mo removed {subject}.",
    ]
