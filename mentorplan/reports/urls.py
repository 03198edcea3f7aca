from django.urls import path

from . import export_views, practice_views, reflection_views, views

app_name = "reports"

urlpatterns = [
    path("cohorts/<id:pk>/dashboard/", views.cohort_dashboard_view, name="cohort-dashboard"),
    path("cohorts/<id:pk>/dashboard/nudge/", views.cohort_nudge_flagged, name="cohort-nudge"),
    path(
        "cohorts/<id:pk>/export/<slug:table>.csv",
        export_views.cohort_export_csv,
        name="cohort-export-csv",
    ),
    path("cohorts/<id:pk>/export.xlsx", export_views.cohort_export_xlsx, name="cohort-export-xlsx"),
    path(
        "cohorts/<id:pk>/reflection/open/",
        reflection_views.cohort_reflection_open,
        name="cohort-reflection-open",
    ),
    path("partnerships/<id:pk>/nudge/", views.partnership_nudge, name="partnership-nudge"),
    path("partnerships/<id:pk>/reflection/", reflection_views.reflection_page, name="reflection"),
    path("programs/<slug:slug>/health/", views.health_policy_edit, name="health-policy"),
    path("programs/<slug:slug>/report/", views.program_report, name="program-report"),
    path("programs/<slug:slug>/what-worked/", practice_views.practice_list, name="practices"),
    path(
        "partnerships/<id:pk>/summary/",
        reflection_views.partnership_summary_view,
        name="partnership-summary",
    ),
    path(
        "partnerships/<id:pk>/what-worked/share/",
        practice_views.practice_share_view,
        name="practice-share",
    ),
    path(
        "what-worked/<id:pk>/suggest/",
        practice_views.practice_suggest_view,
        name="practice-suggest",
    ),
]
