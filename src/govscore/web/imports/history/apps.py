from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "govscore.web.imports.history"
    label = "history"
    verbose_name = _("Kết quả các năm trước")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from govscore.web.imports.history.models import HistoricalPeriod, HistoricalResult, printed_message
        from govscore.web.periods.freeze import PeriodLocked, guard_models

        # Written once, while the new period is still open; frozen with it from then on.
        guard_models(HistoricalPeriod, HistoricalResult)

        def refuse(sender: type, instance: object, **kwargs: object) -> None:
            # Bulk deletes skip Model.delete(); the signal still fires for every row.
            raise PeriodLocked(printed_message())

        pre_delete.connect(refuse, sender=HistoricalResult, dispatch_uid="history-printed-rows", weak=False)
