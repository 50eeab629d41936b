"""Every unit's points, criterion by criterion: the table scoring ranks and stores from.

A criterion is scored down its column: its rule reads the column of facts it needs and gives every
unit's points in one call (`Rule.column`), its parameters read once. A parent's column is the sum of
its children's, a unit's total the sum of the top criteria's. The table keeps numbers only; a unit's
`CriterionResult`s, with their explanations, are made when someone reads them (`engine`).

Sums follow the engine's order exactly (zero, then each applicable child in turn), so totals are the
same Decimals to the last digit: a criterion that does not apply to a unit holds zero in its column,
and adding zero to a sum that started at zero changes neither its value nor its digits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from operator import add, or_

from govscore.scoring.model import Criterion, Framework, Override, Period, UnitData
from govscore.scoring.results import CriterionResult
from govscore.scoring.rules.base import ZERO, Cells, GroupSummary
from govscore.scoring.values import quantize

# A criterion's column: each unit's points, max and whether the criterion applies to it.
Columns = tuple[list[Decimal], list[Decimal], list[bool]]
# The engine's result of one criterion for one unit, for the rare cells scored one at a time.
Explained = Callable[[Criterion, UnitData], CriterionResult | None]


def _made(criterion: Criterion, unit: UnitData) -> CriterionResult | None:
    raise AssertionError("the table is already made")


class Table:
    """The points, maxima and applicability of every criterion for every unit of `units`."""

    def __init__(
        self,
        framework: Framework,
        period: Period,
        units: Sequence[UnitData],
        summary: GroupSummary,
        explained: Explained,
    ) -> None:
        self.framework, self.period, self.units = framework, period, units
        self._summary, self._explained = summary, explained
        self._size = len(units)
        self._groups = [unit.group for unit in units]
        self._facts = [unit.facts for unit in units]
        self._active = [unit.active_months for unit in units]
        self.columns: dict[str, Columns] = {}
        # (criterion code, unit position) → the engine's result where a unit answers a substitute.
        self.special: dict[tuple[str, int], CriterionResult] = {}
        self._flagged: dict[str, set[int]] = {}  # criterion code → units substituting it or excused from it
        self._overrides: dict[str, dict[int, Override]] = {}
        replaced = {
            (criterion.substitute.replaces, code)
            for criterion in framework.walk()
            if criterion.substitute is not None
            for code in criterion.substitute.units
        }
        replacing = {code for _replaces, code in replaced}
        for position, unit in enumerate(units):
            for code in unit.not_applicable:
                self._flagged.setdefault(code, set()).add(position)
            for code, override in unit.overrides.items():
                self._overrides.setdefault(code, {})[position] = override
            if unit.code in replacing:
                for replaces, code in replaced:
                    if code == unit.code:
                        self._flagged.setdefault(replaces, set()).add(position)
        self.exact, self.maxima, _applicable = self._sum(framework.criteria, list(range(self._size)))
        # The engine is needed only while the table is made; holding it would make a reference cycle.
        self._explained = _made

    def _sum(self, criteria: Sequence[Criterion], members: list[int]) -> Columns:
        points, maxima, applicable = [ZERO] * self._size, [ZERO] * self._size, [False] * self._size
        for criterion in criteria:
            if criterion.substitute is not None:
                continue  # scored only in the place of the criterion it replaces
            child = self._node(criterion, members)
            points = list(map(add, points, child[0]))
            maxima = list(map(add, maxima, child[1]))
            applicable = list(map(or_, applicable, child[2]))
        return points, maxima, applicable

    def _node(self, criterion: Criterion, members: list[int]) -> Columns:
        flagged = self._flagged.get(criterion.code, set())
        regular = members
        if criterion.applies_to or flagged:
            regular = [
                position
                for position in members
                if position not in flagged and criterion.applies_to_group(self._groups[position])
            ]
        columns = self._sum(criterion.children, regular) if criterion.children else self._leaf(criterion, regular)
        if flagged:
            for position in sorted(flagged.intersection(members)):
                self._one(criterion, position, columns)
        self.columns[criterion.code] = columns
        return columns

    def _one(self, criterion: Criterion, position: int, columns: Columns) -> None:
        """A cell the engine scores alone: a substitute's, or one the unit is excused from."""
        result = self._explained(criterion, self.units[position])
        assert result is not None
        self.special[(criterion.code, position)] = result
        if result.applicable:
            columns[0][position], columns[1][position], columns[2][position] = result.points, result.max_points, True

    def _leaf(self, criterion: Criterion, members: list[int]) -> Columns:
        size = self._size
        points, maxima, applicable = [ZERO] * size, [ZERO] * size, [False] * size
        if not members:
            return points, maxima, applicable
        assert criterion.rule is not None
        units = self.units
        if len(members) == size:  # every unit, in order: read once for all criteria
            facts, groups, active = self._facts, self._groups, self._active
        else:
            facts = [units[position].facts for position in members]
            groups = [self._groups[position] for position in members]
            active = [units[position].active_months for position in members]
        cells = Cells(facts, groups, active, criterion.max_points, self.period, self._summary)
        computed, excluded = criterion.rule.column(cells)
        rounding = self.framework.rounding
        if rounding.at == "criterion":
            computed = [quantize(each, rounding.places, rounding.mode) for each in computed]
        overrides = self._overrides.get(criterion.code, {})
        highest = criterion.max_points
        if not excluded and not overrides and len(members) == size:
            return computed, [highest] * size, [True] * size  # every unit, in order: the usual case
        for index, position in enumerate(members):
            if index in excluded:
                continue
            override = overrides.get(position)
            points[position] = computed[index] if override is None else override.points
            maxima[position], applicable[position] = highest, True
        return points, maxima, applicable

    def applicable_points(self, position: int) -> Mapping[str, tuple[Decimal, Decimal]]:
        """Every criterion that applies to the unit at `position`: its points and max, in the order of the
        criteria tree (a substitute under its own code)."""
        found: dict[str, tuple[Decimal, Decimal]] = {}

        def visit(criterion: Criterion) -> None:
            if criterion.substitute is not None:
                return
            special = self.special.get((criterion.code, position))
            if special is not None:
                found.update((item.code, (item.points, item.max_points)) for item in special.walk() if item.applicable)
                return
            points, maxima, applicable = self.columns[criterion.code]
            if applicable[position]:
                found[criterion.code] = (points[position], maxima[position])
                for child in criterion.children:
                    visit(child)

        for criterion in self.framework.criteria:
            visit(criterion)
        return found
