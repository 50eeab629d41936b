"""Monthly IT reports. Only the time of receipt is stored; on time / late / missing is derived."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govscore.web.audit.versions import author_field, version_field
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.uploads import BY_MIME, generated_name


def attachment_path(report: MonthlyReport, filename: str) -> str:
    """A generated name: the user's file name is kept in `attachment_name`, never in the path."""
    return generated_name(f"reports/{report.period.year}", BY_MIME.get(report.attachment_type))


class MonthlyReport(models.Model):
    """A unit's report on one month. `received_at` is stamped by the server once and never changed."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, related_name="reports", verbose_name=_("kỳ"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("đơn vị"))
    month = models.PositiveSmallIntegerField(_("tháng"))
    received_at = models.DateTimeField(_("nhận lúc"), editable=False)
    content = models.TextField(_("nội dung báo cáo"))
    documents_sent = models.PositiveIntegerField(_("số văn bản đi trong tháng"), null=True, blank=True)
    documents_sent_electronic = models.PositiveIntegerField(_("số văn bản gửi điện tử"), null=True, blank=True)
    attachment = models.FileField(_("tệp đính kèm"), upload_to=attachment_path, blank=True)
    attachment_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    attachment_type = models.CharField(_("loại tệp"), max_length=100, blank=True)
    submitted_by = author_field(_("người gửi"))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = version_field()

    class Meta:
        ordering = ["period", "unit", "month"]
        verbose_name = _("báo cáo tháng")
        verbose_name_plural = _("báo cáo tháng")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "month"], name="one_report_per_unit_month"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="report_month_in_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.month:02}/{self.period.year}"
