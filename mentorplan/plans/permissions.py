"""Who may see or change an action plan and its parts.

The rule, as a product decision:

- The mentee writes the plan. While it is a draft only the mentee sees it.
- Once shared, the mentor reads all of it, comments, writes the mentor's side,
  proposes success measures (a new one, a change to one, or the removal of one
  both agreed on: the mentee answers each) and signs the agreement.
- The cohort's coordinators always see the plan's progress (counts, statuses,
  the checklist, whether the agreement is signed) but not what the pair wrote,
  nor their comments, unless the program's setting "coordinators may read plan
  text" is on; then they read shared plans (never drafts), without editing.
- A help request ("we need help") is seen only by the person who raised it and
  the cohort's coordinators: not by the other partner. The coordinators answer
  it, or mark it handled (and reopen it), in their inbox of every request of
  the cohorts they run; participants of a cohort know the inbox exists (403),
  anyone else learns nothing (404).
- Once the partnership has ended the plan is read-only.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from mentorplan.partnerships.permissions import get_partnership_for_viewer
from mentorplan.programs.models import Membership
from mentorplan.programs.permissions import can_coordinate_cohort, cohorts_coordinated_by

from .models import HelpRequest

MENTEE, MENTOR, COORDINATOR = "mentee", "mentor", "coordinator"


def plan_role(user, partnership) -> str | None:
    """The part the user plays in this partnership's plan, or None."""
    if not user.is_authenticated:
        return None
    if user.pk == partnership.mentee_id:
        return MENTEE
    if user.pk == partnership.mentor_id:
        return MENTOR
    if can_coordinate_cohort(user, partnership.cohort):
        return COORDINATOR
    return None


def can_read_plan_text(role, plan) -> bool:
    if role == MENTEE:
        return True
    if plan is None or not plan.is_shared:
        return False
    if role == MENTOR:
        return True
    return role == COORDINATOR and plan.partnership.cohort.program.coordinators_read_plans


def can_edit_mentee_side(role, plan) -> bool:
    return role == MENTEE and plan.partnership.is_active


def can_edit_mentor_side(role, plan) -> bool:
    return role == MENTOR and plan.is_shared and plan.partnership.is_active


def can_take_part(role, plan) -> bool:
    """Comment and sign: both partners, once the plan is shared, while it is active."""
    return role in (MENTEE, MENTOR) and plan.is_shared and plan.partnership.is_active


def can_see_help_request(user, help_request) -> bool:
    return user.pk == help_request.raised_by_id or can_coordinate_cohort(
        user, help_request.plan.partnership.cohort
    )


def can_answer_help_request(user, help_request) -> bool:
    """Answer, mark handled, reopen: the coordinators of the pair's cohort."""
    return can_coordinate_cohort(user, help_request.plan.partnership.cohort)


def get_cohorts_for_help_inbox(user) -> list:
    """The cohorts whose requests the user works through; 403 for participants, else 404."""
    cohorts = list(
        cohorts_coordinated_by(user)
        .select_related("program")
        .order_by("program__name", "-starts_on", "name", "pk")
    )
    if cohorts:
        return cohorts
    if Membership.objects.filter(user=user).exists():
        raise PermissionDenied("Only the coordinators of a cohort read its requests for help.")
    raise Http404("No requests for help here.")


def can_ask_for_help(role, plan) -> bool:
    """The mentee, and the mentor once the plan is shared, while the partnership is active."""
    if not plan.partnership.is_active:
        return False
    return role == MENTEE or (role == MENTOR and plan.is_shared)


def help_requests_visible_to(user):
    """The requests the user raised, and those of the cohorts they run."""
    if not user.is_authenticated:
        return HelpRequest.objects.none()
    return HelpRequest.objects.filter(
        Q(raised_by=user) | Q(plan__partnership__cohort__in=cohorts_coordinated_by(user))
    )


def get_help_request_for_viewer(user, pk) -> HelpRequest:
    """404 for everyone else, the other partner included: the request is confidential."""
    help_request = (
        help_requests_visible_to(user)
        .select_related(
            "barrier",
            "raised_by",
            "answered_by",
            "handled_by",
            "plan__partnership__mentor",
            "plan__partnership__mentee",
            "plan__partnership__cohort__program",
        )
        .filter(pk=pk)
        .first()
    )
    if help_request is None:
        raise Http404("No such request for help.")
    return help_request


class PlanAccess:
    """The partnership, its plan (or None before the mentee opens it) and the user's role."""

    def __init__(self, partnership, plan, role):
        self.partnership, self.plan, self.role = partnership, plan, role

    @property
    def can_read(self):
        return can_read_plan_text(self.role, self.plan)

    @property
    def shows_plan(self):
        """There is a plan and the user reads what the pair wrote.

        Otherwise the plan's pages (the plan, print, timeline, what changed) show
        its progress instead, with status 200: the user sees the partnership.
        """
        return self.plan is not None and self.can_read

    @property
    def can_edit_mentee_side(self):
        return self.plan is not None and can_edit_mentee_side(self.role, self.plan)

    @property
    def can_edit_mentor_side(self):
        return self.plan is not None and can_edit_mentor_side(self.role, self.plan)

    @property
    def can_take_part(self):
        return self.plan is not None and can_take_part(self.role, self.plan)

    @property
    def can_ask_for_help(self):
        return self.plan is not None and can_ask_for_help(self.role, self.plan)

    @property
    def is_mentee(self):
        return self.role == MENTEE

    @property
    def is_mentor(self):
        return self.role == MENTOR

    @property
    def is_coordinator(self):
        return self.role == COORDINATOR


def get_plan_access(user, partnership_pk) -> PlanAccess:
    """404 for outsiders; the plan is created when its mentee first opens it.

    Once the plan exists, one query loads it with its partnership and all a
    plan page needs besides the parts (``selectors.plans_for_reader``).
    """
    from .selectors import plans_for_reader
    from .services import plan_for_mentee  # services import models only

    plan = plans_for_reader(user).filter(partnership_id=partnership_pk).first()
    if plan is not None:
        partnership = plan.partnership
        role = plan_role(user, partnership)
        if role is None:
            raise Http404("No such partnership.")
        return PlanAccess(partnership, plan, role)
    partnership = get_partnership_for_viewer(user, partnership_pk)
    role = plan_role(user, partnership)
    # The mentee's first visit starts the plan, while the partnership is active;
    # an ended partnership without a plan stays without one.
    if role == MENTEE and partnership.is_active:
        plan = plans_for_reader(user).get(pk=plan_for_mentee(partnership).pk)
        partnership = plan.partnership
    return PlanAccess(partnership, plan, role)


def require(condition: bool, message: str) -> None:
    """Refuse a member who lacks the right (403); outsiders were already 404."""
    if not condition:
        raise PermissionDenied(message)


def get_readable_plan(user, partnership_pk) -> PlanAccess:
    access = get_plan_access(user, partnership_pk)
    if access.plan is None:
        raise Http404("This plan has not been started yet.")
    require(access.can_read, "This plan is not shared with you.")
    return access


def get_editable_plan(user, partnership_pk, side) -> PlanAccess:
    """The plan if the user may edit the given side ("mentee" or "mentor")."""
    access = get_plan_access(user, partnership_pk)
    if access.plan is None:
        raise PermissionDenied("This plan has not been started yet.")
    allowed = access.can_edit_mentee_side if side == MENTEE else access.can_edit_mentor_side
    require(
        allowed,
        f"Only the {side} can change this part of the plan, while the partnership is active.",
    )
    return access
