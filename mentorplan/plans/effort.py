"""Does the plan fit the time the mentee has? Effort spread over each activity's dates."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .models import LearningActivity


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class Fit:
    weekly_hours: Decimal | None
    total_hours: Decimal
    available_hours: Decimal | None
    weekly_load: dict[date, Decimal] = field(default_factory=dict)

    @property
    def overloaded_weeks(self) -> list[tuple[date, Decimal]]:
        if not self.weekly_hours:
            return []
        return [(w, h) for w, h in sorted(self.weekly_load.items()) if h > self.weekly_hours]

    @property
    def peak_hours(self) -> Decimal:
        return max(self.weekly_load.values(), default=Decimal(0))

    @property
    def fits(self) -> bool:
        return bool(self.weekly_hours) and not self.overloaded_weeks


def plan_fit(*, activities, weekly_hours, starts_on: date, ends_on: date) -> Fit:
    """Spread each activity's effort evenly over its days and add it up per week.

    Skipped activities take no time. The available time is the weekly hours over
    the cohort's weeks.
    """
    load: dict[date, Decimal] = defaultdict(Decimal)
    total = Decimal(0)
    for activity in activities:
        if activity.status == LearningActivity.Status.SKIPPED:
            continue
        hours = activity.effort_hours
        total += hours
        days = (activity.due_on - activity.starts_on).days + 1
        per_day = hours / days
        day = activity.starts_on
        while day <= activity.due_on:
            load[week_start(day)] += per_day
            day += timedelta(days=1)
    weeks = Decimal(((ends_on - starts_on).days + 1) / 7).quantize(Decimal("0.1"))
    available = (weekly_hours * weeks).quantize(Decimal("0.1")) if weekly_hours else None
    rounded = {w: h.quantize(Decimal("0.1")) for w, h in load.items()}
    return Fit(weekly_hours, total.quantize(Decimal("0.1")), available, rounded)


@dataclass(frozen=True)
class OverloadRun:
    """Consecutive weeks that each plan more hours than the mentee has."""

    first_week: date
    last_week: date
    weeks: int
    peak_hours: Decimal
    excess_hours: Decimal


def overload_runs(fit: Fit) -> list[OverloadRun]:
    """The overloaded weeks grouped into runs of consecutive weeks, in date order.

    A warning that lists thirty single weeks is not read; "3 Mar – 24 Mar, up to
    4.5 hours too many" is.
    """
    runs: list[list[tuple[date, Decimal]]] = []
    for week, hours in fit.overloaded_weeks:
        if runs and week - runs[-1][-1][0] == timedelta(days=7):
            runs[-1].append((week, hours))
        else:
            runs.append([(week, hours)])
    result = []
    for run in runs:
        peak = max(h for _, h in run)
        result.append(OverloadRun(run[0][0], run[-1][0], len(run), peak, peak - fit.weekly_hours))
    return result
