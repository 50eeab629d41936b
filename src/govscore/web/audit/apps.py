from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "govscore.web.audit"
    label = "audit"
    verbose_name = _("Nhật ký thay đổi")

    def ready(self) -> None:
        from govscore.web.audit.signals import connect

        connect()
