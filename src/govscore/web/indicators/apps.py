from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "govscore.web.indicators"
    label = "indicators"
    verbose_name = "Số liệu chỉ tiêu"
