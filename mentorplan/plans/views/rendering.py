"""Rendering the plan page, whole or one section at a time for htmx."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from mentorplan.plans.forms import CommentForm, SignForm, UnderstandingForm
from mentorplan.plans.models import LearningActivity
from mentorplan.plans.selectors import help_requests_raised, plan_data

PAGE = "plans/plan_detail.html"

# Sections drawn from other parts: the agreement's terms come from the goals,
# the expectations and the mentor's side; the fit warning from the activities
# and the weekly hours. Saving one of those also refreshes these, out of band.
DEPENDENT_SECTIONS = {
    "goals": ["agreement"],
    "expectations": ["agreement", "activities"],
    "mentor-side": ["agreement"],
}


def plan_context(request, access, **extra):
    data = plan_data(access.plan.pk, with_comments=access.can_read)
    visit = extra.pop("visit", None)
    return {
        "access": access,
        "partnership": access.partnership,
        "plan": data.plan,
        "data": data,
        "kinds": LearningActivity.Kind,
        "activity_examples": LearningActivity.EXAMPLES,
        "last_seen": visit.previous_seen_at if visit else None,
        "comment_form": CommentForm(goals=data.goals, activities=data.activities),
        "sign_form": SignForm(user=request.user),
        "understanding_form": UnderstandingForm(),
        # Lazy: one query, only where the barriers section shows the list.
        "my_help_requests": help_requests_raised(data.plan, request.user),
        **{k: v for k, v in extra.items() if v is not None},
    }


def render_plan(request, access, **extra):
    return render(request, PAGE, plan_context(request, access, **extra))


def render_sections(request, access, *sections, **extra):
    """The given sections of the plan page, plus the checklist swapped out of band."""
    dependents = [d for name in sections for d in DEPENDENT_SECTIONS.get(name, [])]
    context = plan_context(request, access, oob=True, oob_sections=dependents, **extra)
    names = [*sections, *dependents, "checklist"]
    html = "".join(render_to_string(f"{PAGE}#{name}", context, request) for name in names)
    response = HttpResponse(html)
    # The submitted form may sit inside the section (or be the section's own
    # form): swap the whole section.
    response["HX-Retarget"] = f"#{sections[0]}"
    response["HX-Reswap"] = "outerHTML"
    return response
