"""Sending the outbox: at least once, and in effect exactly once.

A sweep (``send_due``, run every minute by the scheduler and at once after a
meeting change) takes the deliveries that are due, claims them with one
conditional UPDATE that only a pending (or abandoned) row passes, sends each over
one connection to the mail server, and marks each sent as soon as the server has
taken it. So:

- two sweeps at once never send the same email: a row is claimed by one;
- a worker killed halfway leaves its claimed rows "sending" with a lease; once the
  lease has run out the next sweep takes them again. Those already marked sent stay
  sent. Only an email the server took in the instant before the worker died is sent
  again, and then with the same Message-ID, which mail systems show as one;
- a mail server that is down costs one failed connection per sweep: every email of
  the batch is put back with exponential backoff (1, 2, 4 ... minutes, at most
  ``NOTIFICATION_MAX_BACKOFF_MINUTES``), and after ``NOTIFICATION_MAX_ATTEMPTS`` the
  delivery is marked failed (kept, with its error, in the admin) rather than retried
  for ever. Nothing else waits on it: in-app notifications, reminders and the other
  tasks go on.
"""

import logging
import secrets
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.db.models import F, Q
from django.utils import timezone

from .emails import Email, email_for, message_for
from .models import Delivery

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)
BATCH = 200
# Errors of the mail server or the network: the email waits and is tried again.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def due_filter(now):
    return Q(status=Delivery.Status.PENDING, send_after__lte=now) | Q(
        status=Delivery.Status.SENDING, claimed_until__lt=now
    )


def backoff(attempts: int) -> timedelta:
    minutes = min(2 ** max(attempts - 1, 0), settings.NOTIFICATION_MAX_BACKOFF_MINUTES)
    return timedelta(minutes=minutes)


def claim(now, limit=BATCH) -> list[Delivery]:
    """Claim up to ``limit`` due deliveries for this sweep; others' claims are left alone."""
    ids = list(
        Delivery.objects.filter(due_filter(now))
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not ids:
        return []
    token = secrets.token_hex(16)
    # Each row's condition is checked again as it is updated: a row another sweep
    # claimed between the SELECT and here is no longer due and is skipped.
    Delivery.objects.filter(due_filter(now), pk__in=ids).update(
        status=Delivery.Status.SENDING,
        claim=token,
        claimed_until=now + LEASE,
        attempts=F("attempts") + 1,
    )
    return list(
        Delivery.objects.filter(claim=token, status=Delivery.Status.SENDING)
        .select_related("recipient")
        .order_by("send_after", "pk")
    )


def _finish(delivery, **fields) -> None:
    # Only while this sweep still holds the claim (a lease that ran out may have
    # been taken by another sweep, which then decides).
    Delivery.objects.filter(pk=delivery.pk, claim=delivery.claim).update(
        claimed_until=None, **fields
    )


def _retry_later(delivery, error, now) -> None:
    message = f"{type(error).__name__}: {error}"[:2000]
    if delivery.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        logger.error("Giving up on %s after %s attempts: %s", delivery, delivery.attempts, message)
        _finish(delivery, status=Delivery.Status.FAILED, last_error=message)
    else:
        _finish(
            delivery,
            status=Delivery.Status.PENDING,
            send_after=now + backoff(delivery.attempts),
            last_error=message,
        )


def send_due(now=None, *, max_batches=50) -> dict:
    """Send every email that is due; returns counts by outcome."""
    counts = {"sent": 0, "not_sent": 0, "retry": 0}
    for _ in range(max_batches):
        now_ = now or timezone.now()
        batch = claim(now_)
        if not batch:
            break
        if not _send_batch(batch, now_, counts):
            break  # the mail server is down: the rest waits for the next sweep
    return counts


def _send_batch(batch, now, counts) -> bool:
    """Send one claimed batch over one connection; False when the server could not be reached."""
    ready = []
    for delivery in batch:
        try:
            email = email_for(delivery, now)
            message = message_for(delivery, email) if isinstance(email, Email) else None
        except Exception as exc:
            # A bug in writing one email must not hold up the others of the batch: it
            # is logged, kept with its error and retried like a refused address, then
            # given up (FAILED, in the admin) after the last attempt.
            logger.exception("Writing %s failed", delivery)
            _retry_later(delivery, exc, now)
            counts["retry"] += 1
            continue
        if message is not None:
            ready.append((delivery, message))
        else:
            _finish(delivery, status=email.status)
            counts["not_sent"] += 1
    if not ready:
        return True
    connection = mail.mailers.default
    try:
        connection.open()
    except MAIL_ERRORS as exc:
        logger.warning("Mail server unreachable, %s emails wait: %s", len(ready), exc)
        for delivery, _ in ready:
            _retry_later(delivery, exc, now)
        counts["retry"] += len(ready)
        return False
    try:
        for index, (delivery, message) in enumerate(ready):
            try:
                connection.send_messages([message])
            except smtplib.SMTPRecipientsRefused as exc:
                _retry_later(delivery, exc, now)  # this address only; go on with the others
                counts["retry"] += 1
                continue
            except MAIL_ERRORS as exc:
                # The connection broke: this one and the rest wait for the next sweep.
                for rest, _ in ready[index:]:
                    _retry_later(rest, exc, now)
                counts["retry"] += len(ready) - index
                return False
            _finish(delivery, status=Delivery.Status.SENT, sent_at=now, last_error="")
            counts["sent"] += 1
    finally:
        try:
            connection.close()
        except MAIL_ERRORS:
            logger.info("Closing the mail connection failed; its emails were already taken")
    return True
