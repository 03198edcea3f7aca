"""The getting-started checklist (plans.checklist): each rule, then a complete plan on the page.

The rules are plain functions of PlanFacts, so most tests build the facts from
small stand-ins and unsaved models, without the database.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from mentorplan.plans import checklist, services
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.effort import plan_fit
from mentorplan.plans.models import Expectations, LearningActivity, MentorSide

from .factories import ActivityFactory, BarrierFactory, GoalFactory, MeasureFactory

START = datetime.date(2026, 3, 2)  # a Monday
END = datetime.date(2026, 8, 31)


@dataclass
class Measures:
    items: list

    def all(self):
        return self.items


@dataclass
class FakeGoal:
    """What the rules read of a goal (a saved Goal needs the database for its measures)."""

    pk: int
    position: int
    target_date: datetime.date | None = None
    agreed: list = field(default_factory=list)  # one bool per success measure

    @property
    def number(self):
        return self.position + 1

    @property
    def is_top(self):
        return self.position < 3

    @property
    def measures(self):
        return Measures([SimpleNamespace(agreed=a) for a in self.agreed])


def goals(n, **kwargs):
    return [FakeGoal(pk=i + 1, position=i, **kwargs) for i in range(n)]


def activity(kind="doing", goal=None, hours=2, starts_on=START, due_on=None, status="planned"):
    return LearningActivity(
        kind=kind,
        title="An activity",
        goal_id=goal,
        effort_amount=Decimal(hours),
        effort_unit="hours",
        starts_on=starts_on,
        due_on=due_on or starts_on + datetime.timedelta(days=6),
        status=status,
    )


def facts(**kwargs):
    activities = kwargs.pop("activities", [])
    expectations = kwargs.pop("expectations", Expectations())
    values = {
        "plan": SimpleNamespace(is_shared=False),
        "goals": [],
        "activities": activities,
        "barriers": [],
        "expectations": expectations,
        "mentor_side": MentorSide(),
        "agreement_signed": False,
        "fit": plan_fit(
            activities=activities,
            weekly_hours=expectations.weekly_hours,
            starts_on=START,
            ends_on=END,
        ),
    }
    return checklist.PlanFacts(**(values | kwargs))


# Three top goals


@pytest.mark.parametrize(
    ("count", "done", "fix"),
    [
        (0, False, "Add 3 more goals"),
        (2, False, "Add 1 more goal and"),
        (3, True, None),
        (5, True, None),
    ],
)
def test_top_goals_set(count, done, fix):
    item = checklist.top_goals_set(facts(goals=goals(count)))

    assert item.done is done
    assert item.key == "top-goals"
    assert item.audience == checklist.MENTEE
    if fix:
        assert item.fix.startswith(fix)


# Success measures: only agreed ones count; only top goals are checked


def test_measures_pass_when_each_top_goal_has_an_agreed_measure():
    plan_goals = goals(4, agreed=[True])
    plan_goals[3].agreed = []  # the fourth goal is not a top goal

    item = checklist.top_goals_measured(facts(goals=plan_goals))

    assert item.done
    assert item.audience == checklist.BOTH


def test_measures_name_the_goals_lacking_one():
    plan_goals = goals(3, agreed=[True])
    plan_goals[1].agreed = []  # none
    plan_goals[2].agreed = [False]  # proposed by the mentor, not agreed yet

    item = checklist.top_goals_measured(facts(goals=plan_goals))

    assert not item.done
    assert "for goal 2, goal 3." in item.fix


def test_measures_fail_without_goals():
    item = checklist.top_goals_measured(facts())

    assert not item.done
    assert "your top goals" in item.fix


# Target dates


def test_target_dates_pass_when_each_top_goal_has_one():
    item = checklist.top_goals_dated(facts(goals=goals(3, target_date=END)))

    assert item.done


def test_target_dates_name_the_goals_lacking_one():
    plan_goals = goals(3, target_date=END)
    plan_goals[1].target_date = None

    item = checklist.top_goals_dated(facts(goals=plan_goals))

    assert not item.done
    assert item.fix == "Set a target date for goal 2."


def test_target_dates_fail_without_goals():
    assert not checklist.top_goals_dated(facts()).done


# An activity for each top goal


def test_goal_activities_pass_when_each_top_goal_has_one():
    plan_goals = goals(4)
    activities = [activity(goal=1), activity(goal=2), activity(goal=3)]

    assert checklist.top_goals_have_activities(facts(goals=plan_goals, activities=activities)).done


def test_goal_activities_name_the_goals_lacking_one():
    activities = [activity(goal=2), activity(goal=None)]

    item = checklist.top_goals_have_activities(facts(goals=goals(3), activities=activities))

    assert not item.done
    assert item.fix == "Plan at least one activity for goal 1, goal 3."
    assert item.anchor == "activities"


# All three kinds of activity


def test_activity_kinds_pass_with_all_three():
    activities = [activity("doing"), activity("others"), activity("stretch")]

    assert checklist.activity_kinds_covered(facts(activities=activities)).done


def test_activity_kinds_name_the_missing_kinds_with_examples():
    item = checklist.activity_kinds_covered(facts(activities=[activity("doing")]))

    assert not item.done
    assert "learning from others (e.g. shadowing, situational mentoring)" in item.fix
    assert "stretch assignment (e.g. project outside the department" in item.fix
    assert "by doing" not in item.fix


# The timeline fits the mentee's hours


def test_fit_passes_within_the_weekly_hours():
    activities = [activity(hours=3), activity(hours=2)]

    item = checklist.timeline_fits(
        facts(activities=activities, expectations=Expectations(weekly_hours=Decimal(5)))
    )

    assert item.done


def test_fit_asks_for_the_weekly_hours_first():
    item = checklist.timeline_fits(facts(activities=[activity(hours=1)]))

    assert not item.done
    assert item.fix == "Say how many hours a week you can give to the plan."


def test_fit_names_the_overloaded_weeks():
    # 12 hours in one week, 6 in the next, against 4 a week.
    activities = [
        activity(hours=12),
        activity(hours=6, starts_on=START + datetime.timedelta(days=7)),
    ]

    item = checklist.timeline_fits(
        facts(activities=activities, expectations=Expectations(weekly_hours=Decimal(4)))
    )

    assert not item.done
    assert item.fix.startswith("2 weeks need more than your 4 hours (up to 12.0 h).")


def test_skipped_activities_take_no_time():
    activities = [activity(hours=12, status="skipped")]

    item = checklist.timeline_fits(
        facts(activities=activities, expectations=Expectations(weekly_hours=Decimal(4)))
    )

    assert item.done


# Barriers with strategies


def test_barriers_fail_when_none_are_listed():
    item = checklist.barriers_have_strategies(facts())

    assert not item.done
    assert item.fix.startswith("Think ahead")


def test_barriers_count_those_without_a_strategy():
    barriers = [
        SimpleNamespace(strategy="Block Fridays"),
        SimpleNamespace(strategy="  "),
        SimpleNamespace(strategy=""),
    ]

    item = checklist.barriers_have_strategies(facts(barriers=barriers))

    assert not item.done
    assert item.fix == "Add a strategy to 2 barriers."


def test_barriers_pass_when_each_has_a_strategy():
    barriers = [SimpleNamespace(strategy="Block Fridays")]

    assert checklist.barriers_have_strategies(facts(barriers=barriers)).done


# Communication expectations


COMPLETE_EXPECTATIONS = {
    "meeting_frequency": "weekly",
    "meeting_format": "Video call",
    "preferred_channels": "Email",
    "weekly_hours": Decimal(4),
}


def test_expectations_pass_when_all_are_set():
    item = checklist.expectations_set(facts(expectations=Expectations(**COMPLETE_EXPECTATIONS)))

    assert item.done


@pytest.mark.parametrize("missing", list(COMPLETE_EXPECTATIONS))
def test_expectations_fail_when_one_is_missing(missing):
    # Blank text counts as missing; the frequency is a choice, so it is empty.
    blank = {"weekly_hours": None, "meeting_frequency": ""}.get(missing, "  ")
    values = COMPLETE_EXPECTATIONS | {missing: blank}

    item = checklist.expectations_set(facts(expectations=Expectations(**values)))

    assert not item.done
    assert "how often and how you want to meet" in item.fix


# The mentor's side


COMPLETE_SIDE = {
    "understanding": "Wants to lead meetings",
    "roles": ["advice"],
    "boundaries": "No weekend calls",
    "availability": "Tuesdays",
    "response_time": "Two working days",
}


def test_mentor_side_passes_when_written():
    item = checklist.mentor_side_written(facts(mentor_side=MentorSide(**COMPLETE_SIDE)))

    assert item.done
    assert item.audience == checklist.MENTOR


@pytest.mark.parametrize("missing", list(COMPLETE_SIDE))
def test_mentor_side_fails_when_a_part_is_missing(missing):
    values = COMPLETE_SIDE | {missing: [] if missing == "roles" else ""}

    item = checklist.mentor_side_written(facts(mentor_side=MentorSide(**values)))

    assert not item.done
    assert "understanding of the goals, their role, boundaries" in item.fix


# Signed and shared


@pytest.mark.parametrize("signed", [True, False])
def test_agreement_signed(signed):
    item = checklist.agreement_signed(facts(agreement_signed=signed))

    assert item.done is signed
    assert item.fix == "Both read the agreement and sign it with their name."


@pytest.mark.parametrize("shared", [True, False])
def test_plan_shared(shared):
    item = checklist.plan_shared(facts(plan=SimpleNamespace(is_shared=shared)))

    assert item.done is shared
    assert item.anchor == "share"


def test_checklist_applies_every_rule_in_order():
    items = checklist.checklist(facts())

    assert len(items) == 11
    assert [i.key for i in items][:2] == ["top-goals", "measures"]
    assert not any(i.done for i in items)


# A complete plan, on the plan page


@pytest.fixture
def complete_plan(world):
    plan = services.plan_for_mentee(world.partnership)
    cohort = world.cohort
    for n, kind in enumerate(LearningActivity.Kind.values):
        goal = GoalFactory(plan=plan, target_date=cohort.ends_on)
        MeasureFactory(goal=goal)
        ActivityFactory(
            plan=plan,
            goal=goal,
            kind=kind,
            effort_amount=2,
            effort_unit="hours",
            starts_on=cohort.starts_on + datetime.timedelta(days=7 * n),
            due_on=cohort.starts_on + datetime.timedelta(days=7 * n + 6),
        )
    BarrierFactory(plan=plan, strategy="Block Friday mornings")
    Expectations.objects.filter(plan=plan).update(**COMPLETE_EXPECTATIONS)
    MentorSide.objects.filter(plan=plan).update(**COMPLETE_SIDE)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    plan.refresh_from_db()
    terms = agreement_terms(plan)
    agreement_sign(
        plan=plan, by=plan.partnership.mentee, role="mentee", name="Mo Mentee", terms=terms
    )
    agreement_sign(
        plan=plan, by=plan.partnership.mentor, role="mentor", name="Mina Mentor", terms=terms
    )
    return plan


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_a_complete_plan_says_so(world, complete_plan, client_as, role):
    response = client_as(world.user(role)).get(
        reverse("plans:plan-detail", args=[world.partnership.pk])
    )

    assert "Getting started: 11 of 11" in response.text
    assert "Your plan has everything a good plan needs." in response.text
    assert "Fix this" not in response.text


def test_an_incomplete_plan_shows_what_to_fix(world, complete_plan, client_as):
    complete_plan.barriers.update(strategy="")

    response = client_as(world.mentee).get(
        reverse("plans:plan-detail", args=[world.partnership.pk])
    )

    assert "Getting started: 10 of 11" in response.text
    assert "everything a good plan needs" not in response.text
    assert "Add a strategy to 1 barrier." in response.text
