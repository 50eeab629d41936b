from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "govscore.web.indicators"
    label = "indicators"
    verbose_name = "Số liệu chỉ tiêu"

    def ready(self) -> None:
        from govscore.web.indicators.models import EvidenceFile, IndicatorValue
        from govscore.web.periods.freeze import guard_models

        guard_models(EvidenceFile, IndicatorValue)
