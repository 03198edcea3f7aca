"""Editing a cohort keeps its dates: the date inputs open with the saved values."""

import datetime

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_editing_a_cohort_keeps_its_dates(page, e2e_world, sign_in, check_page, screenshot):
    cohort = e2e_world.cohort
    cohort.starts_on, cohort.ends_on = datetime.date(2025, 1, 15), datetime.date(2025, 12, 19)
    cohort.save()
    sign_in(e2e_world.coordinator)
    check_page()
    page.goto(cohort.get_absolute_url())
    check_page()
    page.get_by_role("button", name="Edit cohort").click()
    check_page()

    # The browser shows a date input's value only when it is written in ISO 8601;
    # the site's language (British English: 15/01/2025) must not leak into it.
    starts, ends = page.get_by_label("Start date"), page.get_by_label("End date")
    expect(starts).to_have_value("2025-01-15")
    expect(ends).to_have_value("2025-12-19")
    assert page.evaluate("document.querySelector('#id_starts_on').valueAsNumber") == (
        datetime.datetime(2025, 1, 15, tzinfo=datetime.UTC).timestamp() * 1000
    )
    screenshot("cohort-edit")

    page.get_by_label("Name").fill("2025 Partnerships (renamed)")
    page.get_by_role("button", name="Save cohort").click()
    expect(page.get_by_role("status")).to_contain_text("The cohort is saved.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("15 Jan 2025 – 19 Dec 2025")
    check_page()

    cohort.refresh_from_db()
    assert cohort.name == "2025 Partnerships (renamed)"
    assert (cohort.starts_on, cohort.ends_on) == (
        datetime.date(2025, 1, 15),
        datetime.date(2025, 12, 19),
    )
