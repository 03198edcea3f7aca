"""A cohort's starter plan: the goals, objectives and activities new plans begin with.

Items are copied into each plan when its mentee first opens it. An item added
later can also be offered to the plans already started: a suggestion on the
plan page, which the mentee accepts or dismisses.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentorplan.partnerships.models import Partnership
from mentorplan.plans import services
from mentorplan.plans.forms import StarterItemForm
from mentorplan.plans.models import ActionPlan, StarterItem, Suggestion
from mentorplan.plans.permissions import MENTEE, get_editable_plan
from mentorplan.plans.selectors import starter_plan
from mentorplan.programs.permissions import get_cohort_for_coordinator

from .rendering import render_sections

# The plan page section that shows an accepted item.
SECTION_OF = {
    StarterItem.Kind.GOAL: "goals",
    StarterItem.Kind.OBJECTIVE: "objectives",
    StarterItem.Kind.ACTIVITY: "activities",
}


@login_required
def cohort_starter(request, pk):
    cohort = get_cohort_for_coordinator(request.user, pk)
    form = StarterItemForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        offered = services.starter_item_add(
            cohort=cohort,
            item=form.save(commit=False),
            offer_to_existing=form.cleaned_data["offer_to_existing"],
        )
        message = f"“{form.instance}” is added to the starter plan."
        if form.cleaned_data["offer_to_existing"]:
            plans = "plan" if offered == 1 else "plans"
            message += f" It is offered to the {offered} {plans} already started."
        messages.success(request, message)
        return redirect("plans:cohort-starter", cohort.pk)
    started = ActionPlan.objects.filter(
        partnership__cohort=cohort, partnership__status=Partnership.Status.ACTIVE
    )
    context = {
        "cohort": cohort,
        "sections": starter_plan(cohort),
        "started_count": started.count(),
        "form": form,
    }
    return render(
        request, "plans/cohort_starter.html", context, status=422 if form.is_bound else 200
    )


def _initial(request):
    """Preselect what the "Add" link of a group chose."""
    kind = request.GET.get("kind")
    if kind not in StarterItem.Kind.values:
        return None
    initial = {"kind": kind}
    if kind == StarterItem.Kind.OBJECTIVE:
        initial["objective_category"] = request.GET.get("category", "")
    if kind == StarterItem.Kind.ACTIVITY:
        initial["activity_kind"] = request.GET.get("category", "")
    return initial


@login_required
@require_POST
def starter_item_delete(request, pk, item):
    cohort = get_cohort_for_coordinator(request.user, pk)
    starter_item = get_object_or_404(StarterItem, cohort=cohort, pk=item)
    services.starter_item_remove(item=starter_item)
    messages.success(request, f"“{starter_item}” is removed from the starter plan.")
    return redirect("plans:cohort-starter", cohort.pk)


@login_required
@require_POST
def suggestion_decide(request, pk, item, decision):
    """The mentee accepts (adds to the plan) or dismisses an item the coordinator offered."""
    if decision not in ("accept", "dismiss"):
        raise Http404("A suggestion is accepted or dismissed.")
    access = get_editable_plan(request.user, pk, MENTEE)
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("item"), plan=access.plan, pk=item
    )
    accept = decision == "accept"
    sections = ["suggestions"]
    try:
        services.suggestion_decide(suggestion=suggestion, by=request.user, accept=accept)
    except ValidationError as exc:
        level, notice = messages.ERROR, exc.messages[0]
    else:
        level = messages.SUCCESS
        notice = f"“{suggestion.item}” is {'added to your plan' if accept else 'dismissed'}."
        if accept:
            sections.append(SECTION_OF[suggestion.item.kind])
    if request.htmx:
        # The section lists the remaining suggestions and says what happened; the
        # section of an accepted item comes along (hx-select-oob on the section).
        return render_sections(
            request,
            access,
            *sections,
            suggestion_notice=notice,
            suggestion_level=messages.DEFAULT_TAGS[level],
        )
    messages.add_message(request, level, notice)
    return redirect(access.plan.get_absolute_url() + f"#{sections[-1]}")
