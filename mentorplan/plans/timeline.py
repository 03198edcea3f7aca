"""The plan as pictures: activities and milestones over the cohort's dates, and effort per week.

Both are SVG drawn on the server (DESIGN.md: they work without JavaScript,
print cleanly and carry a text alternative). The builders take plain data and
return safe HTML built with ``format_html``, so every piece of user text is
escaped. Colours and fills are SVG presentation attributes, not ``style=``:
the CSP forbids inline styles.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .effort import Fit, week_start

# Okabe & Ito's colour-blind-safe palette, darkened where needed for a 3:1
# contrast with the white background (WCAG 1.4.11). Kind is also told by the
# glyph before each label, so it never rests on colour alone.
KIND_COLOURS = {"doing": "#0072B2", "others": "#C75400", "stretch": "#007A5A"}
KIND_GLYPHS = {"doing": "circle", "others": "square", "stretch": "triangle"}
INK = "#1f2937"
MUTED = "#4b5563"
GRID = "#d0d7de"
SKIPPED = "#6b7280"
OVER = "#b3261e"
STATUS_ORDER = ["done", "in_progress", "planned", "skipped"]
STRIKE = mark_safe(' text-decoration="line-through"')
# A white outline behind text drawn over bars, so it stays legible.
HALO = mark_safe('paint-order="stroke" stroke="#fff" stroke-width="4" stroke-linejoin="round"')

WIDTH = 960
LABEL_WIDTH = 260  # the fixed label column
CHART_LEFT = LABEL_WIDTH + 12  # room for the "starts earlier" arrow
CHART_RIGHT = WIDTH - 16  # ... and for the "ends later" arrow
HEADER = 48
ROW = 24  # constant, so 40 activities stay as readable as 4: the picture grows
BAR = 14
FONT = 12
LABEL_CHARS = 34  # what fits in the label column at FONT; the rest goes to the tooltip


@dataclass(frozen=True)
class TimelineActivity:
    title: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    starts_on: date
    due_on: date
    effort: str

    @property
    def dates(self) -> str:
        """ "29 May – 10 Jul 2026", the year once when it does not change."""
        if self.starts_on.year == self.due_on.year:
            return f"{date_format(self.starts_on, 'j M')} – {day(self.due_on)}"
        return f"{day(self.starts_on)} – {day(self.due_on)}"


@dataclass(frozen=True)
class TimelineMilestone:
    title: str
    date: date
    reached: bool


@dataclass
class TimelineGroup:
    label: str
    activities: list[TimelineActivity] = field(default_factory=list)
    milestones: list[TimelineMilestone] = field(default_factory=list)
    is_goal: bool = True


def number(value) -> str:
    """1.0 → "1", 2.5 → "2.5", 3.14159 → "3.1"."""
    text = f"{float(value):.1f}"
    return text[:-2] if text.endswith(".0") else text


def day(d: date) -> str:
    return date_format(d, "j M Y")


def date_range(first: date, last: date) -> str:
    """ "1 Mar to 30 Nov 2026", with the year twice only when it changes."""
    if first.year == last.year:
        return f"{date_format(first, 'j M')} to {day(last)}"
    return f"{day(first)} to {day(last)}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def effort_label(activity) -> str:
    """ "10 hours", or "2 days (16 hours)" when the unit is not hours."""
    amount = f"{number(activity.effort_amount)} {activity.get_effort_unit_display()}"
    if activity.effort_unit == "hours":
        return amount
    return f"{amount} ({number(activity.effort_hours)} hours)"


def timeline_groups(goals, activities, milestones) -> list[TimelineGroup]:
    """Activities and milestones by goal, in priority order, then those linked to none."""
    groups = {g.pk: TimelineGroup(f"Goal {g.number}: {g.statement}") for g in goals}
    loose = TimelineGroup("Not linked to a goal", is_goal=False)
    for a in activities:
        groups.get(a.goal_id, loose).activities.append(
            TimelineActivity(
                title=a.title,
                kind=a.kind,
                kind_label=a.get_kind_display(),
                status=a.status,
                status_label=a.get_status_display(),
                starts_on=a.starts_on,
                due_on=a.due_on,
                effort=effort_label(a),
            )
        )
    for m in milestones:
        groups.get(m.goal_id, loose).milestones.append(
            TimelineMilestone(m.title, m.date, m.reached)
        )
    result = list(groups.values())
    if loose.activities or loose.milestones:
        result.append(loose)
    return result


def truncate(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def join(parts) -> SafeString:
    return format_html_join("", "{}", ((p,) for p in parts))


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month that begins after ``first``, up to ``last``."""
    months = []
    d = date(first.year, first.month, 1)
    while True:
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
        if d > last:
            return months
        months.append(d)


class Scale:
    """Days to x: a day takes the width from its start to its end."""

    def __init__(self, first: date, last: date, left: float, right: float):
        self.first, self.last, self.left = first, last, left
        self.per_day = (right - left) / ((last - first).days + 1)

    def x(self, d: date) -> float:
        return self.left + (d - self.first).days * self.per_day

    def end_of(self, d: date) -> float:
        return self.x(d) + self.per_day

    def middle_of(self, d: date) -> float:
        return self.x(d) + self.per_day / 2


def glyph(kind: str, cx: float, cy: float) -> SafeString:
    colour = KIND_COLOURS.get(kind, INK)
    shape = KIND_GLYPHS.get(kind, "circle")
    if shape == "square":
        return format_html(
            '<rect x="{}" y="{}" width="9" height="9" fill="{}"></rect>',
            number(cx - 4.5),
            number(cy - 4.5),
            colour,
        )
    if shape == "triangle":
        return format_html(
            '<polygon points="{},{} {},{} {},{}" fill="{}"></polygon>',
            number(cx),
            number(cy - 5),
            number(cx + 5),
            number(cy + 4),
            number(cx - 5),
            number(cy + 4),
            colour,
        )
    return format_html(
        '<circle cx="{}" cy="{}" r="4.5" fill="{}"></circle>', number(cx), number(cy), colour
    )


def bar_paint(activity: TimelineActivity, pattern_id: str) -> SafeString:
    """Status as fill style, not colour only: outlined, solid, solid ✓, hatched."""
    colour = KIND_COLOURS.get(activity.kind, INK)
    if activity.status == "skipped":
        return format_html('fill="url(#{})" stroke="{}" stroke-width="1"', pattern_id, SKIPPED)
    if activity.status == "planned":
        return format_html(
            'fill="{}" fill-opacity="0.15" stroke="{}" stroke-width="1.5"', colour, colour
        )
    return format_html('fill="{}" stroke="{}" stroke-width="1"', colour, colour)


def activity_tooltip(a: TimelineActivity, first: date, last: date) -> str:
    dates = a.dates
    notes = []
    if a.starts_on < first:
        notes.append("starts before the cohort")
    if a.due_on > last:
        notes.append("ends after the cohort")
    note = f" ({' and '.join(notes)})" if notes else ""
    return f"{a.title} — {a.kind_label}, {dates}{note}, {a.effort}, {a.status_label}"


def activity_row(a, y, scale, ids) -> SafeString:
    first, last = scale.first, scale.last
    cy = y + ROW / 2
    label = truncate(a.title, LABEL_CHARS - 2 if a.status == "done" else LABEL_CHARS)
    if a.status == "done":
        label += " ✓"
    skipped = a.status == "skipped"
    text = format_html(
        '<text x="30" y="{}" class="tl-label{}" fill="{}" clip-path="url(#{})"{}>{}</text>',
        number(cy + 4),
        " tl-skipped" if skipped else "",
        SKIPPED if skipped else INK,
        ids["labels"],
        STRIKE if skipped else "",
        label,
    )
    shapes = []
    if a.due_on >= first and a.starts_on <= last:
        x1 = scale.x(max(a.starts_on, first))
        x2 = scale.end_of(min(a.due_on, last))
        width = max(x2 - x1, 3)  # a one-day activity stays visible
        shapes.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" rx="3" {}></rect>',
                number(x1),
                number(cy - BAR / 2),
                number(width),
                BAR,
                bar_paint(a, ids["hatch"]),
            )
        )
        if a.status == "done" and width >= 16:
            shapes.append(
                format_html(
                    '<text x="{}" y="{}" fill="#fff" font-size="11" font-weight="700" '
                    'text-anchor="middle">✓</text>',
                    number(x1 + width / 2),
                    number(cy + 4),
                )
            )
        shapes.append(bar_label(a.title, x1, x1 + width, cy))
    if a.starts_on < first:
        shapes.append(arrow(CHART_LEFT - 10, cy, left=True))
    if a.due_on > last:
        shapes.append(arrow(CHART_RIGHT + 2, cy, left=False))
    return format_html(
        '<g class="tl-activity tl-{} tl-{}"><title>{}</title>{}{}{}</g>',
        a.kind,
        a.status,
        activity_tooltip(a, first, last),
        glyph(a.kind, 20, cy),
        text,
        join(shapes),
    )


def bar_label(title: str, x1: float, x2: float, cy: float) -> SafeString:
    """The title beside its bar, on the roomier side; CSS shows it on narrow screens only.

    On a phone the picture scrolls sideways and the label column scrolls out of
    view; the bars then need their own names.
    """
    right, left = CHART_RIGHT - x2 - 4, x1 - CHART_LEFT - 4
    room = max(right, left)
    chars = int(room / 6.4)
    if chars < 6:
        return format_html("{}", "")
    x, anchor = (x2 + 4, "start") if right >= left else (x1 - 4, "end")
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="11" fill="{}" class="tl-bar-label" {}>'
        "{}</text>",
        number(x),
        number(cy + 4),
        anchor,
        INK,
        HALO,
        truncate(title, chars),
    )


def arrow(x: float, cy: float, *, left: bool) -> SafeString:
    """A small triangle at the edge: the activity runs outside the cohort's dates."""
    tip, base = (x, x + 7) if left else (x + 7, x)
    points = (tip, cy, base, cy - 5, base, cy + 5)
    return format_html(
        '<polygon points="{},{} {},{} {},{}" fill="{}"></polygon>',
        *(number(p) for p in points),
        INK,
    )


def goal_row(group, y, scale, ids) -> SafeString:
    cy = y + ROW / 2
    parts = [
        format_html(
            '<rect x="0" y="{}" width="{}" height="{}" fill="#eef2f7"></rect>', y, WIDTH, ROW
        ),
        format_html(
            '<text x="6" y="{}" font-weight="700" fill="{}" class="tl-goal" '
            'clip-path="url(#{})"><title>{}</title>{}</text>',
            number(cy + 4),
            INK,
            ids["labels"],
            group.label,
            truncate(group.label, LABEL_CHARS + 2),
        ),
    ]
    if not group.activities and not group.milestones:
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}" font-style="italic">'
                "No activities or milestones yet</text>",
                CHART_LEFT + 6,
                number(cy + 4),
                MUTED,
            )
        )
    for m in group.milestones:
        if not scale.first <= m.date <= scale.last:
            continue  # listed in the table; the picture shows the cohort only
        x = scale.middle_of(m.date)
        state = "reached" if m.reached else "ahead"
        parts.append(
            format_html(
                '<g class="tl-milestone"><title>Milestone: {} — {}, {}</title>'
                '<polygon points="{},{} {},{} {},{} {},{}" fill="{}" stroke="{}" '
                'stroke-width="1.5"></polygon></g>',
                m.title,
                day(m.date),
                state,
                number(x),
                number(cy - 7),
                number(x + 7),
                number(cy),
                number(x),
                number(cy + 7),
                number(x - 7),
                number(cy),
                INK if m.reached else "#fff",
                INK,
            )
        )
    return join(parts)


def month_grid(scale, top, bottom, label_y) -> SafeString:
    """Month gridlines with labels, skipping labels that would touch the one before."""
    starts = month_starts(scale.first, scale.last)
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>',
            number(scale.x(m)),
            top,
            number(scale.x(m)),
            bottom,
            GRID,
        )
        for m in starts
    ]
    # A cohort starting late in a month gets no label for that sliver of a month.
    sliver = bool(starts) and scale.x(starts[0]) - scale.left < 56
    labelled = starts if sliver else [scale.first, *starts]
    previous_x = -100.0
    for m in labelled:
        x = scale.x(m)
        with_year = previous_x < 0 or m.month == 1
        if x - previous_x < (56 if with_year else 36) or x > CHART_RIGHT - 24:
            continue
        previous_x = x
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="{}" class="tl-month">{}</text>',
                number(x + 3),
                label_y,
                MUTED,
                date_format(m, "M Y" if with_year else "M"),
            )
        )
    return join(parts)


def today_line(scale, today, top, bottom, label_y) -> SafeString:
    if not scale.first <= today <= scale.last:
        return format_html("{}", "")
    x = scale.middle_of(today)
    anchor = "end" if x > CHART_RIGHT - 30 else "start" if x < CHART_LEFT + 30 else "middle"
    return format_html(
        '<g class="tl-today"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
        'stroke-width="2" stroke-dasharray="5 3"></line>'
        '<text x="{}" y="{}" text-anchor="{}" font-weight="700" fill="{}" {}>Today</text></g>',
        number(x),
        top,
        number(x),
        bottom,
        INK,
        number(x),
        label_y,
        anchor,
        INK,
        HALO,
    )


def svg_defs(ids) -> SafeString:
    return format_html(
        '<defs><pattern id="{}" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f3f4f6"></rect>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="{}" stroke-width="2"></line></pattern>'
        '<clipPath id="{}"><rect x="0" y="0" width="{}" height="100000"></rect></clipPath></defs>',
        ids["hatch"],
        SKIPPED,
        ids["labels"],
        LABEL_WIDTH,
    )


def timeline_summary(groups, starts_on, ends_on, today) -> str:
    activities = [a for g in groups for a in g.activities]
    milestones = [m for g in groups for m in g.milestones]
    goals = sum(1 for g in groups if g.is_goal)
    text = (
        f"{plural(len(activities), 'activity', 'activities')} and "
        f"{plural(len(milestones), 'milestone')} from {date_range(starts_on, ends_on)}, "
        f"grouped by {plural(goals, 'goal')}"
    )
    loose = next((g for g in groups if not g.is_goal), None)
    if loose and loose.activities:
        text += f"; {plural(len(loose.activities), 'activity', 'activities')} not linked to a goal"
    text += "."
    if activities:
        labels = {a.status: a.status_label.lower() for a in activities}
        counts = Counter(a.status for a in activities)
        text += " " + ", ".join(f"{counts[s]} {labels[s]}" for s in STATUS_ORDER if counts[s])
        text += "."
    outside = sum(1 for a in activities if a.starts_on < starts_on or a.due_on > ends_on)
    if outside:
        text += f" {plural(outside, 'activity', 'activities')} run outside the cohort's dates."
    if starts_on <= today <= ends_on:
        text += f" Today is {day(today)}."
    return text


def timeline_svg(
    *, starts_on: date, ends_on: date, today: date, groups: list[TimelineGroup], id_prefix="tl"
) -> SafeString:
    """The plan over the cohort's dates: a row per goal, then a bar per activity."""
    ids = {k: f"{id_prefix}-{k}" for k in ("title", "desc", "hatch", "labels")}
    scale = Scale(starts_on, ends_on, CHART_LEFT, CHART_RIGHT)
    rows = []
    y = HEADER
    stripe = False
    for group in groups:
        rows.append(goal_row(group, y, scale, ids))
        y += ROW
        for a in group.activities:
            if stripe:
                rows.append(
                    format_html(
                        '<rect x="0" y="{}" width="{}" height="{}" fill="#f8fafc"></rect>',
                        y,
                        WIDTH,
                        ROW,
                    )
                )
            stripe = not stripe
            rows.append(activity_row(a, y, scale, ids))
            y += ROW
    height = y + 8
    return format_html(
        '<svg class="timeline-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-labelledby="{} {}" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="{}">'
        '<title id="{}">Timeline of the plan</title><desc id="{}">{}</desc>{}'
        '<g class="tl-grid">{}</g><g class="tl-rows">{}</g>{}</svg>',
        WIDTH,
        height,
        WIDTH,
        height,
        ids["title"],
        ids["desc"],
        FONT,
        ids["title"],
        ids["desc"],
        timeline_summary(groups, starts_on, ends_on, today),
        svg_defs(ids),
        month_grid(scale, HEADER - 24, height - 4, 16),
        join(rows),
        today_line(scale, today, HEADER - 20, height - 4, 38),
    )


# The weekly effort chart.

EFFORT_HEIGHT = 260
EFFORT_TOP = 34
EFFORT_BOTTOM = 200  # the baseline; month labels below it
EFFORT_LEFT = 48


def chart_weeks(fit: Fit, starts_on: date, ends_on: date) -> list[date]:
    """Every week of the cohort, and any week outside it that has planned hours."""
    first = min([week_start(starts_on), *fit.weekly_load])
    last = max([week_start(ends_on), *fit.weekly_load])
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def effort_weeks(fit: Fit, starts_on: date, ends_on: date) -> list[tuple[date, Decimal, Decimal]]:
    """(week, hours planned, hours over the weekly availability) for the table fallback."""
    rows = []
    for week in chart_weeks(fit, starts_on, ends_on):
        hours = fit.weekly_load.get(week, Decimal(0))
        over = hours - fit.weekly_hours if fit.weekly_hours and hours > fit.weekly_hours else 0
        rows.append((week, hours, Decimal(over)))
    return rows


def nice_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        if top / step <= 6:
            return step
    return 1000


def effort_summary(fit: Fit, weeks: list[date], overloaded) -> str:
    text = (
        f"Planned hours for each of {plural(len(weeks), 'week')} from "
        f"{date_range(weeks[0], weeks[-1] + timedelta(days=6))}: "
        f"{number(fit.total_hours)} hours in all, the busiest week {number(fit.peak_hours)} hours."
    )
    if not fit.weekly_hours:
        return text + " No weekly availability has been given yet."
    text += f" Available: {number(fit.weekly_hours)} hours a week."
    if overloaded:
        text += (
            f" {plural(len(overloaded), 'week')} plan{'s' if len(overloaded) == 1 else ''} "
            "more than that, marked with a hatched "
            "part above the line and an exclamation mark."
        )
    else:
        text += " No week plans more than that."
    return text


def effort_svg(
    *, fit: Fit, starts_on: date, ends_on: date, today: date, id_prefix="effort"
) -> SafeString:
    """Planned hours per week as bars, against a line at the hours a week available."""
    ids = {k: f"{id_prefix}-{k}" for k in ("title", "desc", "over")}
    weeks = chart_weeks(fit, starts_on, ends_on)
    available = float(fit.weekly_hours) if fit.weekly_hours else None
    top = max(float(fit.peak_hours), available or 0, 1) * 1.15
    step = nice_step(top)
    top = math.ceil(top / step) * step
    plot_height = EFFORT_BOTTOM - EFFORT_TOP
    slot = (CHART_RIGHT - EFFORT_LEFT) / len(weeks)
    bar_width = max(slot * 0.7, 2)

    def y_of(hours: float) -> float:
        return EFFORT_BOTTOM - hours / top * plot_height

    parts = []
    tick = 0.0
    while tick <= top:
        y = y_of(tick)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>'
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                EFFORT_LEFT,
                number(y),
                CHART_RIGHT,
                number(y),
                GRID,
                EFFORT_LEFT - 6,
                number(y + 4),
                MUTED,
                number(tick),
            )
        )
        tick += step
    parts.append(
        format_html('<text x="{}" y="14" fill="{}" font-weight="700">Hours a week</text>', 4, MUTED)
    )

    overloaded = {w for w, _ in fit.overloaded_weeks}
    for i, week in enumerate(weeks):
        hours = float(fit.weekly_load.get(week, 0))
        x = EFFORT_LEFT + i * slot + (slot - bar_width) / 2
        label = f"Week of {day(week)}: {number(hours)} hours planned"
        shapes = []
        if week in overloaded:
            label += f", {number(hours - available)} more than the {number(available)} available"
            shapes.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="#0072B2"></rect>'
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{})" stroke="{}" '
                    'stroke-width="1"></rect>'
                    '<text x="{}" y="{}" text-anchor="middle" font-weight="700" fill="{}">!</text>',
                    number(x),
                    number(y_of(available)),
                    number(bar_width),
                    number(EFFORT_BOTTOM - y_of(available)),
                    number(x),
                    number(y_of(hours)),
                    number(bar_width),
                    number(y_of(available) - y_of(hours)),
                    ids["over"],
                    OVER,
                    number(x + bar_width / 2),
                    number(y_of(hours) - 4),
                    OVER,
                )
            )
        elif hours:
            shapes.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="#0072B2"></rect>',
                    number(x),
                    number(y_of(hours)),
                    number(bar_width),
                    number(EFFORT_BOTTOM - y_of(hours)),
                )
            )
        # An invisible full-height target, so the tooltip works on empty weeks too.
        shapes.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="transparent"></rect>',
                number(EFFORT_LEFT + i * slot),
                EFFORT_TOP,
                number(slot),
                EFFORT_BOTTOM - EFFORT_TOP,
            )
        )
        parts.append(
            format_html(
                '<g class="effort-week{}"><title>{}</title>{}</g>',
                " effort-over" if week in overloaded else "",
                label,
                join(shapes),
            )
        )

    # Month labels under the first week that starts in each month; a cohort that
    # starts late in a month gets no label for that sliver of a month.
    firsts = [i for i, w in enumerate(weeks) if i == 0 or w.month != weeks[i - 1].month]
    if len(firsts) > 1 and (firsts[1] - firsts[0]) * slot < 60:
        firsts = firsts[1:]
    free_from = 0.0  # where the previous label ends
    for n, i in enumerate(firsts):
        week, x = weeks[i], EFFORT_LEFT + i * slot
        with_year = n == 0 or week.month == 1
        if x < free_from:
            continue
        free_from = x + (60 if with_year else 32)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>'
                '<text x="{}" y="{}" fill="{}">{}</text>',
                number(x),
                EFFORT_BOTTOM,
                number(x),
                EFFORT_BOTTOM + 6,
                MUTED,
                number(x + 2),
                EFFORT_BOTTOM + 20,
                MUTED,
                date_format(week, "M Y" if with_year else "M"),
            )
        )

    if available is not None:
        # The line's key sits above the plot, where no bar can hide it.
        y = y_of(available)
        key = CHART_RIGHT - 170
        parts.append(
            format_html(
                '<g class="effort-available"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
                'stroke-width="2" stroke-dasharray="6 3"></line>'
                '<line x1="{}" y1="10" x2="{}" y2="10" stroke="{}" stroke-width="2" '
                'stroke-dasharray="6 3"></line>'
                '<text x="{}" y="14" font-weight="700" fill="{}">You have {} h a week</text></g>',
                EFFORT_LEFT,
                number(y),
                CHART_RIGHT,
                number(y),
                INK,
                key,
                key + 24,
                INK,
                key + 30,
                INK,
                number(available),
            )
        )
        if overloaded:
            key -= 190
            parts.append(
                format_html(
                    '<g class="effort-key"><rect x="{}" y="3" width="14" height="12" '
                    'fill="url(#{})" stroke="{}"></rect>'
                    '<text x="{}" y="14" font-weight="700" fill="{}">'
                    "! More than you have</text></g>",
                    key,
                    ids["over"],
                    OVER,
                    key + 20,
                    OVER,
                )
            )
    if weeks[0] <= today <= weeks[-1] + timedelta(days=6):
        i = (week_start(today) - weeks[0]).days // 7
        x = EFFORT_LEFT + i * slot + slot / 2
        parts.append(
            format_html(
                '<g class="effort-today"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
                'stroke-width="1.5" stroke-dasharray="3 3"></line>'
                '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-weight="700">'
                "Today</text></g>",
                number(x),
                EFFORT_TOP - 6,
                number(x),
                EFFORT_BOTTOM,
                INK,
                number(min(max(x, EFFORT_LEFT + 20), CHART_RIGHT - 20)),
                EFFORT_BOTTOM + 40,
                INK,
            )
        )
    parts.append(
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5"></line>',
            EFFORT_LEFT,
            EFFORT_BOTTOM,
            CHART_RIGHT,
            EFFORT_BOTTOM,
            INK,
        )
    )
    return format_html(
        '<svg class="effort-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-labelledby="{} {}" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="{}">'
        '<title id="{}">Planned hours per week</title><desc id="{}">{}</desc>'
        '<defs><pattern id="{}" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fde8e7"></rect>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="{}" stroke-width="2.5"></line></pattern></defs>'
        "{}</svg>",
        WIDTH,
        EFFORT_HEIGHT,
        WIDTH,
        EFFORT_HEIGHT,
        ids["title"],
        ids["desc"],
        FONT,
        ids["title"],
        ids["desc"],
        effort_summary(fit, weeks, overloaded),
        ids["over"],
        OVER,
        join(parts),
    )
