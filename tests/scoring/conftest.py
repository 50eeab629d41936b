"""Shared builders for the scoring-core tests: rule inputs, small frameworks, units, bands.

The builders are exposed as session-scoped fixtures (so that Hypothesis tests may use them)
returning plain functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pytest

from govscore.scoring.engine import score
from govscore.scoring.model import (
    Band,
    Bound,
    Criterion,
    Decision,
    Evaluation,
    FactValue,
    Framework,
    Grading,
    GradingBasis,
    Indicator,
    Period,
    Rounding,
    UnitData,
    UnitGroup,
)
from govscore.scoring.narrative import NarrativeEntry
from govscore.scoring.results import EvaluationResult
from govscore.scoring.rules.base import Rule, RuleInput

D = Decimal

# The Đồng Nai 2012 bands (framework.yaml): A+ [180; 220], A [160; 180), B [140; 160), C below 140.
DONGNAI_BANDS: tuple[Band, ...] = (
    Band("A+", "Hoàn thành xuất sắc", "HTXS", Bound(D(180), True), Bound(D(220), True)),
    Band("A", "Hoàn thành tốt", "HTT", Bound(D(160), True), Bound(D(180), False)),
    Band("B", "Hoàn thành", "HT", Bound(D(140), True), Bound(D(160), False)),
    Band("C", "Chưa hoàn thành", "CHT", None, Bound(D(140), False)),
)


def make_input(
    max_points: Decimal | int | str = 10,
    facts: Mapping[str, FactValue] | None = None,
    *,
    year: int = 2012,
    as_of: datetime.date | None = None,
    peers: Mapping[tuple[str, str], Sequence[FactValue]] | None = None,
    active_months: tuple[int, ...] | None = None,
) -> RuleInput:
    """A RuleInput; `peers` maps (indicator, scope) to the peer values a relative rule sees."""
    table = dict(peers or {})

    def peer_values(code: str, scope: str) -> Sequence[FactValue]:
        return table.get((code, scope), ())

    return RuleInput(D(max_points), dict(facts or {}), Period(year, as_of=as_of), peer_values, active_months)


def leaf(
    code: str,
    max_points: Decimal | int | str,
    rule: Rule,
    *,
    applies_to: tuple[str, ...] = (),
    narrative: tuple[NarrativeEntry, ...] = (),
) -> Criterion:
    return Criterion(code, f"Tiêu chí {code}", D(max_points), rule=rule, applies_to=applies_to, narrative=narrative)


def parent(code: str, children: Sequence[Criterion], *, applies_to: tuple[str, ...] = ()) -> Criterion:
    total = sum((child.max_points for child in children), D(0))
    return Criterion(code, f"Tiêu chí {code}", total, children=tuple(children), applies_to=applies_to)


def framework(
    criteria: Sequence[Criterion],
    *,
    bands: tuple[Band, ...] = DONGNAI_BANDS,
    basis: GradingBasis = "points",
    rounding: Rounding | None = None,
    indicators: Sequence[Indicator] = (),
    groups: Sequence[str] = ("g",),
    total_may_leave_bounds: bool = False,
) -> Framework:
    return Framework(
        code="test",
        version="1",
        title="Bộ tiêu chí thử",
        decision=Decision("1/QĐ", datetime.date(2012, 1, 1)),
        max_points=sum((criterion.max_points for criterion in criteria), D(0)),
        criteria=tuple(criteria),
        grading=Grading(basis, bands),
        rounding=rounding if rounding is not None else Rounding(),
        indicators=tuple(indicators),
        groups=tuple(UnitGroup(code, code.upper()) for code in groups),
        total_may_leave_bounds=total_may_leave_bounds,
    )


def unit(
    code: str,
    facts: Mapping[str, FactValue] | None = None,
    *,
    group: str = "g",
    not_applicable: Mapping[str, str] | None = None,
    active_months: tuple[int, ...] | None = None,
) -> UnitData:
    return UnitData(
        code,
        f"Đơn vị {code}",
        group,
        dict(facts or {}),
        not_applicable=dict(not_applicable or {}),
        active_months=active_months,
    )


def run(fw: Framework, units: Sequence[UnitData], period: Period | None = None) -> EvaluationResult:
    return score(Evaluation(fw, period if period is not None else Period(2012), tuple(units)))


@dataclass(frozen=True)
class Builders:
    input: Callable[..., RuleInput]
    leaf: Callable[..., Criterion]
    parent: Callable[..., Criterion]
    framework: Callable[..., Framework]
    unit: Callable[..., UnitData]
    run: Callable[..., EvaluationResult]


@pytest.fixture(scope="session")
def build() -> Builders:
    return Builders(make_input, leaf, parent, framework, unit, run)


@pytest.fixture(scope="session")
def make_inp() -> Callable[..., RuleInput]:
    return make_input


@pytest.fixture(scope="session")
def dongnai_bands() -> tuple[Band, ...]:
    return DONGNAI_BANDS
