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
    # The unit's leader: reads its own unit like its reporter and submits the unit's self-assessment.
    UNIT_HEAD = "unit_head", _("Lãnh đạo đơn vị")


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


class TrustedBrowser(models.Model):
    """A browser where a user has logged in with the right password: it holds a random token in a cookie,
    and its log-in attempts for that user are counted apart from everyone else's (security.throttle).

    Only the token's SHA-256 is stored: the table alone lets no one pass as the browser.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="trusted_browsers",
        verbose_name=_("người dùng"),
    )
    token_hash = models.CharField(_("mã băm của thẻ trình duyệt"), max_length=64, unique=True)
    last_login_at = models.DateTimeField(_("lần đăng nhập cuối"))
    # Wrong passwords typed in this browser since last_failure_at - the lock-out time (then counted anew).
    failures = models.PositiveIntegerField(_("số lần sai"), default=0)
    last_failure_at = models.DateTimeField(_("lần sai cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("trình duyệt đã đăng nhập")
        verbose_name_plural = _("trình duyệt đã đăng nhập")

    def __str__(self) -> str:
        return f"{self.user} — {self.last_login_at:%Y-%m-%d}"
