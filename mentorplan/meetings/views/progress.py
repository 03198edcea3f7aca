"""One-click progress from the meeting page and the home page: an activity's status,
a success measure's progress. The plan's own domain functions do the write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mentorplan.plans.editing import EditConflict
from mentorplan.plans.models import LearningActivity, SuccessMeasure
from mentorplan.plans.permissions import can_edit_mentee_side, can_take_part, get_readable_plan
from mentorplan.plans.services import activity_status_set, measure_progress_set

from ..forms import ActivityProgressForm, MeasureProgressForm


def _back(request, plan):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = plan.get_absolute_url()
    return redirect(target)


def _write(request, plan, write, done):
    try:
        write()
    except EditConflict:
        messages.error(request, "It changed while you were reading it; here it is as it is now.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _back(request, plan)


@login_required
@require_POST
def activity_progress(request, pk, item):
    access = get_readable_plan(request.user, pk)
    if not can_edit_mentee_side(access.role, access.plan):
        raise PermissionDenied("The mentee updates their learning activities.")
    activity = get_object_or_404(LearningActivity, pk=item, plan=access.plan)
    form = ActivityProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status, and whether it worked once it is done.")
        return _back(request, access.plan)
    data = form.cleaned_data

    def write():
        activity_status_set(
            activity=activity,
            status=data["status"],
            outcome=data["outcome"] or None,
            by=request.user,
            expected_version=data["version"],
        )

    return _write(
        request,
        access.plan,
        write,
        f"“{activity.title}” is now {activity.Status(data['status']).label.lower()}.",
    )


@login_required
@require_POST
def measure_progress(request, pk, item):
    access = get_readable_plan(request.user, pk)
    if not (
        can_edit_mentee_side(access.role, access.plan) or can_take_part(access.role, access.plan)
    ):
        raise PermissionDenied("The pair notes the progress of their success measures.")
    measure = get_object_or_404(SuccessMeasure, pk=item, goal__plan=access.plan, agreed=True)
    form = MeasureProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Progress is at most 200 characters.")
        return _back(request, access.plan)
    data = form.cleaned_data

    def write():
        measure_progress_set(
            measure=measure,
            by=request.user,
            expected_version=data["version"],
            progress=data["progress"] if data["progress"] else None,
            achieved_on=timezone.localdate() if data["reached"] else None,
        )

    done = "Reached: well done!" if data["reached"] else "The progress is noted."
    return _write(request, access.plan, write, done)
