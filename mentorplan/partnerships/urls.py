from django.urls import path

from mentorplan.programs.models import Membership

from . import views

app_name = "partnerships"
urlpatterns = [
    path("cohorts/<id:pk>/", views.cohort_detail, name="cohort-detail"),
    path("cohorts/<id:pk>/partnerships/new/", views.partnership_create, name="partnership-create"),
    # The pair form's search-as-you-type, one address per role.
    path(
        "cohorts/<id:pk>/pairing/mentors/",
        views.pairing_search,
        {"role": Membership.Role.MENTOR},
        name="mentor-search",
    ),
    path(
        "cohorts/<id:pk>/pairing/mentees/",
        views.pairing_search,
        {"role": Membership.Role.MENTEE},
        name="mentee-search",
    ),
    path("partnerships/<id:pk>/", views.partnership_detail, name="partnership-detail"),
    path("partnerships/<id:pk>/end/", views.partnership_end, name="partnership-end"),
]
