"""What changed in a plan since a moment, in sentences a person reads.

Every part of the plan keeps its history (django-simple-history). This module
reads the historical tables of all the parts, pairs each record with the one
before it and turns the difference into sentences: "Goal 2’s target date moved
from 3 March to 14 April.", not raw field values.

Queries: one, whatever the number of changes or of historical tables. A single
UNION ALL over the historical tables (``_history_query``) fetches every record
of the objects touched since ``since``, so the record just before each change
is at hand without a query per row (``prev_record`` would cost one each), with
the user who made it; rows are grouped by table in Python. Goals are fetched
whole, changes or not: other parts name goals by their number at the time
("goal 2"). A change log model written beside each change would also read in
one query, but it would need a write in every domain function and a migration
of the history already kept, for no fewer queries.

Goal positions are renumbered without history when a goal is removed
(``services.part_delete`` uses ``update()``), so a goal's stored position may be stale.
Its number is therefore its rank among the goals alive at that moment: stale
positions keep their order, so ranks stay right.
"""

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from django.contrib.auth import get_user_model
from django.db.models import DateTimeField, F, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator, capfirst

from .models import (
    ActionPlan,
    Agreement,
    Barrier,
    Expectations,
    Goal,
    LearningActivity,
    LearningObjective,
    MentorSide,
    Milestone,
    SuccessMeasure,
)

CREATED, CHANGED, DELETED = "+", "~", "-"
# Saves this close together by one person are one action (a reorder saves every goal).
SAME_ACTION = timedelta(seconds=5)
QUOTE_LENGTH = 80


@dataclass
class Change:
    """One thing that changed: when, who did it, a sentence, and where it shows on the plan page."""

    when: datetime
    who: object  # the User, or None when nobody was signed in (a script, a migration)
    sentence: str
    anchor: str
    order: tuple = ()

    @property
    def day(self) -> date:
        return timezone.localdate(self.when)


def plan_changes(plan, since) -> list[Change]:
    """The changes to ``plan`` and its agreement made at or after ``since``, newest first."""
    return _PlanHistory(plan, since).changes()


#: Where the pair's last meeting is, for "what changed since our last meeting".
#: ``plans`` knows no meetings; the meetings app appends a function here at
#: start-up (its apps.ready). The function answers ``last_meeting(plan)`` with a
#: datetime or None, or with a queryset of one datetime column whose first row is
#: the moment: that one is read inside the history query, so it costs no query.
last_meeting_hooks = []


def plan_changes_since_default(plan) -> tuple[datetime, str, list[Change]]:
    """Where "what changed" starts, what that moment is, and the changes since then.

    The start is the last meeting held, else the reader's visit before this one,
    else the plan's start ("meeting", "visit" or "start"). ``plan`` comes from
    ``selectors.plans_for_reader``, with the reader's visit; opening the plan page
    records a visit, so from there this is the visit before. A hook that answers
    with a queryset is read inside the history's own query.
    """
    meetings = []
    for hook in last_meeting_hooks:
        moment = hook(plan)
        if isinstance(moment, QuerySet):
            meetings.append(Subquery(moment[:1]))
        elif moment is not None:
            if not meetings:
                return moment, "meeting", plan_changes(plan, moment)
            meetings.append(Value(moment, output_field=DateTimeField()))
            break
    since, since_what = _since_without_meeting(plan)
    history = _PlanHistory(plan, since, meetings=meetings)
    changes = history.changes()
    if history.last_meeting is not None:
        return history.last_meeting, "meeting", changes
    return since, since_what, changes


def _since_without_meeting(plan) -> tuple[datetime, str]:
    if plan.reader_previous_seen_at is not None:
        return plan.reader_previous_seen_at, "visit"
    return plan.created_at, "start"


def quote(text) -> str:
    return f"“{Truncator(str(text).strip()).chars(QUOTE_LENGTH)}”"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def day_text(value: date) -> str:
    """A date as the reader reads it: "3 March", with the year when it is not this year."""
    if value.year == timezone.localdate().year:
        return date_format(value, "MONTH_DAY_FORMAT")
    return date_format(value, "DATE_FORMAT")


def actor(record) -> str:
    user = record.history_user
    return user.get_short_name() if user is not None else "Someone"


# How each part is named in sentences, and which of its fields people care about.
# Fields left out are bookkeeping (version, timestamps, the plan it belongs to).
@dataclass(frozen=True)
class PartKind:
    model: type
    section: str
    anchor_prefix: str
    fields: dict  # field name -> how a sentence names it
    text_preposition: str = "of"


PARTS = [
    PartKind(
        LearningObjective,
        "objectives",
        "objective",
        {"statement": "wording", "category": "category", "goal": "goal"},
    ),
    PartKind(
        LearningActivity,
        "activities",
        "activity",
        {
            "title": "title",
            "kind": "kind",
            "description": "description",
            "goal": "goal",
            "effort_amount": "effort",
            "effort_unit": "effort",
            "starts_on": "start date",
            "due_on": "due date",
            "status": "status",
            "outcome": "outcome",
            "lessons": "lessons learned",
        },
    ),
    PartKind(
        Milestone,
        "milestones",
        "milestone",
        {"title": "title", "date": "date", "goal": "goal", "reached": "reached"},
    ),
    PartKind(
        Barrier,
        "barriers",
        "barrier",
        {"kind": "kind", "description": "description", "strategy": "strategy", "status": "status"},
        text_preposition="for",
    ),
    PartKind(
        SuccessMeasure,
        "goals",
        "measure",
        {
            "description": "wording",
            "target": "target",
            "progress": "current progress",
            "achieved_on": "date achieved",
            "agreed": "agreed",
            "removal_proposed_at": "proposal to remove it",
        },
    ),
    PartKind(
        Expectations,
        "expectations",
        "",
        {
            "meeting_frequency": "meeting frequency",
            "meeting_format": "meeting format",
            "preferred_channels": "preferred channels between meetings",
            "guidance_areas": "areas where guidance is sought",
            "weekly_hours": "time for the plan",
        },
    ),
    PartKind(
        MentorSide,
        "mentor-side",
        "",
        {
            "understanding": "understanding of the mentee’s goals and needs",
            "roles": "role",
            "role_notes": "notes on their role",
            "supportive_environment": "way of keeping the conversations safe and supportive",
            "boundaries": "boundaries",
            "availability": "availability",
            "response_time": "response time",
        },
    ),
]
GOAL_FIELDS = ["statement", "why", "horizon", "target_date", "status", "position"]
PLAN_FIELDS = ["status", "understanding_confirmed_at", "understanding_feedback"]
AGREEMENT_FIELDS = ["mentee_signed_at", "mentor_signed_at"]


# Loading the history in one query ------------------------------------------------

#: The tables read, in the order of the UNION ALL.
HISTORY_MODELS = [ActionPlan, Goal, *(kind.model for kind in PARTS), Agreement]
#: The branch that carries the last meeting's moment, when a hook gives a subquery.
_SINCE = "since"
#: The author's fields read with each record (``_record`` builds a user of these only).
USER_FIELDS = ("id", "display_name", "email")
#: The column that says which table a row comes from (its index in HISTORY_MODELS).
TABLE = "history_table"


def _history_records(plan, since, meetings=()) -> dict:
    """Model -> its historical records (with ``history_user``), oldest first: one query.

    One branch per historical table, UNION ALL; each branch selects every column
    slot of ``_columns()``, NULL where its table has no such column, so the
    branches line up. Values are bound as parameters by the ORM.
    """
    slots, keys, user_fields = _columns()
    since_value = Value(since, output_field=DateTimeField())
    since_expr = Coalesce(*meetings, since_value) if meetings else since_value
    goal_ids = _historical(Goal).objects.filter(plan_id=plan.pk).values("id")
    branches = []
    for index, model in enumerate(HISTORY_MODELS):
        history = _historical(model)
        if model is ActionPlan:
            scope = {"id": plan.pk}
        elif model is SuccessMeasure:
            # Success measures hang off goals, deleted ones included.
            scope = {"goal_id__in": Subquery(goal_ids)}
        else:
            scope = {"plan_id": plan.pk}
        records = history.objects.filter(**scope)
        if model is not Goal:  # goals are read whole (see the module's docstring)
            touched = history.objects.filter(history_date__gte=since_expr, **scope).values("id")
            records = records.filter(id__in=Subquery(touched))
        present = {keys[model][f.attname]: f.attname for f in history._meta.concrete_fields}
        present.update({f"user.{f.attname}": f"history_user__{f.attname}" for f in user_fields})
        branches.append(_branch(records, index, slots, present))
    if meetings:
        # One row from the plan itself, always there, with the last meeting (or NULL).
        meeting = Coalesce(*meetings) if len(meetings) > 1 else meetings[0]
        row = ActionPlan.objects.filter(pk=plan.pk)
        branches.append(_branch(row, -1, slots, {"history_date": meeting}))
    names = [alias for alias, _, _ in slots]
    union = branches[0].union(*branches[1:], all=True)
    date_alias, id_alias = _alias(slots, "history_date"), _alias(slots, "history_id")
    rows = union.order_by(date_alias, id_alias).values_list(TABLE, *names)

    by_model = {}
    for index, *row in rows:
        column = {key: value for (_, key, _), value in zip(slots, row, strict=True)}
        if index == -1:
            by_model[_SINCE] = [column["history_date"]]
            continue
        model = HISTORY_MODELS[index]
        record = _record(model, column, keys[model], user_fields, rows.db)
        by_model.setdefault(model, []).append(record)
    return by_model


def _branch(queryset, index, slots, present):
    """One SELECT of the union: the table's index, then every slot, from a column or NULL."""
    annotations = {TABLE: Value(index)}
    for alias, key, field in slots:
        if key in present:
            source = present[key]
            annotations[alias] = F(source) if isinstance(source, str) else source
        else:
            # Typed, or PostgreSQL takes an untyped NULL for text.
            annotations[alias] = Cast(Value(None), output_field=field)
    return queryset.order_by().annotate(**annotations).values(*annotations)


@cache
def _columns():
    """The union's column slots and which slot holds each table's column.

    Returns the slots (alias, key, field), model -> attname -> key, and the
    user's fields. A column shared by several tables (``status``, ``plan_id``)
    takes one slot when its type is the same everywhere, else one per table; the
    user's columns come last, from a join.
    """
    slots, types, keys = [], {}, {}
    for model in HISTORY_MODELS:
        keys[model] = {}
        for field in _historical(model)._meta.concrete_fields:
            key, kind = field.attname, field.get_internal_type()
            if types.setdefault(key, kind) != kind:
                key = f"{key}.{model._meta.model_name}"
            if all(k != key for _, k, _ in slots):
                slots.append((f"c{len(slots)}", key, field))
            keys[model][field.attname] = key
    # Only what a sentence names of its author (``actor``, the page's "who"): never
    # their password hash, and ten fewer columns in each branch.
    # In the model's own order: Model.from_db reads a subset of values in that order.
    user_fields = [f for f in get_user_model()._meta.concrete_fields if f.attname in USER_FIELDS]
    for field in user_fields:
        slots.append((f"c{len(slots)}", f"user.{field.attname}", field))
    return slots, keys, user_fields


@cache
def _historical(model):
    """The model's historical model: ``model.history`` builds a new manager at each access."""
    return model.history.model


@cache
def _attnames(history) -> list[str]:
    return [f.attname for f in history._meta.concrete_fields]


def _alias(slots, key):
    return next(alias for alias, k, _ in slots if k == key)


def _record(model, column, keys, user_fields, db):
    """A historical record built from one row, as ``select_related("history_user")`` would."""
    history = _historical(model)
    names = _attnames(history)
    record = history.from_db(db, names, [column[keys[name]] for name in names])
    user = None
    if record.history_user_id is not None:
        values = [column[f"user.{f.attname}"] for f in user_fields]
        user = get_user_model().from_db(db, [f.attname for f in user_fields], values)
    record.history_user = user
    return record


class _PlanHistory:
    """The historical records of one plan's parts, and the sentences they make."""

    def __init__(self, plan, since, meetings=()):
        """Load the records in one query; ``meetings`` (subqueries) may move ``since`` later."""
        self.plan, self.since = plan, since
        self.last_meeting = None
        by_model = _history_records(plan, since, meetings)
        if meetings:
            self.last_meeting = by_model.pop(_SINCE, [None])[0]
            if self.last_meeting is not None:
                self.since = self.last_meeting
        self.by_model = by_model
        # All goal records of the plan: their numbers at any moment come from them.
        self.goal_records = by_model.get(Goal, [])
        self.goal_dates = [r.history_date for r in self.goal_records]
        self._numbers = {}

    def changes(self) -> list[Change]:
        changes = [
            *self.plan_changes(),
            *self.goal_changes(),
            *self.part_changes(),
            *self.agreement_changes(),
        ]
        # Newest first; the sentences of one record keep their field order (see Change.order).
        changes.sort(key=lambda c: c.order, reverse=True)
        return changes

    # Loading -------------------------------------------------------------

    def records(self, model):
        """Every record of the objects of ``model`` touched since ``since``, oldest first."""
        return self.by_model.get(model, [])

    def pairs(self, records):
        """(record, the record before it of the same object or None, is the object gone now)."""
        previous, latest = {}, {}
        for record in records:
            latest[record.id] = record
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            if record.history_date >= self.since:
                gone = latest[record.id].history_type == DELETED
                yield record, before, gone

    def change(self, record, sentence, anchor, n=0) -> Change:
        return Change(
            when=record.history_date,
            who=record.history_user,
            sentence=sentence,
            anchor=anchor,
            order=(record.history_date, type(record).__name__, record.history_id, -n),
        )

    # Goal numbers ------------------------------------------------------------

    def goal_numbers(self, upto: int) -> dict:
        """Goal id -> number, after the first ``upto`` goal records."""
        if upto not in self._numbers:
            state = {}
            for record in self.goal_records[:upto]:
                state[record.id] = record
            alive = sorted(
                (r for r in state.values() if r.history_type != DELETED),
                key=lambda r: (r.position, r.id),
            )
            self._numbers[upto] = {r.id: i + 1 for i, r in enumerate(alive)}
        return self._numbers[upto]

    def goal_number_at(self, goal_id, when) -> int | None:
        return self.goal_numbers(bisect_right(self.goal_dates, when)).get(goal_id)

    def goal_name_at(self, goal_id, when) -> str:
        number = self.goal_number_at(goal_id, when)
        return f"goal {number}" if number else "a goal that was removed"

    # The plan itself ---------------------------------------------------------

    def plan_changes(self):
        for record, before, _ in self.pairs(self.records(ActionPlan)):
            who = actor(record)
            if record.history_type == CREATED:
                yield self.change(record, f"{who} started the plan.", "goals")
                continue
            if before is None or record.history_type != CHANGED:
                continue
            delta = record.diff_against(before, included_fields=PLAN_FIELDS)
            for n, field in enumerate(delta.changed_fields):
                sentence, anchor = self.plan_sentence(record, field, who)
                if sentence:
                    yield self.change(record, sentence, anchor, n)

    def plan_sentence(self, record, field, who):
        if field == "status":
            if record.status == ActionPlan.Status.SHARED:
                mentor = self.plan.partnership.mentor.get_short_name()
                return f"{who} shared the plan with {mentor}.", "share"
            return "The plan is a draft again.", "share"
        if field == "understanding_confirmed_at":
            if record.understanding_confirmed_at:
                return f"{who} confirmed the mentor’s understanding of the goals.", "mentor-side"
            return f"{who} withdrew the confirmation of the mentor’s understanding.", "mentor-side"
        if record.understanding_feedback:
            return f"{who} said what is missing from the mentor’s understanding.", "mentor-side"
        return f"{who} removed the note on the mentor’s understanding.", "mentor-side"

    # Agreement -----------------------------------------------------------------

    def agreement_changes(self):
        for record, before, _ in self.pairs(self.records(Agreement)):
            if before is None or record.history_type != CHANGED:
                continue
            delta = record.diff_against(before, included_fields=AGREEMENT_FIELDS)
            for n, field in enumerate(delta.changed_fields):
                role = field.split("_")[0]
                name = getattr(record, f"{role}_signed_name") or actor(record)
                if getattr(record, field):
                    again = " again" if getattr(before, field) else ""
                    sentence = f"{name} signed the agreement{again}, as the {role}."
                else:
                    sentence = f"The {role}’s signature was withdrawn."
                yield self.change(record, sentence, "agreement", n)

    # Goals -------------------------------------------------------------------

    def goal_changes(self):
        index = {r.history_id: i for i, r in enumerate(self.goal_records)}
        latest = {r.id: r for r in self.goal_records}
        moves = []
        for i, record in enumerate(self.goal_records):
            if record.history_date < self.since:
                continue
            before = self.previous_goal_record(i)
            who = actor(record)
            anchor = "goals" if latest[record.id].history_type == DELETED else f"goal-{record.id}"
            if record.history_type == CREATED:
                number = self.goal_numbers(index[record.history_id] + 1).get(record.id)
                text = f"{who} added goal {number}: {quote(record.statement)}."
                yield self.change(record, text, anchor)
                continue
            if record.history_type == DELETED:
                number = self.goal_numbers(index[record.history_id]).get(record.id)
                text = f"{who} removed goal {number}: {quote(record.statement)}."
                yield self.change(record, text, "goals")
                continue
            if before is None:
                continue
            delta = record.diff_against(before, included_fields=GOAL_FIELDS)
            fields = [f for f in delta.changed_fields if f != "position"]
            if not fields:
                # A reorder saves every goal it moves; each save is one step of one action.
                moves.append(i)
                continue
            number = self.goal_numbers(i + 1).get(record.id)
            for n, field in enumerate(fields):
                text = self.goal_sentence(record, before, field, number, who)
                yield self.change(record, text, anchor, n)
        yield from self.goal_moves(moves, latest)

    def previous_goal_record(self, i):
        record = self.goal_records[i]
        for earlier in reversed(self.goal_records[:i]):
            if earlier.id == record.id:
                return earlier
        return None

    def goal_sentence(self, record, before, field, number, who):
        name = f"Goal {number}"
        old, new = getattr(before, field), getattr(record, field)
        if field == "statement":
            return f"{who} reworded goal {number} from {quote(old)} to {quote(new)}."
        if field == "why":
            return text_sentence(who, f"why goal {number} matters", old, new)
        if field == "status":
            return f"{name}, {quote(record.statement)}, is now {record.get_status_display()}."
        if field == "horizon":
            return f"{name} is now {record.get_horizon_display().lower()}."
        return date_sentence(f"{name}’s target date", old, new)

    def goal_moves(self, steps, latest):
        """One sentence per reorder: the goal that moved the furthest (up, on a tie)."""
        batches = []
        for i in steps:
            record = self.goal_records[i]
            last = self.goal_records[batches[-1][-1]] if batches else None
            # A reorder saves each goal once: a goal saved again starts another one.
            if (
                last is not None
                and record.history_user_id == last.history_user_id
                and record.history_date - last.history_date <= SAME_ACTION
                and record.id not in {self.goal_records[j].id for j in batches[-1]}
            ):
                batches[-1].append(i)
            else:
                batches.append([i])
        for batch in batches:
            before = self.goal_numbers(batch[0])
            after = self.goal_numbers(batch[-1] + 1)
            moved = [
                (abs(after[g] - before[g]), before[g] > after[g], g)
                for g in {self.goal_records[i].id for i in batch}
                if g in before and g in after and before[g] != after[g]
            ]
            if not moved:
                continue
            _, _, goal_id = max(moved)
            record = next(self.goal_records[i] for i in batch if self.goal_records[i].id == goal_id)
            anchor = "goals" if latest[goal_id].history_type == DELETED else f"goal-{goal_id}"
            text = (
                f"{actor(record)} moved goal {quote(record.statement)} from "
                f"{ordinal(before[goal_id])} to {ordinal(after[goal_id])} priority."
            )
            yield self.change(record, text, anchor)

    # The other parts -----------------------------------------------------------

    def part_changes(self):
        goal_deleted_at = {
            r.id: r.history_date for r in self.goal_records if r.history_type == DELETED
        }
        for kind in PARTS:
            for record, before, gone in self.pairs(self.records(kind.model)):
                anchor = kind.section
                if kind.anchor_prefix and not gone:
                    anchor = f"{kind.anchor_prefix}-{record.id}"
                who = actor(record)
                if record.history_type == CREATED:
                    if kind.anchor_prefix:  # expectations and the mentor's side come empty
                        yield self.change(record, f"{who} added {self.full_name(record)}.", anchor)
                    continue
                if record.history_type == DELETED:
                    goal_gone = goal_deleted_at.get(getattr(record, "goal_id", None))
                    if (
                        kind.model is SuccessMeasure
                        and goal_gone
                        and abs(goal_gone - record.history_date) <= SAME_ACTION
                    ):
                        continue  # removed with its goal, which says so
                    yield self.change(record, f"{who} removed {self.full_name(record)}.", anchor)
                    continue
                if before is None:
                    continue
                # Named as it was before, so a renamed part is recognised.
                subject = self.subject(kind.model, before)
                delta = record.diff_against(before, included_fields=list(kind.fields))
                fields = delta.changed_fields
                if "effort_amount" in fields and "effort_unit" in fields:
                    fields = [f for f in fields if f != "effort_unit"]
                for n, field in enumerate(fields):
                    text = self.part_sentence(kind, record, before, field, subject, who)
                    yield self.change(record, text, anchor, n)

    def subject(self, model, record) -> str:
        """How a sentence names a part: "the activity “Write a memo”"."""
        if model is LearningObjective:
            return f"the learning objective {quote(record.statement)}"
        if model is LearningActivity:
            return f"the activity {quote(record.title)}"
        if model is Milestone:
            return f"milestone {quote(record.title)}"
        if model is Barrier:
            return f"the {record.get_kind_display().lower()} barrier"
        if model is SuccessMeasure:
            goal = self.goal_name_at(record.goal_id, record.history_date)
            return f"the success measure {quote(record.description)} of {goal}"
        if model is Expectations:
            return "the communication expectations"
        return "the mentor’s side"

    def full_name(self, record) -> str:
        """The subject with what makes it recognisable once it is gone."""
        model = record.instance_type
        if model is Barrier:
            return f"a {record.get_kind_display().lower()} barrier: {quote(record.description)}"
        return self.subject(model, record)

    def part_sentence(self, kind, record, before, field, subject, who) -> str:
        label = kind.fields[field]
        old, new = getattr(before, field), getattr(record, field)
        model_field = kind.model._meta.get_field(field)
        field_type = model_field.get_internal_type()
        if kind.model is MentorSide:
            of = f"the mentor’s {label}"
        elif kind.model is Expectations:
            of = f"the {label}"
        else:
            of = f"the {label} of {subject}"
        if field in ("title", "statement", "description") and field_type == "CharField":
            return f"{who} reworded {subject} to {quote(new)}."
        if field == "goal":
            if record.goal_id:
                goal = self.goal_name_at(record.goal_id, record.history_date)
                return capfirst(f"{subject} is now linked to {goal}.")
            return capfirst(f"{subject} is no longer linked to a goal.")
        if field in ("effort_amount", "effort_unit"):
            return capfirst(
                f"the effort for {subject} changed from {effort(before)} to {effort(record)}."
            )
        if field == "removal_proposed_at":
            return self.removal_sentence(record, subject, who)
        if field == "achieved_on":
            if new:
                return capfirst(f"{subject} was achieved on {day_text(new)}.")
            return capfirst(f"{subject} is no longer marked as achieved.")
        if field == "weekly_hours":
            if old and new:
                return capfirst(f"{of} changed from {hours(old)} to {hours(new)} a week.")
            return capfirst(f"{of} is now {hours(new)} a week." if new else f"{of} was removed.")
        if field == "roles":
            labels = dict(MentorSide.Role.choices)
            roles = ", ".join(labels.get(r, r) for r in new) or "not set"
            return f"The mentor’s role is now: {roles}."
        if model_field.choices:
            display = getattr(record, f"get_{field}_display")()
            if not new:
                return capfirst(f"{of} was cleared.")
            if field == "status":
                return capfirst(f"{subject} is now {display}.")
            return capfirst(f"{of} is now {display}.")
        if field_type == "BooleanField":
            return capfirst(f"{subject} is {label}." if new else f"{subject} is no longer {label}.")
        if field_type == "DateField":
            return date_sentence(capfirst(of), old, new)
        if field_type == "TextField":
            if kind.model in (MentorSide, Expectations):
                return text_sentence(who, of, old, new)
            return text_sentence(who, f"the {label} {kind.text_preposition} {subject}", old, new)
        return char_sentence(capfirst(of), old, new)

    def removal_sentence(self, record, subject, who) -> str:
        """The mentor proposed to remove a measure both agreed on, or the proposal ended.

        Removed, the measure's deletion says so; kept, who ended it tells how:
        the mentor withdrew it (or proposed new terms instead), or the mentee kept it.
        """
        if record.removal_proposed_at:
            return f"{who} proposed to remove {subject}."
        if record.history_user_id == self.plan.partnership.mentor_id:
            return f"{who} withdrew the proposal to remove {subject}."
        return f"{who} kept {subject}, which the mentor proposed to remove."


def text_sentence(who, target, old, new) -> str:
    """A long text changed: say so, without quoting both texts."""
    if not str(old).strip():
        return f"{who} wrote {target}."
    if not str(new).strip():
        return f"{who} removed {target}."
    return f"{who} changed {target}."


def date_sentence(what, old, new) -> str:
    if old and new:
        return f"{what} moved from {day_text(old)} to {day_text(new)}."
    if new:
        return f"{what} is set to {day_text(new)}."
    return f"{what} was removed."


def char_sentence(what, old, new) -> str:
    if old and new:
        return f"{what} changed from {quote(old)} to {quote(new)}."
    if new:
        return f"{what} is now {quote(new)}."
    return f"{what} was removed."


def hours(value) -> str:
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return f"{text} hour" if text == "1" else f"{text} hours"


def effort(record) -> str:
    amount = f"{record.effort_amount:.1f}"
    amount = amount[:-2] if amount.endswith(".0") else amount
    unit = record.get_effort_unit_display()
    return f"{amount} {unit[:-1] if amount == '1' else unit}"
