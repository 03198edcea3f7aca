"""The cohort in pictures: pairs per step, activities by kind and status, meetings per week.

SVG drawn on the server like the plan's timeline (``plans.timeline``): no
JavaScript, clean in print, colours as presentation attributes (the CSP forbids
inline styles). Each picture names itself and says what it shows in its
``<title>`` and ``<desc>``; the page puts the same figures in a table beside it.
"""

from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from mentorplan.plans.models import LearningActivity
from mentorplan.plans.timeline import GRID, INK, KIND_COLOURS, MUTED, SKIPPED

WIDTH = 640
LABEL = 170
BAR = 22
GAP = 10
STEP_COLOUR = "#0072B2"
STATUS_COLOURS = {
    "done": "#007A5A",
    "in_progress": "#0072B2",
    "planned": "#9AB8D6",
    "skipped": SKIPPED,
}
HELD_COLOUR = "#0072B2"
PROMISED_COLOUR = "#C75400"


def _svg(ident, title, desc, height, body) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
        'height="{h}" role="img" aria-labelledby="{i}-title {i}-desc" class="chart">'
        '<title id="{i}-title">{t}</title><desc id="{i}-desc">{d}</desc>{b}</svg>',
        w=WIDTH,
        h=height,
        i=ident,
        t=title,
        d=desc,
        b=body,
    )


def _scale(largest):
    return (WIDTH - LABEL - 60) / largest if largest else 0


def steps_chart(step_counts) -> SafeString:
    """Horizontal bars: how many pairs are at each step."""
    scale = _scale(max((n for _k, _l, n in step_counts), default=0))
    rows = []
    for number, (_key, label, count) in enumerate(step_counts):
        y = GAP + number * (BAR + GAP)
        rows.append(
            format_html(
                '<text x="{lx}" y="{ty}" text-anchor="end" fill="{ink}">{label}</text>'
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}"></rect>'
                '<text x="{nx}" y="{ty}" fill="{ink}">{n}</text>',
                lx=LABEL - 8,
                ty=y + BAR - 6,
                ink=INK,
                label=label,
                x=LABEL,
                y=y,
                w=round(count * scale, 1),
                h=BAR,
                c=STEP_COLOUR,
                nx=LABEL + round(count * scale, 1) + 6,
                n=count,
            )
        )
    desc = "; ".join(f"{label}: {count}" for _k, label, count in step_counts)
    height = GAP + len(step_counts) * (BAR + GAP)
    return _svg("chart-steps", "Partnerships at each step", desc, height, SafeString("".join(rows)))


def activities_chart(kind_rows) -> SafeString:
    """One stacked bar per kind of activity, split by status; a legend below."""
    statuses = LearningActivity.Status.choices
    scale = _scale(max((row.total for row in kind_rows), default=0))
    parts = []
    for number, row in enumerate(kind_rows):
        y = GAP + number * (BAR + GAP)
        parts.append(
            format_html(
                '<rect x="{x}" y="{y}" width="6" height="{h}" fill="{c}"></rect>'
                '<text x="{lx}" y="{ty}" text-anchor="end" fill="{ink}">{label}</text>',
                x=LABEL - 6,
                y=y,
                h=BAR,
                c=KIND_COLOURS[row.kind],
                lx=LABEL - 12,
                ty=y + BAR - 6,
                ink=INK,
                label=row.label,
            )
        )
        x = LABEL + 2
        for status, status_label in statuses:
            width = round(row.counts[status] * scale, 1)
            if width:
                parts.append(
                    format_html(
                        '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}" '
                        'stroke="#fff"><title>{label}: {n} {s}</title></rect>',
                        x=x,
                        y=y,
                        w=width,
                        h=BAR,
                        c=STATUS_COLOURS[status],
                        label=row.label,
                        n=row.counts[status],
                        s=status_label.lower(),
                    )
                )
            x += width
        parts.append(
            format_html(
                '<text x="{x}" y="{ty}" fill="{ink}">{n}</text>',
                x=round(x + 6, 1),
                ty=y + BAR - 6,
                ink=INK,
                n=row.total,
            )
        )
    legend_y = GAP + len(kind_rows) * (BAR + GAP) + 4
    parts.append(
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
            '<text x="{}" y="{}" fill="{}">{}</text>',
            (
                (
                    LABEL + n * 110,
                    legend_y,
                    STATUS_COLOURS[status],
                    LABEL + n * 110 + 16,
                    legend_y + 11,
                    MUTED,
                    label,
                )
                for n, (status, label) in enumerate(statuses)
            ),
        )
    )
    desc = "; ".join(
        f"{row.label}: " + ", ".join(f"{row.counts[s]} {label.lower()}" for s, label in statuses)
        for row in kind_rows
    )
    height = legend_y + 20
    return _svg(
        "chart-activities",
        "Learning activities by kind and status",
        desc,
        height,
        SafeString("".join(parts)),
    )


def meetings_chart(week_rows) -> SafeString:
    """Bars of meetings held each week; a line of what the pairs' rhythms promise."""
    height, top, bottom, left = 220, 16, 186, 48
    right = WIDTH - 12
    largest = max([r.held for r in week_rows] + [r.promised for r in week_rows] + [1])
    step = (right - left) / max(len(week_rows), 1)

    def y_of(value):
        return round(bottom - value * (bottom - top) / largest, 1)

    parts = [
        format_html(
            '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="{g}"></line>'
            '<text x="{tx}" y="{ty}" text-anchor="end" fill="{m}">{n}</text>'
            '<text x="{tx}" y="{b}" text-anchor="end" fill="{m}">0</text>',
            l=left,
            r=right,
            b=bottom,
            g=GRID,
            tx=left - 6,
            ty=top + 10,
            m=MUTED,
            n=round(largest, 1),
        )
    ]
    for number, row in enumerate(week_rows):
        if row.held:
            parts.append(
                format_html(
                    '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}">'
                    "<title>Week of {week}: {n} held, {p} promised</title></rect>",
                    x=round(left + number * step + 1, 1),
                    y=y_of(row.held),
                    w=round(max(step - 2, 1), 1),
                    h=round(bottom - y_of(row.held), 1),
                    c=HELD_COLOUR,
                    week=date_format(row.week, "j M"),
                    n=row.held,
                    p=row.promised,
                )
            )
    if week_rows:
        points = " ".join(
            f"{round(left + (n + 0.5) * step, 1)},{y_of(r.promised)}"
            for n, r in enumerate(week_rows)
        )
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" '
                'stroke-dasharray="6 3"></polyline>',
                points,
                PROMISED_COLOUR,
            )
        )
        parts.append(
            format_html(
                '<text x="{l}" y="{y}" fill="{m}">{first}</text>'
                '<text x="{r}" y="{y}" text-anchor="end" fill="{m}">{last}</text>',
                l=left,
                r=right,
                y=bottom + 16,
                m=MUTED,
                first=date_format(week_rows[0].week, "j M Y"),
                last=date_format(week_rows[-1].week, "j M Y"),
            )
        )
    held = sum(r.held for r in week_rows)
    promised = round(sum(r.promised for r in week_rows))
    desc = (
        f"{held} meetings held over {len(week_rows)} weeks, against about {promised} that the "
        "pairs' agreed or suggested rhythms promise. Bars: meetings held each week; dashed "
        "line: meetings promised each week."
    )
    return _svg(
        "chart-meetings", "Meetings held per week", desc, height, SafeString("".join(parts))
    )


def cohorts_activities_chart(cohort_figures) -> SafeString:
    """For each kind of activity, one bar per cohort: planned, of them done, of them worked.

    The bars are drawn over each other (worked inside done inside planned), so
    cohorts compare at a glance; a legend names the three shades.
    """
    rows = [
        (kind.label, figures.cohort.name, kind)
        for index in range(len(LearningActivity.Kind.choices))
        for figures in cohort_figures
        for kind in [figures.kinds[index]]
    ]
    label_width = LABEL + 40
    largest = max((kind.planned for _l, _c, kind in rows), default=0)
    # Room after the longest bar for its words ("12 worked of 30 done, 41 planned").
    scale = (WIDTH - label_width - 230) / largest if largest else 0
    parts = []
    y = GAP
    previous = None
    for label, cohort_name, kind in rows:
        if label != previous:
            parts.append(
                format_html(
                    '<text x="8" y="{}" fill="{}" font-weight="bold">{}</text>',
                    y + 14,
                    INK,
                    label,
                )
            )
            y += 22
            previous = label
        for value, colour in (
            (kind.planned, "#9AB8D6"),
            (kind.done, STATUS_COLOURS["in_progress"]),
            (kind.worked, STATUS_COLOURS["done"]),
        ):
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                    label_width,
                    y,
                    round(value * scale, 1),
                    BAR,
                    colour,
                )
            )
        parts.append(
            format_html(
                '<text x="{lx}" y="{ty}" text-anchor="end" fill="{ink}">{cohort}</text>'
                '<text x="{nx}" y="{ty}" fill="{ink}">{worked} worked of {done} done, '
                "{planned} planned</text>",
                lx=label_width - 8,
                ty=y + BAR - 6,
                ink=INK,
                cohort=cohort_name,
                nx=label_width + round(kind.planned * scale, 1) + 6,
                worked=kind.worked,
                done=kind.done,
                planned=kind.planned,
            )
        )
        y += BAR + GAP
    legend = [("Planned", "#9AB8D6"), ("Done", STATUS_COLOURS["in_progress"])]
    legend.append(("Done and it worked", STATUS_COLOURS["done"]))
    parts.append(
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
            '<text x="{}" y="{}" fill="{}">{}</text>',
            (
                (
                    8 + n * 130,
                    y + 4,
                    colour,
                    8 + n * 130 + 16,
                    y + 15,
                    MUTED,
                    text,
                )
                for n, (text, colour) in enumerate(legend)
            ),
        )
    )
    desc = "; ".join(
        f"{label}, {cohort}: {kind.planned} planned, {kind.done} done, {kind.worked} worked"
        for label, cohort, kind in rows
    )
    return _svg(
        "chart-cohorts",
        "Learning activities by kind, cohort by cohort",
        desc,
        y + 28,
        SafeString("".join(parts)),
    )
