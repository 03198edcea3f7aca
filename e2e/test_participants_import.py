"""Importing a CSV of participants as coordinator: a bad row stops the import until asked."""

import pytest
from playwright.sync_api import expect

from mentorplan.programs.models import Membership

pytestmark = pytest.mark.e2e

CSV = (
    "email,name,role,capacity,expertise,interests\n"
    'ada@example.org,Ada Lovelace,mentor,2,"analysis, writing",\n'
    "not-an-email,Bad Row,mentee,,,\n"
    'grace@example.org,Grace Hopper,mentee,,,"compilers, leadership"\n'
)


def test_bad_row_is_reported_then_good_rows_are_imported(
    page, e2e_world, sign_in, check_page, screenshot
):
    sign_in(e2e_world.coordinator)
    check_page()
    page.get_by_role("link", name="2026 Partnerships", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2026 Partnerships")
    check_page()
    screenshot("3-cohort-before-import", phone=True)

    # Pico's button-looking links carry role="button", so that is how they are announced.
    page.get_by_role("button", name="Import a CSV").click()
    expect(
        page.get_by_role("heading", name="Import participants into 2026 Partnerships")
    ).to_be_visible()
    check_page()
    page.get_by_label("CSV file").set_input_files(
        {"name": "people.csv", "mimeType": "text/csv", "buffer": CSV.encode()}
    )
    page.get_by_role("button", name="Check and import").click()

    report = page.get_by_role("region", name="Nothing was imported yet", exact=True)
    expect(report).to_be_visible()
    expect(report.get_by_role("status")).to_contain_text("1 row has errors; 2 rows can be imported")
    bad = report.get_by_role("row").filter(has_text="not-an-email")
    expect(bad.get_by_role("cell").first).to_have_text("3")  # the line in the file
    expect(bad).to_contain_text("Enter a valid email address.")
    assert not Membership.objects.filter(user__email__in=["ada@example.org", "grace@example.org"])
    check_page()
    screenshot("3-import-report", phone=True)

    page.get_by_role("button", name="Import the 2 good rows and leave out the rest").click()
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Imported 2 people")
    check_page()

    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="2026 Partnerships"
    ).click()
    people = page.get_by_role("region", name="People", exact=True)
    expect(people.get_by_role("row").filter(has_text="Ada Lovelace")).to_contain_text("Mentor")
    expect(people.get_by_role("row").filter(has_text="Grace Hopper")).to_contain_text("not paired")
    expect(people).not_to_contain_text("Bad Row")
    check_page()
    screenshot("3-cohort-after-import")
