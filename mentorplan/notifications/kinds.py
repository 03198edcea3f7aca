"""Every kind of notification, in one registry: what it is, who gets it, how it is emailed.

Four families, each emailed its own way (``Family``):

- **events**, what the other side did, as it happens. They appear in the list at once;
  the email waits a few minutes (``NOTIFICATION_GATHER_MINUTES``) so that several
  events close together reach a person as one email.
- **meetings**: a meeting scheduled, moved or cancelled, to the other partner at once,
  with an invitation (.ics) their mail program offers to add to the calendar.
- **reminders**, found by the scheduled run (``reminders.py``) in the morning of the
  reader's own time zone: at most one email per kind per person per day, listing
  every item of that kind. A reminder whose reason has gone by the time it is sent
  (the activity was done, the meeting cancelled) is dropped.
- **digests**, weekly on Monday morning: for each mentor and each coordinator.

Each person turns each kind's email on or off on their profile; a coordinator sets
a cohort's defaults, and a person's own choice wins (``preferences.py``). In-app
notifications are always kept, so a person who turns email off still sees them.
"""

from dataclasses import dataclass
from enum import StrEnum


class Family(StrEnum):
    EVENTS = "events"
    MEETINGS = "meetings"
    REMINDERS = "reminders"
    DIGESTS = "digests"


FAMILY_LABELS = {
    Family.EVENTS: "What the other side did",
    Family.MEETINGS: "Meetings",
    Family.REMINDERS: "Reminders",
    Family.DIGESTS: "Weekly digests",
}


@dataclass(frozen=True)
class Kind:
    name: str
    family: Family
    label: str  # as the preferences page and the unsubscribe page name it
    who: str  # who gets it, in a sentence's end: "to the mentor"
    in_app: bool = True  # digests are emails only: the list already holds their items


KINDS = {
    k.name: k
    for k in [
        Kind("paired", Family.EVENTS, "You have been paired with a partner", "to both partners"),
        Kind(
            "plan_shared",
            Family.EVENTS,
            "An action plan was shared with you, or changed after sharing",
            "to the mentor",
        ),
        Kind("comment", Family.EVENTS, "A new comment or reply on the plan", "to the partner"),
        Kind(
            "agreement",
            Family.EVENTS,
            "Your partner signed the agreement, or its terms changed since a signature",
            "to the partner",
        ),
        Kind(
            "mentor_side",
            Family.EVENTS,
            "Your mentor wrote their understanding of your goals or proposed a success measure",
            "to the mentee",
        ),
        Kind(
            "help_answered",
            Family.EVENTS,
            "A coordinator answered your request for help",
            "to the person who asked",
        ),
        Kind(
            "suggestions",
            Family.EVENTS,
            "Your coordinator's suggestions for your plan are waiting",
            "to the mentee",
        ),
        Kind(
            "nudge",
            Family.EVENTS,
            "A message from your program's coordinator about your partnership",
            "to both partners",
        ),
        Kind(
            "reflection",
            Family.EVENTS,
            "Your look back on the partnership, near the cohort's end, until you write it",
            "to each partner",
        ),
        Kind(
            "meeting",
            Family.MEETINGS,
            "A meeting was scheduled, moved or cancelled by your partner",
            "to the partner",
        ),
        Kind(
            "meeting_tomorrow",
            Family.REMINDERS,
            "A meeting tomorrow, with its agenda so far",
            "to both partners",
        ),
        Kind(
            "due",
            Family.REMINDERS,
            "Action items and learning activities due in the next few days, or overdue",
            "to whoever owns them",
        ),
        Kind(
            "plan_not_shared",
            Family.REMINDERS,
            "Your action plan is still not shared with your mentor",
            "to the mentee",
        ),
        Kind(
            "agreement_unsigned",
            Family.REMINDERS,
            "The mentoring agreement still waits for your signature",
            "to the partner who has not signed",
        ),
        Kind(
            "understanding_unconfirmed",
            Family.REMINDERS,
            "Your mentor's understanding of your goals waits for your answer",
            "to the mentee",
        ),
        Kind(
            "digest_mentor",
            Family.DIGESTS,
            "Weekly digest of your mentees' progress",
            "to each mentor",
            in_app=False,
        ),
        Kind(
            "digest_coordinator",
            Family.DIGESTS,
            "Weekly digest of your cohorts",
            "to each coordinator",
            in_app=False,
        ),
    ]
}
KIND_CHOICES = [(k.name, k.label) for k in KINDS.values()]
REMINDER_KINDS = [k.name for k in KINDS.values() if k.family == Family.REMINDERS]
DIGEST_KINDS = [k.name for k in KINDS.values() if k.family == Family.DIGESTS]
# The pseudo-kind "every email": off means no email at all (the list still fills).
ALL = "all"


def kinds_by_family():
    """(family label, [kinds]) in the order of the preferences page."""
    return [
        (FAMILY_LABELS[family], [k for k in KINDS.values() if k.family == family])
        for family in Family
    ]
