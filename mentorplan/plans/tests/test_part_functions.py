"""The domain functions other apps call to change a plan, without HTTP.

``activity_status_set``, ``measure_progress_set`` and ``activity_create`` (the
meetings app's one-click changes), and ``part_update`` under them: versions are
checked as in ``editing.py``, input is validated as the plan's forms validate
it, and each passes the funnel (revision and signals).
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mentorplan.plans import services, signals
from mentorplan.plans.editing import EditConflict
from mentorplan.plans.models import ActionPlan, LearningActivity, SuccessMeasure

from .factories import ActivityFactory, GoalFactory, MeasureFactory


@pytest.fixture
def plan(world):
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=world.mentee)
    return plan


@pytest.fixture
def activity(plan):
    return ActivityFactory(plan=plan, title="Shadow the CFO")


@pytest.fixture
def measure(plan):
    return MeasureFactory(goal=GoalFactory(plan=plan), description="Three talks")


@pytest.fixture
def sent():
    """Names of the domain signals sent, in order."""
    names = []

    def receiver(sender, signal, **kwargs):
        names.append(next(n for n, s in vars(signals).items() if s is signal))

    chosen = [signals.plan_changed, signals.activity_finished, signals.measure_reached]
    for signal in chosen:
        signal.connect(receiver, weak=False, dispatch_uid="test-part-functions")
    yield names
    for signal in chosen:
        signal.disconnect(dispatch_uid="test-part-functions")


def revision(plan):
    return ActionPlan.objects.values_list("revision", flat=True).get(pk=plan.pk)


# activity_status_set


def test_status_to_in_progress(world, plan, activity, sent):
    before = revision(plan)

    saved = services.activity_status_set(
        activity=activity, status="in_progress", by=world.mentee, expected_version=1
    )

    assert (saved.status, saved.version) == ("in_progress", 2)
    assert LearningActivity.objects.get(pk=activity.pk).status == "in_progress"
    assert sent == ["plan_changed"]
    assert revision(plan) == before + 1


def test_done_needs_an_outcome(world, plan, activity, sent):
    before = revision(plan)

    with pytest.raises(ValidationError) as raised:
        services.activity_status_set(
            activity=activity, status="done", by=world.mentee, expected_version=1
        )

    assert raised.value.message_dict == {
        "outcome": ["Once an activity is done or skipped, say whether it worked."]
    }
    assert LearningActivity.objects.get(pk=activity.pk).status == "planned"
    assert sent == []
    assert revision(plan) == before


def test_done_with_outcome_and_lessons(world, plan, activity, sent):
    saved = services.activity_status_set(
        activity=activity,
        status="done",
        by=world.mentee,
        expected_version=1,
        outcome="yes",
        lessons="  Ask for the numbers first. ",
    )

    assert (saved.status, saved.outcome, saved.lessons) == (
        "done",
        "yes",
        "Ask for the numbers first.",
    )
    assert sent == ["plan_changed", "activity_finished"]


def test_a_finished_activity_keeps_its_outcome_between_done_and_skipped(
    world, plan, activity, sent
):
    done = services.activity_status_set(
        activity=activity,
        status="done",
        by=world.mentee,
        expected_version=1,
        outcome="partly",
        lessons="Too short",
    )

    skipped = services.activity_status_set(
        activity=done, status="skipped", by=world.mentee, expected_version=2
    )

    assert (skipped.outcome, skipped.lessons) == ("partly", "Too short")
    # Finished once: moving between done and skipped is not finishing again.
    assert sent == ["plan_changed", "activity_finished", "plan_changed"]


def test_back_in_progress_clears_the_outcome(world, plan, activity):
    done = services.activity_status_set(
        activity=activity, status="done", by=world.mentee, expected_version=1, outcome="no"
    )

    again = services.activity_status_set(
        activity=done, status="in_progress", by=world.mentee, expected_version=2
    )

    assert (again.status, again.outcome, again.lessons) == ("in_progress", "", "")


def test_an_outcome_before_the_end_is_refused(world, plan, activity):
    with pytest.raises(ValidationError) as raised:
        services.activity_status_set(
            activity=activity,
            status="in_progress",
            by=world.mentee,
            expected_version=1,
            outcome="yes",
        )

    assert raised.value.message_dict["outcome"] == [
        "An outcome is recorded once the activity is done or skipped."
    ]


@pytest.mark.parametrize(("status", "outcome"), [("finished", None), ("done", "maybe")])
def test_values_off_the_lists_are_refused(world, plan, activity, status, outcome):
    with pytest.raises(ValidationError) as raised:
        services.activity_status_set(
            activity=activity, status=status, by=world.mentee, expected_version=1, outcome=outcome
        )

    field = "status" if status == "finished" else "outcome"
    assert field in raised.value.message_dict
    assert LearningActivity.objects.get(pk=activity.pk).version == 1


def test_a_stale_version_is_a_conflict(world, plan, activity, sent):
    services.activity_status_set(
        activity=activity, status="in_progress", by=world.mentee, expected_version=1
    )
    sent.clear()

    with pytest.raises(EditConflict) as raised:
        services.activity_status_set(
            activity=activity, status="planned", by=world.mentor, expected_version=1
        )

    assert raised.value.current.status == "in_progress"
    assert raised.value.current.version == 2
    assert sent == []


# measure_progress_set


def test_progress_alone(world, plan, measure, sent):
    before = revision(plan)

    saved = services.measure_progress_set(
        measure=measure, by=world.mentor, expected_version=1, progress="Two of three"
    )

    assert (saved.progress, saved.achieved_on, saved.version) == ("Two of three", None, 2)
    # A mentor's note of progress is no new proposal: the measure stays agreed.
    assert SuccessMeasure.objects.get(pk=measure.pk).agreed is True
    assert sent == ["plan_changed"]
    assert revision(plan) == before + 1


def test_reached(world, plan, measure, sent):
    saved = services.measure_progress_set(
        measure=measure, by=world.mentee, expected_version=1, achieved_on=datetime.date(2026, 5, 4)
    )

    assert saved.achieved_on == datetime.date(2026, 5, 4)
    assert sent == ["plan_changed", "measure_reached"]

    # A new date on a measure already reached is no new celebration.
    sent.clear()
    services.measure_progress_set(
        measure=saved, by=world.mentee, expected_version=2, achieved_on=datetime.date(2026, 5, 5)
    )
    assert sent == ["plan_changed"]


def test_progress_too_long_is_refused(world, plan, measure):
    with pytest.raises(ValidationError) as raised:
        services.measure_progress_set(
            measure=measure, by=world.mentee, expected_version=1, progress="x" * 201
        )

    assert "progress" in raised.value.message_dict
    assert SuccessMeasure.objects.get(pk=measure.pk).progress == ""


def test_measure_conflict(world, plan, measure):
    with pytest.raises(EditConflict):
        services.measure_progress_set(
            measure=measure, by=world.mentee, expected_version=7, progress="Two"
        )


# activity_create


def _new(plan, world, **fields):
    return services.activity_create(
        plan=plan,
        by=world.mentee,
        **{
            "kind": "others",
            "title": " Shadow the CFO ",
            "effort_amount": Decimal("1.5"),
            "effort_unit": "days",
            "starts_on": datetime.date(2026, 4, 1),
            "due_on": datetime.date(2026, 4, 30),
        }
        | fields,
    )


def test_create(world, plan, sent):
    goal = GoalFactory(plan=plan)
    before = revision(plan)

    activity = _new(plan, world, goal=goal, description="With the finance team")

    activity = LearningActivity.objects.get(pk=activity.pk)
    assert (activity.plan, activity.goal, activity.title, activity.version) == (
        plan,
        goal,
        "Shadow the CFO",
        1,
    )
    assert activity.status == "planned"
    assert sent == ["plan_changed"]
    assert revision(plan) == before + 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"due_on": datetime.date(2026, 3, 1)}, "due_on"),
        ({"kind": "reading"}, "kind"),
        ({"effort_unit": "months"}, "effort_unit"),
        ({"effort_amount": Decimal("0")}, "effort_amount"),
        ({"title": ""}, "title"),
    ],
)
def test_create_validates_like_the_form(world, plan, sent, fields, field):
    with pytest.raises(ValidationError) as raised:
        _new(plan, world, **fields)

    assert field in raised.value.message_dict
    assert not LearningActivity.objects.exists()
    assert sent == []


def test_create_refuses_a_goal_of_another_plan(world, plan):
    other = services.plan_for_mentee(world.other_partnership)

    with pytest.raises(ValidationError) as raised:
        _new(plan, world, goal=GoalFactory(plan=other))

    assert raised.value.message_dict == {"goal": ["Choose a goal of this plan."]}
    assert not LearningActivity.objects.exists()


def test_part_update_refuses_a_goal_of_another_plan(world, plan, activity):
    other = services.plan_for_mentee(world.other_partnership)

    with pytest.raises(ValidationError):
        services.part_update(
            plan=plan,
            kind="activity",
            part=activity,
            by=world.mentee,
            expected_version=1,
            goal=GoalFactory(plan=other),
        )

    assert LearningActivity.objects.get(pk=activity.pk).goal is None
