from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "mentorplan.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        # The receivers that renew a cohort's counts when its people or pairs change.
        from . import counts  # noqa: F401
