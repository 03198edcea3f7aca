"""What the other side did, as it happens: receivers of the lower apps' domain signals.

Each receiver runs inside the transaction of the change (the signals are sent
from the domain functions), so a change that is rolled back tells nobody. Each
one names who is told and links straight to the thing.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import Truncator

from mentorplan.meetings.signals import meeting_cancelled, meeting_moved, meeting_scheduled
from mentorplan.partnerships.signals import partnership_started

from .services import notify


def excerpt(text, length=160) -> str:
    return Truncator(" ".join(str(text).split())).chars(length)


@receiver(partnership_started)
def tell_both_they_are_paired(sender, partnership, by=None, **kwargs):
    mentor, mentee = partnership.mentor, partnership.mentee
    url = reverse("partnerships:partnership-detail", args=[partnership.pk])
    about_mentor = "; ".join(filter(None, [excerpt(mentor.bio), ", ".join(mentor.expertise_list)]))
    about_mentee = "; ".join(filter(None, [excerpt(mentee.bio), ", ".join(mentee.interests_list)]))
    notify(
        recipient=mentee,
        kind="paired",
        subject=f"partnership:{partnership.pk}",
        partnership=partnership,
        actor=by,
        title=f"You have been paired with {mentor.display_name} as your mentor",
        body=(f"{about_mentor}. " if about_mentor else "")
        + f"First step: write your action plan (your top three goals to begin with) "
        f"and share it with {mentor.get_short_name()}.",
        url=url,
    )
    notify(
        recipient=mentor,
        kind="paired",
        subject=f"partnership:{partnership.pk}",
        partnership=partnership,
        actor=by,
        title=f"You are now mentoring {mentee.display_name}",
        body=(f"{about_mentee}. " if about_mentee else "")
        + f"First step: say hello and agree your first meeting; {mentee.get_short_name()} "
        "writes the action plan and shares it with you.",
        url=url,
    )


def _tell_partner(meeting, by, title, *, subject=None, renew=True):
    """The other partner learns of a change to a meeting at once (kind "meeting")."""
    partnership = meeting.partnership
    for person in (partnership.mentor, partnership.mentee):
        if by is not None and person.pk == by.pk:
            continue
        notify(
            recipient=person,
            kind="meeting",
            subject=subject or f"meeting:{meeting.pk}",
            partnership=partnership,
            actor=by,
            title=title(person),
            body=meeting.cancel_reason if meeting.is_cancelled else "",
            url=meeting.get_absolute_url(),
            renew=renew,
            data={"meeting": meeting.pk, "sequence": meeting.sequence},
        )


def _when(meeting, person) -> str:
    zone = ZoneInfo(person.time_zone or settings.DEFAULT_USER_TIME_ZONE)
    local = meeting.starts_at.astimezone(zone)
    return f"{local:%A %-d %B, %H:%M} ({person.time_zone or settings.DEFAULT_USER_TIME_ZONE})"


@receiver(meeting_scheduled)
def tell_partner_meeting_scheduled(sender, meeting, by, **kwargs):
    if meeting.series_id:
        # A series is told once, with its first meeting: not one email per meeting.
        series = meeting.series
        _tell_partner(
            meeting,
            by,
            lambda p: f"{by.display_name} scheduled your meetings: {series.describe()}",
            subject=f"series:{series.pk}",
            renew=False,
        )
        return
    _tell_partner(
        meeting, by, lambda p: f"{by.display_name} scheduled a meeting: {_when(meeting, p)}"
    )


@receiver(meeting_moved)
def tell_partner_meeting_moved(sender, meeting, by, old_starts_at, **kwargs):
    _tell_partner(
        meeting, by, lambda p: f"{by.display_name} moved your meeting to {_when(meeting, p)}"
    )


@receiver(meeting_cancelled)
def tell_partner_meeting_cancelled(sender, meeting, by, **kwargs):
    _tell_partner(
        meeting, by, lambda p: f"{by.display_name} cancelled your meeting of {_when(meeting, p)}"
    )
