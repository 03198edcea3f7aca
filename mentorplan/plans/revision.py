"""The one funnel every write to a plan passes: ``plan_revise``.

Each domain function that changes a plan (``services``, ``agreement``) makes its
change and then calls ``plan_revise`` in the same transaction, once. The funnel
raises the plan's ``revision`` (what the caches of the plan's pages are keyed
on) and sends the domain signals of ``signals.py``: ``plan_changed`` for each
part that was created, updated or deleted, the signals that follow from what a
change means (a goal now achieved, an activity finished, a measure reached or
proposed, the mentor's understanding written), and the ones the caller names.

Why one funnel: a write that forgot the revision would leave a cached page
stale, and a write that forgot a signal would leave a notification unsent. With
every path through here, a test per path checks both (``tests/test_revision.py``).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from . import signals
from .models import MEASURE_TERMS, ActionPlan, Goal, LearningActivity, SuccessMeasure

CREATED, UPDATED, DELETED = "created", "updated", "deleted"


@dataclass
class PartChange:
    """A part of the plan that a write created, updated or deleted.

    ``before`` holds the part's stored values before an update or a delete
    (``editing.field_values``); ``data`` what else a change needs to be told
    (a goal's move: its priorities before and after). ``announce`` False keeps
    ``plan_changed`` quiet for parts that come with another event (the starter
    plan's parts come with ``plan_started``).
    """

    kind: str
    action: str
    part: object
    before: dict | None = None
    data: dict = field(default_factory=dict)
    announce: bool = True

    def was(self, attname, default=None):
        return self.before.get(attname, default) if self.before is not None else default


@dataclass
class Event:
    """A signal to send, with its arguments; the first one's class is the sender."""

    signal: object
    kwargs: dict

    def send(self):
        subject = next(iter(self.kwargs.values()))
        self.signal.send(sender=type(subject), **self.kwargs)


def event(signal, **kwargs) -> Event:
    return Event(signal, kwargs)


def plan_revise(plan, *, by, changes=(), events=()) -> None:
    """Record a write to ``plan`` by ``by``: raise its revision and send its signals.

    Call it inside the write's transaction (it joins it; alone it makes one),
    after the write. The revision is raised in the database (``revision + 1``),
    never from the value in memory, so two writes at once both count; the
    in-memory value is dropped and read again when next used.
    """
    with transaction.atomic(savepoint=False):
        ActionPlan.objects.filter(pk=plan.pk).update(revision=F("revision") + 1)
        plan.__dict__.pop("revision", None)
        for change in changes:
            if change.announce:
                signals.plan_changed.send(
                    sender=ActionPlan,
                    plan=plan,
                    by=by,
                    part=change.part,
                    kind=change.kind,
                    action=change.action,
                )
            for meant in _meaning(change, plan, by):
                meant.send()
        for named in events:
            named.send()


def plans_revise(plan_ids, *, events=()) -> None:
    """Raise the revision of many plans at once (a coordinator's offer to a cohort)."""
    with transaction.atomic(savepoint=False):
        ActionPlan.objects.filter(pk__in=plan_ids).update(revision=F("revision") + 1)
        for named in events:
            named.send()


def _meaning(change, plan, by):
    """The signals that follow from what a part's change means."""
    if change.action == DELETED:
        return
    part = change.part
    if change.kind == "goal":
        if part.status == Goal.Status.ACHIEVED and change.was("status") != Goal.Status.ACHIEVED:
            yield event(signals.goal_achieved, goal=part, by=by)
    elif change.kind == "activity":
        finished = (LearningActivity.Status.DONE, LearningActivity.Status.SKIPPED)
        if part.status in finished and change.was("status") not in finished:
            yield event(signals.activity_finished, activity=part, by=by)
    elif change.kind == "measure":
        if part.achieved_on is not None and change.was("achieved_on") is None:
            yield event(signals.measure_reached, measure=part, by=by)
        if part.removal_proposed_at is not None and change.was("removal_proposed_at") is None:
            yield event(signals.measure_removal_proposed, measure=part, by=by)
        if not part.agreed and part.proposed_by == SuccessMeasure.ProposedBy.MENTOR:
            terms_changed = any(change.was(t) != getattr(part, t) for t in MEASURE_TERMS)
            if change.before is None or change.was("agreed") or terms_changed:
                yield event(signals.measure_proposed, measure=part, by=by)
    elif change.kind == "mentor-side":
        understanding = part.understanding.strip()
        if understanding and understanding != change.was("understanding", "").strip():
            yield event(signals.understanding_written, plan=plan, by=by)
