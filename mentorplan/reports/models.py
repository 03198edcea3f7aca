"""What the reports keep: each program's thresholds for "at risk", nudges, and reflections."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import Goal, LearningActivity, Versioned
from mentorplan.programs.models import Cohort, Program


def _days(label, default, help_text):
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=help_text,
    )


class HealthPolicy(Versioned):
    """How long a program lets a partnership stay at each step before it is flagged.

    A program without a row uses the defaults (``HealthPolicy.for_program``).
    """

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="health_policy")
    days_to_share = _days(
        "plan shared within (days)",
        21,
        "Days from pairing (or from the cohort's start, if later) until the mentee shares "
        "the plan.",
    )
    days_to_sign = _days(
        "agreement signed within (days)",
        14,
        "Days from sharing the plan until both have signed the agreement.",
    )
    days_to_first_meeting = _days(
        "first meeting within (days)",
        28,
        "Days from pairing (or from the cohort's start, if later) until the first meeting is held.",
    )
    help_waiting_days = _days(
        "help answered within (days)",
        3,
        "Days a request for help may wait for a coordinator's answer.",
    )
    low_check_in = models.DecimalField(
        "low check-in average",
        max_digits=2,
        decimal_places=1,
        default=2.5,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Check-ins rate meetings from 1 to 5; an average at or below this is low.",
    )

    class Meta:
        verbose_name_plural = "health policies"

    def __str__(self):
        return f"Health thresholds of {self.program}"

    @classmethod
    def for_program(cls, program) -> "HealthPolicy":
        """The program's thresholds, or the defaults (not saved) when it has set none."""
        return cls.objects.filter(program=program).first() or cls(program=program)


class Nudge(models.Model):
    """A coordinator's message to a partnership, emailed to both partners."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="nudges")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    message = models.TextField(max_length=2000)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "-sent_at"])]

    def __str__(self):
        return f"Nudge to {self.partnership} at {self.sent_at:%Y-%m-%d %H:%M}"


class ReflectionWindow(models.Model):
    """A coordinator opened the cohort's reflection before its last weeks."""

    cohort = models.OneToOneField(Cohort, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self):
        return f"Reflection of {self.cohort} opened"


class Reflection(Versioned):
    """One partner's look back at the partnership: the seed's end-of-cohort questions.

    Private to its author and the cohort's coordinators, unless the author shares
    it with their partner.
    """

    class Role(models.TextChoices):
        MENTEE = "mentee", "Mentee"
        MENTOR = "mentor", "Mentor"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="reflections"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=Role)
    most_helpful = models.ForeignKey(
        LearningActivity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="the activity that helped most",
    )
    most_helpful_why = models.TextField("why it helped", blank=True, max_length=2000)
    least_helpful = models.ForeignKey(
        LearningActivity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="the activity that helped least",
    )
    least_helpful_why = models.TextField("why it did not", blank=True, max_length=2000)
    kept_on_track = models.TextField("what kept you on track", blank=True, max_length=2000)
    would_change = models.TextField("what you would change", blank=True, max_length=2000)
    rating = models.PositiveSmallIntegerField(
        "the partnership, from 1 to 5",
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    shared_with_partner = models.BooleanField(
        "share with my partner",
        default=False,
        help_text="Off: only you and the program's coordinators read it.",
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "author"], name="reflection_per_author"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="reflection_rating_1_5"
            ),
        ]

    def __str__(self):
        return f"Reflection of {self.author} on partnership {self.partnership_id}"


class GoalVerdict(models.Model):
    """Whether a goal was met, in one reflection's words."""

    class Met(models.TextChoices):
        YES = "yes", "Met"
        PARTLY = "partly", "Partly met"
        NO = "no", "Not met"

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="verdicts")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    met = models.CharField(max_length=10, choices=Met)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reflection", "goal"], name="verdict_per_goal")
        ]

    def __str__(self):
        return f"{self.goal}: {self.get_met_display()}"


class SharedPractice(models.Model):
    """An activity that worked, shared by a participant, by choice, for the next cohorts.

    What they shared is copied (the title and kind as they were): it stays as
    shared if the plan changes or the partnership is deleted. Every member of
    the program reads it, with the author's role but not their name.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="practices")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    activity = models.ForeignKey(
        LearningActivity, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    role = models.CharField(max_length=10, choices=Reflection.Role)
    cohort_name = models.CharField(max_length=150)
    kind = models.CharField(max_length=10, choices=LearningActivity.Kind)
    title = models.CharField(max_length=200)
    why = models.TextField("why it worked", max_length=2000)
    shared_at = models.DateTimeField(default=timezone.now)
    suggested_to = models.ManyToManyField(Cohort, blank=True, related_name="+")

    class Meta:
        ordering = ["-shared_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "author"], name="practice_shared_once_per_author"
            )
        ]

    def __str__(self):
        return self.title
