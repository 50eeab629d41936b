"""Opening, closing and publishing evaluation periods."""

from __future__ import annotations

import datetime

from govscore.scoring.vietnamese import nfc
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.periods.models import EvaluationPeriod

Status = EvaluationPeriod.Status
# Forward only: a published result is frozen; corrections are new, reasoned revisions.
TRANSITIONS = {Status.OPEN: Status.CLOSED, Status.CLOSED: Status.PUBLISHED}


class BadTransition(Exception):
    pass


def do_ensure_period(
    year: int,
    framework: FrameworkVersion,
    *,
    title: str = "",
    report_due_day: int = 5,
    data_from: datetime.date | None = None,
    data_to: datetime.date | None = None,
) -> EvaluationPeriod:
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
