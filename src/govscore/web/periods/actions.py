"""Opening, closing and publishing evaluation periods."""

from __future__ import annotations

import datetime

from govscore.scoring.rules.reporting import reporting_rule
from govscore.scoring.vietnamese import nfc
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.periods.models import EvaluationPeriod

Status = EvaluationPeriod.Status
DEFAULT_DUE_DAY = 5
# Forward only: a published result is frozen; corrections are new, reasoned revisions.
TRANSITIONS = {Status.OPEN: Status.CLOSED, Status.CLOSED: Status.PUBLISHED}


class BadTransition(Exception):
    pass


def do_ensure_period(
    year: int,
    framework: FrameworkVersion,
    *,
    title: str = "",
    report_due_day: int | None = None,
    data_from: datetime.date | None = None,
    data_to: datetime.date | None = None,
) -> EvaluationPeriod:
    """The period of `year` under `framework`, created if absent. The monthly-report due day is the
    framework's reporting rule's unless given (5 when the framework has no such rule)."""
    if report_due_day is None:
        rule = reporting_rule(framework.parsed())
        report_due_day = rule.due_day if rule else DEFAULT_DUE_DAY
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


def do_advance(period: EvaluationPeriod) -> EvaluationPeriod:
    following = TRANSITIONS.get(Status(period.status))
    if following is None:
        raise BadTransition(period.status)
    period.status = following
    period.save(update_fields=["status"])
    return period
