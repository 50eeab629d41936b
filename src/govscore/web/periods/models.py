"""Evaluation periods: one year scored under one framework version."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from govscore.scoring.rules.reporting import DEFAULT_TIMEZONE, reporting_rule
from govscore.web.frameworks.models import FrameworkVersion


class EvaluationPeriod(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Đang thu thập")
        CLOSED = "closed", _("Đã khoá số liệu")
        PUBLISHED = "published", _("Đã công bố")
        AMENDING = "amending", _("Đang đính chính")

    year = models.PositiveIntegerField(_("năm"))
    title = models.CharField(_("tên kỳ"), max_length=255, blank=True)
    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="periods", verbose_name=_("bộ tiêu chí")
    )
    report_due_day = models.PositiveSmallIntegerField(_("hạn báo cáo tháng (ngày của tháng sau)"), default=5)
    data_from = models.DateField(_("số liệu từ ngày"))
    data_to = models.DateField(_("số liệu đến ngày"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.OPEN)
    # After the end of this day a month not yet reported counts as missing, not late (empty: never).
    closes_on = models.DateField(_("ngày khoá sổ báo cáo tháng"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("kỳ đánh giá")
        verbose_name_plural = _("kỳ đánh giá")
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
        """Data may change: while collecting, and while an administrator's amendment is open."""
        return self.status in (self.Status.OPEN, self.Status.AMENDING)

    @property
    def is_historical(self) -> bool:
        """Imported from a past published table: its results are as printed, with no data to score."""
        return hasattr(self, "history")

    def contains(self, day: datetime.date) -> bool:
        return self.data_from <= day <= self.data_to

    def reporting_months(self) -> tuple[int, ...]:
        """Months whose reports count: the framework's reporting rule decides, every month without one.

        Kept on the instance for its framework: a dashboard asks once per unit's calendar, and finding
        the rule walks the whole framework."""
        key = (self.framework_id, "reporting_months")
        kept = self.__dict__.get("_reporting_months")
        if kept is None or kept[0] != key:
            rule = reporting_rule(self.framework.parsed())
            kept = (key, rule.months if rule else tuple(range(1, 13)))
            self.__dict__["_reporting_months"] = kept
        return kept[1]

    def reporting_timezone(self) -> str:
        """The zone the framework's reporting rule counts days in (Vietnam's when it has no such rule)."""
        rule = reporting_rule(self.framework.parsed())
        return rule.timezone if rule else DEFAULT_TIMEZONE

    def closing_instant(self) -> datetime.datetime | None:
        """The first instant after the closing day, in the reporting rule's zone: a report received from
        then on is too late to count, and its month counts as missing."""
        if self.closes_on is None:
            return None
        after = self.closes_on + datetime.timedelta(days=1)
        return datetime.datetime(after.year, after.month, after.day, tzinfo=ZoneInfo(self.reporting_timezone()))

    def counts(self, received_at: datetime.datetime) -> bool:
        """Whether a report received then still counts (on time or late) rather than as missing."""
        closing = self.closing_instant()
        return closing is None or received_at < closing

    def clean(self) -> None:
        super().clean()
        rule = reporting_rule(self.framework.parsed()) if self.framework_id else None
        if rule is not None and self.report_due_day != rule.due_day:
            # Two deadlines would show a unit "on time" on its calendar and score it late.
            message = gettext("Bộ tiêu chí quy định hạn báo cáo tháng là ngày %(day)s của tháng sau.")
            raise ValidationError({"report_due_day": message % {"day": rule.due_day}})
