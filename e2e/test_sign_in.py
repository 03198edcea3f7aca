"""Signing in through the real form: each role lands on the home page made for it."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_coordinator_sees_the_cohorts_they_run(page, e2e_world, sign_in, check_page, screenshot):
    sign_in(e2e_world.coordinator)

    expect(page).to_have_url("/")
    expect(page.get_by_role("heading", name="Welcome, Cora")).to_be_visible()
    cohorts = page.get_by_role("region", name="Cohorts you run", exact=True)
    expect(cohorts).to_be_visible()
    expect(cohorts.get_by_role("link", name="2026 Partnerships", exact=True)).to_be_visible()
    expect(cohorts.get_by_role("link", name="Harbour City Mentoring")).to_be_visible()
    # Another program's cohort is not theirs.
    expect(page.get_by_text("2026 Fellows")).to_have_count(0)
    check_page()
    screenshot("1-home-coordinator", phone=True)


def test_mentor_sees_their_mentees(page, e2e_world, sign_in, check_page, screenshot):
    sign_in(e2e_world.mentor)

    mentees = page.get_by_role("region", name="Your mentees", exact=True)
    expect(mentees).to_be_visible()
    expect(mentees.get_by_role("link", name="Mo Mentee", exact=True)).to_be_visible()
    expect(page.get_by_text("Olga Mentee")).to_have_count(0)
    expect(page.get_by_role("heading", name="Cohorts you run")).to_have_count(0)
    check_page()
    screenshot("1-home-mentor", phone=True)


def test_mentee_sees_their_mentor(page, e2e_world, sign_in, check_page, screenshot):
    sign_in(e2e_world.mentee)

    expect(page.get_by_role("link", name="Mentored by Mina Mentor")).to_be_visible()
    expect(page.get_by_role("heading", name="Your mentees")).to_have_count(0)
    check_page()
    screenshot("1-home-mentee", phone=True)


def test_wrong_password_shows_an_error(page, e2e_world, sign_in, check_page, screenshot):
    sign_in(e2e_world.mentor, password="wrong horse battery staple")

    expect(page).to_have_url("/accounts/login/")
    form = page.locator("form", has=page.get_by_role("button", name="Sign in"))
    expect(form).to_contain_text("The email address and/or password you specified are not correct.")
    expect(page.get_by_label("Email")).to_have_value("mentor@example.org")
    check_page()
    screenshot("1-login-error", phone=True)
