"""The reflection at the end of a cohort, written by a mentee and read in the program's figures."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentorplan.plans import services as plan_services
from mentorplan.plans.models import Goal, LearningActivity
from mentorplan.plans.tests.factories import ActivityFactory, GoalFactory
from mentorplan.reports.models import GoalVerdict, Reflection, ReflectionWindow

pytestmark = pytest.mark.e2e

KEPT = "Our Friday calls, even the short ones."


def _mo_s_plan(world):
    """Mo's shared plan: shadowing worked, the memo did not, the handover is still to do."""
    plan = plan_services.plan_for_mentee(world.partnership)
    plan_services.plan_share(plan=plan, by=world.mentee)
    kind, status = LearningActivity.Kind, LearningActivity.Status
    ActivityFactory(
        plan=plan,
        kind=kind.OTHERS,
        title="Shadowing the ward sister",
        status=status.DONE,
        outcome="yes",
    )
    ActivityFactory(
        plan=plan, kind=kind.DOING, title="Writing the audit memo", status=status.DONE, outcome="no"
    )
    ActivityFactory(plan=plan, kind=kind.STRETCH, title="Leading the handover")
    GoalFactory(plan=plan, statement="Run a ward round", status=Goal.Status.ACHIEVED)
    GoalFactory(plan=plan, statement="Speak at the team meeting")


def test_a_mentee_reflects_and_the_coordinator_reads_the_figures(
    page, new_page, e2e_world, sign_in, check_page, screenshot
):
    world = e2e_world
    _mo_s_plan(world)
    ReflectionWindow.objects.create(cohort=world.cohort, opened_by=world.coordinator)

    sign_in(world.mentee)
    check_page()
    page.goto(world.partnership.get_absolute_url())
    check_page()
    page.get_by_role("button", name="Write your reflection").click()
    check_page()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Looking back")

    page.get_by_label("The activity that helped most").select_option(
        label="Shadowing the ward sister (learning from others)"
    )
    page.get_by_label("Why it helped").fill("I saw how she runs the ward.")
    page.get_by_label("The activity that helped least").select_option(
        label="Writing the audit memo (learning by doing)"
    )
    page.get_by_label("Why it did not").fill("Nobody read it.")
    page.get_by_label("What kept you on track").fill(KEPT)
    page.get_by_label("What you would change").fill("Meet in person more often.")
    page.get_by_label("Goal 1: Run a ward round").select_option(label="Met")
    page.get_by_label("Goal 2: Speak at the team meeting").select_option(label="Partly met")
    page.get_by_role("radio", name="4", exact=True).check()
    screenshot("reflection-form", phone=True)
    page.get_by_role("button", name="Save my reflection").click()
    expect(page.get_by_role("status")).to_contain_text("Your reflection is saved. Thank you.")
    check_page()
    # The saved answers come back in the form.
    expect(page.get_by_label("What kept you on track")).to_have_value(KEPT)
    expect(page.get_by_role("radio", name="4", exact=True)).to_be_checked()

    reflection = Reflection.objects.get()
    assert (reflection.author, reflection.role, reflection.rating) == (world.mentee, "mentee", 4)
    assert reflection.most_helpful.title == "Shadowing the ward sister"
    assert reflection.shared_with_partner is False
    assert sorted(GoalVerdict.objects.values_list("goal__statement", "met")) == [
        ("Run a ward round", "yes"),
        ("Speak at the team meeting", "partly"),
    ]

    # The coordinator, in a browser of their own, from the program's page.
    coordinator = new_page()
    sign_in(world.coordinator, on=coordinator)
    check_page(on=coordinator)
    coordinator.goto(world.program.get_absolute_url())
    check_page(on=coordinator)
    report = reverse("reports:program-report", args=[world.program.slug])
    coordinator.locator(f'a[href="{report}"]').click()
    check_page(on=coordinator)
    assert coordinator.url.endswith(report)

    figures = coordinator.get_by_role("region", name="Cohorts side by side (table)")
    expect(figures.get_by_role("row", name="Mentees’ rating of their partnership")).to_contain_text(
        "4.0 of 5 (1)"
    )
    expect(figures.get_by_role("row", name="Reflections written")).to_contain_text("1")
    expect(figures.get_by_role("row", name="Goals met, as the reflections say")).to_contain_text(
        "1 met, 1 partly, 0 not"
    )
    expect(coordinator.locator("svg[role=img]")).to_have_count(1)
    picture = coordinator.get_by_role("img", name="Learning activities by kind, cohort by cohort")
    expect(picture).to_be_visible()
    expect(picture).to_contain_text("1 worked of 1 done, 1 planned")
    kinds = coordinator.get_by_role("region", name="Learning activities by kind and cohort (table)")
    expect(kinds).to_be_visible()
    others = kinds.get_by_role("row", name="Learning from others")
    expect(others.get_by_role("cell")).to_have_text(
        ["2026 Partnerships", "1", "1", "0", "1", "0", "0", "100%"]
    )
    doing = kinds.get_by_role("row", name="Learning by doing")
    expect(doing.get_by_role("cell")).to_have_text(
        ["2026 Partnerships", "1", "1", "0", "0", "0", "1", "0%"]
    )
    quote = coordinator.locator("blockquote")
    expect(quote).to_have_count(1)
    expect(quote).to_contain_text(KEPT)
    expect(quote.locator("footer")).to_have_text("A mentee")
    screenshot("program-report", phone=True, on=coordinator)
    # Every word of the picture is inside it: none is cut off at its right edge.
    clipped = picture.evaluate(
        """svg => [...svg.querySelectorAll("text")]
            .filter(t => t.getBBox().x + t.getBBox().width > svg.viewBox.baseVal.width)
            .map(t => t.textContent)"""
    )
    assert clipped == []
