"""Meeting times: stored in UTC, read in each reader's zone, series across DST."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from mentorplan.meetings import services
from mentorplan.meetings.templatetags.meeting_tags import meeting_when, moment
from mentorplan.meetings.times import series_days, to_utc

from .factories import MeetingFactory

UTC = datetime.UTC


def test_a_wall_clock_time_is_stored_in_utc():
    moment_ = to_utc(datetime.date(2027, 1, 12), datetime.time(14, 0), "America/New_York")
    assert moment_ == datetime.datetime(2027, 1, 12, 19, 0, tzinfo=UTC)


def test_london_at_two_is_two_in_winter_and_one_utc_in_summer():
    winter = to_utc(datetime.date(2027, 3, 23), datetime.time(14, 0), "Europe/London")
    summer = to_utc(datetime.date(2027, 3, 30), datetime.time(14, 0), "Europe/London")
    assert winter == datetime.datetime(2027, 3, 23, 14, 0, tzinfo=UTC)
    assert summer == datetime.datetime(2027, 3, 30, 13, 0, tzinfo=UTC)


def test_the_skipped_hour_resolves_to_a_real_moment():
    # 01:30 on 28 March 2027 does not exist in London (clocks go from 01:00 to 02:00).
    moment_ = to_utc(datetime.date(2027, 3, 28), datetime.time(1, 30), "Europe/London")
    local = moment_.astimezone(ZoneInfo("Europe/London"))
    assert local.hour in (0, 2)


def test_series_days_step_by_weeks_up_to_the_last_day():
    days = series_days(datetime.date(2027, 1, 5), datetime.date(2027, 2, 2), 2, limit=60)
    assert days == [
        datetime.date(2027, 1, 5),
        datetime.date(2027, 1, 19),
        datetime.date(2027, 2, 2),
    ]


@pytest.mark.django_db
def test_a_series_keeps_its_wall_clock_across_the_change_to_summer_time(world):
    # (March 2027 is ahead: the world's cohort runs until then and later.)
    series = services.series_schedule(
        partnership=world.partnership,
        by=world.mentee,
        first_on=datetime.date(2027, 3, 16),
        start=datetime.time(14, 0),
        time_zone="Europe/London",
        every_weeks=1,
        duration_minutes=60,
        format="video",
        until=datetime.date(2027, 4, 6),
    )
    starts = [m.starts_at for m in series.meetings.order_by("starts_at")]
    in_london = [s.astimezone(ZoneInfo("Europe/London")).time() for s in starts]
    assert in_london == [datetime.time(14, 0)] * 4
    assert [s.hour for s in starts] == [14, 14, 13, 13]


@pytest.mark.django_db
def test_a_meeting_set_in_one_zone_reads_in_anothers():
    meeting = MeetingFactory(
        starts_at=to_utc(datetime.date(2027, 1, 12), datetime.time(9, 0), "Europe/Berlin"),
        time_zone="Europe/Berlin",
    )
    with timezone.override(ZoneInfo("America/Chicago")):
        text = meeting_when(meeting)
        assert text.startswith("Tuesday 12 January 2027, 02:00–03:00 (America/Chicago)")
        assert text.endswith("; 09:00 in Europe/Berlin")
        assert moment(meeting.starts_at) == "Tue 12 Jan 2027, 02:00 (America/Chicago)"
    with timezone.override(ZoneInfo("Europe/Berlin")):
        # The reader's own zone is the meeting's: named once.
        assert meeting_when(meeting) == "Tuesday 12 January 2027, 09:00–10:00 (Europe/Berlin)"
