from django import template
from django.utils.html import format_html, format_html_join

from mentorplan.plans.views.section_cache import new_marker

register = template.Library()


@register.simple_tag
def sparkline(assessments, width=96, height=24):
    """A small SVG line of self-assessment scores (1–10), with a text alternative."""
    scores = [a.score for a in assessments]
    if len(scores) < 2:
        return ""  # a trend needs two points; the page states the single score
    label = "Self-assessment: " + " → ".join(str(s) for s in scores) + " out of 10"
    step = (width - 4) / (len(scores) - 1)
    points = [(2 + i * step, height - 2 - (s - 1) * (height - 4) / 9) for i, s in enumerate(scores)]
    # Coordinates are formatted first: format_html escapes its arguments to strings.
    coords = [(f"{x:.1f}", f"{y:.1f}") for x, y in points]
    path = " ".join(f"{x},{y}" for x, y in coords)
    dots = format_html_join(
        "", '<circle cx="{}" cy="{}" r="2.5" class="spark-dot"></circle>', coords
    )
    return format_html(
        '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-label="{}">'
        '<title>{}</title><polyline points="{}" class="spark-line"></polyline>{}</svg>',
        width,
        height,
        width,
        height,
        label,
        label,
        path,
        dots,
    )


@register.filter
def hours(value):
    """1.0 → "1", 2.5 → "2.5"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@register.filter
def get_item(mapping, key):
    return mapping.get(key, [])


@register.filter
def activities_of_kind(data, kind):
    return data.activities_of_kind(kind)


@register.filter
def attr_display(instance, name):
    """A field's value as people read it: choice labels, dates, goal names."""
    display = getattr(instance, f"get_{name}_display", None)
    if callable(display):
        return display()
    if name == "roles":
        return ", ".join(instance.roles_display())
    value = getattr(instance, name, "")
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return value


@register.simple_tag
def new_mark(moment, kind):
    """Where a comment is marked "New" for a reader who has not seen it (``kind``: class, badge).

    Resolved per reader after the cached section is read: ``views.section_cache.personal``.
    """
    return new_marker(moment, kind)
