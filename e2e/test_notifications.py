"""Notifications as a person meets them: the count and the list, unsubscribing, the calendar.

The mentor schedules a meeting; the mentee sees the count in the navigation,
opens the list and the notification (which takes them to the meeting and marks
it read). A link from an email unsubscribes without signing in. The mentee makes
a calendar address on their profile, a calendar reads it, and revoking it stops it.
"""

import datetime
import re

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from mentorplan.meetings import services
from mentorplan.notifications.models import EmailPreference
from mentorplan.notifications.preferences import unsubscribe_token

pytestmark = pytest.mark.e2e


@pytest.fixture
def meeting(e2e_world):
    """Mina schedules a meeting: Mo is told."""
    return services.meeting_schedule(
        partnership=e2e_world.partnership,
        by=e2e_world.mentor,
        day=timezone.localdate() + datetime.timedelta(days=5),
        start=datetime.time(15, 0),
        time_zone="Europe/London",
        duration_minutes=60,
        format="video",
        location="https://meet.example.org/mo-and-mina",
    )


def test_the_notification_list_counts_opens_and_marks_read(
    page, e2e_world, meeting, sign_in, check_page, screenshot
):
    sign_in(e2e_world.mentee)
    nav = page.get_by_role("navigation").get_by_role("link", name=re.compile("^Notifications"))
    expect(nav).to_have_text("Notifications 1 unread")
    check_page()

    nav.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications 1 unread")
    item = page.locator("#notification-list li").first
    expect(item).to_contain_text("Mina Mentor scheduled a meeting")
    expect(item).to_contain_text("New")
    check_page()
    screenshot("notifications-list", phone=True)

    item.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/meetings/{meeting.pk}/$"))
    expect(nav).to_have_text("Notifications")
    check_page()

    page.goto("/notifications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.locator("#notification-list li").first).not_to_contain_text("New")
    check_page()


def test_an_email_link_unsubscribes_without_signing_in(page, e2e_world, check_page, screenshot):
    mentee = e2e_world.mentee
    page.goto(f"/unsubscribe/{unsubscribe_token(mentee, ['comment'])}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop these emails?")
    expect(page.locator("main")).to_contain_text("mentee@example.org")
    check_page()
    screenshot("unsubscribe-ask", phone=True)
    # A GET only asks: mail scanners follow links.
    assert not EmailPreference.objects.filter(user=mentee).exists()

    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    check_page()
    screenshot("unsubscribe-done")
    assert EmailPreference.objects.get(user=mentee, kind="comment").enabled is False


def test_a_calendar_address_is_made_read_and_revoked(
    page, e2e_world, meeting, sign_in, check_page, screenshot
):
    sign_in(e2e_world.mentee)
    check_page()
    page.goto("/profile/")
    check_page()
    page.get_by_role("link", name="Your calendar feed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your calendar feed")
    check_page()

    page.get_by_role("button", name="Make my calendar address").click()
    address = page.get_by_role("textbox", name="Calendar address")
    url = address.input_value()
    assert re.fullmatch(r"http://[^/]+/calendar/[\w-]+\.ics", url), url
    check_page()
    screenshot("calendar-feed-made", phone=True)

    # A calendar program reads it, signed in or not.
    # (The address is on SITE_URL; the test's server listens elsewhere, so its path.)
    path = "/calendar/" + url.split("/calendar/")[1]
    feed = page.context.request.get(path)
    assert feed.status == 200
    (event,) = Calendar.from_ical(feed.body()).events
    assert str(event["SUMMARY"]) == "Mentoring 1-on-1 with Mina Mentor"
    assert event.start.tzinfo.key == "Europe/London"
    assert event.start.hour == 15

    page.goto("/profile/calendar/")
    expect(address).to_have_count(0)  # shown once: only its hash is kept
    expect(page.locator("main")).not_to_contain_text(path)
    check_page()
    page.get_by_role("button", name="Revoke the address").click()
    expect(page.get_by_role("status", name="Messages")).to_contain_text("no longer works")
    check_page()
    assert page.context.request.get(path).status == 404
