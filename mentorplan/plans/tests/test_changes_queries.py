"""The "what changed" page in a fixed number of queries, however many parts and tables changed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.meetings.models import Meeting
from mentorplan.meetings.tests.factories import MeetingFactory, in_days
from mentorplan.plans import changes, services
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.models import Goal

from .factories import (
    ActivityFactory,
    BarrierFactory,
    GoalFactory,
    MeasureFactory,
    MilestoneFactory,
    ObjectiveFactory,
)
from .test_changes import create_as, save_as

# The page for the mentee or the mentor:
#  1. the session
#  2. the user
#  3. the plan with its partnership, people, program and the reader's visit
#     (permissions.get_plan_access, one query by selectors.plans_for_reader)
#  4. the history: one UNION ALL over the ten historical tables, with the user
#     of each record joined, and the last meeting read inside it when the
#     meetings app's hook answers with a queryset (changes.last_meeting_hooks)
#  5. the unread notifications count in the navigation (base.html)
CHANGES_QUERIES = 5
# The coordinator's role costs one more query: does the user run this cohort
# (programs.permissions.can_coordinate_cohort, from permissions.plan_role).
COORDINATOR_QUERIES = CHANGES_QUERIES + 1


def _url(world, **params):
    base = reverse("plans:plan-changes", args=[world.partnership.pk])
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}?{query}" if query else base


def _change_goals(world, plan, n):
    """``n`` rounds of changes to the goals only: one historical table."""
    for i in range(n):
        goal = create_as(world.mentee, GoalFactory, plan=plan, position=i)
        save_as(world.mentee, goal, statement=f"Goal wording {i}")


def _change_every_table(world, plan, n):
    """``n`` rounds of changes to every historical table but the agreement, then both signatures."""
    for i in range(n):
        goal = create_as(world.mentee, GoalFactory, plan=plan, position=i)
        save_as(world.mentee, goal, statement=f"Goal wording {i}")
        create_as(world.mentee, ObjectiveFactory, plan=plan, goal=goal)
        create_as(world.mentee, ActivityFactory, plan=plan, goal=goal)
        create_as(world.mentee, MilestoneFactory, plan=plan, goal=goal)
        create_as(world.mentee, BarrierFactory, plan=plan)
        create_as(world.mentee, MeasureFactory, goal=goal)
        save_as(world.mentee, plan.expectations, weekly_hours=i + 1)
        save_as(world.mentor, plan.mentor_side, availability=f"Tuesdays {i}")
    plan.refresh_from_db()
    terms = agreement_terms(plan)
    for partner, role in [(world.mentee, "mentee"), (world.mentor, "mentor")]:
        agreement_sign(plan=plan, by=partner, role=role, name=partner.display_name, terms=terms)


@pytest.fixture
def plan(world):
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def meeting_hook_as_queryset(monkeypatch):
    """The meetings app's hook answering with a queryset, read inside the history query.

    Today's hook (meetings.journey.last_meeting_held) answers with a datetime,
    which costs a query of its own; this is the same question as a queryset.
    """

    def last_meeting_held(plan):
        return (
            Meeting.objects.held()
            .filter(partnership_id=plan.partnership_id)
            .order_by("-starts_at")
            .values("starts_at")
        )

    monkeypatch.setattr(changes, "last_meeting_hooks", [last_meeting_held])


@pytest.mark.parametrize("make", [_change_goals, _change_every_table])
@pytest.mark.parametrize("n", [1, 8])
@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_a_chosen_date_costs_a_fixed_number_of_queries(
    world, plan, client_as, django_assert_num_queries, make, n, role
):
    make(world, plan, n)
    client = client_as(world.user(role))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    with django_assert_num_queries(CHANGES_QUERIES):
        response = client.get(_url(world, since=yesterday))

    assert response.status_code == 200
    assert response.context["since_what"] == "date"
    assert len(response.context["changes"]) >= 2 * n + 1  # added, reworded; shared


@pytest.mark.parametrize("make", [_change_goals, _change_every_table])
@pytest.mark.parametrize("n", [1, 8])
def test_since_the_last_meeting_costs_the_same(
    world, plan, client_as, django_assert_num_queries, meeting_hook_as_queryset, make, n
):
    held = MeetingFactory(partnership=world.partnership, starts_at=in_days(-3))
    MeetingFactory(partnership=world.partnership, starts_at=in_days(3))  # not held yet
    make(world, plan, n)
    client = client_as(world.mentor)

    with django_assert_num_queries(CHANGES_QUERIES):
        response = client.get(_url(world))

    assert response.context["since_what"] == "meeting"
    assert response.context["since"] == held.starts_at
    assert "since our last meeting" in response.text
    assert f"Mo reworded goal {n} from" in response.text


def test_the_meeting_hook_in_the_query_finds_changes_since_the_meeting_only(
    world, plan, client_as, meeting_hook_as_queryset
):
    before = create_as(world.mentee, GoalFactory, plan=plan, statement="Before we met")
    Goal.history.filter(id=before.pk).update(history_date=in_days(-5))
    held = MeetingFactory(partnership=world.partnership, starts_at=in_days(-3))
    create_as(world.mentee, GoalFactory, plan=plan, statement="After we met", position=1)

    response = client_as(world.mentee).get(_url(world))

    assert response.context["since"] == held.starts_at
    assert "“After we met”" in response.text
    assert "“Before we met”" not in response.text


def test_without_a_meeting_the_hook_in_the_query_falls_back_to_the_start(
    world, plan, client_as, meeting_hook_as_queryset
):
    MeetingFactory(partnership=world.partnership, starts_at=in_days(3))  # not held yet
    create_as(world.mentee, GoalFactory, plan=plan, statement="Lead a team meeting")

    response = client_as(world.mentee).get(_url(world))

    assert response.context["since_what"] == "start"
    assert response.context["since"] == plan.created_at
    assert "Mo added goal 1: “Lead a team meeting”." in response.text


@pytest.mark.parametrize("n", [1, 8])
def test_the_last_meeting_is_read_inside_the_same_query(
    world, plan, client_as, django_assert_num_queries, n
):
    # meetings.journey.last_meeting_held answers with a queryset, read as a
    # subquery of the history's UNION: no query of its own.
    _change_every_table(world, plan, n)
    client = client_as(world.mentee)

    with django_assert_num_queries(CHANGES_QUERIES):
        response = client.get(_url(world))

    assert response.context["since_what"] == "start"
    assert f"Mo reworded goal {n} from" in response.text


@pytest.mark.parametrize("n", [1, 8])
def test_the_coordinator_who_reads_plans(world, plan, client_as, django_assert_num_queries, n):
    world.program.coordinators_read_plans = True
    world.program.save()
    _change_every_table(world, plan, n)
    client = client_as(world.coordinator)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    with django_assert_num_queries(COORDINATOR_QUERIES):
        response = client.get(_url(world, since=yesterday))

    assert f"Mo reworded goal {n} from" in response.text
