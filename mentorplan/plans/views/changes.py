"""What changed in a plan since the reader's last visit, or since a date they choose."""

from datetime import datetime, time

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from mentorplan.plans.changes import plan_changes, plan_changes_since_default
from mentorplan.plans.forms import ChangesSinceForm
from mentorplan.plans.permissions import get_plan_access

from .rendering import render_progress


@login_required
def plan_changes_view(request, pk):
    access = get_plan_access(request.user, pk)
    if not access.shows_plan:
        return render_progress(request, access)
    plan = access.plan
    form = ChangesSinceForm(request.GET) if request.GET.get("since") else None
    if form is not None and form.is_valid():
        # From the start of that day where the reader lives.
        since = timezone.make_aware(datetime.combine(form.cleaned_data["since"], time.min))
        since_what, changes = "date", plan_changes(plan, since)
    else:
        # The last meeting, visit or the plan's start, read with the changes.
        since, since_what, changes = plan_changes_since_default(plan)
    if form is None:
        form = ChangesSinceForm(initial={"since": timezone.localdate(since)})
    context = {
        "access": access,
        "partnership": access.partnership,
        "plan": plan,
        "form": form,
        "since": since,
        "since_what": since_what,
        "changes": changes,
    }
    return render(request, "plans/plan_changes.html", context)
