import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone


class Program(models.Model):
    """A mentoring program run by one or more coordinators, e.g. an agency's mentoring scheme."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(unique=True, help_text="Used in addresses; letters, digits and dashes.")
    description = models.TextField(blank=True, max_length=5000)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coordinated_programs", blank=True
    )
    coordinators_read_plans = models.BooleanField(
        "coordinators may read plan text",
        default=False,
        help_text="Off: coordinators see each plan's progress (counts, statuses, checklist) "
        "but not what the pair wrote or their comments. On: they can also read shared plans.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:program-detail", args=[self.slug])


class Cohort(models.Model):
    """A group of partnerships that run over the same dates, e.g. "2026 Partnerships"."""

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", "Every week"
        FORTNIGHTLY = "fortnightly", "Every two weeks"
        MONTHLY = "monthly", "Every month"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=150)
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date")
    meeting_cadence = models.CharField(
        "suggested meeting cadence",
        max_length=20,
        choices=Cadence,
        default=Cadence.FORTNIGHTLY,
        help_text="What the program suggests; each pair agrees their own rhythm.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="cohort_name_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="cohort_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.program.name}: {self.name}"

    def get_absolute_url(self):
        return reverse("partnerships:cohort-detail", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError(
                {
                    "ends_on": ValidationError(
                        "The end date must be after the start date.", code="order"
                    )
                }
            )

    def is_running(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on

    def is_finished(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.ends_on < today


class Membership(models.Model):
    """Gives a person a role in one cohort."""

    class Role(models.TextChoices):
        MENTEE = "mentee", "Mentee"
        MENTOR = "mentor", "Mentor"
        COORDINATOR = "coordinator", "Coordinator"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role)
    capacity = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Mentors only: how many mentees they can take on in this cohort.",
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "user__display_name"]
        constraints = [
            # One role per person per cohort; the same person may mentor in one
            # cohort and be mentored in another.
            models.UniqueConstraint(fields=["user", "cohort"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(role="mentor", capacity__gte=1)
                | (~Q(role="mentor") & Q(capacity__isnull=True)),
                name="membership_capacity_for_mentors_only",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.cohort.name})"

    def active_mentee_count(self) -> int:
        """How many active partnerships this mentor has in the cohort."""
        # Through the reverse relation: partnerships sit above programs and
        # programs does not import them.
        return self.cohort.partnerships.filter(mentor_id=self.user_id, status="active").count()

    def clean(self):
        if self.role == self.Role.MENTOR and not self.capacity:
            raise ValidationError(
                {
                    "capacity": ValidationError(
                        "A mentor needs a capacity of at least 1.", code="required"
                    )
                }
            )
        if self.role != self.Role.MENTOR:
            self.capacity = None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """The one-time link that lets an invited person set a password and join their cohort.

    The token is made by the background task that emails it, and only its hash is
    stored: the link exists nowhere but in the email, and a leaked database does
    not leak working links. Sending again makes a new token, so the older link
    stops working.
    """

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="invitation"
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Status(models.TextChoices):
        QUEUED = "queued", "Being sent"
        SENT = "sent", "Invited"
        EXPIRED = "expired", "Invitation expired"
        ACCEPTED = "accepted", "Joined"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.membership}"

    def issue_token(self, now=None) -> str:
        """Make a fresh token (replacing any older one) and return it for the email."""
        now = now or timezone.now()
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.sent_at = now
        self.expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
        self.save(update_fields=["token_hash", "sent_at", "expires_at"])
        return token

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def status(self, now=None) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if not self.sent_at:
            return self.Status.QUEUED
        if self.is_expired(now):
            return self.Status.EXPIRED
        return self.Status.SENT

    def get_status_display(self) -> str:
        return self.Status(self.status()).label
