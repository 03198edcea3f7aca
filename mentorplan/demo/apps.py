from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mentorplan.demo"
    label = "demo"
    verbose_name = "Demo and scale data"
