"""One-click unsubscribe (RFC 8058): no sign-in, no CSRF token; a GET only asks."""

from django.core import mail
from django.test import Client
from django.urls import reverse

from mentorplan.notifications.models import EmailPreference
from mentorplan.notifications.preferences import unsubscribe_read, unsubscribe_token
from mentorplan.notifications.services import gather_window, notify

from .helpers import NOW, send_due


def _emailed_comment(world):
    notify(
        recipient=world.mentee,
        kind="comment",
        subject="comment:1",
        title="Mina commented on your plan",
        url="/",
        partnership=world.partnership,
        now=NOW,
    )
    send_due(NOW + gather_window())
    (message,) = mail.outbox
    return message


def test_every_email_carries_the_headers_and_a_link(world):
    message = _emailed_comment(world)

    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith("http://testserver/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    assert link in message.alternatives[0].content
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert unsubscribe_read(token) == (world.mentee.pk, ["comment"])


def test_a_get_asks_and_changes_nothing(world):
    link = _emailed_comment(world).extra_headers["List-Unsubscribe"].strip("<>")

    response = Client().get(link)

    assert response.status_code == 200
    assert "Stop these emails?" in response.content.decode()
    assert "mentee@example.org" in response.content.decode()
    assert not EmailPreference.objects.exists()


def test_the_one_click_post_works_without_session_or_csrf_token(world):
    link = _emailed_comment(world).extra_headers["List-Unsubscribe"].strip("<>")
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(link, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert EmailPreference.objects.get(user=world.mentee, kind="comment").enabled is False
    # Mina's next comment is in Mo's list but not in his mail.
    mail.outbox.clear()
    notify(
        recipient=world.mentee,
        kind="comment",
        subject="comment:2",
        title="Another comment",
        url="/",
        partnership=world.partnership,
        now=NOW,
    )
    send_due(NOW + gather_window() * 2)
    assert mail.outbox == []


def test_a_forged_or_damaged_token_is_not_found(world):
    token = unsubscribe_token(world.mentee, ["comment"])
    for bad in (token[:-2] + "xx", "not-a-token"):
        response = Client().post(reverse("notifications:unsubscribe", args=[bad]))
        assert response.status_code == 404
    assert not EmailPreference.objects.exists()


def test_unsubscribe_from_every_email(world):
    token = unsubscribe_token(world.mentee, ["all"])
    Client().post(reverse("notifications:unsubscribe", args=[token]))
    assert EmailPreference.objects.get(user=world.mentee, kind="all").enabled is False
