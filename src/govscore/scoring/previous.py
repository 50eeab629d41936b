"""Last year beside this year: a unit's previous total and rank, and how they changed.

A unit is followed through its history: one that was renamed or re-coded names its former code
(`formerly`); one made by a merger names the units it was made of, the first being the one whose
results it continues. The previous results come from a scored evaluation, its published table, or a
past year's imported table; they are data, never recomputed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from govscore.scoring.results import Change, EvaluationResult, Previous, UnitResult


def previous_of(result: EvaluationResult) -> dict[str, Previous]:
    """Every unit's result of a scored (or published) evaluation, as the previous year of another: the
    published total and rank where the evaluation records them, otherwise the computed ones."""
    year = result.evaluation.period.year
    found = {}
    for unit in result.units:
        published = unit.unit.published
        total = published.total if published and published.total is not None else unit.total
        rank = published.rank if published and published.rank is not None else (unit.rank or None)
        found[unit.unit.code] = Previous(year, total, rank, unit.unit.name)
    return found


def change_of(unit: UnitResult, previous: Mapping[str, Previous]) -> Change | None:
    """The unit's change since its previous result, found under its code or the code it continues."""
    for code in (unit.unit.code, *unit.unit.formerly):
        before = previous.get(code)
        if before is not None:
            return change_between(unit.total, unit.rank, before)
    return None


def change_between(total: Decimal, rank: int, before: Previous) -> Change:
    """Points gained since `before`, and places moved up (none when either side has no rank)."""
    gained = total - before.total if before.total is not None else None
    moved = before.rank - rank if before.rank is not None and rank else None
    return Change(before, gained, moved)


def with_previous(result: EvaluationResult, previous: Mapping[str, Previous]) -> EvaluationResult:
    """The result with each unit's change since the previous period, for every writer to show."""
    changes = {unit.unit.code: change for unit in result.units if (change := change_of(unit, previous)) is not None}
    return replace(result, changes=changes)


def rank_move(change: Change) -> str:
    """`▲ 3` (up three places), `▼ 2`, `=`; empty when a rank is missing on either side."""
    if change.rank is None:
        return ""
    if change.rank > 0:
        return f"▲ {change.rank}"
    if change.rank < 0:
        return f"▼ {-change.rank}"
    return "="
