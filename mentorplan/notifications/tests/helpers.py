"""Helpers of the notifications tests: a fixed clock and sending what is due at a moment."""

from datetime import UTC, datetime

from mentorplan.notifications.delivery import send_due

# A Tuesday, 10:00 in London (UTC+0 in November): past everybody's morning in Europe.
NOW = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)


def sent_to(outbox):
    """Who got emails, in order: [(address, subject)]."""
    return [(m.to[0], m.subject) for m in outbox]


__all__ = ["NOW", "send_due", "sent_to"]
