from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mentorplan.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        # The lower apps' domain signals: what the other side did, as it happens.
        from . import receivers  # noqa: F401
