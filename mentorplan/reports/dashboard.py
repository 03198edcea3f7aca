"""The cohort dashboard: every partnership's health, filtered, sorted and paged, and its pictures.

The figures of the whole cohort are read once (``health.cohort_health``, a
fixed number of aggregate queries); the filters, the sort and the page are then
applied to that list, so the counts above the table, the pictures and the
table always agree. Only the rows of the page shown get their checklist
(``plans.selectors.checklists_for``: five queries for the page).
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from mentorplan.meetings.models import Meeting
from mentorplan.meetings.selectors import INTERVAL_DAYS
from mentorplan.plans.effort import week_start
from mentorplan.plans.models import LearningActivity
from mentorplan.plans.selectors import checklists_for

from .health import STEP_ORDER, STEPS, cohort_health

PER_PAGE = 25
STATES = [("active", "Active"), ("completed", "Completed"), ("ended_early", "Ended early")]
FLAG_LABELS = {
    "not_shared": "Plan not shared",
    "not_signed": "Agreement not signed",
    "no_first_meeting": "No first meeting",
    "cadence": "Meetings behind",
    "overdue": "Activities overdue",
    "help": "Help unanswered",
    "check_ins": "Check-ins low or falling",
}


def _latest(value):
    return (value is None, value)


# Sort key -> (label, key function). Missing values sort last either way.
SORTS = {
    "mentee": ("Mentee", lambda p: p.mentee_name.casefold()),
    "mentor": ("Mentor", lambda p: p.mentor_name.casefold()),
    "step": ("Step", lambda p: STEP_ORDER[p.step]),
    "activities": ("Activities done", lambda p: p.activities_done),
    "goals": ("Goals achieved", lambda p: p.goals_achieved),
    "last_meeting": ("Last meeting", lambda p: _latest(p.last_held_at)),
    "next_meeting": ("Next meeting", lambda p: _latest(p.next_meeting_at)),
    "check_in": ("Check-in", lambda p: _latest(p.check_in_average)),
    "health": ("Health", lambda p: len(p.flags)),
    "nudged": ("Last nudged", lambda p: _latest(p.last_nudged_at)),
}
DEFAULT_SORT = "-health"


@dataclass
class Filters:
    q: str = ""
    risk: str = ""  # "" everybody, "at_risk", or one flag's key
    mentor: int | None = None
    state: str = ""
    step: str = ""
    sort: str = DEFAULT_SORT

    @classmethod
    def from_query(cls, query) -> "Filters":
        """Read the filters from a query string; what is not understood is left out."""
        risk = query.get("risk", "")
        state = query.get("state", "")
        step = query.get("step", "")
        sort = query.get("sort", DEFAULT_SORT)
        mentor = query.get("mentor", "")
        return cls(
            q=query.get("q", "").strip()[:100],
            risk=risk if risk == "at_risk" or risk in FLAG_LABELS else "",
            # ASCII digits only: "²".isdigit() is true, and int() refuses it.
            mentor=int(mentor) if re.fullmatch(r"[0-9]{1,18}", mentor) else None,
            state=state if state in dict(STATES) else "",
            step=step if step in STEP_ORDER else "",
            sort=sort if sort.removeprefix("-") in SORTS else DEFAULT_SORT,
        )

    def matches(self, pair) -> bool:
        if self.q:
            words = self.q.casefold()
            if (
                words not in pair.mentee_name.casefold()
                and words not in pair.mentor_name.casefold()
            ):
                return False
        if self.risk == "at_risk" and not pair.flags:
            return False
        if self.risk in FLAG_LABELS and self.risk not in {f.key for f in pair.flags}:
            return False
        if self.mentor is not None and pair.mentor_id != self.mentor:
            return False
        if self.state and pair.status != self.state:
            return False
        return not self.step or pair.step == self.step

    @property
    def every_mentor_query(self) -> str:
        return self.query(mentor="")

    @property
    def page_query(self) -> str:
        """The filters as the start of a page link's query ("...&"), or nothing."""
        query = self.query()
        return f"{query}&" if query else ""

    def query(self, **changes) -> str:
        """This filter set as a query string, with ``changes`` applied (for links)."""
        values = {
            "q": self.q,
            "risk": self.risk,
            "mentor": self.mentor or "",
            "state": self.state,
            "step": self.step,
            "sort": "" if self.sort == DEFAULT_SORT else self.sort,
        } | changes
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})


@dataclass
class Dashboard:
    cohort: object
    filters: Filters
    pairs: list  # the whole cohort
    page: object  # a Page of the filtered, sorted pairs
    shown_count: int
    mentor_name: str

    @property
    def at_risk_count(self) -> int:
        return sum(1 for p in self.pairs if p.flags)

    @property
    def active_count(self) -> int:
        return sum(1 for p in self.pairs if p.is_active)

    @property
    def flag_counts(self) -> list[tuple[str, str, int]]:
        counts = Counter(f.key for p in self.pairs for f in p.flags)
        return [(key, label, counts[key]) for key, label in FLAG_LABELS.items()]

    @property
    def step_counts(self) -> list[tuple[str, str, int]]:
        counts = Counter(p.step for p in self.pairs)
        return [(key, label, counts[key]) for key, label in STEPS]


def _sorted(pairs, sort):
    descending = sort.startswith("-")
    _label, key = SORTS[sort.removeprefix("-")]
    # Name second, so equal rows keep a stable, readable order.
    ordered = sorted(pairs, key=lambda p: p.mentee_name.casefold())
    if descending:
        # Missing values (True first in the tuple) stay last when reversed.
        with_value = [p for p in ordered if not _is_missing(key(p))]
        without = [p for p in ordered if _is_missing(key(p))]
        return sorted(with_value, key=key, reverse=True) + without
    return sorted(ordered, key=key)


def _is_missing(value):
    return isinstance(value, tuple) and value[0] is True


def cohort_dashboard(cohort, query, *, now=None) -> Dashboard:
    filters = Filters.from_query(query)
    pairs = cohort_health(cohort, now=now)
    shown = _sorted([p for p in pairs if filters.matches(p)], filters.sort)
    page = Paginator(shown, PER_PAGE).get_page(query.get("page"))
    checklists = checklists_for(p.plan_id for p in page.object_list if p.plan_id)
    for pair in page.object_list:
        items = checklists.get(pair.plan_id)
        pair.checklist_done = sum(1 for item in items if item.done) if items else 0
        pair.checklist_total = len(items) if items else 0
    mentor_name = ""
    if filters.mentor is not None:
        mentor_name = next((p.mentor_name for p in pairs if p.mentor_id == filters.mentor), "")
    return Dashboard(cohort, filters, pairs, page, len(shown), mentor_name)


@dataclass
class KindRow:
    kind: str
    label: str
    counts: dict  # status -> count

    @property
    def total(self):
        return sum(self.counts.values())


def activities_by_kind(cohort) -> list[KindRow]:
    """The cohort's learning activities by kind and status (one query)."""
    found = Counter()
    rows = (
        LearningActivity.objects.filter(plan__partnership__cohort=cohort)
        .values("kind", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        found[row["kind"], row["status"]] = row["n"]
    return [
        KindRow(kind, label, {s: found[kind, s] for s in LearningActivity.Status.values})
        for kind, label in LearningActivity.Kind.choices
    ]


@dataclass
class WeekRow:
    week: object  # the Monday
    held: int
    promised: float


def meetings_per_week(cohort, pairs, *, now=None) -> list[WeekRow]:
    """Meetings held each week of the cohort so far, against what the pairs' rhythms promise.

    One query: meetings held by day (in UTC), added up by week. A pair promises
    one meeting per interval of its rhythm from the week it began to the week it
    ended (or today).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    last_day = min(today, cohort.ends_on)
    if last_day < cohort.starts_on:
        return []
    by_day = (
        Meeting.objects.held(now)
        .filter(partnership__cohort=cohort)
        .annotate(day=TruncDate("starts_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    first_week = week_start(cohort.starts_on)
    weeks = []
    monday = first_week
    while monday <= last_day:
        weeks.append(monday)
        monday += timedelta(days=7)
    held = Counter()
    for row in by_day:
        held[week_start(row["day"])] += row["n"]
    # A pair adds its meetings a week to every week from its first to its last: a
    # running sum over the weeks, not a loop over pairs times weeks.
    change = [0.0] * (len(weeks) + 1)
    for pair in pairs:
        first = max(0, (week_start(pair.began_on) - first_week).days // 7)
        stop = last_day if pair.is_active or pair.ended_on is None else min(last_day, pair.ended_on)
        last = (week_start(stop) - first_week).days // 7
        if first <= last < len(weeks):
            per_week = 7 / INTERVAL_DAYS[pair.frequency]
            change[first] += per_week
            change[last + 1] -= per_week
    rows, running = [], 0.0
    for number, week in enumerate(weeks):
        running += change[number]
        rows.append(WeekRow(week, held[week], round(running, 1)))
    return rows
