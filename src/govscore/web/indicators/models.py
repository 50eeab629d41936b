"""Indicator values: one typed fact per period × unit × indicator, with where it came from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govscore.web.audit.versions import author_field, version_field
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.uploads import BY_MIME, generated_name


class IndicatorValue(models.Model):
    """The value is stored in the YAML/JSON shape the core's `parse_fact` reads (numbers as text)."""

    class Source(models.TextChoices):
        UNIT = "unit", _("Đơn vị báo cáo")
        EVALUATOR = "evaluator", _("Cán bộ thẩm định")
        IMPORT = "import", _("Nhập từ tệp")

    period = models.ForeignKey(
        EvaluationPeriod, on_delete=models.CASCADE, related_name="indicator_values", verbose_name=_("kỳ đánh giá")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="indicator_values", verbose_name=_("đơn vị"))
    code = models.CharField(_("mã chỉ tiêu"), max_length=64)
    value = models.JSONField(_("giá trị"))
    source = models.CharField(_("nguồn"), max_length=16, choices=Source.choices, default=Source.UNIT)
    entered_by = author_field(_("người nhập"))
    entered_at = models.DateTimeField(_("nhập lúc"), auto_now=True)
    version = version_field()

    class Meta:
        ordering = ["period", "unit", "code"]
        verbose_name = _("số liệu chỉ tiêu")
        verbose_name_plural = _("số liệu chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["period", "unit", "code"], name="one_value_per_indicator")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.code}"


def evidence_path(evidence: EvidenceFile, filename: str) -> str:
    """A generated name: the user's file name is kept in `original_name`, never in the path."""
    return generated_name(f"evidence/{evidence.indicator_value.period.year}", BY_MIME.get(evidence.content_type))


class EvidenceFile(models.Model):
    indicator_value = models.ForeignKey(
        IndicatorValue, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("số liệu chỉ tiêu")
    )
    file = models.FileField(_("tệp minh chứng"), upload_to=evidence_path)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    content_type = models.CharField(_("loại tệp"), max_length=100, blank=True)
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày ban hành văn bản"), null=True, blank=True)
    uploaded_by = author_field(_("người tải lên"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")

    def __str__(self) -> str:
        return self.description or self.original_name or self.file.name
