"""Pairing a mentor with a mentee on the cohort page (an htmx form)."""

import re

import pytest
from playwright.sync_api import expect

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import MembershipFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def newcomer(e2e_world):
    """An unpaired mentee in the world's cohort."""
    user = UserFactory(email="nia@example.org", display_name="Nia Newcomer")
    MembershipFactory(user=user, cohort=e2e_world.cohort, role=Membership.Role.MENTEE)
    return user


def _open_cohort(page, sign_in, check_page, world):
    sign_in(world.coordinator)
    check_page()
    page.goto(world.cohort.get_absolute_url())
    check_page()
    return page.get_by_role("region", name="Pair a mentor with a mentee", exact=True)


def test_pairing_shows_the_new_partnership(
    page, e2e_world, newcomer, sign_in, check_page, screenshot
):
    pair = _open_cohort(page, sign_in, check_page, e2e_world)

    pair.get_by_label("Mentor:", exact=True).select_option(label="Mina Mentor <mentor@example.org>")
    pair.get_by_label("Mentee:", exact=True).select_option(label="Nia Newcomer <nia@example.org>")
    # On success the view answers with HX-Redirect, so htmx loads the whole cohort page
    # afresh: the message, the counts and both tables show the new pair.
    with page.expect_navigation():
        pair.get_by_role("button", name="Pair them").click()

    expect(page.get_by_role("status")).to_contain_text("Mina Mentor now mentors Nia Newcomer.")
    row = page.get_by_role("region", name="Partnerships", exact=True).get_by_role(
        "row", name="Nia Newcomer"
    )
    expect(row).to_contain_text("Mina Mentor")
    expect(row).to_contain_text("Active")
    people = page.get_by_role("region", name="People", exact=True)
    expect(people.get_by_role("row").filter(has_text="Mina Mentor")).to_contain_text("2 of 2")
    check_page()
    screenshot("4-cohort-after-pairing", phone=True)


def test_mentor_at_capacity_shows_the_error_by_the_mentor_field(
    page, e2e_world, newcomer, sign_in, check_page, screenshot
):
    Membership.objects.filter(cohort=e2e_world.cohort, user=e2e_world.other_mentor).update(
        capacity=1
    )
    pair = _open_cohort(page, sign_in, check_page, e2e_world)
    # Survives an htmx swap, not a page load.
    page.evaluate("window.e2eSamePage = true")

    mentor = pair.get_by_label("Mentor:", exact=True)
    mentor.select_option(label="Otto Mentor <other.mentor@example.org>")
    pair.get_by_label("Mentee:", exact=True).select_option(label="Nia Newcomer <nia@example.org>")
    pair.get_by_role("button", name="Pair them").click()

    message = "Otto Mentor is at capacity (1)."
    expect(mentor).to_have_accessible_description(re.compile(re.escape(message)))
    expect(mentor).to_have_attribute("aria-invalid", "true")
    # The bound form comes back: the choices are kept for a second try.
    expect(mentor).to_have_value(str(e2e_world.other_mentor.pk))
    assert page.evaluate("window.e2eSamePage") is True
    # Focus moves to the field in error, so a screen reader announces the message.
    expect(mentor).to_be_focused()
    expect(page.get_by_role("region", name="Partnerships", exact=True)).not_to_contain_text(
        "Nia Newcomer"
    )
    check_page()
    screenshot("4-pairing-error")
