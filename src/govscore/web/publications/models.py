"""Publication: the period's results frozen into numbered editions, each with a content hash.

An edition is written once, in one transaction with its files, and never changed: the models refuse
updates and deletes. A correction is a new edition opened by an amendment with a reason.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govscore.documents.letter import DEFAULT_BODY
from govscore.web.audit.versions import version_field
from govscore.web.periods.models import EvaluationPeriod


class ImmutableRecord(Exception):
    """A published edition or its file was about to be changed or deleted."""


class DocumentDraft(models.Model):
    """What the official document says besides the results, entered per period before publishing."""

    class Layout(models.TextChoices):
        SEED = "seed", _("Bảng 7 cột (nội dung tốt / chưa tốt)")
        SUMMARY = "summary", _("Bảng điểm theo khối")

    period = models.OneToOneField(
        EvaluationPeriod, on_delete=models.CASCADE, related_name="document_draft", verbose_name=_("kỳ đánh giá")
    )
    place = models.CharField(_("địa danh"), max_length=64, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    letter_number = models.CharField(_("số công văn"), max_length=64, blank=True)
    letter_date = models.DateField(_("ngày công văn"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    title = models.CharField(_("tiêu đề văn bản"), max_length=500, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=128, blank=True)
    layout = models.CharField(_("mẫu bảng"), max_length=16, choices=Layout.choices, default=Layout.SEED)
    # The covering letter (công văn): what the administrator writes; its number, date and signer are above.
    parent_agency = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    letter_subject = models.CharField(_("trích yếu (V/v)"), max_length=500, blank=True)
    recipients = models.TextField(_("kính gửi"), blank=True)
    letter_body = models.TextField(_("nội dung công văn"), default=DEFAULT_BODY, blank=True)
    copies_to = models.TextField(_("nơi nhận"), blank=True)
    # Set when an administrator reopens a published period; the next edition carries it.
    amendment_reason = models.TextField(_("lý do đính chính"), blank=True)
    version = version_field()

    class Meta:
        verbose_name = _("thông tin văn bản công bố")
        verbose_name_plural = _("thông tin văn bản công bố")

    def __str__(self) -> str:
        return str(self.period)


class Publication(models.Model):
    period = models.ForeignKey(
        EvaluationPeriod, on_delete=models.PROTECT, related_name="publications", verbose_name=_("kỳ đánh giá")
    )
    edition = models.PositiveIntegerField(_("lần công bố"))
    published_at = models.DateTimeField(_("công bố lúc"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người công bố"),
    )
    letter_number = models.CharField(_("số công văn"), max_length=64)
    letter_date = models.DateField(_("ngày công văn"))
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128)
    signer_name = models.CharField(_("họ tên người ký"), max_length=128)
    amendment_reason = models.TextField(_("lý do đính chính"), blank=True)
    # The exact text that was hashed: JSON re-encoded by a database could differ in spacing or key order.
    snapshot_json = models.TextField(_("bản chụp kết quả (JSON)"))
    content_hash = models.CharField(_("mã xác thực (SHA-256)"), max_length=64, unique=True)
    changes = models.JSONField(_("thay đổi so với lần trước"), default=list)

    class Meta:
        ordering = ["period", "edition"]
        verbose_name = _("lần công bố")
        verbose_name_plural = _("các lần công bố")
        constraints = [models.UniqueConstraint(fields=["period", "edition"], name="one_publication_per_edition")]

    def __str__(self) -> str:
        return f"{self.period} — {self.edition}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableRecord(self.content_hash)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableRecord(self.content_hash)


class PublicationFile(models.Model):
    """A rendered file kept in the database, so it commits or rolls back with its edition."""

    class Kind(models.TextChoices):
        DOCX = "docx", _("DOCX")
        PDF = "pdf", _("PDF")
        XLSX = "xlsx", _("XLSX")

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["publication", "kind"]
        constraints = [models.UniqueConstraint(fields=["publication", "kind"], name="one_file_per_kind")]

    def __str__(self) -> str:
        return f"{self.publication} — {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableRecord(self.sha256)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableRecord(self.sha256)
