"""Scheduling, logging, moving and cancelling meetings, and series."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentorplan.meetings import services, signals
from mentorplan.meetings.models import JourneyEvent, Meeting, MeetingChange
from mentorplan.meetings.selectors import journey_feed

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _day(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def _form(days=10, **extra):
    return {
        "day": _day(days).isoformat(),
        "start": "14:00",
        "duration_minutes": "60",
        "time_zone": "Europe/London",
        "format": "video",
        "location": "https://meet.example.org/x",
        **extra,
    }


def test_the_mentee_schedules_and_the_mentor_sees_it_on_the_home_page(world, client_as):
    received = []
    signals.meeting_scheduled.connect(lambda sender, **kw: received.append(kw), weak=False)
    url = reverse("meetings:meeting-create", args=[world.partnership.pk])

    response = client_as(world.mentee).post(url, _form())

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.time_zone == "Europe/London"
    assert not meeting.logged_afterwards
    assert meeting.changes.get().kind == MeetingChange.Kind.SCHEDULED
    assert received
    assert received[-1]["meeting"] == meeting
    home = client_as(world.mentor).get(reverse("home")).content.decode()
    assert reverse("meetings:meeting-detail", args=[meeting.pk]) in home


def test_a_past_date_logs_a_meeting_held_elsewhere(world, client_as):
    client_as(world.mentor).post(
        reverse("meetings:meeting-create", args=[world.partnership.pk]), _form(days=-3)
    )

    meeting = Meeting.objects.get()
    assert meeting.logged_afterwards
    assert meeting.is_held()
    assert meeting.changes.get().kind == MeetingChange.Kind.LOGGED
    feed = journey_feed(world.partnership, 1)
    assert [e.kind for e in feed] == [JourneyEvent.Kind.MEETING_HELD]


def test_in_person_needs_a_place_said_next_to_the_field(world, client_as):
    response = client_as(world.mentee).post(
        reverse("meetings:meeting-create", args=[world.partnership.pk]),
        _form(format="in_person", location=""),
    )

    assert response.status_code == 400
    assert response.context["form"].errors["location"] == ["Say where you will meet."]
    assert not Meeting.objects.exists()


def test_a_bad_time_zone_is_refused_next_to_its_field(world, client_as):
    response = client_as(world.mentee).post(
        reverse("meetings:meeting-create", args=[world.partnership.pk]),
        _form(time_zone="Mars/Olympus"),
    )
    assert response.status_code == 400
    assert "time_zone" in response.context["form"].errors


def test_moving_records_old_and_new_time_and_raises_the_sequence(world):
    meeting = services.meeting_schedule(
        partnership=world.partnership,
        by=world.mentee,
        day=_day(5),
        start=datetime.time(9, 0),
        time_zone="UTC",
        duration_minutes=60,
        format="video",
    )
    old = meeting.starts_at

    moved = services.meeting_move(
        meeting=meeting,
        by=world.mentor,
        expected_version=meeting.version,
        day=_day(6),
        start=datetime.time(9, 0),
        time_zone="UTC",
        duration_minutes=30,
        format="phone",
        reason="A clash with the board meeting",
    )

    change = moved.changes.last()
    assert (change.kind, change.old_starts_at, change.new_starts_at) == (
        "moved",
        old,
        moved.starts_at,
    )
    assert change.reason == "A clash with the board meeting"
    assert moved.sequence == 1
    assert moved.version == 2


def test_a_move_from_a_stale_page_is_a_conflict_that_keeps_the_choice(world, client_as):
    meeting = MeetingFactory(partnership=world.partnership)
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    client_as(world.mentor).post(url, _form(days=8, version=meeting.version))

    response = client_as(world.mentee).post(url, _form(days=9, version=meeting.version))

    assert response.status_code == 409
    assert "Your partner changed this meeting" in response.content.decode()
    assert response.context["form"]["day"].value() == _day(9).isoformat()
    assert Meeting.objects.get().starts_at.date() == _day(8)


def test_cancelling_needs_a_reason_and_leaves_the_journey(world, client_as):
    meeting = MeetingFactory(partnership=world.partnership, starts_at=timezone.now())
    services._held_event(meeting)
    url = reverse("meetings:meeting-cancel", args=[meeting.pk])

    refused = client_as(world.mentee).post(url, {"reason": "  "})
    assert refused.status_code == 400
    assert refused.context["form"].errors["reason"] == ["Say why, so your partner knows."]

    client_as(world.mentee).post(url, {"reason": "Mo is ill"})
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert meeting.cancel_reason == "Mo is ill"
    assert not JourneyEvent.objects.exists()
    page = client_as(world.mentor).get(meeting.get_absolute_url()).content.decode()
    assert "Mo is ill" in page


def test_a_series_runs_until_the_cohort_ends_and_stops_as_a_whole(world):
    world.cohort.ends_on = _day(70)
    world.cohort.save()
    series = services.series_schedule(
        partnership=world.partnership,
        by=world.mentor,
        first_on=_day(1),
        start=datetime.time(8, 30),
        time_zone="Asia/Tokyo",
        every_weeks=2,
        duration_minutes=45,
        format="video",
    )
    meetings = list(series.meetings.all())
    assert len(meetings) == 5  # days 1, 15, 29, 43, 57
    assert series.until == _day(70)
    # One meeting of the series is moved on its own, another cancelled on its own.
    services.meeting_cancel(meeting=meetings[1], by=world.mentee, reason="Holiday")
    services.meeting_move(
        meeting=meetings[2],
        by=world.mentee,
        expected_version=1,
        day=_day(30),
        start=datetime.time(8, 30),
        time_zone="Asia/Tokyo",
        duration_minutes=45,
        format="video",
    )
    assert Meeting.objects.filter(series=series).scheduled().count() == 4

    assert services.series_cancel(series=series, by=world.mentor, reason="We meet at work") == 4
    assert not Meeting.objects.filter(series=series).scheduled().exists()


def test_a_series_starts_in_the_future(world):
    with pytest.raises(ValidationError) as error:
        services.series_schedule(
            partnership=world.partnership,
            by=world.mentor,
            first_on=_day(-7),
            start=datetime.time(8, 30),
            time_zone="UTC",
            every_weeks=1,
            duration_minutes=45,
            format="video",
        )
    assert "day" in error.value.error_dict


def test_an_ended_partnership_cannot_schedule(world, client_as):
    world.partnership.end(status="completed")
    response = client_as(world.mentee).post(
        reverse("meetings:meeting-create", args=[world.partnership.pk]), _form()
    )
    assert response.status_code == 403
    assert not Meeting.objects.exists()
