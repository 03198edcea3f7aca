from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentorplan.programs.models import Membership

from .models import Partnership
from .signals import partnership_ended, partnership_started


@transaction.atomic
def partnership_start(*, cohort, mentor, mentee, created_by=None) -> Partnership:
    """Pair a mentor with a mentee of the same cohort.

    Refuses (with a ValidationError on the field at fault) a person paired with
    themselves, people without the right role in this cohort, a mentor at
    capacity and a pair that is already active. The mentor's membership row is
    locked so two coordinators pairing at once cannot both take the last place.
    """
    if mentor.pk == mentee.pk:
        raise ValidationError(
            {"mentee": ValidationError("A person cannot mentor themselves.", code="self")}
        )
    mentor_membership = (
        Membership.objects.select_for_update()
        .filter(cohort=cohort, user=mentor, role=Membership.Role.MENTOR)
        .first()
    )
    if mentor_membership is None:
        raise ValidationError(
            {
                "mentor": ValidationError(
                    "%(name)s is not a mentor in this cohort.",
                    code="not_mentor",
                    params={"name": mentor},
                )
            }
        )
    if not Membership.objects.filter(
        cohort=cohort, user=mentee, role=Membership.Role.MENTEE
    ).exists():
        raise ValidationError(
            {
                "mentee": ValidationError(
                    "%(name)s is not a mentee in this cohort.",
                    code="not_mentee",
                    params={"name": mentee},
                )
            }
        )
    active = Partnership.objects.active().filter(cohort=cohort, mentor=mentor)
    if active.filter(mentee=mentee).exists():
        raise ValidationError(
            {
                "mentee": ValidationError(
                    "%(mentor)s and %(mentee)s are already paired.",
                    code="duplicate",
                    params={"mentor": mentor, "mentee": mentee},
                )
            }
        )
    if active.count() >= mentor_membership.capacity:
        raise ValidationError(
            {
                "mentor": ValidationError(
                    "%(name)s is at capacity (%(capacity)s). "
                    "Raise their capacity or choose another mentor.",
                    code="at_capacity",
                    params={"name": mentor, "capacity": mentor_membership.capacity},
                )
            }
        )
    try:
        with transaction.atomic():
            partnership = Partnership.objects.create(
                cohort=cohort,
                mentor=mentor,
                mentee=mentee,
                created_by=created_by,
                started_on=max(cohort.starts_on, timezone.localdate()),
            )
    except IntegrityError:
        # Another request created the same pair between our check and insert.
        raise ValidationError(
            {"mentee": ValidationError("These two are already paired.", code="duplicate")}
        ) from None
    partnership_started.send(sender=Partnership, partnership=partnership, by=created_by)
    return partnership


@transaction.atomic
def partnership_end(*, partnership, status, reason="", by=None, on=None) -> Partnership:
    """Close a partnership (``Partnership.end`` checks the rules) and tell the apps above."""
    partnership.end(status=status, reason=reason, on=on)
    partnership_ended.send(sender=Partnership, partnership=partnership, by=by)
    return partnership
