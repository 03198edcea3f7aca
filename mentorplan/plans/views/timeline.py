from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from mentorplan.plans.effort import overload_runs
from mentorplan.plans.permissions import get_plan_access
from mentorplan.plans.selectors import plan_data
from mentorplan.plans.timeline import effort_svg, effort_weeks, timeline_groups, timeline_svg

from .rendering import render_progress


@login_required
def plan_timeline(request, pk):
    """The plan over the cohort's dates, and whether its effort fits the mentee's time."""
    access = get_plan_access(request.user, pk)
    if not access.shows_plan:
        return render_progress(request, access)
    data = plan_data(access.plan, with_comments=False)
    cohort = data.plan.partnership.cohort
    # "Today" in the reader's time zone (the middleware activates it).
    today = timezone.localdate()
    groups = timeline_groups(data.goals, data.activities, data.milestones)
    dates = {"starts_on": cohort.starts_on, "ends_on": cohort.ends_on, "today": today}
    return render(
        request,
        "plans/plan_timeline.html",
        {
            "access": access,
            "partnership": data.plan.partnership,
            "plan": data.plan,
            "data": data,
            "groups": groups,
            "fit": data.fit,
            "runs": overload_runs(data.fit),
            "weeks": effort_weeks(data.fit, cohort.starts_on, cohort.ends_on),
            "timeline": timeline_svg(groups=groups, **dates) if groups else "",
            "effort": effort_svg(fit=data.fit, **dates),
        },
    )
