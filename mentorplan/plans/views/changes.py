"""What changed in a plan since the reader's last visit, or since a date they choose."""

from datetime import datetime, time

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from mentorplan.plans.changes import default_since, plan_changes
from mentorplan.plans.forms import ChangesSinceForm
from mentorplan.plans.permissions import get_readable_plan


@login_required
def plan_changes_view(request, pk):
    access = get_readable_plan(request.user, pk)
    plan = access.plan
    since, since_what = default_since(plan)
    if request.GET.get("since"):
        form = ChangesSinceForm(request.GET)
        if form.is_valid():
            # From the start of that day where the reader lives.
            since = timezone.make_aware(datetime.combine(form.cleaned_data["since"], time.min))
            since_what = "date"
    else:
        form = ChangesSinceForm(initial={"since": timezone.localdate(since)})
    context = {
        "access": access,
        "partnership": access.partnership,
        "plan": plan,
        "form": form,
        "since": since,
        "since_what": since_what,
        "changes": plan_changes(plan, since),
    }
    return render(request, "plans/plan_changes.html", context)
