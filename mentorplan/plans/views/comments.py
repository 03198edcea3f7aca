from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from mentorplan.plans import services
from mentorplan.plans.forms import CommentForm
from mentorplan.plans.permissions import get_plan_access, require

from .rendering import render_sections


@login_required
@require_POST
def comment_add(request, pk):
    access = get_plan_access(request.user, pk)
    require(
        access.can_take_part, "Only the mentee and the mentor comment, once the plan is shared."
    )
    plan = access.plan
    form = CommentForm(request.POST, goals=plan.goals.all(), activities=plan.activities.all())
    if form.is_valid():
        services.comment_add(
            plan=plan, author=request.user, body=form.cleaned_data["body"], **form.target
        )
        form = None  # a fresh, empty form
    if request.htmx:
        return render_sections(request, access, "comments", comment_form=form)
    if form is not None:
        messages.error(request, "Write a comment first.")
    return redirect(plan.get_absolute_url() + "#comments")
