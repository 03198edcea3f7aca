"""Who may see or change a partnership.

The pair's mentor and mentee see their partnership; the cohort's coordinators
see and manage it. Anyone else gets 404, the pair themselves get 403 on the
coordinator-only actions.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from mentorplan.programs.permissions import can_coordinate_cohort, cohorts_coordinated_by

from .models import Partnership


def is_partner(user, partnership) -> bool:
    return user.is_authenticated and user.pk in (partnership.mentor_id, partnership.mentee_id)


def can_view_partnership(user, partnership) -> bool:
    return is_partner(user, partnership) or can_coordinate_cohort(user, partnership.cohort)


def can_manage_partnership(user, partnership) -> bool:
    return can_coordinate_cohort(user, partnership.cohort)


def partnerships_visible_to(user):
    if not user.is_authenticated:
        return Partnership.objects.none()
    return Partnership.objects.filter(
        Q(mentor=user) | Q(mentee=user) | Q(cohort__in=cohorts_coordinated_by(user))
    )


def get_partnership_for_viewer(user, pk) -> Partnership:
    partnership = Partnership.objects.with_people().filter(pk=pk).first()
    if partnership is None or not can_view_partnership(user, partnership):
        raise Http404("No such partnership.")
    return partnership


def get_partnership_for_manager(user, pk) -> Partnership:
    partnership = get_partnership_for_viewer(user, pk)
    if not can_manage_partnership(user, partnership):
        raise PermissionDenied("Only the cohort's coordinators can do this.")
    return partnership
