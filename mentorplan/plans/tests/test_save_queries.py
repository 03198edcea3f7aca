"""Saving a part of the plan with htmx costs the same whatever the plan's size."""

import pytest
from django.urls import reverse

from mentorplan.plans import services

from .factories import ActivityFactory, GoalFactory, MeasureFactory, SelfAssessmentFactory

pytestmark = pytest.mark.django_db


def _plan(world, n):
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=world.mentee)
    for _ in range(n):
        goal = GoalFactory(plan=plan)
        SelfAssessmentFactory(goal=goal, score=4)
        MeasureFactory(goal=goal)
        ActivityFactory(plan=plan, goal=goal)
    return plan


# Saving a goal with htmx, statement by statement (views.parts, services.part_update):
#  1-2. session, user                     3. the plan (plans_for_reader)
#  4. the goal                            5-6. savepoints of the view's and the save's
#  transactions (in a test: they run inside its own)
#  7. the goal again, locked, at the version the form showed (editing.lock_versioned)
#  8. its update                          9. its history row
#  10. savepoint released                 11. its last self-assessment
#  12. the new self-assessment            13. the plan's revision raised (revision.py)
#  The domain signals' receivers: 14 savepoint, 15-17 the journey's "goal updated"
#  event, looked for and written once (meetings), 18-19 savepoints released,
#  20-22 the mentor's notification that the shared plan changed, gathered into the
#  one not yet sent, and its delivery still pending (notifications), 23 the agreement,
#  whose terms may have changed since a signature. 24 the view's savepoint released.
#  Then the goals section, the agreement and the checklist drawn afresh:
#  25 the plan again, 26 goals, 27 self-assessments, 28 measures, 29 activities,
#  30 barriers.
SAVE_GOAL_QUERIES = 30


@pytest.mark.parametrize("n", [1, 12])
def test_saving_a_goal_costs_the_same_for_any_plan(world, client_as, django_assert_num_queries, n):
    plan = _plan(world, n)
    goal = plan.goals.first()
    client = client_as(world.mentee)
    data = {
        "statement": "Speak at the all-hands",
        "why": "To be seen",
        "horizon": "long",
        "target_date": "2027-09-30",
        "status": "in_progress",
        "score": "6",
        "version": goal.version,
    }
    url = reverse("plans:part-edit", args=[world.partnership.pk, "goal", goal.pk])

    with django_assert_num_queries(SAVE_GOAL_QUERIES):
        response = client.post(url, data, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "Speak at the all-hands" in response.text
    assert response.text.count('id="goal-') >= n
