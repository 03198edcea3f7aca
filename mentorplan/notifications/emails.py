"""What each email says: gathered events, a day's reminders, a digest.

Each email is written at the moment it is sent, from what is true then, in the
reader's time zone: a reminder whose reason has gone is left out (and the email
is not sent at all when nothing is left), a digest with nothing to report is not
sent, a kind turned off since the email was queued is left out. Every email
carries a one-click unsubscribe link for the kinds it holds, in the body and in
the List-Unsubscribe / List-Unsubscribe-Post headers (RFC 8058).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import digests, reminders
from .calendar import invitation_for
from .clock import zone_of
from .kinds import KINDS, Family
from .models import Delivery, Notification
from .preferences import EmailChoices, unsubscribe_token


@dataclass
class Email:
    subject: str
    template: str  # the body's template, without .txt/.html
    kinds: list[str]  # what the unsubscribe link turns off
    context: dict = field(default_factory=dict)
    attachments: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class NotSent:
    status: str  # Delivery.Status.WITHDRAWN or UNSUBSCRIBED


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def email_for(delivery, now) -> Email | NotSent:
    """The email this delivery sends now, or why nothing is sent."""
    recipient_id = delivery.recipient_id
    if delivery.kind in digests.BUILDERS:
        if not EmailChoices([recipient_id]).wants(recipient_id, delivery.kind):
            return NotSent(Delivery.Status.UNSUBSCRIBED)
        context = digests.BUILDERS[delivery.kind](delivery.recipient, delivery.data, now)
        if context is None:
            return NotSent(Delivery.Status.WITHDRAWN)
        subject = context.pop("subject")
        return Email(subject, f"notifications/email/{delivery.kind}", [delivery.kind], context)

    items = list(
        delivery.notifications.filter(withdrawn_at__isnull=True)
        .select_related("actor", "partnership")
        .order_by("created_at", "pk")
    )
    if delivery.kind in reminders.CHECKS:
        keep = reminders.still_relevant(delivery.kind, items, now)
        gone = [n.pk for n in items if n.pk not in keep]
        Notification.objects.filter(pk__in=gone).update(withdrawn_at=now)
        items = [n for n in items if n.pk in keep]
        if not items:
            return NotSent(Delivery.Status.WITHDRAWN)
    cohorts = {n.partnership.cohort_id for n in items if n.partnership}
    choices = EmailChoices([recipient_id], cohorts)
    items = [
        n
        for n in items
        if choices.wants(recipient_id, n.kind, n.partnership.cohort_id if n.partnership else None)
    ]
    if not items:
        return NotSent(Delivery.Status.UNSUBSCRIBED)
    kinds = sorted({n.kind for n in items})
    if delivery.kind == Family.EVENTS:
        subject = items[0].title if len(items) == 1 else f"{len(items)} updates on Mentorplan"
        return Email(subject, "notifications/email/events", kinds, {"items": items})
    info = KINDS[delivery.kind]
    subject = items[0].title if len(items) == 1 else f"{info.label} ({len(items)})"
    email = Email(subject, "notifications/email/reminders", kinds, {"items": items, "kind": info})
    if info.family == Family.MEETINGS:
        # The meeting as it stands now, for the mail program to add or update.
        invitation = invitation_for(items, delivery.recipient, now)
        if invitation:
            email.attachments.append(invitation)
            email.context["attached"] = invitation[0]
    return email


def message_for(delivery, email: Email) -> EmailMultiAlternatives:
    user = delivery.recipient
    unsubscribe_url = absolute(
        reverse("notifications:unsubscribe", args=[unsubscribe_token(user, email.kinds)])
    )
    context = {
        **email.context,
        "person": user,
        "subject": email.subject,
        "body_txt": email.template + ".txt",
        "body_html": email.template + ".html",
        "unsubscribe_url": unsubscribe_url,
        "unsubscribe_kinds": [KINDS[k].label for k in email.kinds],
        "preferences_url": absolute(reverse("notifications:preferences")),
        "notifications_url": absolute(reverse("notifications:list")),
        "site_url": settings.SITE_URL,
    }
    # Dates and times in the reader's own zone, named in the footer.
    with timezone.override(zone_of(user)):
        text = render_to_string("notifications/email/message.txt", context)
        html = render_to_string("notifications/email/message.html", context)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=text,
        to=[user.email],
        headers={
            "Message-ID": delivery.message_id,
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in email.attachments:
        message.attach(filename, content, mimetype)
    return message
