from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<id:pk>/", views.notification_open, name="open"),
    path("notifications/read/", views.notification_read_all, name="read-all"),
    path("profile/email/", views.email_preferences, name="preferences"),
    path("cohorts/<id:pk>/email-defaults/", views.cohort_defaults, name="cohort-defaults"),
    path("profile/calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:secret>.ics", views.calendar_feed, name="calendar-feed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
