"""Rules that add credits: additive conditions and counted items with a cap."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from govscore.scoring.model import Choice, FactValue
from govscore.scoring.rules.base import (
    ZERO,
    Cells,
    Column,
    Detail,
    Outcome,
    Raise,
    Rule,
    RuleInput,
    Step,
    ceil_to,
    no_data,
)
from govscore.scoring.rules.params import ParamReader
from govscore.scoring.values import Titles, Value


@dataclass(frozen=True)
class Condition:
    indicator: str
    points: Decimal
    title: str


@dataclass(frozen=True)
class Additive(Rule):
    """A sum of partial credits, one per condition met (attends meetings ½ + chairs them ½)."""

    type_name: ClassVar[str] = "additive"
    fact_names: ClassVar[frozenset[str]] = frozenset({"met", "unmet", "met_count", "unmet_count"})

    conditions: tuple[Condition, ...]

    @classmethod
    def parse(cls, p: ParamReader) -> Additive:
        return cls(tuple(p.mappings("conditions", _condition)))

    def indicators(self) -> tuple[str, ...]:
        return tuple(condition.indicator for condition in self.conditions)

    def possible_max(self, max_points: Decimal) -> Decimal:
        return sum((condition.points for condition in self.conditions), ZERO)

    def evaluate(self, inp: RuleInput) -> Outcome:
        answers = {condition.indicator: inp.fact(condition.indicator) for condition in self.conditions}
        if all(not isinstance(answer, bool) for answer in answers.values()):
            return no_data()
        met = [answers[condition.indicator] is True for condition in self.conditions]
        earned = sum((condition.points for condition, yes in zip(self.conditions, met, strict=True) if yes), ZERO)
        points = min(earned, inp.max_points)
        return Outcome(points, detail=lambda: self._detail(met, points))

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        return tuple(
            Raise(condition.indicator, True, Decimal(1))
            for condition in self.conditions
            if condition.points > 0 and inp.fact(condition.indicator) is not True
        )

    def raise_words(self, inp: RuleInput, indicator: str, before: FactValue | None, after: FactValue) -> Step:
        titles = [condition.title for condition in self.conditions if condition.indicator == indicator]
        return Step("raise.answer", {"title": titles[0]} if titles else {})

    def column(self, cells: Cells) -> Column:
        # Only yes, no or neither matters of an answer: the units fall into a few patterns, each scored once.
        answers = [
            [value if isinstance(value, bool) else None for value in cells.values(condition.indicator)]
            for condition in self.conditions
        ]
        patterns: list[tuple[bool | None, ...]] = (
            list(zip(*answers, strict=True)) if answers else [()] * len(cells.facts)
        )
        by_pattern: dict[tuple[bool | None, ...], Decimal] = {}
        points: list[Decimal] = []
        for pattern in patterns:
            if pattern not in by_pattern:
                by_pattern[pattern] = self._earned(pattern, cells.max_points)
            points.append(by_pattern[pattern])
        return points, set()

    def _earned(self, pattern: tuple[bool | None, ...], max_points: Decimal) -> Decimal:
        if all(answer is None for answer in pattern):
            return ZERO
        met = [answer is True for answer in pattern]
        earned = sum((condition.points for condition, yes in zip(self.conditions, met, strict=True) if yes), ZERO)
        return min(earned, max_points)

    def _detail(self, met: list[bool], points: Decimal) -> Detail:
        steps = [
            Step(
                "explain.condition",
                {
                    "title": condition.title,
                    "answer": Step("answer.yes" if yes else "answer.no"),
                    "points": condition.points if yes else ZERO,
                },
            )
            for condition, yes in zip(self.conditions, met, strict=True)
        ]
        steps.append(Step("explain.sum", {"points": points}))
        titles = [(condition.title, yes) for condition, yes in zip(self.conditions, met, strict=True)]
        done = tuple(title for title, yes in titles if yes)
        undone = tuple(title for title, yes in titles if not yes)
        facts: dict[str, Value] = {
            "met": Titles(done),
            "unmet": Titles(undone),
            "met_count": len(done),
            "unmet_count": len(undone),
        }
        return steps, facts


def _condition(p: ParamReader) -> Condition:
    indicator = p.indicator("indicator", frozenset({"boolean"}))
    return Condition(indicator, p.decimal("points", minimum=ZERO), p.string("title", indicator))


@dataclass(frozen=True)
class CountedItems(Rule):
    """`min(n × each, cap)`; with an items indicator the missing ones are named."""

    type_name: ClassVar[str] = "counted_items"
    fact_names: ClassVar[frozenset[str]] = frozenset({"count", "present", "missing", "missing_count", "expected_count"})

    indicator: str
    each: Decimal
    cap: Decimal | None = None
    # The indicator's item list, so that missing items can be named in the narrative.
    expected: tuple[Choice, ...] = ()

    @classmethod
    def parse(cls, p: ParamReader) -> CountedItems:
        indicator = p.indicator("indicator", frozenset({"items", "count"}))
        each = p.decimal("each", minimum=ZERO)
        known = p.ctx.indicators.get(indicator)
        expected = known.choices if known is not None else ()
        return cls(indicator, each, p.optional_decimal("cap", minimum=ZERO), expected)

    def indicators(self) -> tuple[str, ...]:
        return (self.indicator,)

    def possible_max(self, max_points: Decimal) -> Decimal:
        return max_points if self.cap is None else self.cap

    def evaluate(self, inp: RuleInput) -> Outcome:
        value = inp.fact(self.indicator)
        cap = inp.max_points if self.cap is None else min(self.cap, inp.max_points)
        present: set[str] | None = None
        if isinstance(value, Decimal):
            count = int(value)
        elif isinstance(value, tuple) and all(isinstance(item, str) for item in value):
            present = {str(item) for item in value}
            count = len(present)
        else:
            return no_data()
        points = min(count * self.each, cap)

        def detail() -> Detail:
            facts: dict[str, Value] = {"count": count} if present is None else self._item_facts(present)
            steps = [Step("explain.items", {"count": count, "each": self.each, "cap": cap, "points": points})]
            missing = facts.get("missing")
            if isinstance(missing, Titles) and missing.items:
                steps.append(Step("explain.items_missing", {"missing": missing}))
            return steps, facts

        return Outcome(points, detail=detail)

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        """The fewest more items giving `needed` points (the first missing ones of the list), or all the
        cap still allows."""
        value = inp.fact(self.indicator)
        cap = inp.max_points if self.cap is None else min(self.cap, inp.max_points)
        if self.each <= 0:
            return ()
        if isinstance(value, tuple) or (value is None and self.expected):
            present = {str(item) for item in value or ()}
            missing = [choice.code for choice in self.expected if choice.code not in present]
            room = int(ceil_to(max(cap - len(present) * self.each, ZERO) / self.each, 0))
            wanted = min(max(1, int(ceil_to(needed / self.each, 0))), room, len(missing))
            if wanted <= 0:
                return ()
            added = present | set(missing[:wanted])
            new = tuple(choice.code for choice in self.expected if choice.code in added)
            return (Raise(self.indicator, new, Decimal(wanted) / max(len(self.expected), 1)),)
        if not isinstance(value, Decimal):
            return ()
        room = int(ceil_to(max(cap - int(value) * self.each, ZERO) / self.each, 0))
        wanted = min(max(1, int(ceil_to(needed / self.each, 0))), room)
        span = cap / self.each
        return (Raise(self.indicator, value + wanted, min(wanted / span, Decimal(1))),) if wanted > 0 else ()

    def raise_words(self, inp: RuleInput, indicator: str, before: FactValue | None, after: FactValue) -> Step:
        if not isinstance(after, tuple):
            return Step("raise.reach")
        had = set(before) if isinstance(before, tuple) else set()
        titles = {choice.code: choice.title for choice in self.expected}
        added = tuple(titles.get(str(code), str(code)) for code in after if code not in had)
        return Step("raise.items", {"items": Titles(added)})

    def column(self, cells: Cells) -> Column:
        cap = cells.max_points if self.cap is None else min(self.cap, cells.max_points)
        by_count: dict[int, Decimal] = {}
        points: list[Decimal] = []
        counted: dict[tuple[object, ...], int | None] = {}  # units share a few lists of items
        for value in cells.values(self.indicator):
            count: int | None = None
            if isinstance(value, Decimal):
                count = int(value)
            elif isinstance(value, tuple):
                if value not in counted:
                    counted[value] = len(set(value)) if all(isinstance(item, str) for item in value) else None
                count = counted[value]
            if count is None:
                points.append(ZERO)
                continue
            if count not in by_count:
                by_count[count] = min(count * self.each, cap)
            points.append(by_count[count])
        return points, set()

    def _item_facts(self, present: set[str]) -> dict[str, Value]:
        titles = {choice.code: choice.title for choice in self.expected}
        ordered = [choice.code for choice in self.expected] + sorted(present - titles.keys())
        missing = tuple(titles[code] for code in titles if code not in present)
        return {
            "count": len(present),
            "present": Titles(tuple(titles.get(code, code) for code in ordered if code in present)),
            "missing": Titles(missing),
            "missing_count": len(missing),
            "expected_count": len(self.expected),
        }
