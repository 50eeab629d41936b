"""The audit trail: one row per change, log-in and download, written once and never changed.

The rows name users, units and periods by id and copy the names they need, without foreign keys:
deleting a user, a unit or a period must neither cascade into the trail nor rewrite it.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditImmutable(Exception):
    """An audit row was about to be changed or deleted."""


class AuditJSONEncoder(DjangoJSONEncoder):
    """Vietnamese letters as themselves, so the text search of old and new values finds them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditImmutable("update")

    def delete(self) -> NoReturn:
        raise AuditImmutable("delete")


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("Thêm mới")
        UPDATE = "update", _("Sửa đổi")
        DELETE = "delete", _("Xoá bỏ")
        IMPORT = "import", _("Nhập từ tệp")
        LOGIN = "login", _("Đăng nhập")
        LOGIN_FAILED = "login_failed", _("Đăng nhập không thành công")
        LOGOUT = "logout", _("Đăng xuất")
        DOWNLOAD = "download", _("Tải về")
        BACKUP = "backup", _("Sao lưu")
        RESTORE = "restore", _("Khôi phục từ bản sao lưu")

    class Origin(models.TextChoices):
        WEB = "web", _("Trang web")
        COMMAND = "command", _("Lệnh")

    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True, editable=False)
    action = models.CharField(_("thao tác"), max_length=16, choices=Action.choices)
    # The user name, the name tried at a failed log-in, or the command that ran.
    actor = models.CharField(_("người thực hiện"), max_length=150, db_index=True)
    user_id = models.BigIntegerField(_("mã người dùng"), null=True, blank=True)
    origin = models.CharField(_("từ"), max_length=8, choices=Origin.choices, default=Origin.WEB)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    path = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    model = models.CharField(_("loại dữ liệu"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("mã bản ghi"), max_length=64, blank=True)
    object_repr = models.CharField(_("bản ghi"), max_length=255, blank=True)
    unit_id = models.BigIntegerField(_("mã đơn vị"), null=True, blank=True, db_index=True)
    period_id = models.BigIntegerField(_("mã kỳ đánh giá"), null=True, blank=True, db_index=True)
    # Only the fields that changed: {"field": value}; all fields of a created or deleted record.
    old = models.JSONField(_("giá trị cũ"), null=True, blank=True, encoder=AuditJSONEncoder)
    new = models.JSONField(_("giá trị mới"), null=True, blank=True, encoder=AuditJSONEncoder)
    reason = models.TextField(_("lý do"), blank=True)
    # The rows one import wrote share it.
    batch = models.CharField(_("đợt"), max_length=32, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        indexes = [models.Index(fields=["model", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor} {self.action} {self.model} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutable(str(self.pk))
        # Always an INSERT: a new instance given an existing id must not overwrite that row.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutable(str(self.pk))
