"""In-app notifications, email preferences, the email outbox and the calendar feed.

``Notification`` is one thing to tell one person: shown in their list (and counted
in the navigation) and, when they want its kind by email, attached to a
``Delivery``. Its key (recipient, kind, subject, occasion) is unique, so finding the
same reminder twice (a rerun, two schedulers, a worker restarted halfway) makes
no second row.

``Delivery`` is one email to one person, unique by (recipient, key): a reminder
email's key is its kind and the reader's day, so there is at most one a day. It is
claimed by a conditional update before it is sent (healthchecks' ``sendalerts``),
marked sent right after, and retried with bounded exponential backoff when the
mail server fails (``delivery.py``).
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentorplan.partnerships.models import Partnership
from mentorplan.programs.models import Cohort

from .kinds import ALL, KIND_CHOICES, KINDS


class NotificationQuerySet(models.QuerySet):
    def shown(self):
        """What the list shows: not withdrawn (a reminder whose reason went before it was sent)."""
        return self.filter(withdrawn_at__isnull=True)

    def unread(self):
        return self.shown().filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, choices=KIND_CHOICES)
    # What it is about, as "<model>:<id>" (and more, e.g. "meeting:12:3" for its sequence).
    subject = models.CharField(max_length=80)
    # The day it is about: the reader's day for reminders, the day an event happened.
    occasion = models.DateField()
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True, max_length=2000)
    url = models.CharField(max_length=500)
    # What the reminder's reason was when it was found (a due date, a start time), so
    # the sender can tell whether it still holds.
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    delivery = models.ForeignKey(
        "Delivery",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject", "occasion"], name="notification_key"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_list"),
            # The count in the navigation: one index-only look-up per page.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True, withdrawn_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self):
        return f"{self.title} (to {self.recipient})"

    @property
    def kind_info(self):
        return KINDS[self.kind]

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailPreference(models.Model):
    """A person's own choice for one kind's email (or for every email: kind "all")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(max_length=40, choices=[(ALL, "Every email"), *KIND_CHOICES])
    enabled = models.BooleanField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_preference_unique")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} {'on' if self.enabled else 'off'}"


class CohortEmailDefault(models.Model):
    """A coordinator's default for one kind's email in a cohort; a person's choice wins."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, choices=KIND_CHOICES)
    enabled = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "kind"], name="cohort_email_default_unique")
        ]

    def __str__(self):
        return f"{self.cohort}: {self.kind} {'on' if self.enabled else 'off'}"


class CohortReminderSettings(models.Model):
    """When a cohort's reminders about a plan not yet shared (and the like) begin."""

    cohort = models.OneToOneField(Cohort, on_delete=models.CASCADE, related_name="+")
    nudge_after_days = models.PositiveSmallIntegerField(
        "remind after (days)",
        default=7,
        help_text="Days into the cohort (or into a partnership that started later) before "
        "a plan not yet shared, an agreement not signed or an understanding not confirmed "
        "is reminded of, and again each week after.",
    )

    def __str__(self):
        return f"Reminder settings of {self.cohort}"


class Delivery(models.Model):
    """One email to one person: gathered events, a meeting change, a day's reminders or a digest."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up after retries"
        WITHDRAWN = "withdrawn", "Not sent: its reason had gone"
        UNSUBSCRIBED = "unsubscribed", "Not sent: turned off"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # "events", a meeting kind, a reminder kind or a digest kind (see kinds.py).
    kind = models.CharField(max_length=40)
    # Unique per recipient: "due:2026-11-12", "digest_mentor:2026-11-09", "events:<id>".
    key = models.CharField(max_length=120)
    # A meeting change carries its meeting, a digest its week; the rest come from notifications.
    data = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    send_after = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    claim = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="delivery_key"),
        ]
        indexes = [
            models.Index(
                fields=["send_after"],
                condition=Q(status__in=["pending", "sending"]),
                name="delivery_due",
            )
        ]

    def __str__(self):
        return f"{self.key} to {self.recipient} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a resend after a crash is one email."""
        host = settings.SITE_URL.split("://", 1)[1].split("/")[0].split(":")[0]
        return f"<mentorplan.delivery.{self.pk}@{host}>"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A person's private calendar address. Only a hash of its secret is stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_read_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Calendar feed of {self.user}"

    @classmethod
    def renew(cls, user) -> str:
        """Make a new secret (the old address stops working) and return it, once."""
        secret = secrets.token_urlsafe(32)
        cls.objects.update_or_create(
            user=user, defaults={"secret_hash": hash_secret(secret), "created_at": timezone.now()}
        )
        return secret
