"""The whole plan and agreement on one page, made for paper."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from mentorplan.plans.models import LearningActivity
from mentorplan.plans.permissions import get_plan_access
from mentorplan.plans.selectors import plan_data


def render_progress(request, access):
    """The plan's progress, for a member who may not read the plan or before there is one.

    The plan page answers them so (``plan.plan_detail``); its print, timeline and
    "what changed" pages answer the same, with the same status, so that a link to
    them never ends on an error page for someone who sees the partnership.
    Outsiders were already refused (404) by ``get_plan_access``.
    """
    data = plan_data(access.plan, with_comments=False) if access.plan else None
    return render(
        request,
        "plans/plan_progress.html",
        {"access": access, "data": data, "partnership": access.partnership},
    )


@login_required
def plan_print(request, pk):
    access = get_plan_access(request.user, pk)
    if not access.shows_plan:
        return render_progress(request, access)
    # Comments are a conversation, not part of what was agreed: left off paper.
    data = plan_data(access.plan, with_comments=False)
    context = {
        "access": access,
        "partnership": access.partnership,
        "plan": data.plan,
        "data": data,
        "kinds": LearningActivity.Kind,
        "printed_at": timezone.now(),
    }
    return render(request, "plans/plan_print.html", context)
