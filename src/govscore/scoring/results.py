"""What scoring gives: each criterion's points with their explanation, each unit's total, grade and rank.

Explanations are made when they are read: ranking a country's units needs their points alone.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from govscore.scoring.model import Band, Evaluation, FactValue, GradeCap, Override, UnitData
from govscore.scoring.narrative import Sentence
from govscore.scoring.rules.base import Outcome, Step
from govscore.scoring.values import Value


class CriterionResult:
    """One criterion's points for one unit, and why: its explanation (`steps`), the facts its sentences may
    name, and the inputs it read. The explanation is made when it is read (see `Outcome`)."""

    __slots__ = (
        "_after",
        "_before",
        "_outcome",
        "_read",
        "applicable",
        "children",
        "code",
        "computed_points",
        "has_data",
        "max_points",
        "override",
        "points",
        "rule_type",
        "substitute_for",
        "title",
    )

    def __init__(
        self,
        code: str,
        title: str,
        max_points: Decimal,
        points: Decimal,
        applicable: bool = True,
        rule_type: str | None = None,
        outcome: Outcome | None = None,
        *,
        before: tuple[Step, ...] = (),
        after: tuple[Step, ...] = (),
        read: tuple[Mapping[str, FactValue], tuple[str, ...]] | None = None,
        children: tuple[CriterionResult, ...] = (),
        substitute_for: str | None = None,
        override: Override | None = None,
        computed_points: Decimal | None = None,
        has_data: bool = True,
    ) -> None:
        self.code, self.title, self.max_points, self.points = code, title, max_points, points
        self.applicable, self.rule_type, self.children = applicable, rule_type, children
        self.substitute_for, self.override, self.computed_points = substitute_for, override, computed_points
        self.has_data = has_data
        self._outcome, self._before, self._after, self._read = outcome, before, after, read

    @property
    def steps(self) -> tuple[Step, ...]:
        if self.children:
            return (Step("explain.children", {"points": self.points}),)
        middle = self._outcome.steps if self._outcome is not None else ()
        return (*self._before, *middle, *self._after)

    @property
    def facts(self) -> Mapping[str, Value]:
        return self._outcome.facts if self._outcome is not None else {}

    @property
    def inputs(self) -> Mapping[str, FactValue | None]:
        """The facts the rule read, by indicator code (None: no data)."""
        if self._read is None:
            return {}
        facts, codes = self._read
        return {code: facts.get(code) for code in codes}

    def _key(self) -> tuple[object, ...]:
        return (
            self.code,
            self.title,
            self.max_points,
            self.points,
            self.applicable,
            self.rule_type,
            self.steps,
            dict(self.facts),
            dict(self.inputs),
            self.children,
            self.substitute_for,
            self.override,
            self.computed_points,
            self.has_data,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CriterionResult) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CriterionResult({self.code!r}, points={self.points}, max={self.max_points})"

    def walk(self) -> list[CriterionResult]:
        if not self.children:
            return [self]  # most criteria are leaves, and every ledger and sentence walks them all
        return [self, *(item for child in self.children for item in child.walk())]


class Explainer(Protocol):
    """What makes a unit's criteria and sentences when they are read (the engine), and gives the points of
    its criteria from the scored table without making them."""

    def criteria_of(self, unit: UnitData) -> tuple[CriterionResult, ...]: ...

    def sentences_of(self, unit: UnitData, criteria: Sequence[CriterionResult]) -> tuple[Sentence, ...]: ...

    def points_of(self, row: int) -> Mapping[str, tuple[Decimal, Decimal]]: ...


@dataclass(frozen=True, eq=False)
class UnitResult:
    """A unit's total, grade and rank. Its criteria (each with its explanation) and its sentences are
    made when read: ranking or storing a country's results needs their numbers alone."""

    unit: UnitData
    exact_total: Decimal
    total: Decimal
    max_points: Decimal
    percent: Decimal
    grade: Band | None
    rank: int
    rounding_steps: tuple[Step, ...] = ()
    # What ranks the unit within its group: the value as published (rounded), never hidden digits.
    rank_value: Decimal = Decimal(0)
    # The condition that lowered the grade its bands gave, and the grade a quota took from it.
    cap: GradeCap | None = None
    quota_from: str = ""
    explainer: Explainer | None = field(default=None, repr=False)
    # The unit's row in the explainer's table.
    row: int = field(default=-1, repr=False)

    @functools.cached_property
    def criteria(self) -> tuple[CriterionResult, ...]:
        return () if self.explainer is None else self.explainer.criteria_of(self.unit)

    @functools.cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return () if self.explainer is None else self.explainer.sentences_of(self.unit, self.criteria)

    def criteria_points(self) -> Mapping[str, tuple[Decimal, Decimal]]:
        """Every applicable criterion's points and max by code, without making the criteria."""
        if self.explainer is None:
            return {}
        return self.explainer.points_of(self.row)

    def _key(self) -> tuple[object, ...]:
        return (
            self.unit,
            self.exact_total,
            self.total,
            self.max_points,
            self.percent,
            self.grade,
            self.rank,
            self.rounding_steps,
            self.rank_value,
            self.cap,
            self.quota_from,
            self.criteria,
            self.sentences,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnitResult) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    @property
    def good(self) -> list[str]:
        return [sentence.text for sentence in self.sentences if sentence.column == "good"]

    @property
    def not_good(self) -> list[str]:
        return [sentence.text for sentence in self.sentences if sentence.column == "not_good"]

    def all_criteria(self) -> list[CriterionResult]:
        return [item for criterion in self.criteria for item in criterion.walk()]

    def criterion(self, code: str) -> CriterionResult:
        for item in self.all_criteria():
            if item.code == code:
                return item
        raise KeyError(code)


@dataclass(frozen=True)
class Previous:
    """A unit's result in the previous period, as it was published (or scored)."""

    year: int
    total: Decimal | None
    rank: int | None
    name: str = ""


@dataclass(frozen=True)
class Change:
    """This year against last: the points gained (negative: lost) and the places moved up (negative: down)."""

    previous: Previous
    total: Decimal | None
    rank: int | None


@dataclass(frozen=True)
class EvaluationResult:
    evaluation: Evaluation
    units: tuple[UnitResult, ...]
    # Each unit's change since the previous period, by unit code, where one is known (`previous`).
    changes: Mapping[str, Change] = field(default_factory=dict)

    def unit(self, name_or_code: str) -> UnitResult:
        wanted = self.evaluation.unit(name_or_code)
        return next(result for result in self.units if result.unit is wanted)

    @functools.cached_property
    def group_sizes(self) -> Mapping[str, int]:
        """Units per group, counted once: a ledger per unit must not rescan every unit (n² nationally)."""
        return Counter(result.unit.group for result in self.units)

    def groups(self) -> list[tuple[str, list[UnitResult]]]:
        """Units by group in the framework's group order, each list in rank order."""
        order = [group.code for group in self.evaluation.framework.groups]
        seen: dict[str, list[UnitResult]] = {}
        for result in self.units:
            seen.setdefault(result.unit.group, []).append(result)
        ordered = sorted(seen, key=lambda code: (order.index(code) if code in order else len(order), code))
        return [(code, seen[code]) for code in ordered]
