"""Pairing a mentor with a mentee on the cohort page: search, pick, pair.

Each side has a search box: with htmx the matches come as the coordinator types,
without JavaScript its Search button draws the page again with them. The people
found are radio buttons, picked with the mouse or the keyboard.
"""

import re

import pytest
from playwright.sync_api import expect

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.partnerships.models import Partnership
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


def _side(pair, role):
    """The mentor's or the mentee's half of the pair form (a fieldset)."""
    return pair.get_by_role("group", name=f"{role.title()}:", exact=True)


def test_pairing_by_searching_and_picking(
    page, e2e_world, newcomer, sign_in, check_page, screenshot
):
    pair = _open_cohort(page, sign_in, check_page, e2e_world)
    page.evaluate("window.e2eSamePage = true")
    mentor, mentee = _side(pair, "mentor"), _side(pair, "mentee")

    # Typing asks for matches (htmx, after a pause); the count is read out (aria-live).
    mentor.get_by_label("Find a mentor by name or email").press_sequentially("mina")
    expect(mentor.locator("[aria-live=polite]")).to_have_text(
        "1 mentor with room in 2026 Partnerships matches “mina”."
    )
    expect(mentor.get_by_role("radio")).to_have_count(1)
    mentor.get_by_role("radio", name=re.compile("^Mina Mentor")).check()

    # The keyboard alone: type (Enter searches at once, without a page load and keeping
    # the mentor picked), Tab past the Search button to the results, Space picks.
    search = mentee.get_by_label("Find a mentee by name or email")
    search.press_sequentially("nia")
    search.press("Enter")
    expect(mentee.locator("[aria-live=polite]")).to_have_text(
        "1 mentee in 2026 Partnerships matches “nia”."
    )
    expect(search).to_be_focused()
    expect(mentor.get_by_role("radio", name=re.compile("^Mina Mentor"))).to_be_checked()
    nia = mentee.get_by_role("radio", name=re.compile("^Nia Newcomer"))
    expect(nia).to_have_accessible_name(re.compile(r"nia@example\.org · waiting"))
    search.press("Tab")
    expect(mentee.get_by_role("button", name="Search mentees")).to_be_focused()
    page.keyboard.press("Tab")
    expect(nia).to_be_focused()
    page.keyboard.press("Space")
    expect(nia).to_be_checked()
    # Searching again keeps Mina picked, first in the list though she does not match.
    mentor.get_by_label("Find a mentor by name or email").fill("otto")
    expect(mentor.locator("[aria-live=polite]")).to_contain_text("matches “otto”")
    expect(mentor.get_by_role("radio")).to_have_count(2)
    expect(mentor.get_by_role("radio").first).to_be_checked()
    expect(mentor.get_by_role("radio").first).to_have_accessible_name(re.compile("^Mina Mentor"))
    assert page.evaluate("window.e2eSamePage") is True  # no page load so far
    assert page.locator("select").count() == 0
    check_page()
    page.screenshot(path="/tmp/cohort-pairing.png", full_page=True, caret="initial")
    screenshot("4-cohort-pairing-search", phone=True)

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
    # Mina is full now: the mentor search no longer offers her.
    expect(_side(pair, "mentor").get_by_role("radio")).to_have_count(1)
    expect(_side(pair, "mentor")).not_to_contain_text("Mina Mentor")
    check_page()
    screenshot("4-cohort-after-pairing", phone=True)


def test_searching_the_people_table(page, e2e_world, newcomer, sign_in, check_page):
    _open_cohort(page, sign_in, check_page, e2e_world)
    people = page.get_by_role("region", name="People", exact=True)
    search = page.get_by_label("Find people by name or email")

    search.press_sequentially("olga")
    expect(page.locator("#people-summary")).to_have_text("1 person matches “olga”.")
    expect(people.get_by_role("row")).to_have_count(2)  # the header and Olga
    expect(people).to_contain_text("Olga Mentee")
    check_page()

    search.fill("nobody at all")
    expect(page.locator("#people-summary")).to_have_text("No one matches “nobody at all”.")
    expect(page.get_by_text("No one matches “nobody at all”. Search for part")).to_be_visible()
    check_page()


def test_a_mentor_who_fills_up_meanwhile_shows_the_error_by_the_mentor_field(
    page, e2e_world, newcomer, sign_in, check_page, screenshot
):
    Membership.objects.filter(cohort=e2e_world.cohort, user=e2e_world.other_mentor).update(
        capacity=1
    )
    pair = _open_cohort(page, sign_in, check_page, e2e_world)
    # Survives an htmx swap, not a page load.
    page.evaluate("window.e2eSamePage = true")
    mentor, mentee = _side(pair, "mentor"), _side(pair, "mentee")

    # Otto has no room: he is not offered at all.
    mentor.get_by_label("Find a mentor by name or email").press_sequentially("otto")
    expect(mentor.locator("[aria-live=polite]")).to_have_text(
        "No mentor with room in 2026 Partnerships matches “otto”."
    )
    expect(mentor.get_by_role("radio")).to_have_count(0)
    # Mina has room when picked, and none by the time the form is sent (another
    # coordinator paired her meanwhile).
    mentor.get_by_label("Find a mentor by name or email").fill("mina")
    mentor.get_by_role("radio", name=re.compile("^Mina Mentor")).check()
    mentee.get_by_label("Find a mentee by name or email").press_sequentially("nia")
    mentee.get_by_role("radio", name=re.compile("^Nia Newcomer")).check()
    Membership.objects.filter(cohort=e2e_world.cohort, user=e2e_world.mentor).update(capacity=1)
    pair.get_by_role("button", name="Pair them").click()

    message = "Mina Mentor is at capacity (1)."
    expect(mentor).to_have_accessible_description(re.compile(re.escape(message)))
    mina = mentor.get_by_role("radio", name=re.compile("^Mina Mentor"))
    expect(mina).to_have_attribute("aria-invalid", "true")
    # The bound form comes back: both picks are kept for a second try.
    expect(mina).to_be_checked()
    expect(mentee.get_by_role("radio", name=re.compile("^Nia Newcomer"))).to_be_checked()
    assert page.evaluate("window.e2eSamePage") is True
    # Focus moves to the field in error, so a screen reader announces the message.
    expect(mina).to_be_focused()
    expect(page.get_by_role("region", name="Partnerships", exact=True)).not_to_contain_text(
        "Nia Newcomer"
    )
    assert not Partnership.objects.filter(mentee=newcomer).exists()
    check_page()
    screenshot("4-pairing-error")


def test_pairing_without_javascript(e2e_world, newcomer, new_page, sign_in, check_page):
    coordinator = new_page(java_script_enabled=False)
    sign_in(e2e_world.coordinator, on=coordinator)
    check_page(on=coordinator)
    coordinator.goto(e2e_world.cohort.get_absolute_url())
    check_page(on=coordinator)
    pair = coordinator.get_by_role("region", name="Pair a mentor with a mentee", exact=True)
    mentor, mentee = _side(pair, "mentor"), _side(pair, "mentee")

    # Both boxes belong to one GET form: either Search button draws the page with both.
    mentor.get_by_label("Find a mentor by name or email").fill("mina")
    mentee.get_by_label("Find a mentee by name or email").fill("nia")
    mentee.get_by_role("button", name="Search mentees").click()
    expect(coordinator).to_have_url(re.compile(r"\?mentor_q=mina&mentee_q=nia#pair-heading$"))
    check_page(on=coordinator)
    expect(mentor.get_by_role("radio")).to_have_count(1)
    expect(mentee.get_by_role("radio")).to_have_count(1)
    expect(mentor.get_by_label("Find a mentor by name or email")).to_have_value("mina")
    mentor.get_by_role("radio", name=re.compile("^Mina Mentor")).check()
    mentee.get_by_role("radio", name=re.compile("^Nia Newcomer")).check()
    pair.get_by_role("button", name="Pair them").click()

    expect(coordinator.get_by_role("status")).to_contain_text(
        "Mina Mentor now mentors Nia Newcomer."
    )
    check_page(on=coordinator)
    assert Partnership.objects.get(mentee=newcomer).mentor == e2e_world.mentor
