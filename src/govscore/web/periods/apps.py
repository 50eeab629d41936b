from django.apps import AppConfig


class PeriodsConfig(AppConfig):
    name = "govscore.web.periods"
    label = "periods"
    verbose_name = "Kỳ đánh giá"
