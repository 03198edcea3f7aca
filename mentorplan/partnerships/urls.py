from django.urls import path

from . import views

app_name = "partnerships"
urlpatterns = [
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort-detail"),
    path("cohorts/<int:pk>/partnerships/new/", views.partnership_create, name="partnership-create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership-detail"),
    path("partnerships/<int:pk>/end/", views.partnership_end, name="partnership-end"),
]
