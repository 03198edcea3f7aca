"""The app's URLs plus the floor; used only by ``mentorplan.settings_benchmark``."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/floor/", views.floor, name="bench-floor"),
    path("", include("mentorplan.urls")),
]
