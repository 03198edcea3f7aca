"""Scheduling: one meeting, a series, moving and cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from mentorplan.plans.editing import EditConflict

from .. import services
from ..forms import CancelForm, MeetingForm, MeetingMoveForm, SeriesForm
from ..models import MeetingSeries
from ..permissions import get_meeting_for_editor, get_partnership_for_editor
from .errors import add_errors

FORM_PAGE = "meetings/meeting_form.html"


def _fields(data):
    return {k: data[k] for k in ("start", "time_zone", "duration_minutes", "format", "location")}


@login_required
def meeting_create(request, pk):
    access = get_partnership_for_editor(request.user, pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                partnership=access.partnership,
                by=request.user,
                day=form.cleaned_data["day"],
                **_fields(form.cleaned_data),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            done = "logged" if meeting.logged_afterwards else "scheduled"
            messages.success(request, f"The meeting is {done}.")
            return redirect(meeting)
    context = {"access": access, "partnership": access.partnership, "form": form, "what": "meeting"}
    return render(request, FORM_PAGE, context, status=400 if form.errors else 200)


@login_required
def series_create(request, pk):
    access = get_partnership_for_editor(request.user, pk)
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series = services.series_schedule(
                partnership=access.partnership,
                by=request.user,
                first_on=data["day"],
                every_weeks=data["every_weeks"],
                until=data["until"],
                **_fields(data),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            count = series.meetings.count()
            messages.success(request, f"{count} meetings are scheduled: {series.describe()}.")
            return redirect(access.partnership.get_absolute_url() + "#journey")
    context = {"access": access, "partnership": access.partnership, "form": form, "what": "series"}
    return render(request, FORM_PAGE, context, status=400 if form.errors else 200)


@login_required
def meeting_edit(request, pk):
    meeting, access = get_meeting_for_editor(request.user, pk)
    form = MeetingMoveForm(request.POST or None, meeting=meeting)
    conflict = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_move(
                meeting=meeting,
                by=request.user,
                expected_version=data["version"],
                day=data["day"],
                reason=data["reason"],
                **_fields(data),
            )
        except EditConflict as error:
            # Their choice stays in the form, beside the meeting as it is now;
            # the form now carries the current version, so saving again is deliberate.
            conflict = meeting = error.current
            posted = request.POST.copy()
            posted["version"] = error.current.version
            form = MeetingMoveForm(posted, meeting=meeting)
            form.is_valid()
            status = 409
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The meeting is moved; your partner sees the new time.")
            return redirect(meeting)
    if form.errors and status == 200:
        status = 400
    context = {
        "access": access,
        "partnership": access.partnership,
        "meeting": meeting,
        "form": form,
        "what": "move",
        "conflict": conflict,
    }
    return render(request, FORM_PAGE, context, status=status)


@login_required
def meeting_cancel(request, pk):
    meeting, access = get_meeting_for_editor(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The meeting is cancelled; your partner sees why.")
            return redirect(meeting)
    context = {
        "access": access,
        "partnership": access.partnership,
        "meeting": meeting,
        "form": form,
    }
    return render(
        request, "meetings/meeting_cancel.html", context, status=400 if form.errors else 200
    )


@login_required
def series_cancel(request, pk, series):
    access = get_partnership_for_editor(request.user, pk)
    series = get_object_or_404(MeetingSeries, pk=series, partnership=access.partnership)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        count = services.series_cancel(series=series, by=request.user, reason=reason)
        messages.success(request, f"The series is stopped: {count} coming meetings are cancelled.")
        return redirect(access.partnership.get_absolute_url() + "#journey")
    context = {"access": access, "partnership": access.partnership, "series": series, "form": form}
    status = 400 if form.errors else 200
    return render(request, "meetings/meeting_cancel.html", context, status=status)
