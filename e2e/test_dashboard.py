"""The coordinator's dashboard: the cohort's pictures, the pairs at risk, and a nudge."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.notifications.models import Notification
from mentorplan.plans import services as plan_services
from mentorplan.plans.models import ActionPlan
from mentorplan.reports.models import Nudge

pytestmark = pytest.mark.e2e


def _at_risk_pairs(world):
    """Mo and Mina paired 25 days ago, plan not shared; Otto and Olga's plan shared, unsigned."""
    today = timezone.localdate()
    world.partnership.started_on = today - datetime.timedelta(days=25)
    world.partnership.save()
    other = world.other_partnership
    other.started_on = today - datetime.timedelta(days=25)
    other.save()
    plan = plan_services.plan_for_mentee(other)
    plan_services.plan_share(plan=plan, by=other.mentee)
    ActionPlan.objects.filter(pk=plan.pk).update(
        shared_at=timezone.now() - datetime.timedelta(days=20)
    )


def test_coordinator_filters_the_pairs_at_risk_and_nudges_one(
    page, e2e_world, sign_in, check_page, screenshot
):
    _at_risk_pairs(e2e_world)
    sign_in(e2e_world.coordinator)
    check_page()
    page.goto(e2e_world.cohort.get_absolute_url())
    check_page()
    page.get_by_role("button", name="Dashboard", exact=True).click()
    check_page()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dashboard")
    # Three pictures, each named for screen readers, each with its table.
    expect(page.locator("svg[role=img]")).to_have_count(3)
    expect(page.get_by_role("img", name="Partnerships at each step")).to_be_visible()
    page.get_by_text("Partnerships at each step (table)").click()
    expect(page.get_by_role("row", name="Paired 1")).to_be_visible()
    table = page.locator("#dashboard-table")
    expect(table).to_contain_text("Plan not shared 25 days after pairing")
    expect(table).to_contain_text("Neither has signed the agreement 20 days after sharing")
    screenshot("dashboard", phone=True)

    # The filter swaps the table in place (htmx) and keeps the address.
    page.get_by_label("Health", exact=True).select_option("not_shared")
    expect(table.get_by_role("row")).to_have_count(2)  # the header and Mo's row
    expect(table).to_contain_text("Mo Mentee")
    expect(table).not_to_contain_text("Olga Mentee")
    assert "risk=not_shared" in page.url
    check_page()

    page.get_by_role("link", name="Nudge Mo Mentee and Mina Mentor").click()
    check_page()
    message = page.get_by_label("Message")
    expect(message).to_have_value(
        "Hello both,\n\nI am checking in on your mentoring partnership.\n\n"
        "What I see on the program's dashboard:\n- Plan not shared 25 days after pairing\n\n"
        "Is there anything I can help with? Reply to me, or ask for help from your plan's "
        "barriers section."
    )
    message.fill("Hello both, can I help you get the plan shared this week?")
    page.get_by_role("button", name="Send to both").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Your message went to Mo Mentee and Mina Mentor."
    )
    check_page()
    today = timezone.localdate()
    expect(page.get_by_role("row", name="Mo Mentee")).to_contain_text(f"{today.day} {today:%b %Y}")

    # The partnerships as a CSV, read back: the figures and reasons the table shows.
    page.get_by_text("Export the cohort").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Partnerships with their figures (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = {row["Mentee"]: row for row in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {"Mo Mentee", "Olga Mentee"}
    assert rows["Mo Mentee"]["Reasons"] == "Plan not shared 25 days after pairing"
    assert rows["Olga Mentee"]["Step"] == "Plan shared"
    check_page()

    nudge = Nudge.objects.get()
    assert nudge.partnership == e2e_world.partnership
    assert set(Notification.objects.filter(kind="nudge").values_list("recipient", flat=True)) == {
        e2e_world.mentee.pk,
        e2e_world.mentor.pk,
    }


def test_the_dashboard_filters_without_javascript(e2e_world, new_page, sign_in, check_page):
    _at_risk_pairs(e2e_world)
    plain = new_page(java_script_enabled=False)
    sign_in(e2e_world.coordinator, on=plain)
    check_page(on=plain)
    plain.goto(f"/cohorts/{e2e_world.cohort.pk}/dashboard/")
    check_page(on=plain)
    plain.get_by_label("Health", exact=True).select_option("not_signed")
    plain.get_by_role("button", name="Show").click()
    check_page(on=plain)
    table = plain.locator("#dashboard-table")
    expect(table).to_contain_text("Olga Mentee")
    expect(table).not_to_contain_text("Mo Mentee")
