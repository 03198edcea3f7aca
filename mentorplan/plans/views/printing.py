"""The whole plan and agreement on one page, made for paper."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from mentorplan.plans.models import LearningActivity
from mentorplan.plans.permissions import get_plan_access
from mentorplan.plans.selectors import plan_data

from .rendering import render_progress


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
