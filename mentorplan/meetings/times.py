"""Meeting moments: a wall-clock time in a named zone, stored as UTC.

A series keeps its wall clock: "Tuesdays at 14:00 in London" is 14:00 UTC in
winter and 13:00 UTC in summer, never 14:00 summer time shifted by an hour.
"""

import zoneinfo
from datetime import UTC, datetime, timedelta


def to_utc(day, local_time, time_zone):
    """The UTC moment of ``day`` at ``local_time`` on the wall clocks of ``time_zone``.

    A wall time that does not exist (the hour skipped in spring) resolves
    forward, as clocks read after the change (``fold=0`` on zoneinfo).
    """
    zone = zoneinfo.ZoneInfo(time_zone)
    local = datetime.combine(day, local_time).replace(tzinfo=zone)
    # Round-trip through UTC to normalise a skipped wall time.
    return local.astimezone(UTC)


def in_zone(moment, time_zone):
    return moment.astimezone(zoneinfo.ZoneInfo(time_zone))


def series_days(first_on, until, every_weeks, limit):
    """The days of a series: ``first_on`` and every ``every_weeks`` weeks, up to ``until``."""
    days = []
    day = first_on
    while day <= until and len(days) < limit:
        days.append(day)
        day += timedelta(weeks=every_weeks)
    return days


def zone_label(time_zone) -> str:
    return time_zone.replace("_", " ")
