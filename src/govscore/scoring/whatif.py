"""What a draft framework would have done to a past period: the period's data scored again under the draft,
beside its results under the framework it was scored with.

The draft reads the period's facts through the same loader as an evaluation file (`evaluation_writer` →
`evaluation_from_data`), so a fact the draft types differently, a manual score outside a criterion's new
bounds or a group the draft does not declare is refused with the loader's own message. Facts of indicators
the draft dropped, and not-applicable entries and council overrides of criteria it dropped, are left out;
an indicator the draft adds has no data in the period, and is refused (`whatif.fact_missing`): replaying
it would score every unit 0 on it and say nothing about the draft.

Kendall's tau-b compares the two rankings over the pairs of units ranked in the same group on both sides
(ranks of different groups are not comparable); it is a float, printed with three decimals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from govscore.scoring.engine import score
from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.loading.evaluation_file import evaluation_from_data
from govscore.scoring.loading.evaluation_writer import evaluation_data
from govscore.scoring.model import Criterion, Evaluation, Framework
from govscore.scoring.results import EvaluationResult, UnitResult
from govscore.scoring.source import Source

ZERO = Decimal(0)


@dataclass(frozen=True)
class Standing:
    """One unit's result under one framework."""

    total: Decimal
    max_points: Decimal
    percent: Decimal
    grade: str
    rank: int  # 0: not ranked

    @classmethod
    def of(cls, result: UnitResult) -> Standing:
        grade = result.grade.grade if result.grade is not None else ""
        return cls(result.total, result.max_points, result.percent, grade, result.rank)


@dataclass(frozen=True)
class UnitComparison:
    code: str
    name: str
    group: str
    before: Standing
    after: Standing

    @property
    def move(self) -> int | None:
        """Places moved up under the draft (negative: down); None when either side has no rank."""
        if not self.before.rank or not self.after.rank:
            return None
        return self.before.rank - self.after.rank

    @property
    def grade_changed(self) -> bool:
        return self.before.grade != self.after.grade

    @property
    def moved(self) -> bool:
        return bool(self.move) or self.grade_changed


@dataclass(frozen=True)
class Tau:
    """Kendall's tau-b over `pairs` pairs of units; None when either ranking ties every pair."""

    value: float | None
    pairs: int
    concordant: int
    discordant: int
    tied_before: int
    tied_after: int


@dataclass(frozen=True)
class CriterionEffect:
    """How one (leaf) criterion's points changed: over the units that moved, and over all units."""

    code: str
    title: str
    max_before: Decimal | None  # None: not in that framework
    max_after: Decimal | None
    moved_change: Decimal  # points gained (negative: lost) summed over the moved units
    moved_size: Decimal  # the changes' sizes summed over the moved units: what orders the list
    moved_units: int  # moved units whose points on it changed
    all_change: Decimal


@dataclass(frozen=True)
class WhatIf:
    current: Framework
    draft: Framework
    year: int
    units: tuple[UnitComparison, ...]  # by group, in the draft's rank order
    tau: Tau
    criteria: tuple[CriterionEffect, ...]  # the criteria that changed points of moved units, largest first

    @property
    def grade_changes(self) -> list[UnitComparison]:
        return [unit for unit in self.units if unit.grade_changed]

    def largest_moves(self, count: int = 5) -> list[UnitComparison]:
        moved = [unit for unit in self.units if unit.move]
        return sorted(moved, key=lambda unit: (-abs(unit.move or 0), unit.after.rank, unit.code))[:count]

    def groups(self) -> list[tuple[str, list[UnitComparison]]]:
        seen: dict[str, list[UnitComparison]] = {}
        for unit in self.units:
            seen.setdefault(unit.group, []).append(unit)
        return list(seen.items())


def move_text(move: int | None) -> str:
    """`▲ 2` (up two places), `▼ 1`, `=`; empty without a rank on either side."""
    if move is None:
        return ""
    return f"▲ {move}" if move > 0 else f"▼ {-move}" if move < 0 else "="


def replayed(evaluation: Evaluation, draft: Framework, label: str) -> Evaluation:
    """The period's units and facts as an evaluation under `draft`; ValidationFailed when it cannot be.

    `label` names the period's data in messages (a file path, or the year of a stored period).
    """
    missing = [indicator for indicator in draft.indicators if _lacking(evaluation, indicator.code)]
    problems = [
        Problem(
            indicator.location,
            "whatif.fact_missing",
            {"indicator": indicator.code, "title": indicator.title, "period": label},
            indicator.code,
        )
        for indicator in missing
    ]
    if problems:
        raise ValidationFailed(problems)
    data = evaluation_data(evaluation, "", published=False)
    indicators = {indicator.code for indicator in draft.indicators}
    criteria = {criterion.code: criterion for criterion in draft.walk()}
    units = data["units"]
    assert isinstance(units, list)
    for unit in units:
        _keep(unit, "facts", indicators)
        _keep(unit, "not_applicable", set(criteria))
        _keep(unit, "overrides", {code for code, criterion in criteria.items() if criterion.is_leaf})
    return evaluation_from_data(data, Source(label), _for_units(draft, {unit.code for unit in evaluation.units}))


def _for_units(draft: Framework, codes: set[str]) -> Framework:
    """The draft with its substitutes naming only the period's units: a file must not name a unit it does
    not hold, but a draft written for the coming year may name a unit the past period did not have."""

    def trimmed(criterion: Criterion) -> Criterion:
        substitute = criterion.substitute
        if substitute is not None and not set(substitute.units) <= codes:
            units = tuple(code for code in substitute.units if code in codes)
            criterion = replace(criterion, substitute=replace(substitute, units=units))
        return replace(criterion, children=tuple(trimmed(child) for child in criterion.children))

    if all(set(c.substitute.units) <= codes for c in draft.walk() if c.substitute is not None):
        return draft
    return replace(draft, criteria=tuple(trimmed(criterion) for criterion in draft.criteria))


def _lacking(evaluation: Evaluation, code: str) -> bool:
    known = {indicator.code for indicator in evaluation.framework.indicators}
    return code not in known and not any(code in unit.facts for unit in evaluation.units)


def _keep(unit: dict[str, object], name: str, codes: set[str]) -> None:
    items = unit.get(name)
    if isinstance(items, dict):
        unit[name] = {code: value for code, value in items.items() if code in codes}


def compare(evaluation: Evaluation, draft: Framework, label: str, lang: str = "vi") -> WhatIf:
    """The period under its own framework beside the period under `draft`."""
    before = score(evaluation, lang, narrate=False)
    after = score(replayed(evaluation, draft, label), lang, narrate=False)
    return comparison(before, after)


def comparison(before: EvaluationResult, after: EvaluationResult) -> WhatIf:
    old = {result.unit.code: result for result in before.units}
    units = []
    for _group, members in after.groups():
        for result in members:
            previous = old[result.unit.code]
            units.append(
                UnitComparison(
                    result.unit.code,
                    result.unit.name,
                    result.unit.group,
                    Standing.of(previous),
                    Standing.of(result),
                )
            )
    ranked = [(unit.group, unit.before.rank, unit.after.rank) for unit in units if unit.before.rank and unit.after.rank]
    moved = {unit.code for unit in units if unit.moved}
    effects = criterion_effects(before, after, moved)
    return WhatIf(
        before.evaluation.framework,
        after.evaluation.framework,
        before.evaluation.period.year,
        tuple(units),
        kendall_tau_b(ranked),
        effects,
    )


def kendall_tau_b(ranks: Sequence[tuple[str, int, int]]) -> Tau:
    """tau-b of (group, rank before, rank after) triples, over pairs within one group.

    tau-b = (C − D) / √((P − T₁)(P − T₂)) with P pairs, C concordant, D discordant, T₁ and T₂ the pairs
    tied in the first and in the second ranking (a pair tied in both counts in T₁ and T₂).
    """
    pairs = concordant = discordant = tied_before = tied_after = 0
    for index, (group, first, second) in enumerate(ranks):
        for other_group, other_first, other_second in ranks[index + 1 :]:
            if other_group != group:
                continue
            pairs += 1
            one, two = first - other_first, second - other_second
            if one == 0:
                tied_before += 1
            if two == 0:
                tied_after += 1
            if one * two > 0:
                concordant += 1
            elif one * two < 0:
                discordant += 1
    denominator = (pairs - tied_before) * (pairs - tied_after)
    value = (concordant - discordant) / math.sqrt(denominator) if denominator else None
    return Tau(value, pairs, concordant, discordant, tied_before, tied_after)


def _leaf_points(result: UnitResult) -> dict[str, Decimal]:
    return {item.code: item.points for item in result.all_criteria() if not item.children and item.applicable}


def criterion_effects(
    before: EvaluationResult, after: EvaluationResult, moved: set[str]
) -> tuple[CriterionEffect, ...]:
    current, draft = before.evaluation.framework, after.evaluation.framework
    old = {result.unit.code: _leaf_points(result) for result in before.units}
    changes: dict[str, list[tuple[str, Decimal]]] = {}
    for result in after.units:
        new, was = _leaf_points(result), old[result.unit.code]
        for code in {*new, *was}:
            change = new.get(code, ZERO) - was.get(code, ZERO)
            if change:
                changes.setdefault(code, []).append((result.unit.code, change))
    effects = []
    for code, items in changes.items():
        among = [change for unit, change in items if unit in moved]
        if not among:
            continue
        effects.append(
            CriterionEffect(
                code,
                _title(code, (draft, current)),
                _max(current, code),
                _max(draft, code),
                sum(among, ZERO),
                sum((abs(change) for change in among), ZERO),
                len(among),
                sum((change for _unit, change in items), ZERO),
            )
        )
    return tuple(sorted(effects, key=lambda effect: (-effect.moved_size, effect.code)))


def _title(code: str, frameworks: Iterable[Framework]) -> str:
    for framework in frameworks:
        try:
            return framework.criterion(code).title
        except KeyError:
            continue
    return code


def _max(framework: Framework, code: str) -> Decimal | None:
    try:
        return framework.criterion(code).max_points
    except KeyError:
        return None
