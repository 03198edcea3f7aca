from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from mentorplan.plans import services
from mentorplan.plans.forms import UnderstandingForm
from mentorplan.plans.permissions import get_editable_plan, get_plan_access, require

from . import section_cache
from .rendering import render_plan, render_progress, render_saved_section, render_sections

# The sections an htmx "Cancel" may ask for again: every one but those drawn from
# the whole plan (celebrations) or swapped only beside another (the checklist).
SECTIONS = set(section_cache.SECTIONS) - {"celebrations", "checklist"}


@login_required
def plan_detail(request, pk):
    access = get_plan_access(request.user, pk)
    if not access.shows_plan:
        # The mentor before sharing, and coordinators without reading rights,
        # see the plan's progress only.
        return render_progress(request, access)
    section = request.GET.get("section")
    if request.htmx and section in SECTIONS:
        # "Cancel" on an inline form: the section as it is saved.
        return render_saved_section(request, access, section)
    visit = (
        services.visit_record(plan=access.plan, user=request.user)
        if not access.is_coordinator
        else None
    )
    return render_plan(request, access, visit=visit)


@login_required
@require_POST
def plan_share(request, pk):
    access = get_editable_plan(request.user, pk, "mentee")
    try:
        services.plan_share(plan=access.plan, by=request.user)
    except ValidationError as exc:
        messages.info(request, exc.messages[0])
    else:
        messages.success(
            request, f"Your plan is shared with {access.partnership.mentor.display_name}."
        )
    return redirect(access.plan)


@login_required
@require_POST
def understanding_respond(request, pk):
    access = get_editable_plan(request.user, pk, "mentee")
    require(access.plan.is_shared, "Share your plan first.")
    form = UnderstandingForm(request.POST)
    if form.is_valid():
        services.understanding_respond(
            plan=access.plan,
            by=request.user,
            confirm=form.cleaned_data["confirm"],
            feedback=form.cleaned_data["feedback"],
        )
    if request.htmx:
        return render_sections(request, access, "mentor-side", understanding_form=form)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
    return redirect(access.plan.get_absolute_url() + "#mentor-side")
