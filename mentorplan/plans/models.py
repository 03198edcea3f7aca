"""The action plan: the mentee's side, the mentor's side and the mentoring agreement.

Every part a person edits carries a ``version``; a save names the version it
started from and is refused when someone saved in between (see ``editing.py``).
Every part keeps its history (django-simple-history), which the "what changed"
view turns into sentences.

A plan also carries a ``revision``: raised by every write to the plan or any of
its parts, in the write's own transaction (``revision.plan_revise``, the one
funnel every domain function passes). Caches of what a plan renders are keyed on
it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mentorplan.partnerships.models import Partnership
from mentorplan.programs.models import Cohort

TOP_GOALS = 3
# What a success measure is (by attribute name): a mentor who changes one of
# these proposes the measure anew; its progress and achieved date are updates.
MEASURE_TERMS = ("goal_id", "description", "target")
# Effort units in hours of work, used to compare the plan with the mentee's time.
HOURS_PER_UNIT = {"hours": Decimal(1), "days": Decimal(8), "weeks": Decimal(40)}


class Versioned(models.Model):
    """A part of the plan that two people may edit at once."""

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ActionPlan(Versioned):
    """One plan per partnership, written by the mentee and shared with the mentor."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SHARED = "shared", "Shared with the mentor"

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="plan")
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # The mentee's answer to the mentor's understanding of their goals.
    understanding_confirmed_at = models.DateTimeField(null=True, blank=True)
    understanding_feedback = models.TextField(
        "what is missing from the mentor's understanding", blank=True, max_length=2000
    )
    # Raised only by ``revision.plan_revise``, with an UPDATE ... SET revision =
    # revision + 1, never written back from memory (see save()).
    revision = models.PositiveBigIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "revision"])

    def __str__(self):
        return f"Action plan of {self.partnership.mentee}"

    def save(self, *args, **kwargs):
        # A plan read before another write holds an older revision: saving it
        # whole would set the revision back, and two states of the plan would
        # share one revision (and one cache key). Only the funnel writes it.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "revision"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("plans:plan-detail", args=[self.partnership_id])

    @property
    def is_shared(self) -> bool:
        return self.status == self.Status.SHARED


class Expectations(Versioned):
    """The mentee's communication expectations and the time they can give."""

    plan = models.OneToOneField(ActionPlan, on_delete=models.CASCADE, related_name="expectations")
    meeting_frequency = models.CharField(
        max_length=20, choices=Cohort.Cadence, blank=True, help_text="How often you want to meet."
    )
    meeting_format = models.CharField(
        max_length=200, blank=True, help_text="For example: video call, in person over coffee."
    )
    preferred_channels = models.CharField(
        max_length=200, blank=True, help_text="Between meetings, for example: email, chat, phone."
    )
    guidance_areas = models.TextField("areas where you want guidance", blank=True, max_length=2000)
    weekly_hours = models.DecimalField(
        "hours a week for the plan",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("40"))],
        help_text="How many hours a week you can give to your learning activities.",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    def __str__(self):
        return f"Expectations of {self.plan}"

    @property
    def is_set(self) -> bool:
        return bool(
            self.meeting_frequency
            and self.meeting_format.strip()
            and self.preferred_channels.strip()
            and self.weekly_hours
        )


class MentorSide(Versioned):
    """The mentor's side of the plan: understanding, role, environment, boundaries, availability."""

    class Role(models.TextChoices):
        ADVICE = "advice", "Giving advice"
        EXPERIENCE = "experience", "Sharing experience"
        FEEDBACK = "feedback", "Constructive feedback"
        CONNECTING = "connecting", "Connecting to resources and networks"

    plan = models.OneToOneField(ActionPlan, on_delete=models.CASCADE, related_name="mentor_side")
    understanding = models.TextField(
        "my understanding of the mentee's goals and needs",
        blank=True,
        max_length=4000,
        help_text="In your own words, after listening to your mentee.",
    )
    roles = models.JSONField("my role", default=list, blank=True)
    role_notes = models.TextField("how I will do it", blank=True, max_length=4000)
    supportive_environment = models.TextField(
        "how I will keep our conversations safe and supportive", blank=True, max_length=2000
    )
    boundaries = models.TextField(blank=True, max_length=2000)
    availability = models.CharField(
        max_length=300, blank=True, help_text="For example: Tuesday and Thursday afternoons."
    )
    response_time = models.CharField(
        "expected response time",
        max_length=100,
        blank=True,
        help_text="For example: within two working days.",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    def __str__(self):
        return f"Mentor's side of {self.plan}"

    @property
    def is_written(self) -> bool:
        return bool(
            self.understanding.strip()
            and self.roles
            and self.boundaries.strip()
            and self.availability.strip()
            and self.response_time.strip()
        )

    def roles_display(self) -> list[str]:
        labels = dict(self.Role.choices)
        return [labels[r] for r in self.roles if r in labels]


class Goal(Versioned):
    class Horizon(models.TextChoices):
        SHORT = "short", "Short-term"
        LONG = "long", "Long-term"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        ACHIEVED = "achieved", "Achieved"
        DROPPED = "dropped", "Dropped"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveIntegerField(default=0)
    statement = models.CharField("goal", max_length=300)
    why = models.TextField("why it matters", blank=True, max_length=2000)
    horizon = models.CharField(max_length=10, choices=Horizon, default=Horizon.SHORT)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.NOT_STARTED)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["plan", "position"])]

    def __str__(self):
        return self.statement

    @property
    def number(self) -> int:
        """1-based priority, as people read it ("Goal 2")."""
        return self.position + 1

    @property
    def is_top(self) -> bool:
        return self.position < TOP_GOALS

    @property
    def latest_assessment(self):
        """The most recent self-assessment (uses the prefetched list when there is one)."""
        assessments = list(self.assessments.all())
        return assessments[-1] if assessments else None


class SelfAssessment(models.Model):
    """Where the mentee is on a goal, 1–10, taken when it is set and at each update."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="assessments")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.score}/10 on {self.goal}"


class LearningObjective(Versioned):
    class Category(models.TextChoices):
        SKILL = "skill", "New skill"
        CONFIDENCE = "confidence", "Self-confidence"
        NETWORK = "network", "Network"
        INDUSTRY = "industry", "Industry knowledge"
        OTHER = "other", "Other"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="objectives")
    category = models.CharField(max_length=20, choices=Category)
    statement = models.CharField("objective", max_length=300)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="objectives"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.statement


class LearningActivity(Versioned):
    class Kind(models.TextChoices):
        DOING = "doing", "Learning by doing"
        OTHERS = "others", "Learning from others"
        STRETCH = "stretch", "Stretch assignment"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"

    class Outcome(models.TextChoices):
        YES = "yes", "Yes, it worked"
        PARTLY = "partly", "Partly"
        NO = "no", "No, it did not work"

    class EffortUnit(models.TextChoices):
        HOURS = "hours", "hours"
        DAYS = "days", "days"
        WEEKS = "weeks", "weeks"

    # The seed's examples, offered as suggestions in the form.
    EXAMPLES = {
        Kind.DOING: ["Special project", "Writing a memo"],
        Kind.OTHERS: ["Shadowing", "Situational mentoring"],
        Kind.STRETCH: ["Project outside the department", "Leadership role"],
    }

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=10, choices=Kind)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=4000)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    effort_amount = models.DecimalField(
        "effort",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("999"))],
    )
    effort_unit = models.CharField(max_length=10, choices=EffortUnit, default=EffortUnit.HOURS)
    starts_on = models.DateField("start date")
    due_on = models.DateField("due date")
    status = models.CharField(max_length=20, choices=Status, default=Status.PLANNED)
    outcome = models.CharField("did it work?", max_length=10, choices=Outcome, blank=True)
    lessons = models.TextField("what was learned", blank=True, max_length=4000)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=F("starts_on")), name="activity_due_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def effort_hours(self) -> Decimal:
        return self.effort_amount * HOURS_PER_UNIT[self.effort_unit]

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.SKIPPED)

    def clean(self):
        errors = {}
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            errors["due_on"] = ValidationError(
                "The due date cannot be before the start date.", code="order"
            )
        if self.is_finished and not self.outcome:
            errors["outcome"] = ValidationError(
                "Once an activity is done or skipped, say whether it worked.", code="required"
            )
        if not self.is_finished and (self.outcome or self.lessons.strip()):
            errors["outcome"] = ValidationError(
                "An outcome is recorded once the activity is done or skipped.", code="too_early"
            )
        if errors:
            raise ValidationError(errors)


class Milestone(Versioned):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    date = models.DateField()
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="milestones"
    )
    reached = models.BooleanField(default=False)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self):
        return self.title


class Barrier(Versioned):
    class Kind(models.TextChoices):
        TIME = "time", "Time"
        RESOURCES = "resources", "Resources"
        PERSONAL = "personal", "Personal"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        MANAGED = "managed", "Being managed"
        RESOLVED = "resolved", "Resolved"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="barriers")
    kind = models.CharField(max_length=10, choices=Kind)
    description = models.TextField(max_length=2000)
    strategy = models.TextField("strategy to overcome it", blank=True, max_length=2000)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:50]}"


# A request waits while neither answered nor handled: the coordinators still owe
# the person something.
HELP_WAITING = Q(answered_at__isnull=True, handled_at__isnull=True)


class HelpRequestQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(HELP_WAITING)

    def in_state(self, state):
        """The requests in one of ``HelpRequest.State`` (any other value: all of them)."""
        if state == HelpRequest.State.WAITING:
            return self.waiting()
        if state == HelpRequest.State.ANSWERED:
            return self.filter(answered_at__isnull=False)
        if state == HelpRequest.State.HANDLED:
            return self.filter(handled_at__isnull=False)
        return self


class HelpRequest(models.Model):
    """A confidential "we need help" from one partner to the program's coordinators.

    Only the person who raised it and the cohort's coordinators see it: not the
    other partner. A coordinator answers it in writing, or marks it handled when
    they dealt with it another way (a call, a word after a meeting); it waits
    until one of the two. Never both: an answer replaces "handled".
    """

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting"
        ANSWERED = "answered", "Answered"
        HANDLED = "handled", "Handled"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="help_requests")
    barrier = models.ForeignKey(
        Barrier, on_delete=models.SET_NULL, null=True, blank=True, related_name="help_requests"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(max_length=4000)
    raised_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True, max_length=4000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(handled_at__isnull=True),
                name="help_request_answered_or_handled",
            )
        ]

    def __str__(self):
        return f"Help request from {self.raised_by}"

    def get_absolute_url(self):
        return reverse("plans:help-request-detail", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None

    @property
    def is_waiting(self) -> bool:
        return not self.is_answered and not self.is_handled

    @property
    def state(self) -> str:
        if self.is_answered:
            return self.State.ANSWERED
        return self.State.HANDLED if self.is_handled else self.State.WAITING

    @property
    def raised_by_mentee(self) -> bool:
        return self.raised_by_id == self.plan.partnership.mentee_id

    def waited(self, now=None) -> str:
        """How long it waited, in words: "waiting 5 days", "answered after 2 days".

        From its raising to its answer or handling, or to ``now`` while it waits.
        In the largest whole unit (days, else hours, else minutes), rounded down:
        a coordinator reads "waiting 2 days" at a glance, not "2 days, 7 hours".
        """
        if self.is_answered:
            prefix, end = "answered after", self.answered_at
        elif self.is_handled:
            prefix, end = "handled after", self.handled_at
        else:
            prefix, end = "waiting", now or timezone.now()
        # A clock a little behind the one that raised it must not say "-1 minutes".
        minutes = max(int((end - self.raised_at).total_seconds() // 60), 0)
        for size, unit in ((24 * 60, "day"), (60, "hour"), (1, "minute")):
            if minutes >= size:
                count = minutes // size
                return f"{prefix} {count} {unit}{'' if count == 1 else 's'}"
        return f"{prefix} less than a minute"


class SuccessMeasure(Versioned):
    class ProposedBy(models.TextChoices):
        MENTEE = "mentee", "Mentee"
        MENTOR = "mentor", "Mentor"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures")
    description = models.CharField("what will show success", max_length=300)
    target = models.CharField(
        max_length=200, blank=True, help_text="For example: 3 presentations, a promotion."
    )
    progress = models.CharField("current progress", max_length=200, blank=True)
    achieved_on = models.DateField(null=True, blank=True)
    proposed_by = models.CharField(max_length=10, choices=ProposedBy, default=ProposedBy.MENTEE)
    agreed = models.BooleanField(
        default=True, help_text="A mentor's proposal counts once the mentee agrees."
    )
    # Both agreed on it, so the mentor alone does not remove it: their "remove"
    # is a proposal, and the measure counts until the mentee answers.
    removal_proposed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the mentor proposed to remove it."
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.description

    @property
    def is_achieved(self) -> bool:
        return self.achieved_on is not None

    @property
    def is_removal_proposed(self) -> bool:
        return self.removal_proposed_at is not None


class Agreement(Versioned):
    """The mentoring agreement: terms drawn from the plan, signed by both.

    A signature stores the terms as they were signed. When a term changes, the
    stored text no longer matches and that person is asked to sign again.
    """

    plan = models.OneToOneField(ActionPlan, on_delete=models.CASCADE, related_name="agreement")
    mentee_signed_name = models.CharField(max_length=120, blank=True)
    mentee_signed_at = models.DateTimeField(null=True, blank=True)
    mentee_signed_terms = models.TextField(blank=True)
    mentor_signed_name = models.CharField(max_length=120, blank=True)
    mentor_signed_at = models.DateTimeField(null=True, blank=True)
    mentor_signed_terms = models.TextField(blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    def __str__(self):
        return f"Agreement of {self.plan.partnership}"


class Comment(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="comments")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    activity = models.ForeignKey(
        LearningActivity, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["plan", "created_at"])]

    def __str__(self):
        return f"Comment by {self.author} on {self.created_at:%Y-%m-%d}"


class PlanVisit(models.Model):
    """When a person last opened a plan: "new since your last visit" starts here."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="visits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()
    previous_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "user"], name="plan_visit_unique")]

    def __str__(self):
        return f"{self.user} saw {self.plan} at {self.seen_at:%Y-%m-%d %H:%M}"


class StarterItem(models.Model):
    """A coordinator's suggestion for every plan of a cohort: a goal, objective or activity."""

    class Kind(models.TextChoices):
        GOAL = "goal", "Goal"
        OBJECTIVE = "objective", "Learning objective"
        ACTIVITY = "activity", "Learning activity"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="starter_items")
    kind = models.CharField(max_length=10, choices=Kind)
    text = models.CharField(max_length=300)
    objective_category = models.CharField(
        max_length=20, choices=LearningObjective.Category, blank=True
    )
    activity_kind = models.CharField(max_length=10, choices=LearningActivity.Kind, blank=True)
    # Items added after plans began are offered to each plan to accept or dismiss.
    offered_later = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.text

    def clean(self):
        if self.kind == self.Kind.OBJECTIVE and not self.objective_category:
            raise ValidationError(
                {"objective_category": ValidationError("Choose a category.", code="required")}
            )
        if self.kind == self.Kind.ACTIVITY and not self.activity_kind:
            raise ValidationError(
                {"activity_kind": ValidationError("Choose a kind of activity.", code="required")}
            )


class Suggestion(models.Model):
    """A starter item offered to one plan after it began; the mentee accepts or dismisses it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="suggestions")
    item = models.ForeignKey(StarterItem, on_delete=models.CASCADE, related_name="suggestions")
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "item"], name="suggestion_unique")]

    def __str__(self):
        return f"{self.item} for {self.plan} ({self.get_status_display()})"
