"""The reflection pages: a partner writes theirs; coordinators and a shared-with partner read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentorplan.plans.editing import EditConflict
from mentorplan.plans.models import ActionPlan, Goal, LearningActivity
from mentorplan.plans.permissions import can_read_plan_text, plan_role

from .forms import ReflectionForm
from .models import Reflection
from .permissions import (
    can_read_reflection,
    can_write_reflection,
    get_cohort_for_reports,
    get_partnership_for_reflection,
)
from .reflection import is_open, opens_on, reflection_save, role_in, window_open
from .summary import partnership_summary


@login_required
@require_http_methods(["GET", "POST"])
def reflection_page(request, pk):
    partnership = get_partnership_for_reflection(request.user, pk)
    open_now = is_open(partnership)
    reflections = list(
        Reflection.objects.filter(partnership=partnership)
        .select_related("author", "most_helpful", "least_helpful", "partnership")
        .prefetch_related("verdicts__goal")
    )
    mine = next((r for r in reflections if r.author_id == request.user.pk), None)
    plan = _plan_of(partnership)
    others = [r for r in reflections if r is not mine]
    readable = _readable(request.user, partnership, others, plan=plan)
    form = None
    if can_write_reflection(request.user, partnership, is_open=open_now):
        form = _form(request, partnership, mine, plan=plan)
        if request.method == "POST" and form.is_valid():
            try:
                reflection_save(
                    form=form,
                    partnership=partnership,
                    author=request.user,
                    verdicts=form.verdicts(),
                )
            except EditConflict:
                form.add_error(
                    None,
                    "You saved this reflection in another window after opening this page. "
                    "Reload the page to see what is saved, then change it again.",
                )
            else:
                messages.success(request, "Your reflection is saved. Thank you.")
                return redirect("reports:reflection", pk=partnership.pk)
    elif request.method == "POST":
        raise PermissionDenied(
            "Only the partners write reflections, and only once the reflection is open."
        )
    context = _context(partnership, form, readable, open_now)
    context["role"] = role_in(request.user, partnership)
    status = 400 if form is not None and form.errors else 200
    return render(request, "reports/reflection.html", context, status=status)


def _plan_of(partnership):
    return (
        ActionPlan.objects.filter(partnership=partnership)
        .select_related("partnership__cohort__program")
        .first()
    )


def _readable(user, partnership, reflections, *, plan=None):
    """The reflections the user may read; each says whether to name the activities.

    The activities a reflection names are the plan's words: named to whoever may read
    the plan, told by their kind to the others.
    """
    plan = plan or _plan_of(partnership)
    names_activities = can_read_plan_text(plan_role(user, partnership), plan)
    readable = [r for r in reflections if can_read_reflection(user, r)]
    for reflection in readable:
        reflection.names_activities = names_activities
    return readable


def _form(request, partnership, mine, *, plan):
    """The author's form: the plan's activities and goals to judge, if the author may read it.

    A mentor whose mentee never shared the plan judges the partnership, not a plan
    they have not read: no activities to pick, no goals listed.
    """
    readable = can_read_plan_text(plan_role(request.user, partnership), plan)
    activities = LearningActivity.objects.filter(plan=plan).order_by("starts_on", "pk")
    goals = Goal.objects.filter(plan=plan).exclude(status=Goal.Status.DROPPED)
    verdicts = {v.goal_id: v.met for v in mine.verdicts.all()} if mine else {}
    return ReflectionForm(
        request.POST or None,
        instance=mine or Reflection(),
        activities=activities if readable else LearningActivity.objects.none(),
        goals=goals if readable else [],
        verdicts=verdicts,
    )


def _context(partnership, form, readable, open_now):
    return {
        "partnership": partnership,
        "form": form,
        "readable": readable,
        "is_open": open_now,
        "opens_on": opens_on(partnership),
    }


@login_required
@require_POST
def cohort_reflection_open(request, pk):
    cohort = get_cohort_for_reports(request.user, pk)
    window_open(cohort=cohort, by=request.user)
    messages.success(
        request, f"The reflection of {cohort.name} is open: every pair can write theirs now."
    )
    return redirect("reports:cohort-dashboard", pk=cohort.pk)


@login_required
@require_GET
def partnership_summary_view(request, pk):
    """The closing summary: the partnership from start to end, printable."""
    partnership = get_partnership_for_reflection(request.user, pk)
    summary = partnership_summary(partnership)
    reflections = (
        Reflection.objects.filter(partnership=partnership)
        .select_related("author", "most_helpful", "least_helpful", "partnership")
        .prefetch_related("verdicts__goal")
    )
    readable = _readable(request.user, partnership, list(reflections))
    context = {
        "partnership": partnership,
        "summary": summary,
        "reflections": readable,
        "reads_plan": can_read_plan_text(plan_role(request.user, partnership), summary.plan),
    }
    return render(request, "reports/partnership_summary.html", context)
