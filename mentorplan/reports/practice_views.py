"""What worked, shared forward: participants share an activity; the program reads them all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentorplan.plans.models import ActionPlan, LearningActivity
from mentorplan.plans.permissions import can_read_plan_text, plan_role
from mentorplan.programs.permissions import is_program_coordinator

from .forms import PracticeShareForm, PracticeSuggestForm
from .models import SharedPractice
from .permissions import (
    cohorts_for_suggestions,
    get_partnership_for_sharing,
    get_practice_for_suggestion,
    get_program_for_practices,
)
from .services import practice_share, practice_suggest

PER_PAGE = 30


@login_required
@require_GET
def practice_list(request, slug):
    program = get_program_for_practices(request.user, slug)
    kind = request.GET.get("kind", "")
    kind = kind if kind in LearningActivity.Kind.values else ""
    practices = SharedPractice.objects.filter(program=program).prefetch_related("suggested_to")
    if kind:
        practices = practices.filter(kind=kind)
    page = Paginator(practices.order_by("kind", "-shared_at", "-pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    coordinates = is_program_coordinator(request.user, program)
    cohorts = list(cohorts_for_suggestions(request.user, program)) if coordinates else []
    context = {
        "program": program,
        "page": page,
        "kind": kind,
        "kinds": LearningActivity.Kind.choices,
        "cohorts": cohorts,
        "keep_query": f"kind={kind}&" if kind else "",
    }
    return render(request, "reports/practice_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def practice_share_view(request, pk):
    partnership = get_partnership_for_sharing(request.user, pk)
    # The plan's activities, to a partner who may read the plan: not a draft to the mentor.
    plan = ActionPlan.objects.filter(partnership=partnership).first()
    done = LearningActivity.objects.none()
    if can_read_plan_text(plan_role(request.user, partnership), plan):
        done = LearningActivity.objects.filter(
            plan=plan, status=LearningActivity.Status.DONE
        ).order_by("-updated_at", "pk")
    form = PracticeShareForm(request.POST or None, activities=done)
    if request.method == "POST" and form.is_valid():
        try:
            practice_share(partnership=partnership, author=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                for error in errors:
                    form.add_error(field, error)
        else:
            messages.success(request, "Thank you: the next cohorts can read what worked for you.")
            return redirect("reports:practices", slug=partnership.cohort.program.slug)
    context = {"partnership": partnership, "form": form, "has_done": done.exists()}
    status = 400 if form.errors else 200
    return render(request, "reports/practice_share.html", context, status=status)


@login_required
@require_POST
def practice_suggest_view(request, pk):
    practice = get_practice_for_suggestion(request.user, pk)
    cohorts = cohorts_for_suggestions(request.user, practice.program)
    form = PracticeSuggestForm(request.POST, cohorts=cohorts)
    if form.is_valid():
        cohort = form.cleaned_data["cohort"]
        try:
            offered = practice_suggest(practice=practice, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            also = (
                f", and offered to {offered} plan{'s' if offered != 1 else ''}" if offered else ""
            )
            messages.success(
                request, f"“{practice.title}” is in the starter plan of {cohort.name}{also}."
            )
    else:
        messages.error(request, form.errors["cohort"][0])
    return redirect("reports:practices", slug=practice.program.slug)
