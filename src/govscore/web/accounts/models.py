"""A user's binding to one unit (unit reporters); roles are Django auth groups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govscore.web.orgs.models import Unit


class Role(models.TextChoices):
    """Auth group names. Administrator also means Django's `is_superuser`."""

    ADMINISTRATOR = "administrator", _("Quản trị")
    EVALUATOR = "evaluator", _("Cán bộ thẩm định")
    REPORTER = "reporter", _("Cán bộ báo cáo của đơn vị")
    LEADER = "leader", _("Lãnh đạo")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("người dùng")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="reporters", verbose_name=_("đơn vị")
    )

    class Meta:
        verbose_name = _("hồ sơ người dùng")
        verbose_name_plural = _("hồ sơ người dùng")

    def __str__(self) -> str:
        return f"{self.user} — {self.unit or '-'}"
