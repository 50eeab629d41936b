from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "govscore.web.frameworks"
    label = "frameworks"
    verbose_name = "Bộ tiêu chí"
