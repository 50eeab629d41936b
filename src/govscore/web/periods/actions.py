"""Opening, closing and publishing evaluation periods."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext

from govscore.scoring.rules.reporting import reporting_rule
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
            },
        )
    return period


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
