"""plan_changes(): the plan's history as sentences, without HTTP."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from mentorplan.plans import services
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.changes import ordinal, plan_changes
from mentorplan.plans.models import Barrier, Goal, LearningActivity

from .factories import (
    ActivityFactory,
    BarrierFactory,
    GoalFactory,
    MeasureFactory,
    MilestoneFactory,
    ObjectiveFactory,
)

THIS_YEAR = timezone.localdate().year


def save_as(user, instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance._history_user = user
    instance.save()
    return instance


def create_as(user, factory, **fields):
    """Create a part as ``user`` (the history middleware does this for requests)."""
    instance = factory.build(**fields)
    return save_as(user, instance)


def sentences(plan, since):
    return [c.sentence for c in plan_changes(plan, since)]


@pytest.fixture
def plan(world):
    return services.plan_for_mentee(world.partnership)


@pytest.fixture
def since(plan):
    # Everything made while setting up the plan is before this.
    return timezone.now()


def test_created_goal_names_its_number_and_statement(world, plan, since):
    create_as(world.mentee, GoalFactory, plan=plan, statement="Speak up in meetings")
    create_as(world.mentee, GoalFactory, plan=plan, statement="Lead a team meeting", position=1)

    changes = plan_changes(plan, since)

    assert [c.sentence for c in changes] == [
        "Mo added goal 2: “Lead a team meeting”.",
        "Mo added goal 1: “Speak up in meetings”.",
    ]
    assert changes[0].who == world.mentee
    goal = Goal.objects.get(statement="Lead a team meeting")
    assert changes[0].anchor == f"goal-{goal.pk}"


def test_goal_target_date_moves_between_dates_in_the_readers_format(world, plan):
    create_as(world.mentee, GoalFactory, plan=plan, statement="First")
    goal = create_as(
        world.mentee,
        GoalFactory,
        plan=plan,
        position=1,
        target_date=datetime.date(THIS_YEAR, 3, 3),
    )
    since = timezone.now()
    save_as(world.mentee, goal, target_date=datetime.date(THIS_YEAR, 4, 14))

    assert sentences(plan, since) == ["Goal 2’s target date moved from 3 March to 14 April."]


def test_dates_of_another_year_carry_the_year(world, plan, since):
    goal = create_as(world.mentee, GoalFactory, plan=plan)
    save_as(world.mentee, goal, target_date=datetime.date(THIS_YEAR + 1, 1, 9))

    assert sentences(plan, since)[0] == f"Goal 1’s target date is set to 9 Jan {THIS_YEAR + 1}."


def test_goal_status_and_long_text(world, plan):
    goal = create_as(world.mentee, GoalFactory, plan=plan, statement="Lead a team meeting")
    since = timezone.now()
    save_as(world.mentee, goal, status=Goal.Status.ACHIEVED, why="A long text. " * 50)

    assert sentences(plan, since) == [
        "Goal 1, “Lead a team meeting”, is now Achieved.",
        "Mo wrote why goal 1 matters.",
    ]


def test_activity_status_by_label_and_removal(world, plan):
    memo = create_as(world.mentee, ActivityFactory, plan=plan, title="Write a memo")
    cfo = create_as(world.mentee, ActivityFactory, plan=plan, title="Shadowing the CFO")
    since = timezone.now()
    save_as(
        world.mentee,
        memo,
        status=LearningActivity.Status.DONE,
        outcome=LearningActivity.Outcome.YES,
    )
    cfo._history_user = world.mentee
    cfo.delete()

    assert sentences(plan, since) == [
        "Mo removed the activity “Shadowing the CFO”.",
        "The outcome of the activity “Write a memo” is now Yes, it worked.",
        "The activity “Write a memo” is now Done.",
    ]
    changes = plan_changes(plan, since)
    assert changes[0].anchor == "activities"  # the activity is gone: its section
    assert changes[1].anchor == f"activity-{memo.pk}"


def test_activity_effort_and_link_to_a_goal(world, plan):
    create_as(world.mentee, GoalFactory, plan=plan, statement="Speak up")
    memo = create_as(world.mentee, ActivityFactory, plan=plan, title="Write a memo")
    since = timezone.now()
    goal = Goal.objects.get(statement="Speak up")
    save_as(world.mentee, memo, goal=goal, effort_amount=1, effort_unit="weeks")
    save_as(world.mentee, memo, goal=None)

    assert sentences(plan, since) == [
        "The activity “Write a memo” is no longer linked to a goal.",
        "The effort for the activity “Write a memo” changed from 2 days to 1 week.",
        "The activity “Write a memo” is now linked to goal 1.",
    ]


def test_barrier_strategy_is_summarised_not_dumped(world, plan):
    barrier = create_as(world.mentee, BarrierFactory, plan=plan, strategy="Block Friday mornings")
    since = timezone.now()
    save_as(world.mentee, barrier, strategy="Ask my manager for two hours a week.")
    save_as(world.mentee, barrier, status=Barrier.Status.MANAGED)

    assert sentences(plan, since) == [
        "The time barrier is now Being managed.",
        "Mo changed the strategy for the time barrier.",
    ]


def test_milestone_reached_and_objective_reworded(world, plan):
    milestone = create_as(world.mentee, MilestoneFactory, plan=plan, title="First talk")
    objective = create_as(world.mentee, ObjectiveFactory, plan=plan, statement="Public speaking")
    since = timezone.now()
    save_as(world.mentee, milestone, reached=True)
    save_as(world.mentee, objective, statement="Speaking to the board")

    assert sentences(plan, since) == [
        "Mo reworded the learning objective “Public speaking” to “Speaking to the board”.",
        "Milestone “First talk” is reached.",
    ]


def test_success_measures_of_a_removed_goal_are_found(world, plan):
    goal = create_as(world.mentee, GoalFactory, plan=plan, statement="Lead")
    measure = create_as(world.mentee, MeasureFactory, goal=goal, description="Three talks")
    since = timezone.now()
    save_as(world.mentee, measure, progress="One talk")
    services.part_delete(plan=plan, kind="goal", part=goal, by=world.mentee)

    # The measure went with its goal: the goal's removal says so.
    assert sentences(plan, since) == [
        "Mo removed goal 1: “Lead”.",
        "The current progress of the success measure “Three talks” of goal 1 is now “One talk”.",
    ]


def test_goal_moves_are_one_sentence_with_priorities(world, client):
    plan = services.plan_for_mentee(world.partnership)
    for statement in ["A", "B", "C"]:
        services.goal_create(plan=plan, by=plan.partnership.mentee, statement=statement, score=None)
    since = timezone.now()
    c = Goal.objects.get(statement="C")
    client.force_login(world.mentee)  # the history middleware names the mover

    client.post(reverse("plans:goal-move", args=[world.partnership.pk, c.pk, "up"]))
    client.post(reverse("plans:goal-move", args=[world.partnership.pk, c.pk, "up"]))

    assert sentences(plan, since) == [
        "Mo moved goal “C” from 2nd to 1st priority.",
        "Mo moved goal “C” from 3rd to 2nd priority.",
    ]


def test_goal_numbers_follow_removals(world, plan):
    for statement in ["A", "B", "C"]:
        services.goal_create(plan=plan, by=plan.partnership.mentee, statement=statement, score=None)
    services.part_delete(
        plan=plan, kind="goal", part=Goal.objects.get(statement="A"), by=world.mentee
    )
    since = timezone.now()
    c = Goal.objects.get(statement="C")
    # Positions were renumbered without history; C is goal 2 now.
    save_as(world.mentee, c, horizon=Goal.Horizon.LONG)

    assert sentences(plan, since) == ["Goal 2 is now long-term."]


def test_sharing_signing_and_the_mentor_side(world, plan, since):
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    plan.refresh_from_db()
    terms = agreement_terms(plan)
    agreement_sign(
        plan=plan, by=plan.partnership.mentor, role="mentor", name="Mina Mentor", terms=terms
    )
    side = plan.mentor_side
    save_as(world.mentor, side, boundaries="No calls at weekends", availability="Tuesdays")

    assert sentences(plan, since) == [
        "The mentor’s availability is now “Tuesdays”.",
        "Mina wrote the mentor’s boundaries.",
        "Mina Mentor signed the agreement, as the mentor.",
        "Mo shared the plan with Mina.",
    ]
    assert [c.anchor for c in plan_changes(plan, since)] == [
        "mentor-side",
        "mentor-side",
        "agreement",
        "share",
    ]


def test_expectations_by_label(world, plan, since):
    save_as(world.mentee, plan.expectations, meeting_frequency="monthly", weekly_hours=3)

    assert sentences(plan, since) == [
        "The meeting frequency is now Every month.",
        "The time for the plan is now 3 hours a week.",
    ]


def test_only_changes_since_the_moment_count(world, plan):
    goal = create_as(world.mentee, GoalFactory, plan=plan, statement="Old news")
    since = timezone.now()

    assert sentences(plan, since) == []

    save_as(world.mentee, goal, status=Goal.Status.IN_PROGRESS)

    assert sentences(plan, since) == ["Goal 1, “Old news”, is now In progress."]


def test_saves_without_a_real_change_say_nothing(world, plan):
    goal = create_as(world.mentee, GoalFactory, plan=plan)
    since = timezone.now()
    save_as(world.mentee, goal, version=goal.version + 1)

    assert sentences(plan, since) == []


def test_other_plans_stay_out(world, plan, since):
    other = services.plan_for_mentee(world.other_partnership)
    create_as(world.other_mentee, GoalFactory, plan=other)
    create_as(world.other_mentee, MeasureFactory, goal=Goal.objects.get(plan=other))

    assert sentences(plan, since) == []


def _make_changes(world, plan, n):
    goal = create_as(world.mentee, GoalFactory, plan=plan)
    for i in range(n):
        activity = create_as(world.mentee, ActivityFactory, plan=plan)
        save_as(world.mentee, activity, title=f"Renamed {i}")
        create_as(world.mentee, MeasureFactory, goal=goal)
        create_as(world.mentee, BarrierFactory, plan=plan)
        save_as(world.mentee, goal, statement=f"Goal wording {i}")


@pytest.mark.parametrize("n", [1, 10])
def test_queries_do_not_grow_with_the_changes(world, plan, since, n, django_assert_num_queries):
    _make_changes(world, plan, n)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    plan = type(plan).objects.select_related("partnership__mentor").get(pk=plan.pk)

    # One query: a UNION ALL over the ten historical tables (the plan, goals,
    # objectives, activities, milestones, barriers, success measures,
    # expectations, the mentor's side and the agreement). Users come with their
    # records, by a join.
    with django_assert_num_queries(1):
        changes = plan_changes(plan, since)

    assert len(changes) == 2 + 5 * n  # the goal, the sharing, then 5 per round


def test_sentences_are_escaped_in_templates(world, plan, since):
    create_as(world.mentee, GoalFactory, plan=plan, statement="<script>alert(1)</script>")
    change = plan_changes(plan, since)[0]

    html = Template("{{ change.sentence }}").render(Context({"change": change}))

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]
