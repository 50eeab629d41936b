"""Results across the years: a unit's totals, percentages, grades and ranks (tables imported from past
documents, and the latest published edition of every period), the criteria that moved most since the
year before, a chart's geometry, and every unit's years side by side for the province.

Only published results count: a period being scored has no result anyone has signed yet.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from govscore.scoring.collation import collation_key
from govscore.scoring.model import Framework
from govscore.scoring.values import plain
from govscore.web.imports.history.models import HistoricalResult
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.models import Publication

HUNDRED = Decimal(100)
MOVED_SHOWN = 5


@dataclass(frozen=True)
class TrendPoint:
    year: int
    period: EvaluationPeriod
    historical: bool
    name: str
    total: Decimal | None
    grade: str
    rank: int | None
    maximum: Decimal | None
    edition: int | None = None
    code: str = ""
    # Criterion code → (title, points), as published.
    criteria: Mapping[str, tuple[str, Decimal]] = field(default_factory=dict)

    @property
    def percent(self) -> Decimal | None:
        if self.total is None or not self.maximum:
            return None
        return (self.total / self.maximum * HUNDRED).quantize(Decimal("0.1"))


def unit_trend(unit: Unit, lang: str) -> list[TrendPoint]:
    """The unit's results by year: historical tables (linked to it, or printed under its code) and the
    latest published edition of every other period."""
    history = HistoricalResult.objects.filter(Q(unit=unit) | Q(unit__isnull=True, unit_code=unit.code))
    points = [_historical_point(row) for row in history.select_related("period__framework")]
    points.extend(point for point in _published_points(lang) if point.code == unit.code)
    return sorted(points, key=lambda point: (point.year, point.period.pk))


def province_trends(lang: str) -> dict[str, list[TrendPoint]]:
    """Every unit's results by year, by unit code (the register's code for rows linked to a unit)."""
    found: dict[str, list[TrendPoint]] = defaultdict(list)
    for row in HistoricalResult.objects.select_related("period__framework", "unit"):
        found[row.unit.code if row.unit else row.unit_code].append(_historical_point(row))
    for point in _published_points(lang):
        found[point.code].append(point)
    return {code: sorted(points, key=lambda point: (point.year, point.period.pk)) for code, points in found.items()}


def _historical_point(row: HistoricalResult) -> TrendPoint:
    framework = row.period.framework.parsed()
    return TrendPoint(
        row.period.year,
        row.period,
        True,
        row.unit_name,
        plain(Decimal(row.total)),
        row.grade,
        row.rank,
        framework.max_points,
        code=row.unit.code if row.unit else row.unit_code,
        criteria={code: (_title(framework, code), plain(Decimal(points))) for code, points in row.criteria.items()},
    )


def _title(framework: Framework, code: str) -> str:
    try:
        return framework.criterion(code).title
    except KeyError:
        return code


def _published_points(lang: str) -> list[TrendPoint]:
    latest: dict[int, int] = {}
    for pk, period_id in Publication.objects.order_by("edition").values_list("pk", "period_id"):
        latest[period_id] = pk
    points = []
    for publication in Publication.objects.filter(pk__in=latest.values()).select_related("period__framework"):
        snapshot = json.loads(publication.snapshot_json)
        for item in snapshot["results"].get(lang, snapshot["results"]["vi"])["units"]:
            points.append(_published_point(publication, item))
    return points


def _published_point(publication: Publication, item: Mapping[str, Any]) -> TrendPoint:
    total, maximum = item.get("total"), item.get("max")
    criteria = {
        str(each["code"]): (str(each["title"]), _decimal(each["points"]))
        for each in item.get("criteria", ())
        if each.get("applicable", True) and each.get("points") is not None
    }
    return TrendPoint(
        publication.period.year,
        publication.period,
        False,
        item["name"],
        None if total is None else _decimal(total),
        item.get("grade") or "",
        item.get("rank"),
        None if maximum is None else _decimal(maximum),
        publication.edition,
        code=item["code"],
        criteria=criteria,
    )


def _decimal(value: object) -> Decimal:
    return plain(Decimal(str(value)))


# --- what moved ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    title: str
    before: Decimal
    after: Decimal

    @property
    def change(self) -> Decimal:
        return self.after - self.before


def moved_criteria(points: Sequence[TrendPoint], framework: Framework | None = None) -> list[Moved]:
    """The criteria whose points changed most between the last two years that printed them (leaves of
    the latest framework only, so that a parent does not repeat its children's move)."""
    with_criteria = [point for point in points if point.criteria]
    if len(with_criteria) < 2:
        return []
    before, after = with_criteria[-2].criteria, with_criteria[-1].criteria
    moved = [
        Moved(title, before[code][1], points)
        for code, (title, points) in after.items()
        if code in before and before[code][1] != points and _is_leaf(framework, code)
    ]
    return sorted(moved, key=lambda item: (-abs(item.change), item.title))[:MOVED_SHOWN]


def _is_leaf(framework: Framework | None, code: str) -> bool:
    if framework is None:
        return True
    try:
        return framework.criterion(code).is_leaf
    except KeyError:
        return True


# --- the chart -----------------------------------------------------------------------------------

WIDTH_PER_YEAR, HEIGHT, TOP, BOTTOM, SIDE = 100, 150, 24, 118, 50


@dataclass(frozen=True)
class ChartPoint:
    point: TrendPoint
    x: int
    y: int


@dataclass(frozen=True)
class Chart:
    width: int
    points: tuple[ChartPoint, ...]

    @property
    def line(self) -> str:
        return " ".join(f"{each.x},{each.y}" for each in self.points)

    @property
    def height(self) -> int:
        return HEIGHT

    @property
    def base(self) -> int:
        return BOTTOM

    @property
    def grid(self) -> list[tuple[int, int]]:
        """(percent, y) of the 0, 50 and 100 % lines."""
        return [(share, _y(Decimal(share))) for share in (0, 50, 100)]


def _y(percent: Decimal) -> int:
    share = max(Decimal(0), min(HUNDRED, percent)) / HUNDRED
    return int(BOTTOM - share * (BOTTOM - TOP))


def chart(points: Sequence[TrendPoint]) -> Chart | None:
    """Each year's percentage of the maximum on a 0–100 scale (comparable across frameworks), one
    column per year; None without two years to draw a line between."""
    shown = [point for point in points if point.percent is not None]
    if len(shown) < 2:
        return None
    placed = tuple(
        ChartPoint(point, SIDE + index * WIDTH_PER_YEAR, _y(point.percent or Decimal(0)))
        for index, point in enumerate(shown)
    )
    return Chart(2 * SIDE + (len(shown) - 1) * WIDTH_PER_YEAR, placed)


# --- the province's table ------------------------------------------------------------------------

SORTS = ("name", "change", "-change", "rank")


@dataclass(frozen=True)
class ProvinceRow:
    code: str
    name: str
    unit: Unit | None
    by_year: Mapping[int, TrendPoint]
    change: Decimal | None
    rank_change: int | None


def province_rows(trends: Mapping[str, list[TrendPoint]], years: Sequence[int], sort: str) -> list[ProvinceRow]:
    """One row per unit with its result each year, and the change between the last two `years`
    (points, and places moved up); sorted by name, by change (largest gain or loss first) or by the
    last year's rank. Units without a change sort after those with one."""
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=list(trends))}
    rows = [_row(code, points, units.get(code), years) for code, points in trends.items()]
    rows.sort(key=lambda row: collation_key(row.name))
    if sort in ("change", "-change"):
        sign = -1 if sort == "change" else 1
        rows.sort(key=lambda row: (row.change is None, sign * (row.change or 0)))
    elif sort == "rank":
        last = years[-1] if years else 0
        rows.sort(key=lambda row: (_rank(row, last) is None, _rank(row, last) or 0))
    return rows


def _rank(row: ProvinceRow, year: int) -> int | None:
    point = row.by_year.get(year)
    return point.rank if point is not None else None


def _row(code: str, points: Iterable[TrendPoint], unit: Unit | None, years: Sequence[int]) -> ProvinceRow:
    by_year = {point.year: point for point in points}  # the latest period of a year, as points are sorted
    name = unit.name if unit is not None else list(by_year.values())[-1].name
    change: Decimal | None = None
    rank_change: int | None = None
    if len(years) >= 2 and years[-1] in by_year and years[-2] in by_year:
        now, before = by_year[years[-1]], by_year[years[-2]]
        if now.total is not None and before.total is not None:
            change = now.total - before.total
        if now.rank and before.rank:
            rank_change = before.rank - now.rank
    return ProvinceRow(code, name, unit, by_year, change, rank_change)


def years_of(trends: Mapping[str, list[TrendPoint]]) -> list[int]:
    return sorted({point.year for points in trends.values() for point in points})
