"""Opening, closing and publishing evaluation periods."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext

from govscore.scoring.rules.reporting import due_date, reporting_rule
from govscore.scoring.vietnamese import nfc
from govscore.web.actions import Refused, User, writing
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.periods.models import EvaluationPeriod

Status = EvaluationPeriod.Status
DEFAULT_DUE_DAY = 5


class BadTransition(Refused):
    """The period is not in a status the requested step starts from; the message names its status."""

    def __init__(self, status: str) -> None:
        super().__init__(gettext("Không làm được ở trạng thái “%(status)s”.") % {"status": status})
        self.status = status


def do_ensure_period(
    year: int,
    framework: FrameworkVersion,
    *,
    title: str = "",
    report_due_day: int | None = None,
    data_from: datetime.date | None = None,
    data_to: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    by: User | None = None,
) -> EvaluationPeriod:
    """The period of `year` under `framework`, created if absent. The monthly-report due day is the
    framework's reporting rule's unless given (5 when the framework has no such rule)."""
    if report_due_day is None:
        rule = reporting_rule(framework.parsed())
        report_due_day = rule.due_day if rule else DEFAULT_DUE_DAY
    with writing(by=by):
        period, _created = EvaluationPeriod.objects.get_or_create(
            year=year,
            framework=framework,
            defaults={
                "title": nfc(title),
                "report_due_day": report_due_day,
                "data_from": data_from or datetime.date(year, 1, 1),
                "data_to": data_to or datetime.date(year, 12, 31),
                "closes_on": closes_on,
            },
        )
    return period


def last_due_date(year: int, framework: FrameworkVersion, data_to: datetime.date) -> datetime.date | None:
    """The due day of the last month the period expects a report for (None when it expects none)."""
    rule = reporting_rule(framework.parsed())
    due_day = rule.due_day if rule else DEFAULT_DUE_DAY
    months = [month for month in (rule.months if rule else range(1, 13)) if datetime.date(year, month, 1) <= data_to]
    return due_date(year, max(months), due_day) if months else None


def opening_problems(
    year: int, framework: FrameworkVersion, data_from: datetime.date, data_to: datetime.date, closes_on: datetime.date
) -> list[str]:
    """Why a period cannot be opened so, in the user's language; empty when it can."""
    problems = []
    if EvaluationPeriod.objects.filter(year=year, framework=framework).exists():
        problems.append(gettext("Đã có kỳ đánh giá năm %(year)s theo bộ tiêu chí này.") % {"year": year})
    if not (data_from.year == data_to.year == year and data_from <= data_to):
        problems.append(
            gettext("Số liệu phải từ một ngày đến một ngày sau đó, cùng trong năm %(year)s.") % {"year": year}
        )
    last_due = last_due_date(year, framework, data_to)
    if last_due is not None and closes_on < last_due:
        # Before the last month's due day that month could never be reported on time.
        problems.append(
            gettext("Ngày khoá sổ phải từ ngày %(date)s (hạn báo cáo của tháng cuối cùng) trở đi.")
            % {"date": last_due.strftime("%d/%m/%Y")}
        )
    return problems


def do_open_period(
    year: int,
    framework: FrameworkVersion,
    *,
    title: str,
    data_from: datetime.date,
    data_to: datetime.date,
    closes_on: datetime.date,
    by: User | None = None,
) -> EvaluationPeriod:
    """An administrator opens a year: its framework version, data window and closing day. The due day of
    monthly reports is always the framework's, so the calendar and the score never disagree."""
    problems = opening_problems(year, framework, data_from, data_to, closes_on)
    if problems:
        raise Refused(*problems)
    return do_ensure_period(
        year, framework, title=title, data_from=data_from, data_to=data_to, closes_on=closes_on, by=by
    )


def do_close(period: EvaluationPeriod, by: User | None = None) -> EvaluationPeriod:
    """Stop collecting: data is frozen so the results can be reviewed and published."""
    return _move(period, (Status.OPEN,), Status.CLOSED, by)


def do_reopen(period: EvaluationPeriod, by: User | None = None) -> EvaluationPeriod:
    """Collect again before publication (a published period changes only through an amendment)."""
    return _move(period, (Status.CLOSED,), Status.OPEN, by)


def _move(period: EvaluationPeriod, allowed: tuple[str, ...], to: str, by: User | None) -> EvaluationPeriod:
    with writing(None, by):
        # Lock the row: two administrators clicking at once must not both move it.
        current = EvaluationPeriod.objects.select_for_update().get(pk=period.pk)
        if current.status not in allowed:
            raise BadTransition(current.get_status_display())
        current.status = to
        current.save(update_fields=["status"])
    period.status = to
    return period
