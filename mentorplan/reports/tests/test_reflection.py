"""The end-of-cohort reflection (reports:reflection, reports:cohort-reflection-open).

When it opens (``reflection.is_open``), a partner writing and changing theirs with
its goal verdicts, the form's rules, who reads what (the text stays its author's
and the coordinators' until shared; activities are named only to plan readers),
the reflection's section on the partnership page, and the weekly reminders
(``reflection.reflection_reminders_send``), without HTTP.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.notifications.models import Notification
from mentorplan.partnerships.models import Partnership
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services as plan_services
from mentorplan.plans.models import Goal, LearningActivity
from mentorplan.plans.tests.factories import ActivityFactory, GoalFactory
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory, ProgramFactory
from mentorplan.reports.models import GoalVerdict, Reflection, ReflectionWindow
from mentorplan.reports.reflection import (
    OPENS_BEFORE_END,
    cohort_reflection_state,
    is_open,
    opens_on,
    reflection_reminders_send,
)
from mentorplan.reports.tasks import remind_reflections

from .factories import NOW, reading_in_utc

pytestmark = pytest.mark.django_db

CONFLICT = "You saved this reflection in another window after opening this page."
SAVED = "Your reflection is saved. Thank you."
MENTEE_TEXT = "Mo kept a notebook of every Friday call."
MENTOR_TEXT = "Mina found the shadowing days the best part."


def url_of(partnership):
    return reverse("reports:reflection", args=[partnership.pk])


def open_url(cohort):
    return reverse("reports:cohort-reflection-open", args=[cohort.pk])


def days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def plan(world):
    """Mo's plan, shared, with three activities and goals (one of them dropped)."""
    made = plan_services.plan_for_mentee(world.partnership)
    plan_services.plan_share(plan=made, by=world.mentee)
    made.refresh_from_db()
    kind = LearningActivity.Kind
    return SimpleNamespace(
        plan=made,
        shadowing=ActivityFactory(plan=made, kind=kind.OTHERS, title="Shadowing the ward sister"),
        memo=ActivityFactory(plan=made, kind=kind.DOING, title="Writing the audit memo"),
        handover=ActivityFactory(plan=made, kind=kind.STRETCH, title="Leading the handover"),
        ward_round=GoalFactory(
            plan=made, statement="Run a ward round", status=Goal.Status.ACHIEVED
        ),
        speak=GoalFactory(plan=made, statement="Speak at the team meeting"),
        welsh=GoalFactory(plan=made, statement="Learn Welsh", status=Goal.Status.DROPPED),
    )


@pytest.fixture
def window(world):
    """The coordinator opened the cohort's reflection (it ends months from now)."""
    return ReflectionWindow.objects.create(cohort=world.cohort, opened_by=world.coordinator)


def answers(plan, **changes):
    """A complete reflection as the form posts it."""
    data = {
        "most_helpful": plan.shadowing.pk,
        "most_helpful_why": "I saw how she runs the ward.",
        "least_helpful": plan.memo.pk,
        "least_helpful_why": "Nobody read it.",
        "kept_on_track": MENTEE_TEXT,
        "would_change": "Meet in person more often.",
        "rating": "4",
        f"goal_{plan.ward_round.pk}": "yes",
        f"goal_{plan.speak.pk}": "partly",
        "version": "",
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


def verdicts_of(reflection):
    return {v.goal.statement: v.met for v in GoalVerdict.objects.filter(reflection=reflection)}


def reflection_by(partnership, author, **fields):
    """A saved reflection, as if written through the page."""
    role = Reflection.Role.MENTEE if author == partnership.mentee else Reflection.Role.MENTOR
    values = {"rating": 4, "kept_on_track": ""} | fields
    return Reflection.objects.create(partnership=partnership, author=author, role=role, **values)


# When it opens


def test_it_opens_four_weeks_before_the_cohort_ends(world):
    ends = world.cohort.ends_on

    assert opens_on(world.partnership) == ends - days(28) == ends - OPENS_BEFORE_END
    assert not is_open(world.partnership, today=ends - days(29))
    assert is_open(world.partnership, today=ends - days(28))
    assert is_open(world.partnership, today=ends)


def test_it_opens_at_once_when_the_pair_ends(world):
    today = world.cohort.starts_on + days(40)
    assert not is_open(world.partnership, today=today)

    world.partnership.end(status=Partnership.Status.ENDED_EARLY, reason="Moved away", on=today)

    assert is_open(world.partnership, today=today)
    assert not is_open(world.other_partnership, today=today)


def test_a_window_opens_it_for_the_whole_cohort_only(world):
    today = world.cohort.starts_on + days(40)
    elsewhere = PartnershipFactory(cohort=world.other_cohort)

    ReflectionWindow.objects.create(cohort=world.cohort, opened_by=world.coordinator)

    assert is_open(world.partnership, today=today)
    assert is_open(world.other_partnership, today=today)
    assert not is_open(elsewhere, today=today)


def test_the_cohort_state_counts_the_reflections_written(world, window):
    reflection_by(world.partnership, world.mentee)
    reflection_by(world.other_partnership, world.other_mentor)
    reflection_by(PartnershipFactory(cohort=world.other_cohort), UserFactory())

    state = cohort_reflection_state(world.cohort, today=world.cohort.starts_on)

    assert state["open"] is True
    assert state["window"] == window
    assert state["opens_on"] == world.cohort.ends_on - days(28)
    assert state["written"] == 2


def test_a_partner_cannot_write_before_it_opens(world, client_as, plan):
    client = client_as(world.mentee)

    page = client.get(url_of(world.partnership))
    posted = client.post(url_of(world.partnership), answers(plan))

    assert page.status_code == 200
    assert page.context["form"] is None
    opening = world.cohort.ends_on - days(28)
    assert f"The reflection opens on {opening.day} {opening:%B %Y}" in page.text
    assert "Save my reflection" not in page.text
    assert posted.status_code == 403
    assert not Reflection.objects.exists()


# A partner writes


def test_the_form_offers_the_plans_activities_and_its_goals_not_dropped(
    world, client_as, plan, window
):
    response = client_as(world.mentee).get(url_of(world.partnership))

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["most_helpful"].queryset) == [plan.shadowing, plan.memo, plan.handover]
    assert [f.label for f in form.goal_fields()] == [
        "Goal 1: Run a ward round",
        "Goal 2: Speak at the team meeting",
    ]
    assert "Shadowing the ward sister (learning from others)" in response.text
    assert "Learn Welsh" not in response.text


def test_the_mentee_saves_their_reflection_and_verdicts(world, client_as, plan, window):
    data = answers(plan, shared_with_partner="on")

    response = client_as(world.mentee).post(url_of(world.partnership), data, follow=True)

    assert response.redirect_chain == [(url_of(world.partnership), 302)]
    assert SAVED in response.text
    reflection = Reflection.objects.get()
    assert reflection.partnership == world.partnership
    assert reflection.author == world.mentee
    assert reflection.role == Reflection.Role.MENTEE
    assert reflection.most_helpful == plan.shadowing
    assert reflection.least_helpful == plan.memo
    assert reflection.kept_on_track == MENTEE_TEXT
    assert reflection.rating == 4
    assert reflection.shared_with_partner is True
    assert reflection.version == 1
    assert verdicts_of(reflection) == {
        "Run a ward round": "yes",
        "Speak at the team meeting": "partly",
    }


def test_a_goal_left_not_sure_has_no_verdict(world, client_as, plan, window):
    data = answers(plan, **{f"goal_{plan.speak.pk}": ""})

    client_as(world.mentor).post(url_of(world.partnership), data)

    reflection = Reflection.objects.get()
    assert reflection.role == Reflection.Role.MENTOR
    assert reflection.author == world.mentor
    assert verdicts_of(reflection) == {"Run a ward round": "yes"}


def test_saving_again_changes_the_one_reflection(world, client_as, plan, window):
    client = client_as(world.mentee)
    client.post(url_of(world.partnership), answers(plan))
    form = client.get(url_of(world.partnership)).context["form"]
    assert form["version"].value() == 1
    assert form[f"goal_{plan.ward_round.pk}"].value() == "yes"

    changed = answers(
        plan,
        version="1",
        rating="5",
        most_helpful=plan.handover.pk,
        least_helpful="",
        **{f"goal_{plan.ward_round.pk}": "no", f"goal_{plan.speak.pk}": ""},
    )
    response = client.post(url_of(world.partnership), changed)

    assert response.status_code == 302
    reflection = Reflection.objects.get()
    assert reflection.rating == 5
    assert reflection.most_helpful == plan.handover
    assert reflection.least_helpful is None
    assert reflection.version == 2
    assert verdicts_of(reflection) == {"Run a ward round": "no"}
    assert GoalVerdict.objects.count() == 1


def test_a_save_from_an_older_page_is_a_conflict(world, client_as, plan, window):
    client = client_as(world.mentee)
    # Followed, so their success messages are shown (and gone) before the conflict.
    client.post(url_of(world.partnership), answers(plan), follow=True)
    client.post(url_of(world.partnership), answers(plan, version="1", rating="5"), follow=True)

    # Opened at version 1 in another window, saved after the save above.
    response = client.post(
        url_of(world.partnership),
        answers(plan, version="1", rating="1", **{f"goal_{plan.ward_round.pk}": "no"}),
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()[0].startswith(CONFLICT)
    assert CONFLICT in response.text
    assert SAVED not in response.text
    reflection = Reflection.objects.get()
    assert reflection.rating == 5
    assert reflection.version == 2
    assert verdicts_of(reflection) == {
        "Run a ward round": "yes",
        "Speak at the team meeting": "partly",
    }


def test_a_first_save_from_a_page_opened_before_another_first_save_is_a_conflict(
    world, client_as, plan, window
):
    client = client_as(world.mentee)
    client.post(url_of(world.partnership), answers(plan, rating="3"))

    # The second window was opened before anything was saved: it has no version.
    response = client.post(url_of(world.partnership), answers(plan, rating="1"))

    assert response.status_code == 400
    assert CONFLICT in response.text
    assert Reflection.objects.get().rating == 3


# The form's rules


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"least_helpful": "most"},
            {"least_helpful": ["Choose another activity than the one that helped most."]},
        ),
        ({"rating": None}, {"rating": ["Rate the partnership from 1 to 5."]}),
        ({"rating": "6"}, {"rating": ["Ensure this value is less than or equal to 5."]}),
        ({"rating": "0"}, {"rating": ["Ensure this value is greater than or equal to 1."]}),
    ],
    ids=["same-activity-twice", "no-rating", "rating-6", "rating-0"],
)
def test_invalid_answers_are_field_errors(world, client_as, plan, window, changes, errors):
    if changes.get("least_helpful") == "most":
        changes = {"least_helpful": plan.shadowing.pk}

    response = client_as(world.mentee).post(url_of(world.partnership), answers(plan, **changes))

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == errors
    assert not form.non_field_errors()
    (message,) = next(iter(errors.values()))
    assert message in response.text
    assert not Reflection.objects.exists()
    assert not GoalVerdict.objects.exists()


def test_the_same_activity_twice_has_its_code(world, client_as, plan, window):
    response = client_as(world.mentee).post(
        url_of(world.partnership), answers(plan, least_helpful=plan.shadowing.pk)
    )

    assert [e.code for e in response.context["form"].errors.as_data()["least_helpful"]] == ["same"]


def test_an_activity_of_another_plan_cannot_be_chosen(world, client_as, plan, window):
    other_plan = plan_services.plan_for_mentee(world.other_partnership)
    theirs = ActivityFactory(plan=other_plan, title="Olga's secret project")

    response = client_as(world.mentee).post(
        url_of(world.partnership), answers(plan, most_helpful=theirs.pk)
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["most_helpful"]
    assert not Reflection.objects.exists()


# Who reads what


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("mentor", 200),
        ("mentee", 200),
        ("other_mentor", 404),
        ("other_mentee", 404),
        ("other_coordinator", 404),
        ("outsider", 404),
    ],
)
def test_who_opens_the_page(world, client_as, window, role, status):
    reflection_by(world.partnership, world.mentee, kept_on_track=MENTEE_TEXT)

    response = client_as(world.user(role)).get(url_of(world.partnership))

    assert response.status_code == status
    if status == 404:
        assert MENTEE_TEXT not in response.text


def test_an_anonymous_visitor_is_sent_to_sign_in(world, client, window):
    response = client.get(url_of(world.partnership))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_partner_cannot_read_a_reflection_not_shared(world, client_as, window):
    reflection_by(world.partnership, world.mentor, kept_on_track=MENTOR_TEXT)

    response = client_as(world.mentee).get(url_of(world.partnership))

    assert response.status_code == 200
    assert response.context["readable"] == []
    assert MENTOR_TEXT not in response.text
    assert "Your partner has not shared a reflection with you." in response.text


def test_the_partner_reads_it_once_shared(world, client_as, window):
    reflection_by(world.partnership, world.mentor, kept_on_track=MENTOR_TEXT, rating=5)
    Reflection.objects.update(shared_with_partner=True)

    response = client_as(world.mentee).get(url_of(world.partnership))

    assert MENTOR_TEXT in response.text
    assert "5 of 5" in response.text
    assert "Your partner has not shared" not in response.text
    # Mo's own form stays empty: the mentor's answers are not Mo's.
    assert response.context["form"].instance.pk is None


def test_the_coordinator_reads_both_without_a_form(world, client_as, window):
    reflection_by(world.partnership, world.mentee, kept_on_track=MENTEE_TEXT)
    reflection_by(world.partnership, world.mentor, kept_on_track=MENTOR_TEXT)
    reflection_by(world.other_partnership, world.other_mentee, kept_on_track="Olga's own words")

    response = client_as(world.coordinator).get(url_of(world.partnership))

    assert response.status_code == 200
    assert response.context["form"] is None
    assert {r.author for r in response.context["readable"]} == {world.mentee, world.mentor}
    assert MENTEE_TEXT in response.text
    assert MENTOR_TEXT in response.text
    assert "Olga's own words" not in response.text
    assert "Save my reflection" not in response.text


def test_the_coordinator_cannot_write_one(world, client_as, plan, window):
    response = client_as(world.coordinator).post(url_of(world.partnership), answers(plan))

    assert response.status_code == 403
    assert not Reflection.objects.exists()
    assert not GoalVerdict.objects.exists()


def test_a_mentor_of_another_pair_cannot_write_one(world, client_as, plan, window):
    response = client_as(world.other_mentor).post(url_of(world.partnership), answers(plan))

    assert response.status_code == 404
    assert not Reflection.objects.exists()


def _mentee_names_the_shadowing(world, plan):
    return reflection_by(
        world.partnership,
        world.mentee,
        most_helpful=plan.shadowing,
        least_helpful=plan.memo,
        most_helpful_why="I saw how she runs the ward.",
    )


def test_the_activities_are_told_by_kind_to_a_coordinator_who_may_not_read_plans(
    world, client_as, plan, window
):
    assert world.program.coordinators_read_plans is False
    _mentee_names_the_shadowing(world, plan)

    response = client_as(world.coordinator).get(url_of(world.partnership))

    assert "Shadowing the ward sister" not in response.text
    assert "Writing the audit memo" not in response.text
    assert "A learning from others activity: I saw how she runs the ward." in response.text
    assert "A learning by doing activity" in response.text


def test_the_activities_are_named_to_a_coordinator_who_reads_the_shared_plan(
    world, client_as, plan, window
):
    world.program.coordinators_read_plans = True
    world.program.save()
    _mentee_names_the_shadowing(world, plan)

    response = client_as(world.coordinator).get(url_of(world.partnership))

    assert "Shadowing the ward sister: I saw how she runs the ward." in response.text
    assert "Writing the audit memo" in response.text
    assert "A learning from others activity" not in response.text


def test_the_activities_of_a_draft_plan_stay_unnamed_even_to_plan_readers(world, client_as, window):
    world.program.coordinators_read_plans = True
    world.program.save()
    draft = plan_services.plan_for_mentee(world.partnership)
    secret = ActivityFactory(plan=draft, kind=LearningActivity.Kind.STRETCH, title="Quiet plan")
    reflection_by(world.partnership, world.mentee, most_helpful=secret)

    response = client_as(world.coordinator).get(url_of(world.partnership))

    assert "Quiet plan" not in response.text
    assert "A stretch assignment activity" in response.text


def test_the_partner_reads_the_named_activities_of_a_shared_reflection(
    world, client_as, plan, window
):
    _mentee_names_the_shadowing(world, plan)
    Reflection.objects.update(shared_with_partner=True)

    response = client_as(world.mentor).get(url_of(world.partnership))

    assert "Shadowing the ward sister: I saw how she runs the ward." in response.text


# The partnership page


def test_the_partnership_page_asks_the_partner_to_write(world, client_as, window):
    response = client_as(world.mentee).get(world.partnership.get_absolute_url())

    assert response.status_code == 200
    assert "Write your reflection" in response.text
    assert f'href="{url_of(world.partnership)}" role="button"' in response.text


def test_the_partnership_page_tells_the_partner_who_wrote(world, client_as, window):
    reading_in_utc(world.mentor)
    written = reflection_by(world.partnership, world.mentor)

    response = client_as(world.mentor).get(world.partnership.get_absolute_url())

    assert f"You wrote your reflection on {written.written_at:%-d %b %Y}." in response.text
    assert "Read or change it" in response.text
    assert "Write your reflection" not in response.text


def test_the_partnership_page_counts_for_the_coordinator(world, client_as, window):
    reflection_by(world.partnership, world.mentee)
    reflection_by(world.other_partnership, world.other_mentee)

    response = client_as(world.coordinator).get(world.partnership.get_absolute_url())

    assert "1 of 2 reflections written." in response.text
    assert f'<a href="{url_of(world.partnership)}">Read them</a>' in response.text
    assert "Write your reflection" not in response.text


def test_the_partnership_page_tells_when_it_opens(world, client_as):
    response = client_as(world.mentee).get(world.partnership.get_absolute_url())

    opening = world.cohort.ends_on - days(28)
    assert f"The reflection opens on {opening.day} {opening:%B %Y}." in response.text
    assert url_of(world.partnership) not in response.text


# The coordinator opens it for the cohort


def test_the_coordinator_opens_the_cohorts_reflection_once(world, client_as):
    client = client_as(world.coordinator)

    first = client.post(open_url(world.cohort))
    window = ReflectionWindow.objects.get()
    second = client.post(open_url(world.cohort), follow=True)

    dashboard = reverse("reports:cohort-dashboard", args=[world.cohort.pk])
    assert first.status_code == 302
    assert first.url == dashboard
    assert ReflectionWindow.objects.count() == 1
    assert ReflectionWindow.objects.get() == window
    assert window.cohort == world.cohort
    assert window.opened_by == world.coordinator
    assert second.redirect_chain == [(dashboard, 302)]
    assert "The reflection of 2026 Partnerships is open" in second.text
    assert is_open(world.partnership)


@pytest.mark.parametrize(("role", "status"), [("mentor", 403), ("other_coordinator", 404)])
def test_only_the_cohorts_coordinators_open_it(world, client_as, role, status):
    response = client_as(world.user(role)).post(open_url(world.cohort))

    assert response.status_code == status
    assert not ReflectionWindow.objects.exists()


def test_opening_it_takes_a_post(world, client_as):
    response = client_as(world.coordinator).get(open_url(world.cohort))

    assert response.status_code == 405
    assert not ReflectionWindow.objects.exists()


# Reminders (NOW is a Friday noon, UTC)


@pytest.fixture
def program(db):
    return ProgramFactory(name="Riverside Mentoring", slug="riverside")


def cohort_ending_in(program, n):
    today = NOW.date()
    return CohortFactory(program=program, starts_on=today - days(200), ends_on=today + days(n))


def reminders():
    return {
        (n.recipient, n.subject)
        for n in Notification.objects.filter(kind="reflection").select_related("recipient")
    }


def test_both_partners_of_an_open_unwritten_reflection_are_reminded(program):
    pair = PartnershipFactory(
        cohort=cohort_ending_in(program, 20),
        mentee=UserFactory(display_name="Ada Mentee"),
        mentor=UserFactory(display_name="Max Mentor"),
    )

    sent = reflection_reminders_send(now=NOW)

    assert sent == 2
    told = {n.recipient: n for n in Notification.objects.filter(kind="reflection")}
    assert set(told) == {pair.mentee, pair.mentor}
    for notification in told.values():
        assert notification.subject == f"partnership:{pair.pk}"
        assert notification.partnership == pair
        assert notification.url == url_of(pair)
        assert notification.created_at == NOW
    assert told[pair.mentee].title == "Look back on your partnership with Max Mentor"
    assert told[pair.mentor].title == "Look back on your partnership with Ada Mentee"


def test_the_partner_who_wrote_is_not_reminded(program):
    pair = PartnershipFactory(cohort=cohort_ending_in(program, 20))
    reflection_by(pair, pair.mentee)

    sent = reflection_reminders_send(now=NOW)

    assert sent == 1
    assert reminders() == {(pair.mentor, f"partnership:{pair.pk}")}


@pytest.mark.parametrize("later", [1, 6])
def test_nobody_is_reminded_twice_within_a_week(program, later):
    pair = PartnershipFactory(cohort=cohort_ending_in(program, 20))
    assert reflection_reminders_send(now=NOW) == 2

    sent = reflection_reminders_send(now=NOW + days(later))

    assert sent == 0
    assert Notification.objects.filter(kind="reflection").count() == 2
    assert reminders() == {
        (pair.mentee, f"partnership:{pair.pk}"),
        (pair.mentor, f"partnership:{pair.pk}"),
    }


# 7: the daily run at the same hour a week later; 8: the day after.
@pytest.mark.parametrize("later", [7, 8])
def test_they_are_reminded_again_a_week_later(program, later):
    pair = PartnershipFactory(cohort=cohort_ending_in(program, 20))
    reflection_reminders_send(now=NOW)

    sent = reflection_reminders_send(now=NOW + days(later))

    assert sent == 2
    again = Notification.objects.filter(kind="reflection", created_at=NOW + days(later))
    assert {n.recipient for n in again} == {pair.mentee, pair.mentor}
    assert Notification.objects.filter(kind="reflection").count() == 4


def test_a_running_pair_far_from_the_end_is_not_reminded(program):
    PartnershipFactory(cohort=cohort_ending_in(program, 60))

    assert reflection_reminders_send(now=NOW) == 0
    assert not Notification.objects.filter(kind="reflection").exists()


def test_a_window_brings_the_reminders_forward(program):
    cohort = cohort_ending_in(program, 60)
    pair = PartnershipFactory(cohort=cohort)
    ReflectionWindow.objects.create(cohort=cohort)

    assert reflection_reminders_send(now=NOW) == 2
    assert {r for r, _subject in reminders()} == {pair.mentee, pair.mentor}


@pytest.mark.parametrize(("ended_ago", "sent"), [(20, 2), (30, 2), (40, 0)])
def test_an_ended_pair_is_reminded_for_thirty_days(program, ended_ago, sent):
    pair = PartnershipFactory(cohort=cohort_ending_in(program, 100))
    pair.end(status=Partnership.Status.COMPLETED, on=NOW.date() - days(ended_ago))

    assert reflection_reminders_send(now=NOW) == sent
    assert len(reminders()) == sent


@pytest.mark.parametrize(("ended_ago", "sent"), [(10, 2), (31, 0)])
def test_a_pair_still_running_after_its_cohort_ended_is_reminded_for_thirty_days(
    program, ended_ago, sent
):
    PartnershipFactory(cohort=cohort_ending_in(program, -ended_ago))

    assert reflection_reminders_send(now=NOW) == sent


def test_the_count_is_of_everyone_reminded(program):
    near = PartnershipFactory(cohort=cohort_ending_in(program, 10))
    half = PartnershipFactory(cohort=near.cohort)
    reflection_by(half, half.mentor)
    ended = PartnershipFactory(cohort=cohort_ending_in(program, 150))
    ended.end(status=Partnership.Status.COMPLETED, on=NOW.date() - days(5))
    PartnershipFactory(cohort=cohort_ending_in(program, 90))  # not open yet
    done = PartnershipFactory(cohort=near.cohort)
    reflection_by(done, done.mentee)
    reflection_by(done, done.mentor)

    sent = reflection_reminders_send(now=NOW)

    assert sent == 5
    assert {r for r, _subject in reminders()} == {
        near.mentee,
        near.mentor,
        half.mentee,
        ended.mentee,
        ended.mentor,
    }


def test_the_daily_task_sends_the_reminders(db):
    today = timezone.localdate()
    cohort = CohortFactory(starts_on=today - days(200), ends_on=today + days(10))
    mentor = UserFactory()
    MembershipFactory(user=mentor, cohort=cohort, role=Membership.Role.MENTOR)
    pair = PartnershipFactory(cohort=cohort, mentor=mentor)

    result = remind_reflections.enqueue()

    assert result.return_value == 2
    assert {r for r, _subject in reminders()} == {pair.mentee, pair.mentor}
