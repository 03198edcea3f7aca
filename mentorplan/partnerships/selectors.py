"""Read-only queries for cohort and home pages, each with a fixed number of SQL queries."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from mentorplan.programs.models import Membership
from mentorplan.programs.permissions import cohorts_coordinated_by

from .models import Partnership

PAIRED = [Partnership.Status.ACTIVE, Partnership.Status.COMPLETED]


def _count(queryset):
    return Coalesce(
        Subquery(
            queryset.order_by().values("cohort_id").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def cohorts_with_counts(cohorts):
    """Annotate cohorts with their people and partnership counts (one query in all)."""
    members = Membership.objects.filter(cohort=OuterRef("pk"))
    partnerships = Partnership.objects.filter(cohort=OuterRef("pk"))
    # A mentee counts as paired while a partnership is active or once it completed;
    # one whose partnership ended early and who has no new mentor waits again.
    paired = Partnership.objects.filter(
        cohort=OuterRef("cohort_id"), mentee=OuterRef("user_id"), status__in=PAIRED
    )
    return cohorts.select_related("program").annotate(
        mentee_count=_count(members.filter(role=Membership.Role.MENTEE)),
        mentor_count=_count(members.filter(role=Membership.Role.MENTOR)),
        active_count=_count(partnerships.filter(status=Partnership.Status.ACTIVE)),
        ended_count=_count(partnerships.exclude(status=Partnership.Status.ACTIVE)),
        unpaired_count=_count(members.filter(role=Membership.Role.MENTEE).exclude(Exists(paired))),
    )


def cohort_members(cohort):
    """The cohort's memberships with people, invitation and, for mentors, active mentees."""
    active_load = (
        Partnership.objects.active()
        .filter(cohort=cohort, mentor=OuterRef("user_id"))
        .order_by()
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    paired = Partnership.objects.filter(
        cohort=cohort, mentee=OuterRef("user_id"), status__in=PAIRED
    )
    return (
        cohort.memberships.select_related("user", "invitation")
        .annotate(
            mentee_load=Coalesce(Subquery(active_load, output_field=IntegerField()), Value(0)),
            is_paired=Exists(paired),
        )
        .order_by("role", "user__display_name")
    )


def home_for(user):
    """What a person's home page shows, for each of their roles."""
    partnerships = Partnership.objects.with_people().order_by("status", "-cohort__starts_on")
    memberships = Membership.objects.filter(user=user).select_related("cohort__program")
    coordinated = cohorts_with_counts(cohorts_coordinated_by(user)).order_by(
        "program__name", "-starts_on"
    )
    coordinated = list(coordinated)
    as_mentee = list(partnerships.filter(mentee=user))
    as_mentor = list(partnerships.filter(mentor=user))
    paired_cohorts = {p.cohort_id for p in as_mentee} | {p.cohort_id for p in as_mentor}
    waiting = [
        m
        for m in memberships
        if m.role != Membership.Role.COORDINATOR and m.cohort_id not in paired_cohorts
    ]
    return {
        "as_mentee": as_mentee,
        "as_mentor": as_mentor,
        "coordinated_cohorts": coordinated,
        "waiting_memberships": waiting,
        "has_any_role": bool(as_mentee or as_mentor or waiting or coordinated),
    }
