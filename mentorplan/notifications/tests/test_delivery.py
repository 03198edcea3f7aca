"""The outbox: gathered events, claims, retries with backoff, giving up, exactly once in effect."""

from datetime import timedelta

import pytest
from django.core import mail

from mentorplan.notifications import delivery as outbox
from mentorplan.notifications.models import Delivery
from mentorplan.notifications.services import gather_window, notify

from .helpers import NOW, send_due

# Nothing listens on port 9 of the loopback: connecting is refused at once.
SMTP_DOWN = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 5},
    }
}


def _comment(world, n, now=NOW, recipient=None):
    return notify(
        recipient=recipient or world.mentee,
        kind="comment",
        subject=f"comment:{n}",
        title=f"Comment {n} from Mina",
        url="/",
        partnership=world.partnership,
        actor=world.mentor,
        now=now,
    )


def test_events_within_minutes_are_gathered_into_one_email(world):
    _comment(world, 1)
    _comment(world, 2, NOW + timedelta(minutes=2))
    send_due(NOW + gather_window())

    (message,) = mail.outbox
    assert message.subject == "2 updates on Mentorplan"
    assert "Comment 1 from Mina" in message.body
    assert "Comment 2 from Mina" in message.body

    # After it went, the next comment starts a new email.
    _comment(world, 3, NOW + timedelta(minutes=7))
    send_due(NOW + timedelta(minutes=20))
    assert [m.subject for m in mail.outbox] == ["2 updates on Mentorplan", "Comment 3 from Mina"]


def test_the_same_event_told_twice_makes_one_notification_and_one_email(world):
    first, again = _comment(world, 1), _comment(world, 1)
    assert first.pk == again.pk
    send_due(NOW + gather_window())
    assert len(mail.outbox) == 1


def test_the_person_who_did_it_is_not_told(world):
    assert (
        notify(
            recipient=world.mentor,
            kind="comment",
            subject="comment:9",
            title="x",
            url="/",
            actor=world.mentor,
        )
        is None
    )
    assert not Delivery.objects.exists()


def test_a_mail_server_down_delays_with_backoff_and_loses_nothing(world, settings):
    _comment(world, 1)
    due = NOW + gather_window()
    settings.MAILERS = SMTP_DOWN

    counts = send_due(due)

    delivery = Delivery.objects.get()
    assert counts == {"sent": 0, "not_sent": 0, "retry": 1}
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1
    assert delivery.send_after == due + timedelta(minutes=1)
    assert "ConnectionRefusedError" in delivery.last_error
    # Not yet due again: nothing is tried.
    assert send_due(due + timedelta(seconds=59)) == {"sent": 0, "not_sent": 0, "retry": 0}
    send_due(due + timedelta(minutes=1))
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.send_after == due + timedelta(minutes=1 + 2)

    # The server is back: the email goes, once.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    send_due(due + timedelta(minutes=3))
    send_due(due + timedelta(minutes=10))
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert [m.subject for m in mail.outbox] == ["Comment 1 from Mina"]
    assert delivery.last_error == ""


def test_backoff_is_bounded_and_retries_end(world, settings):
    settings.MAILERS = SMTP_DOWN
    settings.NOTIFICATION_MAX_ATTEMPTS = 4
    settings.NOTIFICATION_MAX_BACKOFF_MINUTES = 3
    assert [outbox.backoff(n) for n in (1, 2, 3, 4, 9)] == [
        timedelta(minutes=m) for m in (1, 2, 3, 3, 3)
    ]
    _comment(world, 1)
    when = NOW + gather_window()
    for _ in range(4):
        send_due(when)
        when = Delivery.objects.get().send_after
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 4
    # A failed email is kept with its error, and never tried again.
    assert send_due(when + timedelta(days=1)) == {"sent": 0, "not_sent": 0, "retry": 0}


def test_one_refused_address_does_not_hold_up_the_others(world, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "mentorplan.notifications.tests.mailbox.RefusingBackend",
            "OPTIONS": {"refuse": ["mentee@example.org"]},
        }
    }
    _comment(world, 1)
    _comment(world, 2, recipient=world.other_mentee)

    counts = send_due(NOW + gather_window())

    assert counts == {"sent": 1, "not_sent": 0, "retry": 1}
    assert [m.to for m in mail.outbox] == [["other.mentee@example.org"]]
    assert Delivery.objects.get(recipient=world.mentee).status == Delivery.Status.PENDING


def test_a_claimed_email_is_not_claimed_again_until_its_lease_runs_out(world):
    _comment(world, 1)
    due = NOW + gather_window()

    first = outbox.claim(due)
    assert [d.recipient_id for d in first] == [world.mentee.pk]
    # Another sweep at the same moment, or before the lease ends, finds nothing.
    assert outbox.claim(due) == []
    assert outbox.claim(due + outbox.LEASE - timedelta(seconds=1)) == []
    # The sweep that claimed it died: after the lease, the next sweep sends it.
    send_due(due + outbox.LEASE + timedelta(seconds=1))
    assert len(mail.outbox) == 1
    # The dead sweep cannot mark it afterwards: its claim is no longer the row's.
    outbox._finish(first[0], status=Delivery.Status.PENDING)
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_every_attempt_carries_the_same_message_id(world, settings):
    _comment(world, 1)
    delivery = Delivery.objects.get()
    settings.MAILERS = SMTP_DOWN
    send_due(NOW + gather_window())
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    send_due(NOW + timedelta(hours=1))
    assert (
        mail.outbox[0].extra_headers["Message-ID"]
        == f"<mentorplan.delivery.{delivery.pk}@testserver>"
    )


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/New_York"])
def test_times_in_the_email_are_the_readers(world, zone):
    world.mentee.time_zone = zone
    world.mentee.save()
    _comment(world, 1)
    send_due(NOW + gather_window())
    assert f"Times are shown in {zone}." in mail.outbox[0].body


def test_an_email_that_cannot_be_written_waits_alone_and_is_given_up_at_last(
    world, monkeypatch, settings
):
    _comment(world, 1)
    _comment(world, 2, recipient=world.other_mentee)
    written = outbox.email_for

    def broken_for_olga(delivery, now):
        if delivery.recipient_id == world.other_mentee.pk:
            raise ValueError("a bug in one email")
        return written(delivery, now)

    monkeypatch.setattr(outbox, "email_for", broken_for_olga)
    now = NOW + gather_window()
    counts = send_due(now)

    # Mo's email goes; Olga's waits with its error, not holding the batch.
    assert [m.to for m in mail.outbox] == [["mentee@example.org"]]
    assert counts == {"sent": 1, "not_sent": 0, "retry": 1}
    broken = Delivery.objects.get(recipient=world.other_mentee)
    assert broken.status == Delivery.Status.PENDING
    assert broken.last_error == "ValueError: a bug in one email"
    assert broken.send_after > now

    settings.NOTIFICATION_MAX_ATTEMPTS = broken.attempts
    send_due(broken.send_after)
    assert Delivery.objects.get(pk=broken.pk).status == Delivery.Status.FAILED
