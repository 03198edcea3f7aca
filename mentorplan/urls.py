from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import converters, views  # noqa: F401 (converters registers <id:...>)

# The admin signs in through allauth's login, so it shares its rate limits.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Mentorplan administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("", include("mentorplan.accounts.urls")),
    path("", include("mentorplan.programs.urls")),
    path("", include("mentorplan.partnerships.urls")),
    path("", include("mentorplan.plans.urls")),
    path("", include("mentorplan.meetings.urls")),
    path("", include("mentorplan.notifications.urls")),
    path("", include("mentorplan.reports.urls")),
    path("admin/", admin.site.urls),
]
