from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "mentorplan.programs"
    label = "programs"
    verbose_name = "Programs"
