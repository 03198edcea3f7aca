from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "mentorplan.reports"
    label = "reports"
    verbose_name = "Reports"
