"""Who may read the reports and act on them.

Reports are the coordinators': a cohort's dashboard, its nudges and its export go
to whoever runs the cohort (the program's coordinators, or a coordinator
membership in that cohort); a program's health thresholds to its program
coordinators. Mentors and mentees of the program get 403 (they know it exists),
everybody else 404. The dashboard shows what the pair did (counts, dates,
statuses, check-in averages), never what they wrote: plan text stays behind the
plan's own rule (``plans.permissions``).

A reflection is its author's: they write it while it is open (``reflection.is_open``);
the cohort's coordinators read every one; the partner reads it only once the author
shares it. The pair's own partnership page is the only way in for anybody else: 404.

What worked, shared by a partner of a pair, is read by every member of the program;
its program's coordinators make it part of a cohort's starter plan.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from mentorplan.partnerships.permissions import (
    can_manage_partnership,
    get_partnership_for_manager,
    get_partnership_for_viewer,
    is_partner,
)
from mentorplan.programs.permissions import (
    cohorts_coordinated_by,
    get_cohort_for_coordinator,
    get_program_for_coordinator,
    get_program_for_member,
    is_program_coordinator,
)

from .models import SharedPractice


def get_cohort_for_reports(user, pk):
    """The cohort whose dashboard the user may read; 404 for outsiders, 403 for participants."""
    return get_cohort_for_coordinator(user, pk)


def get_partnership_for_nudge(user, pk):
    """The partnership the user may nudge: one of a cohort they run."""
    return get_partnership_for_manager(user, pk)


def get_program_for_policy(user, slug):
    """The program whose health thresholds the user may change: its coordinators only."""
    return get_program_for_coordinator(user, slug)


def get_partnership_for_reflection(user, pk):
    """The partnership whose reflections the user may see: its pair and coordinators."""
    return get_partnership_for_viewer(user, pk)


def can_write_reflection(user, partnership, *, is_open) -> bool:
    return is_open and is_partner(user, partnership)


def can_read_reflection(user, reflection) -> bool:
    partnership = reflection.partnership
    if reflection.author_id == user.pk:
        return True
    if can_manage_partnership(user, partnership):
        return True
    return reflection.shared_with_partner and is_partner(user, partnership)


def get_program_for_reports(user, slug):
    """The program whose cohorts' figures the user may read: its program coordinators."""
    return get_program_for_coordinator(user, slug)


def get_program_for_practices(user, slug):
    """The program whose shared practices the user may read: any member or coordinator."""
    return get_program_for_member(user, slug)


def get_partnership_for_sharing(user, pk):
    """The partnership whose activities the user may share: its partners; coordinators 403."""
    partnership = get_partnership_for_viewer(user, pk)
    if not is_partner(user, partnership):
        raise PermissionDenied("Only the partners share what worked for them.")
    return partnership


def get_practice_for_suggestion(user, pk):
    """A shared practice the user may suggest in a starter plan: its program's coordinators."""
    practice = SharedPractice.objects.select_related("program").filter(pk=pk).first()
    if practice is None:
        raise Http404("No such practice.")
    program = get_program_for_member(user, practice.program.slug)
    if not is_program_coordinator(user, program):
        raise PermissionDenied("Only the program's coordinators change starter plans.")
    return practice


def cohorts_for_suggestions(user, program):
    """The program's cohorts not yet over whose starter plan the user may change."""
    return cohorts_coordinated_by(user).filter(program=program, ends_on__gte=timezone.localdate())
