from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "govscore.web.reports"
    label = "reports"
    verbose_name = "Báo cáo tháng"

    def ready(self) -> None:
        from govscore.web.periods.freeze import guard_models
        from govscore.web.reports.models import MonthlyReport

        guard_models(MonthlyReport)
