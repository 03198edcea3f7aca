from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:pk>/", views.notification_open, name="open"),
    path("notifications/read/", views.notification_read_all, name="read-all"),
    path("profile/email/", views.email_preferences, name="preferences"),
    path("cohorts/<int:pk>/email-defaults/", views.cohort_defaults, name="cohort-defaults"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
