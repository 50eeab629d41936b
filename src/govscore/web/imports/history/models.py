"""A historical period: an evaluation period whose only data is the results table its document printed.

The period itself is an ordinary `EvaluationPeriod` in status `published`, so the freeze refuses any
change of its data; `HistoricalPeriod` marks it as imported (from which file, by whom), and one
`HistoricalResult` per printed row keeps what was published. A row is written once, with its period,
and never updated or deleted, whatever the period's status: it is the record of a printed document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from govscore.scoring.model import Published
from govscore.scoring.values import plain
from govscore.web.actions import PeriodLocked
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod


def printed_message() -> str:
    return gettext("Kết quả các năm trước ghi đúng như văn bản đã công bố, không sửa được.")


class HistoricalPeriod(models.Model):
    period = models.OneToOneField(
        EvaluationPeriod, on_delete=models.PROTECT, related_name="history", verbose_name=_("kỳ đánh giá")
    )
    source_name = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    source_sha256 = models.CharField(_("mã SHA-256 của tệp nguồn"), max_length=64)
    imported_at = models.DateTimeField(_("nhập lúc"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )

    class Meta:
        ordering = ["-period__year", "pk"]
        verbose_name = _("kỳ đánh giá các năm trước")
        verbose_name_plural = _("kỳ đánh giá các năm trước")

    def __str__(self) -> str:
        return str(self.period)


class HistoricalResult(models.Model):
    """One row of a published table: the unit as printed and its published result."""

    period = models.ForeignKey(
        EvaluationPeriod, on_delete=models.PROTECT, related_name="historical_results", verbose_name=_("kỳ đánh giá")
    )
    # The register's unit with this code at import time; empty for a unit the register does not know.
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="historical_results",
        verbose_name=_("đơn vị"),
    )
    unit_code = models.CharField(_("mã đơn vị"), max_length=64)
    unit_name = models.CharField(_("tên đơn vị (như đã in)"), max_length=255)
    group_code = models.CharField(_("khối"), max_length=64, blank=True)
    source_row = models.PositiveIntegerField(_("dòng trong tệp nguồn"))
    position = models.PositiveIntegerField(_("số thứ tự"))
    rank = models.PositiveIntegerField(_("thứ hạng"), null=True, blank=True)
    total = models.DecimalField(_("tổng điểm"), max_digits=16, decimal_places=4)
    grade = models.CharField(_("xếp loại"), max_length=32)
    good = models.JSONField(_("nội dung thực hiện tốt"), default=list)
    not_good = models.JSONField(_("nội dung thực hiện chưa tốt"), default=list)
    # Criterion code → points as exact decimal text, as printed.
    criteria = models.JSONField(_("điểm các tiêu chí"), default=dict)

    class Meta:
        ordering = ["period", "group_code", "position", "pk"]
        verbose_name = _("kết quả năm trước")
        verbose_name_plural = _("kết quả các năm trước")
        constraints = [models.UniqueConstraint(fields=["period", "unit_code"], name="one_history_row_per_unit")]

    def __str__(self) -> str:
        return f"{self.period} — {self.unit_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PeriodLocked(printed_message())
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PeriodLocked(printed_message())

    def as_published(self) -> Published:
        return Published(
            position=self.position,
            rank=self.rank,
            total=plain(Decimal(self.total)),
            grade=self.grade,
            good=tuple(self.good),
            not_good=tuple(self.not_good),
            criteria={code: plain(Decimal(points)) for code, points in self.criteria.items()},
        )
