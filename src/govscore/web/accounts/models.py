"""A user's binding to one unit (unit reporters); roles are Django auth groups."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from govscore.web.orgs.models import Unit


class Role(models.TextChoices):
    """Auth group names. Administrator also means Django's `is_superuser`."""

    ADMINISTRATOR = "administrator", "Quản trị"
    EVALUATOR = "evaluator", "Cán bộ thẩm định"
    REPORTER = "reporter", "Cán bộ báo cáo của đơn vị"
    LEADER = "leader", "Lãnh đạo"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name="người dùng"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="reporters", verbose_name="đơn vị"
    )

    class Meta:
        verbose_name = "hồ sơ người dùng"
        verbose_name_plural = "hồ sơ người dùng"

    def __str__(self) -> str:
        return f"{self.user} — {self.unit or '-'}"
