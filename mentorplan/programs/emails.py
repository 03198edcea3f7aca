"""The emails of programs: the invitation with its one-time link (sent by the task worker)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse


def invitation_email_send(*, invitation, now=None) -> None:
    """Make a fresh link for the invitation and email it (runs in the task worker)."""
    token = invitation.issue_token(now=now)
    membership = invitation.membership
    context = {
        "invitation": invitation,
        "membership": membership,
        "cohort": membership.cohort,
        "program": membership.cohort.program,
        "person": membership.user,
        "inviter": invitation.invited_by,
        "link": settings.SITE_URL + reverse("programs:invitation-accept", args=[token]),
    }
    subject = render_to_string("programs/email/invitation_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("programs/email/invitation_message.txt", context),
        to=[membership.user.email],
    )
    message.attach_alternative(
        render_to_string("programs/email/invitation_message.html", context), "text/html"
    )
    message.send()
