"""Who may see or change programs, cohorts, memberships and invitations.

Program coordinators run every cohort of their program; a person with a
coordinator membership in a cohort runs that cohort only. Everyone else who
belongs to a cohort is a participant: they may know it exists (so they get 403
on coordinator pages) while outsiders get 404 and learn nothing.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import Cohort, Membership, Program


def is_program_coordinator(user, program) -> bool:
    return user.is_authenticated and program.coordinators.filter(pk=user.pk).exists()


def cohorts_coordinated_by(user):
    """Cohorts the user runs, as program coordinator or as cohort coordinator."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    # Two IN subqueries rather than joins: a join through memberships would
    # repeat each cohort once per member (and need DISTINCT), and every count
    # annotated on top (see cohorts_with_counts) would then run once per member.
    return Cohort.objects.filter(
        Q(program__in=Program.coordinators.through.objects.filter(user=user).values("program_id"))
        | Q(
            pk__in=Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).values(
                "cohort_id"
            )
        )
    )


def can_coordinate_cohort(user, cohort) -> bool:
    return cohorts_coordinated_by(user).filter(pk=cohort.pk).exists()


def _is_cohort_member(user, cohort) -> bool:
    return user.is_authenticated and cohort.memberships.filter(user=user).exists()


def _knows_program(user, program) -> bool:
    return user.is_authenticated and (
        Membership.objects.filter(user=user, cohort__program=program).exists()
        or program.coordinators.filter(pk=user.pk).exists()
    )


def get_program_for_coordinator(user, slug) -> Program:
    """The program if the user coordinates it; 404 for outsiders, 403 for its participants."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not _knows_program(user, program):
        raise Http404("No such program.")
    if not is_program_coordinator(user, program):
        raise PermissionDenied("Only the program's coordinators can do this.")
    return program


def get_program_for_member(user, slug) -> Program:
    """The program if the user belongs to one of its cohorts or coordinates it; else 404."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not _knows_program(user, program):
        raise Http404("No such program.")
    return program


def get_cohort_for_coordinator(user, pk) -> Cohort:
    """The cohort if the user runs it; 404 for outsiders, 403 for its participants."""
    cohort = Cohort.objects.select_related("program").filter(pk=pk).first()
    if cohort is None:
        raise Http404("No such cohort.")
    if can_coordinate_cohort(user, cohort):
        return cohort
    if _is_cohort_member(user, cohort) or _knows_program(user, cohort.program):
        raise PermissionDenied("Only the cohort's coordinators can do this.")
    raise Http404("No such cohort.")


def get_membership_for_coordinator(user, pk) -> Membership:
    membership = Membership.objects.select_related("user", "cohort__program").filter(pk=pk).first()
    if membership is None:
        raise Http404("No such participant.")
    get_cohort_for_coordinator(user, membership.cohort_id)
    return membership
