"""Who may read the reports and act on them.

Reports are the coordinators': a cohort's dashboard, its nudges and its export go
to whoever runs the cohort (the program's coordinators, or a coordinator
membership in that cohort); a program's health thresholds to its program
coordinators. Mentors and mentees of the program get 403 (they know it exists),
everybody else 404. The dashboard shows what the pair did (counts, dates,
statuses, check-in averages), never what they wrote: plan text stays behind the
plan's own rule (``plans.permissions``).
"""

from mentorplan.partnerships.permissions import get_partnership_for_manager
from mentorplan.programs.permissions import (
    get_cohort_for_coordinator,
    get_program_for_coordinator,
)


def get_cohort_for_reports(user, pk):
    """The cohort whose dashboard the user may read; 404 for outsiders, 403 for participants."""
    return get_cohort_for_coordinator(user, pk)


def get_partnership_for_nudge(user, pk):
    """The partnership the user may nudge: one of a cohort they run."""
    return get_partnership_for_manager(user, pk)


def get_program_for_policy(user, slug):
    """The program whose health thresholds the user may change: its coordinators only."""
    return get_program_for_coordinator(user, slug)
