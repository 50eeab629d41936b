from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "govscore.web.ui"
    label = "ui"
    verbose_name = "Giao diện"
