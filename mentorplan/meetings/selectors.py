"""Read-only queries of the journey, each with a fixed number of SQL queries.

"The current meeting" is the one the pair prepares or holds now: the first
meeting not cancelled whose start is at most a day ago. Open topics and action
items of earlier meetings carry over to it; other meetings show their own.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from mentorplan.plans.models import Expectations, LearningActivity, SuccessMeasure
from mentorplan.programs.models import Cohort

from .models import ActionItem, JourneyEvent, Meeting, Topic

CURRENT_FOR = timedelta(days=1)
FEED_PER_PAGE = 20
PAST_PER_PAGE = 10
INTERVAL_DAYS = {
    Cohort.Cadence.WEEKLY: 7,
    Cohort.Cadence.FORTNIGHTLY: 14,
    Cohort.Cadence.MONTHLY: 30,
}
# Behind once the gap is half again as long as the agreed interval.
BEHIND_FACTOR = 1.5


def current_meetings(now=None):
    now = now or timezone.now()
    return Meeting.objects.scheduled().filter(starts_at__gt=now - CURRENT_FOR)


def current_meeting(partnership, now=None):
    return current_meetings(now).filter(partnership=partnership).order_by("starts_at", "pk").first()


def is_current(meeting, current) -> bool:
    return current is not None and meeting.pk == current.pk


def agenda_topics(meeting, *, current) -> list[Topic]:
    """The meeting's topics in agenda order; ``topic.carried`` marks those from before."""
    mine = Q(meeting=meeting) | Q(resolved_in=meeting)
    if is_current(meeting, current):
        mine |= Q(status=Topic.Status.OPEN, meeting__starts_at__lt=meeting.starts_at)
    topics = list(
        Topic.objects.filter(mine, partnership_id=meeting.partnership_id)
        .select_related("meeting")
        .order_by("position", "pk")
    )
    for topic in topics:
        topic.carried = topic.meeting_id != meeting.pk
    return topics


def agenda_action_items(meeting, *, current) -> list[ActionItem]:
    """The meeting's action items; ``item.rolled`` marks open ones from earlier meetings."""
    mine = Q(meeting=meeting)
    if is_current(meeting, current):
        mine |= Q(done_at__isnull=True, meeting__starts_at__lt=meeting.starts_at)
    items = list(
        ActionItem.objects.filter(mine, partnership_id=meeting.partnership_id)
        .select_related("meeting", "activity")
        .order_by("done_at", "due_on", "pk")
    )
    for item in items:
        item.rolled = item.meeting_id != meeting.pk
    return items


def last_held_before(meeting):
    return (
        Meeting.objects.held()
        .filter(partnership_id=meeting.partnership_id, starts_at__lt=meeting.starts_at)
        .order_by("-starts_at", "-pk")
        .first()
    )


def with_journey_facts(partnerships, now=None):
    """Annotate partnerships with their next meeting, last meeting held and agreed rhythm."""
    now = now or timezone.now()
    scheduled = Meeting.objects.scheduled().filter(partnership=OuterRef("pk"))
    coming = current_meetings(now).filter(partnership=OuterRef("pk")).order_by("starts_at", "pk")
    held = scheduled.filter(starts_at__lte=now).order_by("-starts_at")
    frequency = Expectations.objects.filter(plan__partnership=OuterRef("pk")).values(
        "meeting_frequency"
    )
    return partnerships.annotate(
        next_meeting_pk=Subquery(coming.values("pk")[:1]),
        next_meeting_at=Subquery(coming.values("starts_at")[:1]),
        last_held_at=Subquery(held.values("starts_at")[:1]),
        agreed_frequency=Subquery(frequency[:1]),
    )


@dataclass(frozen=True)
class Cadence:
    frequency: str
    agreed: bool
    last_held_at: object
    behind: bool
    message: str


def _weeks(days: int) -> str:
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{days // 7} weeks"


def cadence_for(partnership, now=None) -> Cadence | None:
    """The agreed rhythm against the meetings held (needs ``with_journey_facts``)."""
    if not partnership.is_active:
        return None
    now = now or timezone.now()
    agreed = bool(partnership.agreed_frequency)
    frequency = partnership.agreed_frequency or partnership.cohort.meeting_cadence
    interval = INTERVAL_DAYS[frequency]
    label = Cohort.Cadence(frequency).label.lower()
    who = "You agreed to meet" if agreed else "Your program suggests meeting"
    if partnership.last_held_at is not None:
        # Calendar days where the reader lives: Monday's meeting was "2 days ago" on Wednesday.
        gap = (timezone.localdate(now) - timezone.localdate(partnership.last_held_at)).days
        since = f"the last meeting was {_weeks(gap)} ago"
    else:
        gap = (timezone.localdate(now) - partnership.started_on).days
        since = f"you have not met since you were paired {_weeks(gap)} ago"
    behind = gap > interval * BEHIND_FACTOR
    return Cadence(frequency, agreed, partnership.last_held_at, behind, f"{who} {label}; {since}.")


def unseen_celebrations(partnerships, role_of) -> list[JourneyEvent]:
    """Celebrations the reader has not seen, over ``partnerships`` (one query).

    ``role_of(partnership_id)`` says whether the reader is the "mentee" or "mentor" there.
    """
    by_pk = {p.pk: p for p in partnerships}
    if not by_pk:
        return []
    events = JourneyEvent.objects.filter(
        partnership__in=list(by_pk), kind__in=JourneyEvent.CELEBRATED
    ).filter(Q(mentee_seen_at__isnull=True) | Q(mentor_seen_at__isnull=True))
    unseen = []
    for event in events:
        seen = (
            event.mentee_seen_at
            if role_of(event.partnership_id) == "mentee"
            else event.mentor_seen_at
        )
        if seen is None:
            event.partnership = by_pk[event.partnership_id]
            unseen.append(event)
    return unseen


def journey_feed(partnership, page, now=None):
    now = now or timezone.now()
    events = JourneyEvent.objects.filter(partnership=partnership, at__lte=now).order_by(
        "-at", "-pk"
    )
    return Paginator(events, FEED_PER_PAGE).get_page(page)


def past_meetings(partnership, page, now=None):
    """Meetings held, newest first, with notes, topics covered there and action items."""
    now = now or timezone.now()
    held = (
        Meeting.objects.held(now)
        .filter(partnership=partnership)
        .select_related("notes")
        .prefetch_related(
            Prefetch("resolved_topics", queryset=Topic.objects.order_by("position", "pk")),
            Prefetch("topics", queryset=Topic.objects.order_by("position", "pk")),
            Prefetch("action_items", queryset=ActionItem.objects.select_related("activity")),
        )
        .order_by("-starts_at", "-pk")
    )
    return Paginator(held, PAST_PER_PAGE).get_page(page)


def notes_of(meeting):
    """The meeting's shared notes, or None (the reverse one-to-one raises when absent)."""
    try:
        return meeting.notes
    except Meeting.notes.RelatedObjectDoesNotExist:
        return None


@dataclass
class Progress:
    """What a partner can move forward in one click: open activities and measures."""

    activities: list
    measures: list


def progress_for_plans(plans) -> dict[int, Progress]:
    """Open learning activities and agreed measures not yet reached, by plan (two queries)."""
    plans = [p for p in plans if p is not None]
    found = {p.pk: Progress([], []) for p in plans}
    if not found:
        return found
    activities = LearningActivity.objects.filter(
        plan__in=list(found),
        status__in=[LearningActivity.Status.PLANNED, LearningActivity.Status.IN_PROGRESS],
    ).order_by("due_on", "pk")
    for activity in activities:
        found[activity.plan_id].activities.append(activity)
    measures = (
        SuccessMeasure.objects.filter(
            goal__plan__in=list(found), agreed=True, achieved_on__isnull=True
        )
        .select_related("goal")
        .order_by("goal__position", "pk")
    )
    for measure in measures:
        found[measure.goal.plan_id].measures.append(measure)
    return found
