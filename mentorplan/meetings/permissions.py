"""Who may see or change a partnership's meetings.

The rule, as a product decision:

- Both partners see every meeting of their partnership, its agenda, shared
  notes and action items, and schedule, move, cancel and write them while the
  partnership is active. Once it has ended, the journey is read-only.
- The cohort's coordinators see that meetings happen: dates, formats, counts and
  the feed's kinds. They read the agenda, notes and action items only when the
  program's setting "coordinators may read plan text" is on, and never change
  them.
- A private note is read by its author alone: not the partner, not a
  coordinator, not staff (it is not in the admin).
- A check-in is its author's: the other partner never sees it. (The
  coordinator's view of partnership health reads their scores, later.)
- A meeting's calendar file (.ics) is for the two partners: it names them and
  the place, as their calendars need. A coordinator gets 403.
- Anyone else gets 404; a coordinator who tries to write gets 403.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentorplan.partnerships.models import Partnership
from mentorplan.plans.permissions import COORDINATOR, MENTEE, MENTOR, plan_role

from .models import ActionItem, Meeting, Topic


@dataclass(frozen=True)
class MeetingAccess:
    """What one reader may do with one partnership's journey."""

    partnership: Partnership
    role: str

    @property
    def is_partner(self) -> bool:
        return self.role in (MENTEE, MENTOR)

    @property
    def is_mentee(self) -> bool:
        return self.role == MENTEE

    @property
    def is_coordinator(self) -> bool:
        return self.role == COORDINATOR

    @property
    def can_edit(self) -> bool:
        return self.is_partner and self.partnership.is_active

    @property
    def can_read_text(self) -> bool:
        if self.is_partner:
            return True
        return self.is_coordinator and self.partnership.cohort.program.coordinators_read_plans

    @property
    def can_keep_private_note(self) -> bool:
        return self.is_partner

    def can_check_in(self, meeting) -> bool:
        return self.can_edit and meeting.is_held()


def access_for(user, partnership) -> MeetingAccess | None:
    role = plan_role(user, partnership)
    return MeetingAccess(partnership, role) if role else None


def _partnership(pk):
    return Partnership.objects.with_people().filter(pk=pk).first()


def get_partnership_access(user, pk) -> MeetingAccess:
    partnership = _partnership(pk)
    access = access_for(user, partnership) if partnership else None
    if access is None:
        raise Http404("No such partnership.")
    return access


def get_partnership_for_editor(user, pk) -> MeetingAccess:
    access = get_partnership_access(user, pk)
    if not access.can_edit:
        raise PermissionDenied(
            "Only the pair can change their meetings while the partnership is active."
        )
    return access


def get_meeting_access(user, pk) -> tuple[Meeting, MeetingAccess]:
    meeting = (
        Meeting.objects.select_related("partnership__mentor", "partnership__mentee")
        .select_related("partnership__cohort__program", "series")
        .filter(pk=pk)
        .first()
    )
    access = access_for(user, meeting.partnership) if meeting else None
    if access is None:
        raise Http404("No such meeting.")
    return meeting, access


def get_meeting_for_editor(user, pk) -> tuple[Meeting, MeetingAccess]:
    meeting, access = get_meeting_access(user, pk)
    if not access.can_edit:
        raise PermissionDenied(
            "Only the pair can change their meetings while the partnership is active."
        )
    return meeting, access


def get_meeting_for_partner(user, pk) -> tuple[Meeting, MeetingAccess]:
    meeting, access = get_meeting_access(user, pk)
    if not access.is_partner:
        raise PermissionDenied("A meeting's calendar file is for the two partners.")
    return meeting, access


def get_topic_for_editor(user, meeting_pk, topic_pk):
    meeting, access = get_meeting_for_editor(user, meeting_pk)
    topic = Topic.objects.filter(pk=topic_pk, partnership=meeting.partnership_id).first()
    if topic is None:
        raise Http404("No such topic.")
    return meeting, access, topic


def get_action_item_for_editor(user, meeting_pk, item_pk):
    meeting, access = get_meeting_for_editor(user, meeting_pk)
    item = ActionItem.objects.filter(pk=item_pk, partnership=meeting.partnership_id).first()
    if item is None:
        raise Http404("No such action item.")
    return meeting, access, item
