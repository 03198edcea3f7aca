"""Rendering the plan page, whole or one section at a time for htmx."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from mentorplan.plans.forms import CommentForm, SignForm, UnderstandingForm
from mentorplan.plans.models import LearningActivity
from mentorplan.plans.selectors import help_requests_raised, load_plan, plan_data

PAGE = "plans/plan_detail.html"

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


def render_plan(request, access, **extra):
    return render(request, PAGE, plan_context(request, access, **extra))


def render_sections(request, access, *sections, fresh=True, **extra):
    """The given sections of the plan page, plus the checklist swapped out of band.

    They are drawn after a write unless ``fresh`` is False, so the plan is read again.
    """
    dependents = [d for name in sections for d in DEPENDENT_SECTIONS.get(name, [])]
    names = [*sections, *dependents, "checklist"]
    context = plan_context(
        request, access, fresh=fresh, sections=names, oob=True, oob_sections=dependents, **extra
    )
    html = "".join(render_to_string(f"{PAGE}#{name}", context, request) for name in names)
    response = HttpResponse(html)
    # The submitted form may sit inside the section (or be the section's own
    # form): swap the whole section.
    response["HX-Retarget"] = f"#{sections[0]}"
    response["HX-Reswap"] = "outerHTML"
    return response
