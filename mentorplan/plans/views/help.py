"""Asking the coordinators for help, in confidence, and how they deal with it.

A request is read by the person who raised it and the cohort's coordinators
only: the other partner gets 404 at its address and never sees it on the plan.
The coordinators work through their inbox: they answer a request, or mark it
handled when they dealt with it another way, and may reopen it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentorplan.plans import selectors, services
from mentorplan.plans.forms import HelpAnswerForm, HelpInboxFilterForm, HelpRequestForm
from mentorplan.plans.models import Barrier, HelpRequest
from mentorplan.plans.permissions import (
    can_answer_help_request,
    get_cohorts_for_help_inbox,
    get_help_request_for_viewer,
    get_plan_access,
    require,
)

ONLY_COORDINATORS = "Only the cohort's coordinators deal with a request for help."


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
def help_inbox(request):
    cohorts = get_cohorts_for_help_inbox(request.user)
    form = HelpInboxFilterForm(request.GET, cohorts=cohorts)
    form.is_valid()  # the filters it understood; the page shows the others' errors
    inbox = selectors.help_inbox(
        cohorts=cohorts,
        state=form.cleaned_data.get("state") or HelpRequest.State.WAITING,
        cohort=form.cleaned_data.get("cohort"),
        page=request.GET.get("page"),
    )
    return render(request, "plans/help_inbox.html", {"form": form, "inbox": inbox})


@login_required
def help_request_detail(request, id):
    help_request = get_help_request_for_viewer(request.user, id)
    partnership = help_request.plan.partnership
    can_answer = can_answer_help_request(request.user, help_request)
    form = None
    if can_answer:
        form = HelpAnswerForm(request.POST or None, initial={"answer": help_request.answer})
    if request.method == "POST":
        require(can_answer, ONLY_COORDINATORS)
        if form.is_valid():
            services.help_request_answer(
                help_request=help_request, user=request.user, answer=form.cleaned_data["answer"]
            )
            messages.success(
                request, f"Your answer is sent to {help_request.raised_by.display_name}."
            )
            return redirect("plans:help-inbox")
    context = {"help_request": help_request, "partnership": partnership, "form": form}
    return render(
        request,
        "plans/help_request_detail.html",
        context,
        status=422 if form is not None and form.is_bound else 200,
    )


@login_required
@require_POST
def help_request_handle(request, id):
    help_request = get_help_request_for_viewer(request.user, id)
    require(can_answer_help_request(request.user, help_request), ONLY_COORDINATORS)
    if services.help_request_handle(help_request=help_request, user=request.user):
        messages.success(
            request,
            f"Marked handled. {help_request.raised_by.display_name} is not notified: "
            "their request says a coordinator has dealt with it.",
        )
        return redirect("plans:help-inbox")
    # Answered or handled since the page was drawn: say so, and show it.
    messages.warning(request, f"Nothing changed: {_dealt_with(help_request, request.user)}")
    return redirect(help_request)


@login_required
@require_POST
def help_request_reopen(request, id):
    help_request = get_help_request_for_viewer(request.user, id)
    require(can_answer_help_request(request.user, help_request), ONLY_COORDINATORS)
    if services.help_request_reopen(help_request=help_request, user=request.user):
        messages.success(request, "Reopened: the request is waiting again.")
    else:
        messages.warning(request, f"Nothing changed: {_dealt_with(help_request, request.user)}")
    return redirect(help_request)


def _dealt_with(help_request, user) -> str:
    """What happened meanwhile (read back by the service), for the person acting."""

    def name(person):
        if person is None:
            return "A coordinator"
        return "You" if person.pk == user.pk else person.display_name

    if help_request.is_answered:
        return f"{name(help_request.answered_by)} answered this request meanwhile."
    if help_request.is_handled:
        return f"{name(help_request.handled_by)} marked this request handled meanwhile."
    return "this request is waiting: someone reopened it meanwhile."
