from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "govscore.web.imports.history"
    label = "history"
    verbose_name = _("Kết quả các năm trước")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from govscore.web.actions import PeriodLocked
        from govscore.web.imports.history.models import HistoricalResult, printed_message

        def refuse(sender: type, instance: object, **kwargs: object) -> None:
            # Bulk deletes skip Model.delete(); the signal still fires for every row.
            raise PeriodLocked(printed_message())

        pre_delete.connect(refuse, sender=HistoricalResult, dispatch_uid="history-printed-rows", weak=False)
