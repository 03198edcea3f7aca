from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "mentorplan.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self):
        # The reflection's section of the partnership page.
        from . import sections  # noqa: F401
