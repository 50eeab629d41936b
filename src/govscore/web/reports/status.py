"""The reporting calendar: each month's status derived by the core from `received_at`.

A report received after the period's closing day (`EvaluationPeriod.closes_on`) is shown but counts as
no report, here and in scoring (`scores.mapping`): its month is missing, not late.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from govscore.scoring.rules.reporting import due_date, report_status
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport

CalendarStatus = Literal["on_time", "late", "missing", "due_soon", "not_due", "not_expected"]
DUE_SOON_DAYS = 7
LABELS: dict[str, Promise] = {
    "on_time": _("Đúng hạn"),
    "late": _("Trễ hạn"),
    "missing": _("Không báo cáo"),
    "due_soon": _("Sắp đến hạn"),
    "not_due": _("Chưa đến hạn"),
    "not_expected": _("Không yêu cầu"),
}


class Received(Protocol):
    """What a month's status needs of its report (a `MonthlyReport`, or a row of just these fields)."""

    unit_id: int
    month: int
    received_at: datetime.datetime


@dataclass(frozen=True)
class MonthStatus:
    month: int
    status: CalendarStatus
    due: datetime.date
    report: Received | None

    @property
    def label(self) -> str:
        return str(LABELS[self.status])


def as_of(period: EvaluationPeriod, today: datetime.date | None = None) -> datetime.date:
    """Statuses are judged at today or at the end of the period's data window, whichever is first."""
    today = today or timezone.localdate()
    return min(today, period.data_to)


def month_status(
    period: EvaluationPeriod,
    unit: Unit,
    month: int,
    report: MonthlyReport | None,
    today: datetime.date | None = None,
) -> MonthStatus:
    expected = set(unit.active_months(period.year)) & set(period.reporting_months())
    return _status(period, month, report, expected, as_of(period, today))


def _status(
    period: EvaluationPeriod, month: int, report: Received | None, expected: set[int], cutoff: datetime.date
) -> MonthStatus:
    due = due_date(period.year, month, period.report_due_day)
    if month not in expected:
        return MonthStatus(month, "not_expected", due, report)
    # A report received after the period's closing day counts as none: the month is missing.
    counted = report if report is not None and period.counts(report.received_at) else None
    status: CalendarStatus = report_status(
        period.year,
        month,
        counted.received_at if counted else None,
        due_day=period.report_due_day,
        timezone=str(timezone.get_default_timezone()),
        as_of=cutoff,
    )
    if status == "not_due" and (due - cutoff).days <= DUE_SOON_DAYS:
        status = "due_soon"
    return MonthStatus(month, status, due, report)


def calendar(
    period: EvaluationPeriod,
    unit: Unit,
    reports: Sequence[Received],
    today: datetime.date | None = None,
) -> list[MonthStatus]:
    by_month = {report.month: report for report in reports if report.unit_id == unit.pk}
    # What does not change from month to month is worked out once: a dashboard draws hundreds of calendars.
    expected = set(unit.active_months(period.year)) & set(period.reporting_months())
    cutoff = as_of(period, today)
    return [_status(period, month, by_month.get(month), expected, cutoff) for month in range(1, 13)]
