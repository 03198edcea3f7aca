from django.urls import path

from . import views

app_name = "programs"
urlpatterns = [
    path("programs/<slug:slug>/", views.program_detail, name="program-detail"),
    path("programs/<slug:slug>/edit/", views.program_edit, name="program-edit"),
    path("programs/<slug:slug>/cohorts/new/", views.cohort_create, name="cohort-create"),
    path("cohorts/<id:pk>/edit/", views.cohort_edit, name="cohort-edit"),
    path("cohorts/<id:pk>/invite/", views.participant_invite, name="participant-invite"),
    path("cohorts/<id:pk>/import/", views.participants_import, name="participants-import"),
    path(
        "cohorts/<id:pk>/import/template.csv",
        views.participants_import_template,
        name="participants-import-template",
    ),
    path(
        "memberships/<id:pk>/capacity/", views.membership_capacity_edit, name="membership-capacity"
    ),
    path(
        "memberships/<id:pk>/resend-invitation/", views.invitation_resend, name="invitation-resend"
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
