"""Rendering the plan page, whole or one section at a time for htmx."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from mentorplan.plans.forms import CommentForm, SignForm, UnderstandingForm
from mentorplan.plans.models import LearningActivity
from mentorplan.plans.selectors import plan_data

PAGE = "plans/plan_detail.html"


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
        **{k: v for k, v in extra.items() if v is not None},
    }


def render_plan(request, access, **extra):
    return render(request, PAGE, plan_context(request, access, **extra))


def render_sections(request, access, *sections, **extra):
    """The given sections of the plan page, plus the checklist swapped out of band."""
    context = plan_context(request, access, oob=True, **extra)
    html = "".join(render_to_string(f"{PAGE}#{name}", context, request) for name in sections)
    html += render_to_string(f"{PAGE}#checklist", context, request)
    response = HttpResponse(html)
    # The submitted form may sit inside the section (or be the section's own
    # form): swap the whole section.
    response["HX-Retarget"] = f"#{sections[0]}"
    response["HX-Reswap"] = "outerHTML"
    return response
