"""Write a demo plan the way its mentee and mentor would have, on the days they would have.

A plan is described as data (``PlanSpec``): its goals, activities and the rest,
with the day each thing happened. ``PlanWriter`` turns the description into
dated steps, sorts them and plays them through the domain functions
(``goal_create``, ``part_update``, ``plan_share``, ``agreement_sign``, ...), so
the demo obeys the same rules as the app and passes the same funnel (revision,
signals). Each step's history record is stamped with its
person and moment, so "what changed" reads like a real plan's, and so is each
line the step wrote to the journey's feed (``meetings.journey`` writes them at
the clock's time): the feed then tells the plan's story on the days it happened.

Days count from an origin: the cohort's first day for a finished cohort, today
for the running one (so ``-7`` is a week ago).
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from simple_history.signals import pre_create_historical_record

from mentorplan.meetings.models import JourneyEvent
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.models import (
    Barrier,
    Comment,
    Expectations,
    LearningActivity,
    LearningObjective,
    MentorSide,
    Milestone,
    SelfAssessment,
    SuccessMeasure,
)
from mentorplan.plans.selectors import load_plan
from mentorplan.plans.services import (
    PART_MODELS,
    assessment_record,
    comment_add,
    goal_create,
    part_create,
    part_update,
    plan_for_mentee,
    plan_share,
    understanding_respond,
)

MENTEE, MENTOR = "mentee", "mentor"
KINDS = {model: kind for kind, model in PART_MODELS.items()}
UNITS = {"h": "hours", "d": "days", "w": "weeks"}
# Steps of one day are spread over the working day, in the order they happened.
FIRST_STEP = time(9, 0)
STEP_GAP = timedelta(minutes=7)
# Celebrations older than this were seen by both partners long ago; newer ones
# wait for the partners' next visit, as they would after a recent success.
CELEBRATIONS_PENDING = timedelta(days=14)


@dataclass
class Measure:
    description: str
    target: str = ""
    progress: str = ""
    achieved: int | None = None  # the day it was reached, when it was
    progress_on: int | None = None  # the day ``progress`` was written; else at ``achieved``
    by: str = MENTEE


@dataclass
class GoalSpec:
    statement: str
    why: str = ""
    horizon: str = "short"
    target: int | None = None
    scores: tuple = ()  # (day, score): the first is taken when the goal is added
    status: tuple = ()  # (day, status)
    measures: tuple = ()
    added: int | None = None  # default: the day the plan starts


@dataclass
class Objective:
    category: str
    statement: str
    goal: int | None = None


@dataclass
class Activity:
    kind: str
    title: str
    effort: str  # "6h", "2d", "1w"
    starts: int
    due: int
    goal: int | None = None
    description: str = ""
    status: str = "planned"
    outcome: str = ""
    lessons: str = ""
    finished: int | None = None  # the day it was marked done or skipped; default: due
    added: int | None = None  # default: the day the plan's activities are written


@dataclass
class MilestoneSpec:
    title: str
    date: int
    goal: int | None = None
    reached: bool = False


@dataclass
class BarrierSpec:
    kind: str
    description: str
    strategy: str
    status: str = "open"
    status_on: int | None = None


@dataclass
class Note:
    """A comment: on the plan, or on one goal or activity (by index)."""

    day: int
    by: str
    body: str
    goal: int | None = None
    activity: int | None = None


@dataclass
class PlanSpec:
    mentor: str  # email prefix
    mentee: str
    cohort: str  # "past" or "current"
    started: int
    goals: list
    objectives: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    barriers: list = field(default_factory=list)
    expectations: dict | None = None
    expectations_on: int | None = None
    planned: int | None = None  # the day activities, milestones and barriers are written
    measured: int | None = None  # the day success measures are agreed
    shared: int | None = None
    mentor_side: dict | None = None
    mentor_side_on: int | None = None
    confirmed: int | None = None  # the mentee confirms the mentor's understanding
    signed: tuple | None = None  # (mentee's day, mentor's day)
    comments: list = field(default_factory=list)
    # Other edits: (day, "mentee" or "mentor", function of the writer).
    extra: list = field(default_factory=list)


def effort(text) -> tuple[Decimal, str]:
    return Decimal(text[:-1]), UNITS[text[-1]]


class PlanWriter:
    def __init__(self, spec: PlanSpec, partnership, origin):
        self.spec, self.partnership, self.origin = spec, partnership, origin
        self.people = {MENTEE: partnership.mentee, MENTOR: partnership.mentor}
        self.now = timezone.now()
        self.when, self.who = None, None
        self.steps_on = {}
        self.plan = None
        self.goals, self.activities, self.measures = {}, {}, {}
        self.milestones, self.barriers = {}, {}

    def day(self, n):
        return self.origin + timedelta(days=n)

    # Playing the steps -----------------------------------------------------

    def write(self):
        steps = sorted(self._steps(), key=lambda s: (s[0], s[1]))
        with self._stamped_history(), self._journey_written() as written:
            for day, _, who, step in steps:
                self._at(day, who)
                step()
                if written:
                    self._date_journey(written)
                    written.clear()
        self._celebrations_seen()
        return self.plan

    def _at(self, day, who):
        n = self.steps_on.get(day, 0)
        self.steps_on[day] = n + 1
        moment = datetime.combine(self.day(day), FIRST_STEP) + n * STEP_GAP
        self.when = timezone.make_aware(moment)
        if self.when > self.now:
            raise ValueError(f"A demo step of {self.partnership} is in the future (day {day}).")
        self.who = self.people[who]

    @contextmanager
    def _stamped_history(self):
        """Date each history record at its step, not at the moment the demo runs.

        django-simple-history offers this signal for customising the record
        before it is saved; it is connected only while this plan is written.
        """

        def stamp(sender, history_instance, **kwargs):
            history_instance.history_date = self.when
            history_instance.history_user = self.who

        uid = f"demo-plan-{id(self)}"
        pre_create_historical_record.connect(stamp, weak=False, dispatch_uid=uid)
        try:
            yield
        finally:
            pre_create_historical_record.disconnect(dispatch_uid=uid)

    @contextmanager
    def _journey_written(self):
        """Collect the ids of the feed's lines written while this plan is written."""
        written = set()

        def note(sender, instance, **kwargs):
            written.add(instance.pk)

        uid = f"demo-journey-{id(self)}"
        post_save.connect(note, sender=JourneyEvent, weak=False, dispatch_uid=uid)
        try:
            yield written
        finally:
            post_save.disconnect(sender=JourneyEvent, dispatch_uid=uid)

    def _date_journey(self, written):
        """Date the feed's lines the step just wrote at the step's moment, not the clock's.

        A plan change is one line per person and day, keyed by the day it was
        written: the step's day here, merged into that day's line if there is one.
        """
        for event in JourneyEvent.objects.filter(pk__in=list(written)):
            if event.kind == JourneyEvent.Kind.PLAN_CHANGED:
                event.key = f"changed-{self.who.pk}-{self.when:%Y%m%d}"
                same_day = (
                    JourneyEvent.objects.filter(partnership=self.partnership, key=event.key)
                    .exclude(pk=event.pk)
                    .update(at=self.when)
                )
                if same_day:
                    event.delete()
                    continue
            elif event.kind == JourneyEvent.Kind.AGREEMENT_SIGNED:
                role = event.key.split("-")[1]
                event.key = f"signed-{role}-{self.when:%Y%m%d%H%M%S%f}"
            event.at = self.when
            event.save(update_fields=["key", "at"])

    def _celebrations_seen(self):
        """Celebrations from before the last two weeks were seen the day after they happened."""
        old = JourneyEvent.objects.filter(
            partnership=self.partnership,
            kind__in=JourneyEvent.CELEBRATED,
            at__lt=self.now - CELEBRATIONS_PENDING,
        )
        seen = F("at") + timedelta(days=1)
        old.filter(mentee_seen_at__isnull=True).update(mentee_seen_at=seen)
        old.filter(mentor_seen_at__isnull=True).update(mentor_seen_at=seen)

    def _backdate(self, obj, **fields):
        """Set timestamps the domain functions took from the clock, in the row and its history."""
        type(obj).objects.filter(pk=obj.pk).update(**fields)
        history = type(obj).history
        for name, value in fields.items():
            # Only the records written just now carry the clock's time.
            history.filter(id=obj.pk, **{f"{name}__gt": value}).update(**{name: value})
            setattr(obj, name, value)

    def _steps(self):
        s = self.spec
        steps = []

        def add(day, who, step):
            steps.append((day, len(steps), who, step))

        def later(day, who, store, i, **changes):
            add(day, who, lambda: self._edit(store, i, **changes))

        planned = s.planned if s.planned is not None else s.started
        add(s.started, MENTEE, self._start)
        for i, g in enumerate(s.goals):
            add(g.added if g.added is not None else s.started, MENTEE, lambda i=i: self._goal(i))
            for day, score in g.scores[1:]:
                add(day, MENTEE, lambda i=i, score=score: self._assess(i, score))
            for day, status in g.status:
                later(day, MENTEE, self.goals, i, status=status)
            for j, m in enumerate(g.measures):
                day = g.added if g.added is not None else (s.measured or planned)
                add(day, m.by, lambda i=i, j=j: self._measure(i, j))
                if m.achieved is not None:
                    later(
                        m.achieved,
                        MENTEE,
                        self.measures,
                        (i, j),
                        achieved_on=self.day(m.achieved),
                        progress=m.progress,
                    )
                elif m.progress and m.progress_on is not None:
                    later(m.progress_on, MENTEE, self.measures, (i, j), progress=m.progress)
        for o in s.objectives:
            add(s.started, MENTEE, lambda o=o: self._objective(o))
        if s.expectations:
            add(s.expectations_on or s.started, MENTEE, self._expectations)
        for i, a in enumerate(s.activities):
            add(a.added if a.added is not None else planned, MENTEE, lambda i=i: self._activity(i))
            finished = a.finished if a.finished is not None else a.due
            if a.status in ("in_progress", "done"):
                later(a.starts, MENTEE, self.activities, i, status="in_progress")
            if a.status in ("done", "skipped"):
                later(
                    finished,
                    MENTEE,
                    self.activities,
                    i,
                    status=a.status,
                    outcome=a.outcome,
                    lessons=a.lessons,
                )
        for i, m in enumerate(s.milestones):
            add(planned, MENTEE, lambda i=i: self._milestone(i))
            if m.reached:
                later(m.date, MENTEE, self.milestones, i, reached=True)
        for i, b in enumerate(s.barriers):
            add(planned, MENTEE, lambda i=i: self._barrier(i))
            if b.status_on is not None:
                later(b.status_on, MENTEE, self.barriers, i, status=b.status)
        if s.shared is not None:
            add(s.shared, MENTEE, self._share)
        if s.mentor_side:
            add(s.mentor_side_on, MENTOR, self._mentor_side)
        if s.confirmed is not None:
            add(s.confirmed, MENTEE, self._confirm)
        if s.signed:
            add(s.signed[0], MENTEE, lambda: self._sign(MENTEE))
            add(s.signed[1], MENTOR, lambda: self._sign(MENTOR))
        for note in s.comments:
            add(note.day, note.by, lambda note=note: self._comment(note))
        for day, who, step in s.extra:
            add(day, who, lambda step=step: step(self))
        return steps

    # The steps ---------------------------------------------------------------

    def _start(self):
        self.plan = plan_for_mentee(self.partnership)
        self._backdate(self.plan, created_at=self.when)

    def _goal(self, i):
        g = self.spec.goals[i]
        goal = goal_create(
            plan=self.plan,
            by=self.who,
            score=g.scores[0][1] if g.scores else None,
            statement=g.statement,
            why=g.why,
            horizon=g.horizon,
            target_date=self.day(g.target) if g.target is not None else None,
        )
        SelfAssessment.objects.filter(goal=goal).update(recorded_at=self.when)
        self.goals[i] = goal

    def _assess(self, i, score):
        assessment = assessment_record(goal=self.goals[i], by=self.who, score=score)
        if assessment is not None:
            SelfAssessment.objects.filter(pk=assessment.pk).update(recorded_at=self.when)

    def _measure(self, i, j):
        m = self.spec.goals[i].measures[j]
        self.measures[i, j] = self._create(
            SuccessMeasure(
                goal=self.goals[i],
                description=m.description,
                target=m.target,
                progress=""
                if (m.achieved is not None or m.progress_on is not None)
                else m.progress,
                proposed_by=m.by,
            )
        )

    def _objective(self, o):
        goal = self.goals.get(o.goal) if o.goal is not None else None
        self._create(
            LearningObjective(plan=self.plan, category=o.category, statement=o.statement, goal=goal)
        )

    def _activity(self, i):
        a = self.spec.activities[i]
        amount, unit = effort(a.effort)
        self.activities[i] = self._create(
            LearningActivity(
                plan=self.plan,
                kind=a.kind,
                title=a.title,
                description=a.description,
                goal=self.goals.get(a.goal) if a.goal is not None else None,
                effort_amount=amount,
                effort_unit=unit,
                starts_on=self.day(a.starts),
                due_on=self.day(a.due),
            )
        )

    def _milestone(self, i):
        m = self.spec.milestones[i]
        goal = self.goals.get(m.goal) if m.goal is not None else None
        self.milestones[i] = self._create(
            Milestone(plan=self.plan, title=m.title, date=self.day(m.date), goal=goal)
        )

    def _barrier(self, i):
        b = self.spec.barriers[i]
        initial = b.status if b.status_on is None else Barrier.Status.OPEN
        self.barriers[i] = self._create(
            Barrier(
                plan=self.plan,
                kind=b.kind,
                description=b.description,
                strategy=b.strategy,
                status=initial,
            )
        )

    def _expectations(self):
        self.edit_part(Expectations, **self.spec.expectations)

    def _mentor_side(self):
        self.edit_part(MentorSide, **self.spec.mentor_side)

    def _share(self):
        plan_share(plan=self.plan, by=self.who)
        self._backdate(self.plan, shared_at=self.when)

    def _confirm(self):
        understanding_respond(plan=self.plan, by=self.who, confirm=True, feedback="")
        self._backdate(self.plan, understanding_confirmed_at=self.when)

    def _sign(self, role):
        # A fresh load: the terms are built from the plan's parts as they are now.
        plan = load_plan(self.plan.pk)
        agreement = agreement_sign(
            plan=plan,
            by=self.who,
            role=role,
            name=self.who.display_name,
            terms=agreement_terms(plan),
        )
        self._backdate(agreement, **{f"{role}_signed_at": self.when})

    def _comment(self, note):
        comment = comment_add(
            plan=self.plan,
            author=self.who,
            body=note.body,
            goal=self.goals[note.goal] if note.goal is not None else None,
            activity=self.activities[note.activity] if note.activity is not None else None,
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=self.when)

    # Helpers the specs' extra steps use too -------------------------------------

    def _create(self, obj):
        return part_create(plan=self.plan, kind=KINDS[type(obj)], part=obj, by=self.who)

    def _edit(self, store, key, **changes):
        store[key] = self._update(store[key], changes)

    def _update(self, obj, changes):
        """Save a few fields through the versioned path, validated as a form would."""
        return part_update(
            plan=self.plan,
            kind=KINDS[type(obj)],
            part=obj,
            by=self.who,
            expected_version=None,
            **changes,
        )

    def edit_goal(self, i, **changes):
        self._edit(self.goals, i, **changes)

    def edit_activity(self, i, **changes):
        self._edit(self.activities, i, **changes)

    def edit_part(self, model, **changes):
        """Edit the plan's expectations or mentor's side, as a save of its form does."""
        self._update(model.objects.get(plan=self.plan), changes)
