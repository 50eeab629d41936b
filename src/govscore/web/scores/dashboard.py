"""What a department head sees first: how grades fall in each group, where points are lost across the
province (units × criteria), and who reports late (units × months), each as a table a chart is drawn from.

Everything is read from the stored results and reports; nothing is scored here.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Avg, Count, QuerySet
from django.db.models.expressions import RawSQL

from govscore.scoring.model import Criterion, Framework
from govscore.scoring.vietnamese import format_percent
from govscore.web.orgs.groups import group_names
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import LABELS, Received, calendar
from govscore.web.scores.models import Result

HEAT_STEPS = 10  # shades of the heatmap: 0–9 %, 10–19 %, …, 100 %
BAR_WIDTH = 100  # the grade bars are drawn in percent of the group


@dataclass(frozen=True)
class GradeBar:
    grade: str
    position: int
    count: int
    start: Decimal  # where the bar's part begins, in percent of the group
    share: Decimal  # its width, in percent of the group


@dataclass(frozen=True)
class GroupGrades:
    code: str
    name: str
    total: int
    bars: tuple[GradeBar, ...]


@dataclass(frozen=True)
class HeatCell:
    share: Decimal | None  # points over max, 0–1; None where the criterion does not apply
    step: int  # 0..HEAT_STEPS, the shade
    text: str = "—"  # the share as the reader writes a percentage


@dataclass(frozen=True)
class HeatRow:
    result: Result
    cells: tuple[HeatCell, ...]

    @property
    def version(self) -> str:
        """Everything the row shows: it is rendered once for this and kept (the `rows` cache)."""
        shown = tuple((cell.step, cell.text) for cell in self.cells)
        return repr((self.result.period_id, self.result.unit_id, self.result.unit.name, self.result.rank, shown))


@dataclass(frozen=True)
class ReportingRow:
    unit: Unit
    months: tuple[tuple[str, str, str], ...]  # each month's status, sign and words

    @property
    def version(self) -> str:
        return repr((self.unit.pk, self.unit.name, self.months))


@dataclass(frozen=True)
class CriterionLoss:
    criterion: Criterion
    average: Decimal | None  # the units' average share of the criterion's max


def grade_distribution(framework: Framework, results: QuerySet[Result]) -> list[GroupGrades]:
    """Units per grade in each group, in the framework's order of groups and grades (best first)."""
    grades = framework.grading.grades()
    counted: dict[str, Counter[str]] = {}
    for group, grade in results.values_list("group_code", "grade"):
        counted.setdefault(group, Counter())[grade] += 1
    names = group_names(framework)
    order = [code for code in names if code in counted] + sorted(set(counted) - set(names))
    groups = []
    for code in order:
        counts = counted[code]
        total = sum(counts.values())
        bars, start = [], Decimal(0)
        for position, grade in enumerate([*grades, ""], start=1):
            if counts[grade]:
                share = Decimal(counts[grade] * BAR_WIDTH) / total
                bars.append(GradeBar(grade, position if grade else 0, counts[grade], start, share))
                start += share
        groups.append(GroupGrades(code, names.get(code, code), total, tuple(bars)))
    return groups


def heat_columns(framework: Framework) -> list[Criterion]:
    """The top-level criteria, substitutes left out (their points stand in the column they replace)."""
    return [criterion for criterion in framework.criteria if criterion.substitute is None]


def with_shares(results: QuerySet[Result], columns: Sequence[Criterion]) -> QuerySet[Result]:
    """The results with each column's share of its max worked out by the database (`share_0`, …): a page
    of rows is drawn without decoding every unit's stored criteria."""
    shares = {f"share_{index}": RawSQL(*_share_sql(column.code)) for index, column in enumerate(columns)}
    return results.defer("criteria").annotate(**shares)


def heat_rows(columns: Sequence[Criterion], results: Iterable[Result], lang: str = "vi") -> list[HeatRow]:
    """Each unit's share of each criterion's max (`with_shares`), its shade and its text made here, once:
    a page draws thousands of cells, and a template resolving each cell's parts costs more than the query."""
    cells: dict[float | None, HeatCell] = {}  # a province's shares repeat (none, all, half): each made once

    def cell(share: float | None) -> HeatCell:
        if share not in cells:
            cells[share] = _share_cell(share, lang)
        return cells[share]

    return [
        HeatRow(result, tuple(cell(getattr(result, f"share_{index}")) for index in range(len(columns))))
        for result in results
    ]


def _shade(share: Decimal, lang: str) -> HeatCell:
    return HeatCell(share, int(share * HEAT_STEPS), format_percent(share, 0, lang) if lang else "")


@dataclass(frozen=True)
class GroupHeatRow:
    code: str
    name: str
    units: int
    cells: tuple[HeatCell, ...]


def group_heat_rows(
    framework: Framework, columns: Sequence[Criterion], results: QuerySet[Result], lang: str = "vi"
) -> list[GroupHeatRow]:
    """Each group's average share of each criterion's max, in the framework's order of groups: where a
    whole group loses points, one row per group whatever the number of units (one query)."""
    rows = (
        results.order_by()
        .values("group_code")
        .annotate(
            units=Count("pk"),
            **{f"c{index}": Avg(RawSQL(*_share_sql(column.code))) for index, column in enumerate(columns)},
        )
    )
    names = group_names(framework)
    place = {code: index for index, code in enumerate(names)}
    found = [
        GroupHeatRow(
            row["group_code"],
            names.get(row["group_code"], row["group_code"]),
            row["units"],
            tuple(_share_cell(row[f"c{index}"], lang) for index in range(len(columns))),
        )
        for row in rows
    ]
    return sorted(found, key=lambda row: (place.get(row.code, len(place)), row.name))


def _share_cell(share: float | None, lang: str) -> HeatCell:
    """A share (or an average of shares) the database worked out, to six places: no float's last digit
    moves a cell to the next shade."""
    if share is None:
        return HeatCell(None, 0)
    return _shade(Decimal(str(share)).quantize(Decimal("0.000001")), lang)


def losses(columns: Sequence[Criterion], results: QuerySet[Result]) -> list[CriterionLoss]:
    """Each criterion's average share of its max over the units, the lowest first: where points are lost.

    Averaged by the database in one query: reading every unit's stored criteria into Python costs
    seconds at 5,000 units, most of it decoding JSON."""
    averages = results.aggregate(
        **{f"c{index}": Avg(RawSQL(*_share_sql(column.code))) for index, column in enumerate(columns)}
    )
    found = [
        CriterionLoss(column, None if average is None else Decimal(str(average)).quantize(Decimal("0.000001")))
        for column, average in ((column, averages[f"c{index}"]) for index, column in enumerate(columns))
    ]
    return sorted(found, key=lambda loss: (loss.average is None, loss.average or 0))


def _share_sql(code: str) -> tuple[str, list[str]]:
    """A unit's points over the max of criterion `code` (clamped to 0–1), NULL where it does not apply:
    the stored criteria map each code to [points, max] as text."""
    column = '"scores_result"."criteria"'
    if connection.vendor == "postgresql":
        points, maximum = f"(({column} -> %s) ->> 0)::float", f"(({column} -> %s) ->> 1)::float"
        return f"CASE WHEN {maximum} > 0 THEN LEAST(GREATEST({points} / {maximum}, 0), 1) END", [code, code, code]
    path = f'$."{code}"'
    points, maximum = f"CAST(json_extract({column}, %s) AS REAL)", f"CAST(json_extract({column}, %s) AS REAL)"
    return (
        f"CASE WHEN {maximum} > 0 THEN MIN(MAX({points} / {maximum}, 0), 1) END",
        [f"{path}[1]", f"{path}[0]", f"{path}[1]"],
    )


STATUS_MARKS = {"on_time": "✓", "late": "!", "missing": "✗", "due_soon": "…", "not_due": "·", "not_expected": "–"}


def reporting_rows(
    period: EvaluationPeriod, units: Sequence[Unit], today: datetime.date | None = None
) -> list[ReportingRow]:
    """Each unit's twelve months as (status, sign, words): on time, late, missing, due soon, not due, not
    required. A sign keeps the table dense; the words are its title and the legend's."""
    by_unit: dict[int, list[Received]] = {}
    # When each report came is all a status needs: not its text and files, over a province's months.
    received = MonthlyReport.objects.filter(period=period, unit__in=units).values_list(
        "unit_id", "month", "received_at", named=True
    )
    for report in received:
        by_unit.setdefault(report.unit_id, []).append(report)
    words = {status: str(label) for status, label in LABELS.items()}
    return [
        ReportingRow(unit, tuple((month.status, STATUS_MARKS[month.status], words[month.status]) for month in months))
        for unit in units
        for months in (calendar(period, unit, by_unit.get(unit.pk, []), today),)
    ]
