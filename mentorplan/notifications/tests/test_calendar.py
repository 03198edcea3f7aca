"""The calendar: a person's private feed, a meeting's .ics, and invitations by email.

Every test reads what we serve with the ``icalendar`` parser, as a calendar does.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mentorplan.meetings import services
from mentorplan.meetings.models import ActionItem
from mentorplan.meetings.tests.factories import ActionItemFactory, MeetingFactory, in_days
from mentorplan.notifications.calendar import FEED_PAST_DAYS, feed_for
from mentorplan.notifications.delivery import send_due
from mentorplan.notifications.models import CalendarFeed, hash_secret
from mentorplan.plans import services as plan_services
from mentorplan.plans.models import LearningActivity
from mentorplan.plans.tests.factories import ActivityFactory, MilestoneFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def events(content: bytes) -> dict:
    """The feed's events by UID (a UID appears once)."""
    found = parse(content).events
    by_uid = {str(e["UID"]): e for e in found}
    assert len(by_uid) == len(found), "a UID appears twice"
    return by_uid


def uid(kind, pk):
    return f"{kind}-{pk}@testserver"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "http://testserver"


def _meeting_on(partnership, day, hour, zone="Europe/London", **kwargs):
    starts = datetime.datetime.combine(day, datetime.time(hour), ZoneInfo(zone))
    return MeetingFactory(
        partnership=partnership, starts_at=starts.astimezone(datetime.UTC), time_zone=zone, **kwargs
    )


def _dated_plan(world):
    """The world's pair with a plan: an activity open and one done, milestones."""
    plan = plan_services.plan_for_mentee(world.partnership)
    today = timezone.localdate()
    open_one = ActivityFactory(
        plan=plan,
        title="Shadow the budget team",
        starts_on=today,
        due_on=today + datetime.timedelta(days=20),
    )
    ActivityFactory(
        plan=plan,
        title="Finished already",
        starts_on=today - datetime.timedelta(days=30),
        due_on=today - datetime.timedelta(days=2),
        status=LearningActivity.Status.DONE,
        outcome="yes",
    )
    milestone = MilestoneFactory(
        plan=plan, title="First draft memo", date=today + datetime.timedelta(days=30)
    )
    MilestoneFactory(plan=plan, title="Reached one", date=today, reached=True)
    return plan, open_one, milestone


def test_the_mentee_feed_holds_their_meetings_own_action_items_and_plan_dates(world):
    summer = _meeting_on(world.partnership, datetime.date(2027, 7, 6), 10)
    winter = _meeting_on(world.partnership, datetime.date(2027, 1, 12), 10)
    called_off = _meeting_on(
        world.partnership, datetime.date(2027, 2, 9), 10, status="cancelled", cancel_reason="Ill"
    )
    long_ago = MeetingFactory(partnership=world.partnership, starts_at=in_days(-FEED_PAST_DAYS - 5))
    mine = ActionItemFactory(meeting=summer, title="Draft the memo", owner=ActionItem.Owner.MENTEE)
    ActionItemFactory(meeting=summer, title="Mentor's own task", owner=ActionItem.Owner.MENTOR)
    ActionItemFactory(meeting=summer, title="Done already", done_at=timezone.now())
    others = MeetingFactory(partnership=world.other_partnership)
    _plan, activity, milestone = _dated_plan(world)

    found = events(feed_for(world.mentee))

    assert set(found) == {
        uid("meeting", summer.pk),
        uid("meeting", winter.pk),
        uid("meeting", called_off.pk),
        uid("action-item", mine.pk),
        uid("activity", activity.pk),
        uid("milestone", milestone.pk),
    }
    assert uid("meeting", long_ago.pk) not in found
    assert uid("meeting", others.pk) not in found
    # Ten o'clock London time on both sides of the clock change, with its zone.
    for meeting, utc_hour in ((summer, 9), (winter, 10)):
        event = found[uid("meeting", meeting.pk)]
        assert event.start == datetime.datetime.combine(
            meeting.starts_at.astimezone(LONDON).date(), datetime.time(10), LONDON
        )
        assert event.start.tzinfo.key == "Europe/London"
        assert event.start.astimezone(datetime.UTC).hour == utc_hour
        assert event.end - event.start == datetime.timedelta(minutes=60)
        assert str(event["SUMMARY"]) == "Mentoring 1-on-1 with Mina Mentor"
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["URL"]) == f"http://testserver/meetings/{meeting.pk}/"
        assert str(event["LOCATION"]) == "https://meet.example.org/harbour"
    cancelled = found[uid("meeting", called_off.pk)]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert "Cancelled: Ill" in str(cancelled["DESCRIPTION"])
    # The zone's rules travel with the feed, for calendars that do not know it.
    zones = [str(z["TZID"]) for z in parse(feed_for(world.mentee)).timezones]
    assert zones == ["Europe/London"]

    item = found[uid("action-item", mine.pk)]
    assert str(item["SUMMARY"]) == "Action item due: Draft the memo"
    assert item.start == mine.due_on
    assert item.end == mine.due_on + datetime.timedelta(days=1)
    assert str(found[uid("activity", activity.pk)]["SUMMARY"]) == (
        "Activity due: Shadow the budget team"
    )
    assert found[uid("activity", activity.pk)].start == activity.due_on
    assert str(found[uid("milestone", milestone.pk)]["URL"]).endswith(f"#milestone-{milestone.pk}")


def test_the_mentor_sees_plan_dates_once_the_plan_is_shared_with_the_mentee_named(world):
    meeting = MeetingFactory(partnership=world.partnership)
    theirs = ActionItemFactory(
        meeting=meeting, owner=ActionItem.Owner.MENTOR, title="Find a sponsor"
    )
    plan, activity, milestone = _dated_plan(world)

    draft = events(feed_for(world.mentor))
    assert set(draft) == {uid("meeting", meeting.pk), uid("action-item", theirs.pk)}
    assert str(draft[uid("meeting", meeting.pk)]["SUMMARY"]) == "Mentoring 1-on-1 with Mo Mentee"

    plan_services.plan_share(plan=plan, by=world.mentee)
    shared = events(feed_for(world.mentor))
    assert str(shared[uid("activity", activity.pk)]["SUMMARY"]) == (
        "Activity due: Shadow the budget team (Mo Mentee)"
    )
    assert uid("milestone", milestone.pk) in shared
    # Nobody else's dates: the other pair's mentor, the coordinator.
    assert events(feed_for(world.other_mentor)) == {}
    assert events(feed_for(world.coordinator)) == {}


def test_an_event_keeps_its_uid_and_counts_its_changes(world):
    meeting = services.meeting_schedule(
        partnership=world.partnership,
        by=world.mentor,
        day=timezone.localdate() + datetime.timedelta(days=5),
        start=datetime.time(9, 30),
        time_zone="America/New_York",
        duration_minutes=45,
        format="video",
        location="https://meet.example.org/x",
    )
    first = events(feed_for(world.mentee))[uid("meeting", meeting.pk)]
    assert int(first["SEQUENCE"]) == 0
    assert first.start.tzinfo.key == "America/New_York"
    assert first.start.hour == 9

    moved = services.meeting_move(
        meeting=meeting,
        by=world.mentee,
        expected_version=meeting.version,
        day=timezone.localdate() + datetime.timedelta(days=6),
        start=datetime.time(11, 0),
        time_zone="America/New_York",
        duration_minutes=45,
        format="video",
        location="https://meet.example.org/x",
    )
    again = events(feed_for(world.mentee))[uid("meeting", meeting.pk)]
    assert int(again["SEQUENCE"]) == 1
    assert again.start.hour == 11
    assert again.start.date() == first.start.date() + datetime.timedelta(days=1)

    services.meeting_cancel(meeting=moved, by=world.mentor, reason="Travel")
    last = events(feed_for(world.mentee))[uid("meeting", meeting.pk)]
    assert int(last["SEQUENCE"]) == 2
    assert str(last["STATUS"]) == "CANCELLED"


def test_the_feed_address_needs_no_sign_in_and_stops_when_renewed_or_revoked(world, client):
    meeting = MeetingFactory(partnership=world.partnership)
    secret = CalendarFeed.renew(world.mentee)
    url = reverse("notifications:calendar-feed", args=[secret])

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert uid("meeting", meeting.pk) in events(response.content)
    feed = CalendarFeed.objects.get(user=world.mentee)
    assert feed.secret_hash == hash_secret(secret)
    assert secret not in feed.secret_hash
    assert feed.last_read_at is not None

    renewed = CalendarFeed.renew(world.mentee)
    assert client.get(url).status_code == 404
    assert client.get(reverse("notifications:calendar-feed", args=[renewed])).status_code == 200
    CalendarFeed.objects.filter(user=world.mentee).delete()
    assert client.get(reverse("notifications:calendar-feed", args=[renewed])).status_code == 404
    assert client.get(reverse("notifications:calendar-feed", args=["made-up"])).status_code == 404


def test_the_profile_page_makes_shows_once_renews_and_revokes_the_address(world, client_as):
    client = client_as(world.mentee)
    page = client.get(reverse("notifications:calendar"))
    assert "You have no calendar address yet" in page.content.decode()

    made = client.post(reverse("notifications:calendar"), {"action": "renew"})
    assert made.status_code == 200
    shown = made.context["new_url"]
    assert shown.startswith("http://testserver/calendar/")
    assert shown.endswith(".ics")
    secret = shown.removeprefix("http://testserver/calendar/").removesuffix(".ics")
    assert CalendarFeed.objects.get(user=world.mentee).secret_hash == hash_secret(secret)
    # Shown once: a later visit cannot show it, since only its hash is kept.
    assert secret not in client.get(reverse("notifications:calendar")).content.decode()

    client.post(reverse("notifications:calendar"), {"action": "renew"})
    assert client.get(shown).status_code == 404

    revoked = client.post(reverse("notifications:calendar"), {"action": "revoke"}, follow=True)
    assert "no longer works" in revoked.content.decode()
    assert not CalendarFeed.objects.filter(user=world.mentee).exists()


def test_a_meeting_downloads_as_ics_for_the_partners_only(world, client_as, client):
    meeting = MeetingFactory(partnership=world.partnership)
    url = reverse("meetings:meeting-ics", args=[meeting.pk])
    for partner in (world.mentee, world.mentor):
        client_as(partner)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment; filename=")
        calendar = parse(response.content)
        assert str(calendar["METHOD"]) == "PUBLISH"
        assert [str(e["UID"]) for e in calendar.events] == [uid("meeting", meeting.pk)]
    client_as(world.coordinator)
    assert client.get(url).status_code == 403
    client_as(world.other_mentor)
    assert client.get(url).status_code == 404


def _invitation(message):
    (name, content, mimetype) = message.attachments[0]
    return name, parse(content.encode() if isinstance(content, str) else content), mimetype


def test_meeting_emails_carry_an_invitation_then_its_cancellation(world, mailoutbox):
    meeting = services.meeting_schedule(
        partnership=world.partnership,
        by=world.mentee,
        day=timezone.localdate() + datetime.timedelta(days=3),
        start=datetime.time(16, 0),
        time_zone="Europe/London",
        duration_minutes=30,
        format="in_person",
        location="Room 4.12, Harbour House",
    )
    send_due(timezone.now())
    (message,) = mailoutbox
    assert message.to == ["mentor@example.org"]
    assert "Open the attached invite.ics to add it to your calendar." in message.body
    name, calendar, mimetype = _invitation(message)
    assert (name, mimetype) == ("invite.ics", "text/calendar; method=REQUEST; charset=utf-8")
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.events
    assert str(event["UID"]) == uid("meeting", meeting.pk)
    assert str(event["ORGANIZER"]) == "mailto:mentee@example.org"
    assert sorted(str(a) for a in event["ATTENDEE"]) == [
        "mailto:mentee@example.org",
        "mailto:mentor@example.org",
    ]
    assert event.start.tzinfo.key == "Europe/London"
    assert event.start.hour == 16
    assert str(event["LOCATION"]) == "Room 4.12, Harbour House"

    services.meeting_cancel(meeting=meeting, by=world.mentee, reason="A clash")
    send_due(timezone.now())
    assert "The attached cancel.ics takes the meeting off your calendar." in mailoutbox[1].body
    name, calendar, mimetype = _invitation(mailoutbox[1])
    assert (name, str(calendar["METHOD"])) == ("cancel.ics", "CANCEL")
    (event,) = calendar.events
    assert str(event["UID"]) == uid("meeting", meeting.pk)
    assert (int(event["SEQUENCE"]), str(event["STATUS"])) == (1, "CANCELLED")


def test_a_series_email_carries_its_coming_meetings_to_add(world, mailoutbox):
    series = services.series_schedule(
        partnership=world.partnership,
        by=world.mentor,
        first_on=timezone.localdate() + datetime.timedelta(days=2),
        start=datetime.time(9, 0),
        time_zone="Europe/London",
        every_weeks=2,
        duration_minutes=30,
        format="phone",
    )
    send_due(timezone.now())
    (message,) = mailoutbox
    name, calendar, _ = _invitation(message)
    assert (name, str(calendar["METHOD"])) == ("meetings.ics", "PUBLISH")
    assert sorted(str(e["UID"]) for e in calendar.events) == sorted(
        uid("meeting", pk) for pk in series.meetings.values_list("pk", flat=True)
    )
    assert all(e.start.hour == 9 and e.start.tzinfo.key == "Europe/London" for e in calendar.events)


@pytest.mark.parametrize("meetings", [1, 40])
def test_the_feed_reads_in_a_few_queries_however_busy(
    world, client, meetings, django_assert_max_num_queries
):
    plan, _, _ = _dated_plan(world)
    plan_services.plan_share(plan=plan, by=world.mentee)
    for n in range(meetings):
        meeting = MeetingFactory(partnership=world.partnership, starts_at=in_days(n * 7 - 30))
        ActionItemFactory(meeting=meeting, owner=ActionItem.Owner.MENTOR)
    url = reverse("notifications:calendar-feed", args=[CalendarFeed.renew(world.mentor)])
    # The feed, its last read, meetings, action items, activities, milestones.
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert len(parse(response.content).events) == meetings * 2 + 2
