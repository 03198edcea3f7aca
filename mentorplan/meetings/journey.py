"""The journey: the feed of what happened, celebrations, and the partnership page's section.

The feed is written as things happen, by the meetings' own services (a meeting
held) and by receivers of the plan's domain signals below (``plans.signals``):
they run inside the plan's write transaction and only write rows here.
"""

from django.dispatch import receiver
from django.utils import timezone

from mentorplan.partnerships import sections
from mentorplan.plans import changes, signals
from mentorplan.plans.models import ActionPlan

from .models import ActionItem, JourneyEvent, Meeting, MeetingSeries
from .permissions import access_for
from .selectors import (
    agenda_topics,
    cadence_for,
    current_meeting,
    journey_feed,
    past_meetings,
    unseen_celebrations,
    with_journey_facts,
)
from .services import celebrations_seen


def _event(partnership_id, key, kind, text, *, link="", quotes_plan=False, at=None):
    JourneyEvent.objects.update_or_create(
        partnership_id=partnership_id,
        key=key,
        defaults={
            "kind": kind,
            "text": text[:400],
            "link": link,
            "quotes_plan": quotes_plan,
            "at": at or timezone.now(),
        },
    )


def _name(user):
    return user.display_name or user.email


@receiver(signals.plan_shared)
def _plan_shared(sender, plan, by, **kwargs):
    _event(
        plan.partnership_id,
        f"plan-shared-{plan.pk}",
        JourneyEvent.Kind.PLAN_SHARED,
        f"{_name(by)} shared the action plan",
        link=plan.get_absolute_url(),
    )


@receiver(signals.agreement_signed)
def _agreement_signed(sender, plan, by, role, **kwargs):
    now = timezone.now()
    _event(
        plan.partnership_id,
        f"signed-{role}-{now:%Y%m%d%H%M%S%f}",
        JourneyEvent.Kind.AGREEMENT_SIGNED,
        f"{_name(by)} signed the mentoring agreement as {role}",
        link=plan.get_absolute_url() + "#agreement",
        at=now,
    )


@receiver(signals.activity_finished)
def _activity_finished(sender, activity, by, **kwargs):
    _event(
        activity.plan.partnership_id,
        f"activity-{activity.pk}-finished",
        JourneyEvent.Kind.ACTIVITY_DONE,
        f"{activity.get_status_display()}: “{activity.title}”",
        link=f"{activity.plan.get_absolute_url()}#activity-{activity.pk}",
        quotes_plan=True,
    )
    # The action item it came from is done with it.
    ActionItem.objects.filter(activity=activity, done_at__isnull=True).update(
        done_at=timezone.now()
    )


@receiver(signals.goal_achieved)
def _goal_achieved(sender, goal, by, **kwargs):
    _event(
        goal.plan.partnership_id,
        f"goal-{goal.pk}-achieved",
        JourneyEvent.Kind.GOAL_ACHIEVED,
        f"Goal achieved: “{goal.statement}”",
        link=f"{goal.plan.get_absolute_url()}#goal-{goal.pk}",
        quotes_plan=True,
    )


@receiver(signals.measure_reached)
def _measure_reached(sender, measure, by, **kwargs):
    plan = measure.goal.plan
    _event(
        plan.partnership_id,
        f"measure-{measure.pk}-reached",
        JourneyEvent.Kind.MEASURE_REACHED,
        f"Success measure reached: “{measure.description}”",
        link=f"{plan.get_absolute_url()}#measure-{measure.pk}",
        quotes_plan=True,
    )


@receiver(signals.plan_changed)
def _plan_changed(sender, plan, by, **kwargs):
    # A draft is the mentee's own; the journey starts with the shared plan.
    # One line per person and day: the "what changed" page has the details.
    if not plan.is_shared:
        return
    today = timezone.localdate()
    _event(
        plan.partnership_id,
        f"changed-{by.pk}-{today:%Y%m%d}",
        JourneyEvent.Kind.PLAN_CHANGED,
        f"{_name(by)} updated the action plan",
        link=f"{plan.get_absolute_url().rstrip('/')}/changes/",
    )


def last_meeting_held(plan):
    """Where "what changed since our last meeting" starts (``plans.changes`` hook).

    A query, not its answer: "what changed" reads it inside its own single query.
    """
    return (
        Meeting.objects.held()
        .filter(partnership_id=plan.partnership_id)
        .order_by("-starts_at")
        .values("starts_at")
    )


if last_meeting_held not in changes.last_meeting_hooks:
    changes.last_meeting_hooks.append(last_meeting_held)


@sections.register
def journey_section(request, partnership):
    """The journey on the partnership page: next meeting, cadence, celebrations, history."""
    access = access_for(request.user, partnership)
    if access is None:
        return None
    facts = with_journey_facts(type(partnership).objects.filter(pk=partnership.pk)).values(
        "next_meeting_pk", "last_held_at", "agreed_frequency"
    )[0]
    for name, value in facts.items():
        setattr(partnership, name, value)
    celebrations = []
    if access.is_partner:
        celebrations = unseen_celebrations([partnership], lambda _pk: access.role)
        celebrations_seen(events=celebrations, role=access.role)
    next_meeting = current_meeting(partnership)
    series = list(MeetingSeries.objects.filter(partnership=partnership, cancelled_at__isnull=True))
    has_plan = ActionPlan.objects.filter(partnership=partnership).exists()
    next_topics = []
    if next_meeting is not None and access.can_read_text:
        next_topics = agenda_topics(next_meeting, current=next_meeting)
    return "meetings/_journey.html", {
        "access": access,
        "next_meeting": next_meeting,
        "next_topics": next_topics,
        "cadence": cadence_for(partnership),
        "celebrations": celebrations,
        "past": past_meetings(partnership, request.GET.get("past")),
        "feed": journey_feed(partnership, request.GET.get("feed")),
        "series": series,
        "has_plan": has_plan,
    }
