from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from mentorplan.programs.models import Cohort


class PartnershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Partnership.Status.ACTIVE)

    def with_people(self):
        return self.select_related("mentor", "mentee", "cohort__program")


class Partnership(models.Model):
    """A mentor and a mentee working together in one cohort."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        ENDED_EARLY = "ended_early", "Ended early"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="partnerships")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_partnerships"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentee_partnerships"
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.ACTIVE)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "mentee__display_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")), name="partnership_not_with_self"
            ),
            # A pair that ended may be formed again; two live copies may not.
            models.UniqueConstraint(
                fields=["cohort", "mentor", "mentee"],
                condition=Q(status="active"),
                name="partnership_active_pair_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended_early") | ~Q(end_reason=""),
                name="partnership_ended_early_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["mentee", "status"]),
        ]

    def __str__(self):
        return f"{self.mentor} mentoring {self.mentee} ({self.cohort.name})"

    def get_absolute_url(self):
        return reverse("partnerships:partnership-detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def end(self, *, status, reason="", on=None):
        """Close the partnership as completed, or as ended early with a reason."""
        if not self.is_active:
            raise ValidationError("This partnership has already ended.", code="not_active")
        reason = reason.strip()
        if status == self.Status.ENDED_EARLY and not reason:
            raise ValidationError(
                {"reason": ValidationError("Say why the partnership ends early.", code="required")}
            )
        if status not in (self.Status.COMPLETED, self.Status.ENDED_EARLY):
            raise ValidationError(
                {"status": ValidationError("Choose how it ended.", code="invalid")}
            )
        self.status = status
        self.end_reason = reason
        self.ended_on = on or timezone.localdate()
        self.save(update_fields=["status", "end_reason", "ended_on"])
