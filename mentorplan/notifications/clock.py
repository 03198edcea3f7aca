"""The reader's own day and hour: reminders, their keys and emails follow the person's zone."""

import zoneinfo

from django.utils import timezone

UTC = zoneinfo.ZoneInfo("UTC")


def zone_of(user) -> zoneinfo.ZoneInfo:
    return zone_of_name(user.time_zone)


def local_date(user, now):
    """The person's date at ``now``."""
    return timezone.localtime(now, zone_of(user)).date()


def zone_of_name(name) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC
