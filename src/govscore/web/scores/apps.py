from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ScoresConfig(AppConfig):
    name = "govscore.web.scores"
    label = "scores"
    verbose_name = _("Điểm và kết quả")

    def ready(self) -> None:
        post_migrate.connect(rebuild_missing_results, sender=self, dispatch_uid="scores-rebuild-results")


def rebuild_missing_results(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Results are a cache of the core's: a period without any (after a migration that changed what is
    stored) gets them back, so no page shows an empty ranking until the next change."""
    from govscore.web.periods.models import EvaluationPeriod
    from govscore.web.scores.rescoring import rescore_period

    periods = EvaluationPeriod.objects.using(using).filter(history__isnull=True, results__isnull=True).distinct()
    for period in periods.select_related("framework"):
        rescore_period(period)
