"""Pages that bring the apps together: the home page that fits each person's roles."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from mentorplan.partnerships.selectors import home_for
from mentorplan.plans.selectors import help_requests_for_coordinator


@login_required
def home(request):
    context = home_for(request.user)
    if context["coordinated_cohorts"]:
        # Added here, not in home_for: partnerships sits below plans and may not import it.
        context["help_requests"] = help_requests_for_coordinator(request.user)
    return render(request, "home.html", context)
