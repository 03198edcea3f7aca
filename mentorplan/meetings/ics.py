"""Meetings as iCalendar events (RFC 5545), for a download, an invitation and the feed.

A meeting is one event whatever carries it: its UID never changes, its
SEQUENCE is the meeting's (raised at each move or cancellation), a cancelled
one says STATUS:CANCELLED, and its times carry the zone it was set in with the
zone's VTIMEZONE. So a calendar that reads the same meeting twice, from an
invitation and then from the feed, updates one event instead of adding another.
"""

from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress

PRODID = "-//Mentorplan//Mentorplan//EN"

# VTIMEZONEs are built from the zone database once per zone and process; the
# range covers any meeting a program holds (building one takes milliseconds).
ZONE_RANGE = (date(2000, 1, 1), date(2045, 1, 1))


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "mentorplan"


def uid(kind: str, pk: int) -> str:
    """The stable UID of one of our objects: ``meeting-12@host``."""
    return f"{kind}-{pk}@{uid_domain()}"


def absolute(url: str) -> str:
    return settings.SITE_URL + url


@lru_cache(maxsize=64)
def _vtimezone(tzid: str) -> Timezone:
    # Shared by every calendar that uses the zone: nothing changes it after this.
    return Timezone.from_tzid(tzid, first_date=ZONE_RANGE[0], last_date=ZONE_RANGE[1])


def new_calendar(*, name: str, method: str) -> Calendar:
    return Calendar.new(prodid=PRODID, name=name, method=method, uid=uid("calendar", 0))


def finish(calendar: Calendar, zones) -> bytes:
    """Serialise, with one VTIMEZONE for each zone the events use."""
    for tzid in sorted(set(zones)):
        calendar.add_component(_vtimezone(tzid))
    return calendar.to_ical()


def address(person) -> vCalAddress:
    found = vCalAddress(f"mailto:{person.email}")
    found.params["CN"] = person.display_name
    return found


def meeting_event(meeting, reader, *, invitation=False, now=None) -> Event:
    """The meeting as ``reader`` sees it in their calendar."""
    partnership = meeting.partnership
    partner = partnership.mentee if reader.pk == partnership.mentor_id else partnership.mentor
    zone = ZoneInfo(meeting.time_zone)
    url = absolute(meeting.get_absolute_url())
    summary = f"Mentoring 1-on-1 with {partner.display_name}"
    lines = [f"{meeting.get_format_display()}{': ' + meeting.location if meeting.location else ''}"]
    if meeting.is_cancelled:
        summary = f"Cancelled: {summary}"
        if meeting.cancel_reason:
            lines.append(f"Cancelled: {meeting.cancel_reason}")
    lines.append(f"Agenda and shared notes: {url}")
    event = Event.new(
        uid=uid("meeting", meeting.pk),
        summary=summary,
        start=meeting.starts_at.astimezone(zone),
        end=meeting.ends_at.astimezone(zone),
        location=meeting.location or None,
        description="\n".join(lines),
        url=url,
        sequence=meeting.sequence,
        status="CANCELLED" if meeting.is_cancelled else "CONFIRMED",
        stamp=now or timezone.now(),
        created=meeting.created_at,
    )
    if invitation:
        organizer = meeting.created_by
        if organizer is None or organizer.pk not in (partnership.mentor_id, partnership.mentee_id):
            organizer = partnership.mentor
        event.add("organizer", address(organizer))
        for person in (partnership.mentor, partnership.mentee):
            attendee = address(person)
            attendee.params["ROLE"] = "REQ-PARTICIPANT"
            attendee.params["PARTSTAT"] = "ACCEPTED" if person == organizer else "NEEDS-ACTION"
            event.add("attendee", attendee)
    return event


def meeting_file(meetings, reader, *, method="PUBLISH", now=None) -> bytes:
    """An .ics of these meetings of one partnership: a download, or an invitation.

    ``method`` is PUBLISH (a download, or a series to add), REQUEST (an
    invitation to one meeting) or CANCEL (one meeting called off); REQUEST and
    CANCEL carry the organizer and both partners as attendees (RFC 5546).
    """
    invitation = method in ("REQUEST", "CANCEL")
    calendar = new_calendar(name="Mentoring 1-on-1", method=method)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, reader, invitation=invitation, now=now))
    return finish(calendar, (m.time_zone for m in meetings))
