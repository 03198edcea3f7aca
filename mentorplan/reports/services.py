"""What coordinators do from the reports: nudge partnerships."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentorplan.notifications.services import notify

from .models import Nudge

# What a coordinator may write, and what a nudge may hold: room for a pair's reasons
# (seven at most, each a short line) added below the message of a cohort's nudge.
NUDGE_MAX = 2000
MESSAGE_MAX = 1400


def default_nudge(flags) -> str:
    """The message a coordinator starts from: warm, and naming what the dashboard saw."""
    lines = [
        "Hello both,",
        "",
        "I am checking in on your mentoring partnership.",
    ]
    if flags:
        lines += ["", "What I see on the program's dashboard:"]
        lines += [f"- {flag.reason}" for flag in flags]
    lines += [
        "",
        "Is there anything I can help with? Reply to me, or ask for help from your plan's "
        "barriers section.",
    ]
    return "\n".join(lines)


@transaction.atomic
def nudge_send(*, partnership, by, message, now=None) -> Nudge:
    """Record the nudge and tell both partners (in the app and, as they choose, by email)."""
    message = message.strip()
    if not message:
        raise ValidationError(
            {"message": ValidationError("Write the message to send.", code="required")}
        )
    if not partnership.is_active:
        raise ValidationError("This partnership has ended.", code="not_active")
    now = now or timezone.now()
    nudge = Nudge(partnership=partnership, sent_by=by, sent_at=now, message=message)
    nudge.full_clean()
    nudge.save()
    name = by.display_name or by.email
    for recipient in (partnership.mentee, partnership.mentor):
        notify(
            recipient=recipient,
            kind="nudge",
            subject=f"partnership:{partnership.pk}",
            title=f"{name}, your program's coordinator, wrote to you both",
            body=nudge.message,
            url=partnership.get_absolute_url(),
            partnership=partnership,
            actor=by,
            now=now,
            renew=True,
        )
    return nudge
