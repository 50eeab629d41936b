from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "govscore.web.publications"
    label = "publications"
    verbose_name = _("Công bố kết quả")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from govscore.web.publications.models import ImmutableRecord, Publication, PublicationFile

        def refuse(sender: type, instance: object, **kwargs: object) -> None:
            # Bulk deletes skip Model.delete(); the signal still fires for every row.
            raise ImmutableRecord(str(instance))

        for model in (Publication, PublicationFile):
            pre_delete.connect(refuse, sender=model, dispatch_uid=f"immutable-{model.__name__}", weak=False)
