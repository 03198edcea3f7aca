from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from mentorplan.partnerships.models import Partnership
from mentorplan.plans.editing import EditConflict, save_versioned
from mentorplan.plans.models import LearningActivity

from .charts import activities_chart, cohorts_activities_chart, meetings_chart, steps_chart
from .dashboard import (
    FLAG_LABELS,
    SORTS,
    STATES,
    activities_by_kind,
    cohort_dashboard,
    meetings_per_week,
)
from .forms import HealthPolicyForm, NudgeForm
from .health import STEPS, cohort_health
from .models import HealthPolicy
from .permissions import (
    get_cohort_for_reports,
    get_partnership_for_nudge,
    get_program_for_policy,
    get_program_for_reports,
)
from .program import program_figures
from .reflection import cohort_reflection_state
from .services import default_nudge, nudge_send


@login_required
@require_GET
def cohort_dashboard_view(request, pk):
    """The cohort's partnerships with their health; with htmx, only the table (filters, pages)."""
    cohort = get_cohort_for_reports(request.user, pk)
    dashboard = cohort_dashboard(cohort, request.GET)
    context = {
        "cohort": cohort,
        "dashboard": dashboard,
        "sorts": SORTS,
        "states": STATES,
        "steps": STEPS,
        "flag_labels": FLAG_LABELS,
    }
    if request.htmx and request.htmx.target == "dashboard-table":
        return render(request, "reports/cohort_dashboard.html#dashboard-table", context)
    context["reflection"] = cohort_reflection_state(cohort)
    kinds = activities_by_kind(cohort)
    weeks = meetings_per_week(cohort, dashboard.pairs)
    context |= {
        "kinds": kinds,
        "weeks": weeks,
        "steps_svg": steps_chart(dashboard.step_counts),
        "activities_svg": activities_chart(kinds),
        "meetings_svg": meetings_chart(weeks),
    }
    return render(request, "reports/cohort_dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_nudge(request, pk):
    partnership = get_partnership_for_nudge(request.user, pk)
    (health,) = cohort_health(
        partnership.cohort, partnerships=Partnership.objects.filter(pk=partnership.pk)
    )
    initial = {"message": default_nudge(health.flags)}
    form = NudgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            nudge_send(
                partnership=partnership, by=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, f"Your message went to {partnership.mentee} and {partnership.mentor}."
            )
            return redirect("reports:cohort-dashboard", pk=partnership.cohort_id)
    context = {"partnership": partnership, "health": health, "form": form}
    status = 400 if form.errors else 200
    return render(request, "reports/partnership_nudge.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_nudge_flagged(request, pk):
    """One message to every active partnership at risk, each with its own reasons."""
    cohort = get_cohort_for_reports(request.user, pk)
    flagged = [p for p in cohort_health(cohort) if p.flags]
    form = NudgeForm(request.POST or None, initial={"message": default_nudge([])})
    if request.method == "POST" and form.is_valid():
        partnerships = Partnership.objects.with_people().filter(pk__in=[p.pk for p in flagged])
        reasons = {p.pk: p.flags for p in flagged}
        sent = 0
        for partnership in partnerships:
            message = _with_reasons(form.cleaned_data["message"], reasons[partnership.pk])
            nudge_send(partnership=partnership, by=request.user, message=message)
            sent += 1
        messages.success(request, f"Your message went to {sent} partnerships at risk.")
        return redirect("reports:cohort-dashboard", pk=cohort.pk)
    context = {"cohort": cohort, "flagged": flagged, "form": form}
    return render(request, "reports/cohort_nudge.html", context, status=400 if form.errors else 200)


def _with_reasons(message, flags):
    lines = [message.rstrip(), "", "What I see on the program's dashboard:"]
    return "\n".join(lines + [f"- {flag.reason}" for flag in flags])


@login_required
@require_http_methods(["GET", "POST"])
def health_policy_edit(request, slug):
    program = get_program_for_policy(request.user, slug)
    # A program that never saved its thresholds uses the defaults; the first save makes the row.
    policy = HealthPolicy.for_program(program)
    form = HealthPolicyForm(request.POST or None, instance=policy)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            save_versioned(form, program=program)
        except EditConflict as exc:
            conflict = exc.current
        except IntegrityError:
            # Two first saves at once: the other coordinator's came first.
            conflict = HealthPolicy.objects.get(program=program)
        else:
            messages.success(request, f"The health thresholds of {program.name} are saved.")
            return redirect(program)
        form.add_error(
            None,
            "Another coordinator changed these thresholds after you opened the page. "
            "Their values are shown; save again to keep yours.",
        )
        form.data = form.data.copy()
        form.data["version"] = conflict.version
    conflict_values = conflict and [
        (form.fields[name].label, getattr(conflict, name)) for name in form.Meta.fields
    ]
    context = {"program": program, "form": form, "conflict_values": conflict_values}
    return render(
        request, "reports/health_policy_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_GET
def program_report(request, slug):
    """The seed's yearly questions answered with figures, cohort beside cohort."""
    program = get_program_for_reports(request.user, slug)
    cohorts = program_figures(program)
    context = {
        "program": program,
        "cohorts": cohorts,
        "chart": cohorts_activities_chart(cohorts) if cohorts else "",
        "kinds": LearningActivity.Kind.choices,
    }
    return render(request, "reports/program_report.html", context)
