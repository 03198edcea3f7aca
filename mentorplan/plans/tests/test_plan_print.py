"""The printable plan: the whole plan and the agreement, no forms."""

import pytest
from django.urls import reverse

from mentorplan.plans import services
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.models import Barrier

from .factories import ActivityFactory, BarrierFactory, GoalFactory, MeasureFactory
from .readers import READERS, READS, status_of


@pytest.fixture
def plan(world):
    plan = services.plan_for_mentee(world.partnership)
    goal = GoalFactory(plan=plan, statement="Lead a team meeting")
    MeasureFactory(goal=goal, description="Three meetings led")
    ActivityFactory(plan=plan, title="Shadow the CFO", kind="others")
    BarrierFactory(
        plan=plan, kind=Barrier.Kind.TIME, description="Quarter-end", strategy="Block Fridays"
    )
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    return plan


def url(world):
    return reverse("plans:plan-print", args=[world.partnership.pk])


@pytest.mark.parametrize(("role", "reads_plans", "expected"), READERS)
def test_who_prints_the_plan(world, plan, client_as, role, reads_plans, expected):
    world.program.coordinators_read_plans = reads_plans
    world.program.save()

    response = client_as(world.user(role)).get(url(world))

    assert response.status_code == status_of(expected)
    assert ("Lead a team meeting" in response.text) == (expected == READS)


def test_the_whole_plan_and_the_agreement_without_forms(world, plan, client_as):
    terms = agreement_terms(plan)
    agreement_sign(
        plan=plan, by=plan.partnership.mentee, role="mentee", name="Mo Mentee", terms=terms
    )

    response = client_as(world.mentor).get(url(world))

    text = response.text
    for part in ["Lead a team meeting", "Three meetings led", "Shadow the CFO", "Block Fridays"]:
        assert part in text
    assert "Mentor: Mina Mentor" in text  # the agreement's terms
    assert "signed by Mo Mentee on" in text
    assert "not signed yet" in text
    main = text.split('<main id="main"', 1)[1]
    assert "<form" not in main
    assert "js/print.js" in text
    assert "use your browser’s Print command" in text


def test_plan_page_links_here(world, plan, client_as):
    plan_url = reverse("plans:plan-detail", args=[world.partnership.pk])
    response = client_as(world.mentee).get(plan_url)

    assert url(world) in response.text
