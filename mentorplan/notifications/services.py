"""Telling people: a notification in their list and, if they want it, an email on its way.

``notify`` is called by the receivers of the lower apps' domain signals, inside
the transaction of the change, so a change rolled back tells nobody. What must
happen after the commit (asking the worker to send at once) goes through
``transaction.on_commit``.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .clock import local_date
from .kinds import KINDS, Family
from .models import Delivery, Notification
from .preferences import wants_email
from .tasks import send_due_emails


def gather_window() -> timedelta:
    return timedelta(minutes=settings.NOTIFICATION_GATHER_MINUTES)


def notify(
    *,
    recipient,
    kind,
    subject,
    title,
    url,
    partnership=None,
    actor=None,
    body="",
    data=None,
    now=None,
    renew=False,
) -> Notification | None:
    """Tell ``recipient`` about an event of ``kind`` (see kinds.py).

    The same (recipient, kind, subject) on the same day makes no second
    notification: with ``renew`` the one there is brought back up, unread, with
    the new text (a plan changed several times in a day is one line that says so).
    Returns the notification, or None when the recipient is the one who did it.
    """
    if actor is not None and actor.pk == recipient.pk:
        return None
    now = now or timezone.now()
    info = KINDS[kind]
    fields = {
        "partnership": partnership,
        "actor": actor,
        "title": title[:300],
        "body": body[:2000],
        "url": url,
        "data": data or {},
        "created_at": now,
    }
    key = {"recipient": recipient, "kind": kind, "subject": subject}
    key["occasion"] = local_date(recipient, now)
    existing = Notification.objects.filter(**key).first()
    if existing is not None and not renew:
        return existing
    if existing is not None:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.read_at = None
        notification = existing
        notification.save()
        if Delivery.objects.filter(
            pk=notification.delivery_id, status=Delivery.Status.PENDING
        ).exists():
            return notification  # still in an email waiting to go: it goes with the new text
    else:
        try:
            with transaction.atomic():
                notification = Notification.objects.create(**key, **fields)
        except IntegrityError:
            # The same event told twice at once: the other one stands.
            return Notification.objects.get(**key)
    cohort_id = partnership.cohort_id if partnership is not None else None
    if wants_email(recipient, kind, cohort_id):
        email_attach(notification, family=info.family, now=now)
    return notification


def email_attach(notification, *, family, now) -> Delivery:
    """Put the notification into an email: the person's open gathered one, or a new one."""
    if family == Family.MEETINGS:
        # A meeting change goes out at once, in an email of its own with its invitation.
        # Each change raises the meeting's sequence: a cancellation after the email of
        # its scheduling went is a second email (the same change told twice is not).
        sequence = (notification.data or {}).get("sequence", 0)
        delivery = Delivery.objects.create(
            recipient=notification.recipient,
            kind=notification.kind,
            key=f"{notification.kind}:{notification.pk}:{sequence}",
            data=notification.data,
            send_after=now,
        )
        transaction.on_commit(send_due_emails.enqueue)
    else:
        delivery = _open_events_email(notification.recipient, now)
        if delivery is None:
            delivery = Delivery.objects.create(
                recipient=notification.recipient,
                kind=Family.EVENTS,
                key=f"{Family.EVENTS}:{notification.pk}",
                send_after=now + gather_window(),
            )
    notification.delivery = delivery
    notification.save(update_fields=["delivery"])
    return delivery


def _open_events_email(recipient, now) -> Delivery | None:
    """The person's gathered email still waiting for its time, locked against the sender.

    The conditional update touches the row only while it is pending, and holds it
    until this transaction commits; a sender claiming it meanwhile waits, then
    sends it with this notification in it. When the sender got there first, the
    update finds nothing and a new email is started.
    """
    open_ids = Delivery.objects.filter(
        recipient=recipient,
        kind=Family.EVENTS,
        status=Delivery.Status.PENDING,
        send_after__gt=now,
    ).values_list("pk", flat=True)[:1]
    for pk in open_ids:
        if Delivery.objects.filter(pk=pk, status=Delivery.Status.PENDING).update(
            send_after=F("send_after")
        ):
            return Delivery.objects.get(pk=pk)
    return None


def mark_read(*, user, notification_ids=None, now=None) -> int:
    """Mark the person's notifications read (all of them when no ids are given)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=now or timezone.now())
