"""Accepting an emailed invitation: choose a name, time zone and password, then land home."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import transaction
from playwright.sync_api import expect

from mentorplan.programs import services
from mentorplan.programs.models import Membership

pytestmark = pytest.mark.e2e


def _invitation_path(message):
    # The email's link points at SITE_URL; the browser needs the live server's.
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    return urlsplit(link).path


def test_invited_person_joins_and_cannot_reuse_the_link(
    page, e2e_world, check_page, screenshot, django_user_model
):
    # on_commit sends the email through the immediate task backend.
    with transaction.atomic():
        services.participant_add(
            cohort=e2e_world.cohort,
            email="nia@example.org",
            display_name="Nia",
            role=Membership.Role.MENTEE,
            invited_by=e2e_world.coordinator,
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nia@example.org"]
    path = _invitation_path(mail.outbox[0])

    page.goto(path)
    expect(page.get_by_role("heading", name="Join Harbour City Mentoring")).to_be_visible()
    expect(page.get_by_text("nia@example.org")).to_be_visible()
    check_page()
    page.get_by_label("Your name").fill("Nia Newcomer")
    page.get_by_label("Time zone").select_option("America/Toronto")
    page.get_by_label("Choose a password").fill("lighthouse keeper 1893")
    page.get_by_label("Type it again").fill("lighthouse keeper 1893")
    screenshot("2-invitation-form")
    page.get_by_role("button", name=re.compile(r"^Join")).click()

    expect(page).to_have_url("/")
    expect(page.get_by_role("status")).to_contain_text(
        "Welcome, Nia! You joined Harbour City Mentoring: 2026 Partnerships."
    )
    waiting = page.get_by_role("region", name="Waiting to be paired", exact=True)
    expect(waiting).to_contain_text("You are a mentee in 2026 Partnerships")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("Times are shown in America/Toronto")
    check_page()
    screenshot("2-invitation-joined", phone=True)
    nia = django_user_model.objects.get(email="nia@example.org")
    assert nia.display_name == "Nia Newcomer"
    assert nia.check_password("lighthouse keeper 1893")

    page.goto(path)
    expect(
        page.get_by_role("heading", name="This invitation has already been used")
    ).to_be_visible()
    # Chrome logs the 410 status of the page itself as a console error.
    check_page(allow_console=[r"status of 410"])
    screenshot("2-invitation-used")
