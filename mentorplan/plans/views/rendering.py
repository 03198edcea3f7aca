"""Rendering the plan page, whole or one section at a time for htmx."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from mentorplan.plans.forms import CommentForm, SignForm, UnderstandingForm
from mentorplan.plans.models import LearningActivity
from mentorplan.plans.selectors import help_requests_raised, load_plan, plan_data

from . import section_cache
from .section_cache import PAGE

# Sections drawn from other parts: the agreement's terms come from the goals,
# the expectations and the mentor's side; the fit warning from the activities
# and the weekly hours. Saving one of those also refreshes these, out of band.
DEPENDENT_SECTIONS = {
    "goals": ["agreement"],
    "expectations": ["agreement", "activities"],
    "mentor-side": ["agreement"],
}


def plan_context(request, access, *, fresh=False, sections=None, **extra):
    """The context of the plan page, or of some of its ``sections``.

    ``fresh`` reads the plan again, after a write. Comments are loaded only
    where they are shown: on the whole page and in their own section.
    """
    if fresh:
        access.plan = load_plan(access.plan.pk, request.user)
        access.partnership = access.plan.partnership
    with_comments = access.can_read and (sections is None or "comments" in sections)
    data = plan_data(access.plan, with_comments=with_comments)
    visit = extra.pop("visit", None)
    return {
        "access": access,
        "partnership": access.partnership,
        "plan": data.plan,
        "data": data,
        "kinds": LearningActivity.Kind,
        "activity_examples": LearningActivity.EXAMPLES,
        # What was new when the page opened stays marked in sections swapped later.
        "last_seen": visit.previous_seen_at if visit else data.plan.reader_previous_seen_at,
        "comment_form": CommentForm(goals=data.goals, activities=data.activities),
        "sign_form": SignForm(user=request.user),
        "understanding_form": UnderstandingForm(),
        # Lazy: one query, only where the barriers section shows the list,
        # and none for the many readers who never asked for help.
        "my_help_requests": help_requests_raised(data.plan, request.user)
        if data.plan.has_help_requests_of_reader
        else [],
        **{k: v for k, v in extra.items() if v is not None},
    }


def render_progress(request, access):
    """The plan's progress, for a member who may not read the plan or before there is one.

    The plan page answers them so (``plan.plan_detail``); its print, timeline and
    "what changed" pages answer the same, with the same status, so that a link to
    them never ends on an error page for someone who sees the partnership.
    Outsiders were already refused (404) by ``get_plan_access``.
    """
    data = plan_data(access.plan, with_comments=False) if access.plan else None
    return render(
        request,
        "plans/plan_progress.html",
        {"access": access, "data": data, "partnership": access.partnership},
    )


def render_plan(request, access, *, visit=None):
    """The whole page: its sections from the cache (``section_cache``), made this reader's."""
    last_seen = visit.previous_seen_at if visit else access.plan.reader_previous_seen_at
    stored = section_cache.cached_sections(
        request, access, lambda: plan_context(request, access, visit=visit)
    )
    sections = {
        name.replace("-", "_"): mark_safe(section_cache.personal(request, html, last_seen))
        for name, html in stored.items()
    }
    context = {
        "access": access,
        "partnership": access.partnership,
        "plan": access.plan,
        "last_seen": last_seen,
        "sections": sections,
    }
    return render(request, PAGE, context)


def render_sections(request, access, *sections, **extra):
    """The given sections of the plan page after a write, read afresh, with those
    drawn from them (``DEPENDENT_SECTIONS``) and the checklist swapped out of band.
    """
    names = _with_dependents(sections)
    context = plan_context(request, access, fresh=True, sections=names, **extra)
    drawn = section_cache.draw(request, context, names)
    return _sections_response(request, drawn, names, context["last_seen"])


def render_saved_section(request, access, section):
    """A section as it is saved ("Cancel" on an inline form), from the cache."""
    stored = section_cache.cached_sections(request, access, lambda: plan_context(request, access))
    last_seen = access.plan.reader_previous_seen_at
    return _sections_response(request, stored, _with_dependents([section]), last_seen)


def _with_dependents(sections) -> list:
    dependents = [d for name in sections for d in DEPENDENT_SECTIONS.get(name, [])]
    return [*sections, *dependents, "checklist"]


def _sections_response(request, drawn, names, last_seen):
    first = names[0]
    html = "".join(
        section_cache.personal(request, drawn[name], last_seen)
        if name == first
        else section_cache.out_of_band(section_cache.personal(request, drawn[name], last_seen))
        for name in names
    )
    response = HttpResponse(html)
    # The submitted form may sit inside the section (or be the section's own
    # form): swap the whole section.
    response["HX-Retarget"] = f"#{first}"
    response["HX-Reswap"] = "outerHTML"
    return response
