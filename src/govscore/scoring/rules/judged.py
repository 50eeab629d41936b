"""Points set by people: a manual (council) score, and signed deductions / bonuses."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from govscore.scoring.model import Adjustment, Score
from govscore.scoring.rules.base import ZERO, Cells, Column, Detail, Outcome, Rule, RuleInput, Step, clamp, no_data
from govscore.scoring.rules.params import ParamReader
from govscore.scoring.values import Titles, Value


@dataclass(frozen=True)
class Manual(Rule):
    """Points in [min, max] entered by an evaluator or council, always with a reason."""

    type_name: ClassVar[str] = "manual"
    fact_names: ClassVar[frozenset[str]] = frozenset({"reason"})

    indicator: str
    minimum: Decimal = ZERO

    @classmethod
    def parse(cls, p: ParamReader) -> Manual:
        indicator = p.indicator("indicator", frozenset({"score"}))
        return cls(indicator, p.decimal("min", ZERO))

    def indicators(self) -> tuple[str, ...]:
        return (self.indicator,)

    def possible_min(self, max_points: Decimal) -> Decimal:
        return self.minimum

    def evaluate(self, inp: RuleInput) -> Outcome:
        value = inp.fact(self.indicator)
        if not isinstance(value, Score):
            return no_data()
        points = clamp(value.points, self.minimum, inp.max_points)

        def detail() -> Detail:
            steps = [Step("explain.manual", {"points": value.points, "reason": value.reason})]
            if points != value.points:
                steps.append(Step("explain.clamped", {"low": self.minimum, "high": inp.max_points, "points": points}))
            return steps, {"reason": value.reason}

        return Outcome(points, detail=detail)

    def column(self, cells: Cells) -> Column:
        low, high = self.minimum, cells.max_points
        return [
            clamp(value.points, low, high) if isinstance(value, Score) else ZERO
            for value in cells.values(self.indicator)
        ], set()


@dataclass(frozen=True)
class Adjustments(Rule):
    """Signed items, each with its reason: deductions below zero, bonuses above, within bounds."""

    type_name: ClassVar[str] = "adjustments"
    fact_names: ClassVar[frozenset[str]] = frozenset(
        {"reasons", "deductions", "bonuses", "count", "deduction_reasons", "bonus_reasons"}
    )

    indicator: str
    minimum: Decimal
    maximum: Decimal | None = None

    @classmethod
    def parse(cls, p: ParamReader) -> Adjustments:
        indicator = p.indicator("indicator", frozenset({"adjustments"}))
        return cls(indicator, p.decimal("min"), p.optional_decimal("max"))

    def indicators(self) -> tuple[str, ...]:
        return (self.indicator,)

    def possible_max(self, max_points: Decimal) -> Decimal:
        return max_points if self.maximum is None else self.maximum

    def possible_min(self, max_points: Decimal) -> Decimal:
        return self.minimum

    def evaluate(self, inp: RuleInput) -> Outcome:
        value = inp.fact(self.indicator)
        items: tuple[Adjustment, ...] = ()
        if isinstance(value, tuple):
            items = tuple(item for item in value if isinstance(item, Adjustment))
        raw = sum((item.points for item in items), ZERO)
        high = inp.max_points if self.maximum is None else min(self.maximum, inp.max_points)
        points = clamp(raw, self.minimum, high)
        return Outcome(points, detail=lambda: self._detail(items, raw, high, points))

    def column(self, cells: Cells) -> Column:
        high = cells.max_points if self.maximum is None else min(self.maximum, cells.max_points)
        none = clamp(ZERO, self.minimum, high)  # most units have no adjustment
        points: list[Decimal] = []
        for value in cells.values(self.indicator):
            if value is None:
                points.append(none)
                continue
            items: tuple[Adjustment, ...] = ()
            if isinstance(value, tuple):
                items = tuple(item for item in value if isinstance(item, Adjustment))
            points.append(clamp(sum((item.points for item in items), ZERO), self.minimum, high))
        return points, set()

    def _detail(self, items: tuple[Adjustment, ...], raw: Decimal, high: Decimal, points: Decimal) -> Detail:
        steps = [
            Step(
                "explain.adjustment",
                {"sign": "+" if item.points > 0 else "", "points": item.points, "reason": item.reason},
            )
            for item in items
        ]
        steps.append(
            Step("explain.adjustments_total", {"raw": raw, "low": self.minimum, "high": high, "points": points})
        )
        deductions = [item for item in items if item.points < 0]
        bonuses = [item for item in items if item.points > 0]
        facts: dict[str, Value] = {
            "reasons": Titles(tuple(item.reason for item in items)),
            "deduction_reasons": Titles(tuple(item.reason for item in deductions)),
            "bonus_reasons": Titles(tuple(item.reason for item in bonuses)),
            "deductions": -sum((item.points for item in deductions), ZERO),
            "bonuses": sum((item.points for item in bonuses), ZERO),
            "count": len(items),
        }
        return steps, facts
