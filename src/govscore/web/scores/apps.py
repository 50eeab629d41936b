from django.apps import AppConfig


class ScoresConfig(AppConfig):
    name = "govscore.web.scores"
    label = "scores"
    verbose_name = "Điểm và kết quả"

    def ready(self) -> None:
        from govscore.web.periods.freeze import guard_models
        from govscore.web.scores.models import ManualScore

        guard_models(ManualScore)
