from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "govscore.web.reports"
    label = "reports"
    verbose_name = "Báo cáo tháng"
