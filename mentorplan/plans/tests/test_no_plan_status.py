"""The plan's pages answer as the plan page does before a plan exists or to a non-reader.

The plan page (``plan_detail``) shows a member of the partnership who may not
read the plan, or who comes before the mentee has started it, the plan's
progress with status 200; outsiders get 404. Its print, timeline and "what
changed" pages answer the same (issue #11). The plan page is in the table too,
so every page is held to the same answer.
"""

import pytest
from django.urls import reverse

from mentorplan.partnerships.models import Partnership
from mentorplan.plans import services
from mentorplan.plans.models import ActionPlan

from .factories import GoalFactory
from .readers import (
    DRAFT_READERS,
    ENDED_UNSTARTED_READERS,
    PROGRESS,
    READS,
    UNSTARTED_READERS,
    status_of,
)

PAGES = ["plans:plan-detail", "plans:plan-print", "plans:plan-timeline", "plans:plan-changes"]
GOAL = "Lead a team meeting"


def _get(world, client_as, page, role, reads_plans):
    world.program.coordinators_read_plans = reads_plans
    world.program.save()
    client = client_as(world.user(role))
    return client.get(reverse(page, args=[world.partnership.pk]))


def _templates(response):
    return [t.name for t in response.templates]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("role", "reads_plans", "expected"), UNSTARTED_READERS)
def test_before_the_plan_is_started(world, client_as, page, role, reads_plans, expected):
    response = _get(world, client_as, page, role, reads_plans)

    assert response.status_code == status_of(expected)
    # Only the mentee's visit starts the plan.
    started = ActionPlan.objects.filter(partnership=world.partnership).exists()
    assert started == (expected == READS)
    assert ("plans/plan_progress.html" in _templates(response)) == (expected == PROGRESS)
    if expected == PROGRESS:
        assert "Mo Mentee has not started their plan yet." in response.text


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("role", "reads_plans", "expected"), ENDED_UNSTARTED_READERS)
def test_an_ended_partnership_without_a_plan(world, client_as, page, role, reads_plans, expected):
    world.partnership.end(status=Partnership.Status.COMPLETED)

    response = _get(world, client_as, page, role, reads_plans)

    assert response.status_code == status_of(expected)
    assert not ActionPlan.objects.filter(partnership=world.partnership).exists()
    if expected == PROGRESS:
        assert "plans/plan_progress.html" in _templates(response)
        assert "No action plan was written in this partnership." in response.text


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("role", "reads_plans", "expected"), DRAFT_READERS)
def test_a_plan_not_shared_yet(world, client_as, page, role, reads_plans, expected):
    plan = services.plan_for_mentee(world.partnership)
    GoalFactory(plan=plan, statement=GOAL)

    response = _get(world, client_as, page, role, reads_plans)

    assert response.status_code == status_of(expected)
    assert (GOAL in response.text) == (expected == READS)
    assert ("plans/plan_progress.html" in _templates(response)) == (expected == PROGRESS)
    if expected == PROGRESS and role == "mentor":
        assert "Mo Mentee is still drafting their plan." in response.text
    if expected == PROGRESS and role == "coordinator":
        assert "As a coordinator you see the plan’s progress." in response.text


@pytest.mark.parametrize("page", PAGES[1:])
def test_anonymous_is_sent_to_sign_in(world, client, page):
    response = client.get(reverse(page, args=[world.partnership.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
