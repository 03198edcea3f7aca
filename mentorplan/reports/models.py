"""What the coordinators' reports keep: each program's thresholds for "at risk", and nudges."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import Versioned
from mentorplan.programs.models import Program


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
