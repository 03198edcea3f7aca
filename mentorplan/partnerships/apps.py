from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "mentorplan.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
