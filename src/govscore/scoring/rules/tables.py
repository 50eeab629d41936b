"""Rules that look a value up: step table, yes/no, categorical."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from govscore.scoring.model import FactValue
from govscore.scoring.rules.base import (
    NUMERIC_TYPES,
    ZERO,
    Cells,
    Column,
    Detail,
    Outcome,
    Raise,
    Rule,
    RuleInput,
    Step,
    no_data,
)
from govscore.scoring.rules.params import ParamReader
from govscore.scoring.values import Percent


@dataclass(frozen=True)
class Threshold:
    at_least: Decimal
    points: Decimal


@dataclass(frozen=True)
class StepTable(Rule):
    """The highest step the value reaches gives its points (4 meetings → 20, 3 → 15, …)."""

    type_name: ClassVar[str] = "step_table"
    fact_names: ClassVar[frozenset[str]] = frozenset({"value"})

    indicator: str
    steps: tuple[Threshold, ...]
    otherwise: Decimal = ZERO

    @classmethod
    def parse(cls, p: ParamReader) -> StepTable:
        indicator = p.indicator("indicator", NUMERIC_TYPES)
        steps = p.mappings("steps", _threshold)
        otherwise = p.decimal("otherwise", ZERO, minimum=ZERO)
        ordered = tuple(sorted(steps, key=lambda step: step.at_least, reverse=True))
        return cls(indicator, ordered, otherwise)

    def indicators(self) -> tuple[str, ...]:
        return (self.indicator,)

    def possible_max(self, max_points: Decimal) -> Decimal:
        return max([self.otherwise, *(step.points for step in self.steps)])

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        """Each higher step the value does not reach yet, at its threshold."""
        value = inp.fact(self.indicator)
        current = self.evaluate(inp).points if isinstance(value, Decimal) else ZERO
        start = value if isinstance(value, Decimal) else ZERO
        top = max((step.at_least for step in self.steps), default=ZERO)
        span = max(top - min(start, ZERO), Decimal(1))
        return tuple(
            Raise(self.indicator, step.at_least, min(max(step.at_least - start, ZERO) / span, Decimal(1)))
            for step in reversed(self.steps)
            if step.points > current and (not isinstance(value, Decimal) or step.at_least > value)
        )

    def evaluate(self, inp: RuleInput) -> Outcome:
        value = inp.fact(self.indicator)
        if not isinstance(value, Decimal):
            return no_data()
        reached = next((step for step in self.steps if value >= step.at_least), None)

        def detail() -> Detail:
            if reached is None:
                return (Step("explain.step_none", {"value": value, "points": self.otherwise}),), {"value": value}
            args = {"value": value, "threshold": reached.at_least, "points": reached.points}
            return (Step("explain.step", args),), {"value": value}

        return Outcome(self.otherwise if reached is None else reached.points, detail=detail)

    def column(self, cells: Cells) -> Column:
        by_value: dict[Decimal, Decimal] = {}  # equal values reach the same step
        points: list[Decimal] = []
        for value in cells.values(self.indicator):
            if not isinstance(value, Decimal):
                points.append(ZERO)
                continue
            if value not in by_value:
                reached = next((step for step in self.steps if value >= step.at_least), None)
                by_value[value] = self.otherwise if reached is None else reached.points
            points.append(by_value[value])
        return points, set()


def _threshold(p: ParamReader) -> Threshold:
    return Threshold(p.decimal("at_least"), p.decimal("points", minimum=ZERO))


@dataclass(frozen=True)
class YesNo(Rule):
    type_name: ClassVar[str] = "yes_no"
    fact_names: ClassVar[frozenset[str]] = frozenset({"value"})

    indicator: str
    yes: Decimal | None = None
    no: Decimal = ZERO

    @classmethod
    def parse(cls, p: ParamReader) -> YesNo:
        indicator = p.indicator("indicator", frozenset({"boolean"}))
        return cls(indicator, p.optional_decimal("yes", minimum=ZERO), p.decimal("no", ZERO, minimum=ZERO))

    def indicators(self) -> tuple[str, ...]:
        return (self.indicator,)

    def possible_max(self, max_points: Decimal) -> Decimal:
        return max(self.no, max_points if self.yes is None else self.yes)

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        better = (inp.max_points if self.yes is None else self.yes) > self.no
        return () if inp.fact(self.indicator) is better else (Raise(self.indicator, better, Decimal(1)),)

    def raise_words(self, inp: RuleInput, indicator: str, before: FactValue | None, after: FactValue) -> Step:
        return Step("raise.answer")

    def evaluate(self, inp: RuleInput) -> Outcome:
        value = inp.fact(self.indicator)
        if not isinstance(value, bool):
            return no_data()
        yes_points = inp.max_points if self.yes is None else self.yes
        points = yes_points if value else self.no

        def detail() -> Detail:
            answer = Step("answer.yes" if value else "answer.no")
            return (Step("explain.yes_no", {"answer": answer, "points": points}),), {"value": value}

        return Outcome(points, detail=detail)

    def column(self, cells: Cells) -> Column:
        yes = cells.max_points if self.yes is None else self.yes
        by_answer = {True: yes, False: self.no}
        return [by_answer[value] if isinstance(value, bool) else ZERO for value in cells.values(self.indicator)], set()


@dataclass(frozen=True)
class Categorical(Rule):
    """Each category earns a fraction of the max (chairman 1, deputy ½, none 0)."""

    type_name: ClassVar[str] = "categorical"
    fact_names: ClassVar[frozenset[str]] = frozenset({"category", "fraction"})

    indicator: str
    fractions: tuple[tuple[str, Decimal], ...]

    @classmethod
    def parse(cls, p: ParamReader) -> Categorical:
        indicator = p.indicator("indicator", frozenset({"category"}))
        fractions = p.decimal_map("fractions")
        known = p.ctx.indicators.get(indicator)
        for code, fraction in fractions.items():
            if not ZERO <= fraction <= 1:
                p.ctx.problem(p.path + ("fractions", code), "field.range", field=code, low=0, high=1, actual=fraction)
            if known is not None and known.choices and code not in {choice.code for choice in known.choices}:
                allowed = ", ".join(choice.code for choice in known.choices)
                p.ctx.problem(
                    p.path + ("fractions", code), "fact.item_unknown", indicator=indicator, item=code, allowed=allowed
                )
        return cls(indicator, tuple(fractions.items()))

    def indicators(self) -> tuple[str, ...]:
        return (self.indicator,)

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        """Each category earning more than the unit's (a categorical change is a whole step)."""
        value = inp.fact(self.indicator)
        fractions = dict(self.fractions)
        current = fractions.get(value, ZERO) if isinstance(value, str) else ZERO
        return tuple(Raise(self.indicator, code, Decimal(1)) for code, fraction in self.fractions if fraction > current)

    def raise_words(self, inp: RuleInput, indicator: str, before: FactValue | None, after: FactValue) -> Step:
        return Step("raise.answer")

    def evaluate(self, inp: RuleInput) -> Outcome:
        value = inp.fact(self.indicator)
        if not isinstance(value, str):
            return no_data()
        fraction = dict(self.fractions).get(value, ZERO)
        points = inp.max_points * fraction

        def detail() -> Detail:
            args = {"category": value, "fraction": fraction, "max": inp.max_points, "points": points}
            return (Step("explain.category", args),), {"category": value, "fraction": Percent(fraction)}

        return Outcome(points, detail=detail)

    def column(self, cells: Cells) -> Column:
        fractions = dict(self.fractions)
        by_category: dict[str, Decimal] = {}
        points: list[Decimal] = []
        for value in cells.values(self.indicator):
            if not isinstance(value, str):
                points.append(ZERO)
                continue
            if value not in by_category:
                by_category[value] = cells.max_points * fractions.get(value, ZERO)
            points.append(by_category[value])
        return points, set()
