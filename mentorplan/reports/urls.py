from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("cohorts/<id:pk>/dashboard/", views.cohort_dashboard_view, name="cohort-dashboard"),
    path("cohorts/<id:pk>/dashboard/nudge/", views.cohort_nudge_flagged, name="cohort-nudge"),
    path("partnerships/<id:pk>/nudge/", views.partnership_nudge, name="partnership-nudge"),
    path("programs/<slug:slug>/health/", views.health_policy_edit, name="health-policy"),
]
