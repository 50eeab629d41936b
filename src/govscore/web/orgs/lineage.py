"""Reading the register's history: what a reorganisation may do, why a unit left a period's ranking, and
a unit's history as its page shows it.

A period uses the structure in force in it (docs/units.md): a unit takes part in a period when it is in
force on some day of the data window, reports on the months on whose last day it is in force, and is
ranked unless a reorganisation ended it inside the window: then it is scored and graded on its own months
and data, with the reorganisation as its reason for no rank.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext

from govscore.scoring.vietnamese import short_date
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.models import Reorganisation, Succession, Unit, last_day
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport

Kind = Reorganisation.Kind
DAY = datetime.timedelta(days=1)


def ended_before(unit: Unit, day: datetime.date) -> bool:
    return unit.effective_to is not None and unit.effective_to < day


def affected_periods(effective: datetime.date) -> list[EvaluationPeriod]:
    """Periods whose structure a change from `effective` alters: those whose window reaches that day."""
    return list(EvaluationPeriod.objects.filter(data_to__gte=effective).select_related("framework").order_by("pk"))


def ending_problems(units: Sequence[Unit], effective: datetime.date) -> list[str]:
    """Why `units` cannot end on the day before `effective`; empty when they can."""
    problems = []
    for unit in units:
        if not unit.active_on(effective - DAY):
            problems.append(
                gettext("%(unit)s không còn hiệu lực vào ngày %(day)s (trước ngày có hiệu lực).")
                % {"unit": unit.name, "day": short_date(effective - DAY)}
            )
        elif Succession.objects.filter(predecessor=unit).exclude(reorganisation__kind=Kind.RENAME).exists():
            problems.append(gettext("%(unit)s đã được tổ chức lại trước đó.") % {"unit": unit.name})
    return problems + _later_records(units, effective)


def _later_records(units: Sequence[Unit], effective: datetime.date) -> list[str]:
    """Reports and data a unit already holds for the time after it would end: they would stop counting.

    Records are never moved to another unit (they stay with the unit that sent them), so the date must
    come after them.
    """
    problems = []
    reports = MonthlyReport.objects.filter(unit__in=units, period__data_to__gte=effective).select_related(
        "period", "unit"
    )
    for report in reports.order_by("unit__code", "period__year", "month"):
        if last_day(report.period.year, report.month) >= effective:
            problems.append(
                gettext("%(unit)s đã gửi báo cáo tháng %(month)s/%(year)s, tháng kết thúc sau ngày có hiệu lực.")
                % {"unit": report.unit.name, "month": report.month, "year": report.period.year}
            )
    values = IndicatorValue.objects.filter(unit__in=units, period__data_from__gte=effective)
    for unit_name, period_title in values.values_list("unit__name", "period__title").distinct().order_by("unit__name"):
        problems.append(
            gettext("%(unit)s đã có số liệu của kỳ “%(period)s”, bắt đầu sau ngày có hiệu lực.")
            % {"unit": unit_name, "period": period_title}
        )
    return problems


def _decision(reorganisation: Reorganisation) -> str:
    return gettext("quyết định số %(number)s ngày %(date)s") % {
        "number": reorganisation.decision_number,
        "date": short_date(reorganisation.decision_date),
    }


def in_period(units: Sequence[Unit], day: datetime.date) -> tuple[dict[int, str], dict[int, tuple[str, ...]]]:
    """For a period ending on `day` (one query): why each unit that ended before it is left out of the
    ranking, and each unit's predecessors' codes (the core's `formerly`).

    The reasons are stored with the results and printed in the official document, which is Vietnamese.
    """
    ended = {unit.pk: unit for unit in units if ended_before(unit, day)}
    pks = [unit.pk for unit in units]
    rows = Succession.objects.filter(Q(predecessor__in=list(ended)) | Q(successor__in=pks))
    rows = rows.exclude(reorganisation__kind=Kind.RENAME).select_related("reorganisation", "successor", "predecessor")
    out: dict[int, list[Succession]] = defaultdict(list)
    formerly: dict[int, list[str]] = defaultdict(list)
    for link in rows.order_by("pk"):
        if link.predecessor_id in ended:
            out[link.predecessor_id].append(link)
        if link.successor_id is not None:
            formerly[link.successor_id].append(link.predecessor.code)
    # A unit whose register entry simply ends (an evaluation file's unit active part of the year) keeps its
    # rank, as that file scores it; one that a reorganisation ended gives way to its successors.
    reasons = {pk: _reason(unit, out[pk]) for pk, unit in ended.items() if out.get(pk)}
    return reasons, {pk: tuple(codes) for pk, codes in formerly.items()}


def _reason(unit: Unit, links: list[Succession]) -> str:
    assert unit.effective_to is not None
    start = short_date(unit.effective_to + DAY)
    reorganisation = links[0].reorganisation
    decision = f"quyết định số {reorganisation.decision_number} ngày {short_date(reorganisation.decision_date)}"
    names = ", ".join(link.successor.name for link in links if link.successor is not None)
    if reorganisation.kind == Kind.MERGE:
        return f"Hợp nhất vào {names} từ ngày {start} ({decision})"
    if reorganisation.kind == Kind.SPLIT:
        return f"Chia tách thành {names} từ ngày {start} ({decision})"
    return f"Giải thể từ ngày {start} ({decision})"


@dataclass(frozen=True)
class HistoryLine:
    """One event of a unit's history, as its page says it."""

    effective: datetime.date
    kind: str
    text: str
    decision: str
    others: tuple[Unit, ...] = ()


def history(unit: Unit) -> list[HistoryLine]:
    """The unit's reorganisations, oldest first: renamed from, merged or split from, merged into."""
    lines = []
    links = Succession.objects.filter(Q(successor=unit) | Q(predecessor=unit)).select_related("reorganisation")
    seen: set[tuple[int, bool]] = set()
    for link in links.order_by("pk"):
        reorganisation = link.reorganisation
        into = link.predecessor_id == unit.pk
        if reorganisation.kind == Kind.RENAME:
            if (reorganisation.pk, True) not in seen:
                seen.add((reorganisation.pk, True))
                text = gettext("Đổi tên từ “%(name)s”") % {"name": reorganisation.old_name}
                lines.append(
                    HistoryLine(reorganisation.effective, reorganisation.kind, text, _decision(reorganisation))
                )
            continue
        if (reorganisation.pk, into) in seen:
            continue
        seen.add((reorganisation.pk, into))
        lines.append(_line(unit, reorganisation, into))
    return sorted(lines, key=lambda line: line.effective)


def _line(unit: Unit, reorganisation: Reorganisation, into: bool) -> HistoryLine:
    links = list(reorganisation.links.select_related("predecessor", "successor"))
    if into:
        successors = (link.successor for link in links if link.successor is not None and link.successor != unit)
        others = tuple({successor.pk: successor for successor in successors}.values())
        texts = {
            Kind.MERGE: gettext("Hợp nhất vào"),
            Kind.SPLIT: gettext("Chia tách thành"),
            Kind.DISSOLVE: gettext("Giải thể"),
        }
    else:
        others = tuple({link.predecessor.pk: link.predecessor for link in links if link.predecessor != unit}.values())
        texts = {Kind.MERGE: gettext("Hợp nhất từ"), Kind.SPLIT: gettext("Chia tách từ")}
    text = texts.get(Kind(reorganisation.kind), "")
    return HistoryLine(reorganisation.effective, reorganisation.kind, text, _decision(reorganisation), others)
