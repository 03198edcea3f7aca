from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mentorplan.meetings"
    verbose_name = "Meetings and the mentoring journey"

    def ready(self):
        # The journey listens to the plan's domain signals and fills the
        # partnership page's section registry (see journey.py).
        from . import journey  # noqa: F401
