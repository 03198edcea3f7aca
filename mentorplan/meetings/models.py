"""The mentoring journey: 1-on-1 meetings, their agenda, notes, action items and check-ins.

A meeting belongs to a partnership. Its moment is stored in UTC (``starts_at``)
with the time zone it was set in (``time_zone``), so a series keeps its wall
clock across daylight-saving changes and every reader sees it in their own zone.

A meeting is *held* once it is scheduled (not cancelled) and its start has
passed; there is no separate "held" button, as the pair may forget it. A
meeting held elsewhere is logged afterwards with a start in the past.

Topics and action items live on the partnership and name the meeting they were
added for: an open topic or item of a meeting already held carries over to the
next meeting until it is covered (done) or dropped.

Shared notes are versioned like the plan's parts (``plans.editing``): two people
typing at once never lose a word. Private notes and check-ins are read only by
their author: they are kept out of the admin and out of every page but the
author's own.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.models import validate_time_zone
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import LearningActivity, Versioned


class Format(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    CHAT = "chat", "Chat"


class MeetingSeries(models.Model):
    """Meetings every N weeks on one weekday at one wall-clock time, until a day."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="series")
    every_weeks = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    first_on = models.DateField()
    until = models.DateField()
    local_time = models.TimeField()
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    duration_minutes = models.PositiveSmallIntegerField()
    format = models.CharField(max_length=20, choices=Format)
    location = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_on", "pk"]
        verbose_name_plural = "meeting series"

    def __str__(self):
        return self.describe()

    def describe(self) -> str:
        every = "Every week" if self.every_weeks == 1 else f"Every {self.every_weeks} weeks"
        return (
            f"{every} on {self.first_on:%A} at {self.local_time:%H:%M} "
            f"({self.time_zone.replace('_', ' ')}), until {self.until:%-d %B %Y}"
        )


class MeetingQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status=Meeting.Status.SCHEDULED)

    def held(self, now=None):
        return self.scheduled().filter(starts_at__lte=now or timezone.now())

    def coming(self, now=None):
        return self.scheduled().filter(starts_at__gt=now or timezone.now())


class Meeting(Versioned):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(
        MeetingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    format = models.CharField(max_length=20, choices=Format)
    location = models.CharField("place or link", max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.SCHEDULED)
    cancel_reason = models.TextField(blank=True, max_length=2000)
    logged_afterwards = models.BooleanField(default=False)
    # Raised at each move or cancellation: calendar clients order updates by it.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["partnership", "status", "starts_at"])]

    def __str__(self):
        return f"Meeting of {self.partnership_id} at {self.starts_at:%Y-%m-%d %H:%M} UTC"

    def get_absolute_url(self):
        return reverse("meetings:meeting-detail", args=[self.pk])

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def is_held(self, now=None) -> bool:
        return not self.is_cancelled and self.starts_at <= (now or timezone.now())

    def is_coming(self, now=None) -> bool:
        return not self.is_cancelled and self.starts_at > (now or timezone.now())


class MeetingChange(models.Model):
    """What happened to a meeting, for both partners to read."""

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", "scheduled"
        LOGGED = "logged", "logged afterwards"
        MOVED = "moved", "moved"
        CANCELLED = "cancelled", "cancelled"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20, choices=Kind)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)
    old_starts_at = models.DateTimeField(null=True, blank=True)
    new_starts_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} by {self.by}"


class MeetingNotes(Versioned):
    """The notes both partners write, during or after the meeting."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField("shared notes", blank=True, max_length=20000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name_plural = "meeting notes"

    def __str__(self):
        return f"Notes of {self.meeting}"


class PrivateNote(Versioned):
    """A note only its author ever reads: not the partner, a coordinator or staff."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField("private notes", blank=True, max_length=20000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="private_note_per_author")
        ]

    def __str__(self):
        # Never the text: this string shows in logs and error pages.
        return f"Private note #{self.pk}"


class Topic(models.Model):
    """A point on a meeting's agenda: the pair's own, or a suggestion from the plan taken up."""

    class Status(models.TextChoices):
        OPEN = "open", "To discuss"
        COVERED = "covered", "Covered"
        DROPPED = "dropped", "Dropped"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="topics")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField("topic", max_length=300)
    # The plan suggestion it came from ("activity-12-due"), so it is not offered twice.
    source = models.CharField(max_length=80, blank=True)
    link = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    resolved_in = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="resolved_topics"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self):
        return self.title


class ActionItem(models.Model):
    """Something one partner will do before a coming meeting."""

    class Owner(models.TextChoices):
        MENTEE = "mentee", "Mentee"
        MENTOR = "mentor", "Mentor"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="action_items"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField("action", max_length=300)
    owner = models.CharField(max_length=10, choices=Owner)
    due_on = models.DateField("due date")
    done_at = models.DateTimeField(null=True, blank=True)
    # The plan activity it became, if it did: the link both ways.
    activity = models.OneToOneField(
        LearningActivity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_item",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["partnership", "done_at"])]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class CheckIn(models.Model):
    """One partner's word on a meeting held: how useful it was. Never shown to the other."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="check_ins")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    usefulness = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True, max_length=2000)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="check_in_per_author"),
            models.CheckConstraint(
                condition=Q(usefulness__gte=1, usefulness__lte=5), name="check_in_usefulness_1_5"
            ),
        ]

    def __str__(self):
        return f"Check-in #{self.pk}"


class JourneyEvent(models.Model):
    """A line of the journey's feed: what happened in the partnership, and when.

    Goals achieved and measures reached are celebrations: each partner sees
    them once, highlighted, on their next visit (``*_seen_at``).
    """

    class Kind(models.TextChoices):
        MEETING_HELD = "meeting_held", "Meeting held"
        ACTIVITY_DONE = "activity_done", "Activity finished"
        GOAL_ACHIEVED = "goal_achieved", "Goal achieved"
        MEASURE_REACHED = "measure_reached", "Success measure reached"
        PLAN_SHARED = "plan_shared", "Plan shared"
        AGREEMENT_SIGNED = "agreement_signed", "Agreement signed"
        PLAN_CHANGED = "plan_changed", "Plan changed"

    CELEBRATED = (Kind.GOAL_ACHIEVED, Kind.MEASURE_REACHED)

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="journey_events"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    at = models.DateTimeField(default=timezone.now)
    # A sentence for the feed. When it quotes the plan (a goal's statement),
    # ``quotes_plan`` is set and readers without the plan's text see the kind only.
    text = models.CharField(max_length=400)
    quotes_plan = models.BooleanField(default=False)
    link = models.CharField(max_length=300, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # One event per thing that happened ("meeting-12", "goal-3-achieved").
    key = models.CharField(max_length=80)
    mentee_seen_at = models.DateTimeField(null=True, blank=True)
    mentor_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="journey_event_key_unique")
        ]
        indexes = [models.Index(fields=["partnership", "-at"])]

    def __str__(self):
        return self.text

    @property
    def is_celebration(self) -> bool:
        return self.kind in self.CELEBRATED
