"""Pages that bring the apps together: the home page that fits each person's roles."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from mentorplan.partnerships.selectors import home_for


@login_required
def home(request):
    return render(request, "home.html", home_for(request.user))
