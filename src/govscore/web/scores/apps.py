from django.apps import AppConfig


class ScoresConfig(AppConfig):
    name = "govscore.web.scores"
    label = "scores"
    verbose_name = "Điểm và kết quả"
