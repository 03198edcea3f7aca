"""Meeting times as a reader reads them: in their own zone, with the zone named."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from ..times import in_zone, zone_label

register = template.Library()


@register.filter
def moment(value):
    """ "Tue 3 Mar 2026, 14:00 (Europe/London)" in the reader's active time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return (
        f"{date_format(local, 'D j M Y, H:i')} ({zone_label(timezone.get_current_timezone_name())})"
    )


@register.filter
def meeting_when(meeting):
    """The meeting's start and end in the reader's zone, and its own zone when that differs."""
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    reader_zone = timezone.get_current_timezone_name()
    text = f"{date_format(start, 'l j F Y, H:i')}–{date_format(end, 'H:i')}"
    text += f" ({zone_label(reader_zone)})"
    if meeting.time_zone != reader_zone:
        theirs = in_zone(meeting.starts_at, meeting.time_zone)
        text += f"; {theirs:%H:%M} in {zone_label(meeting.time_zone)}"
    return text
