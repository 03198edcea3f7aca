"""Asking the coordinators for help, in confidence, and their answer.

A request is read by the person who raised it and the cohort's coordinators
only: the other partner gets 404 at its address and never sees it on the plan.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from mentorplan.plans import services
from mentorplan.plans.forms import HelpAnswerForm, HelpRequestForm
from mentorplan.plans.models import Barrier
from mentorplan.plans.permissions import (
    get_help_request_for_viewer,
    get_plan_access,
    require,
)
from mentorplan.programs.permissions import can_coordinate_cohort


@login_required
def help_request_create(request, pk):
    access = get_plan_access(request.user, pk)
    require(
        access.can_ask_for_help,
        "The mentee, and the mentor once the plan is shared, ask for help while the "
        "partnership is active.",
    )
    barrier = _barrier(request, access.plan)
    form = HelpRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.help_request_raise(
            plan=access.plan,
            user=request.user,
            message=form.cleaned_data["message"],
            barrier=barrier,
        )
        messages.success(request, "Your request is sent to the coordinators. Only they read it.")
        return redirect(access.plan.get_absolute_url() + "#help-requests")
    context = {"access": access, "partnership": access.partnership, "barrier": barrier}
    return render(
        request,
        "plans/help_request_form.html",
        {**context, "form": form},
        status=422 if form.is_bound else 200,
    )


def _barrier(request, plan):
    """The barrier of this plan named by ``?barrier=``, if any; 404 for any other."""
    if "barrier" not in request.GET:
        return None
    pk = request.GET["barrier"]
    return get_object_or_404(Barrier, plan=plan, pk=pk if pk.isdigit() else None)


@login_required
def help_request_detail(request, id):
    help_request = get_help_request_for_viewer(request.user, id)
    partnership = help_request.plan.partnership
    can_answer = can_coordinate_cohort(request.user, partnership.cohort)
    form = None
    if can_answer:
        form = HelpAnswerForm(request.POST or None, initial={"answer": help_request.answer})
    if request.method == "POST":
        require(can_answer, "Only the cohort's coordinators answer a request for help.")
        if form.is_valid():
            services.help_request_answer(
                help_request=help_request, user=request.user, answer=form.cleaned_data["answer"]
            )
            messages.success(
                request, f"Your answer is sent to {help_request.raised_by.display_name}."
            )
            return redirect("home")
    return render(
        request,
        "plans/help_request_detail.html",
        {"help_request": help_request, "partnership": partnership, "form": form},
        status=422 if form is not None and form.is_bound else 200,
    )
