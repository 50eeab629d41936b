"""Evaluation periods: one year scored under one framework version."""

from __future__ import annotations

import datetime

from django.db import models

from govscore.web.frameworks.models import FrameworkVersion


class EvaluationPeriod(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Đang thu thập"
        CLOSED = "closed", "Đã khoá số liệu"
        PUBLISHED = "published", "Đã công bố"

    year = models.PositiveIntegerField("năm")
    title = models.CharField("tên kỳ", max_length=255, blank=True)
    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="periods", verbose_name="bộ tiêu chí"
    )
    report_due_day = models.PositiveSmallIntegerField("hạn báo cáo tháng (ngày của tháng sau)", default=5)
    data_from = models.DateField("số liệu từ ngày")
    data_to = models.DateField("số liệu đến ngày")
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = "kỳ đánh giá"
        verbose_name_plural = "kỳ đánh giá"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(data_to__gte=models.F("data_from")), name="period_window_in_order"
            ),
            models.CheckConstraint(
                condition=models.Q(report_due_day__gte=1, report_due_day__lte=28), name="period_due_day_in_month"
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def contains(self, day: datetime.date) -> bool:
        return self.data_from <= day <= self.data_to
