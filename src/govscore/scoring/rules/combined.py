"""Rules made of other rules: composite (a sum of parts) and best of cases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from govscore.scoring.model import FactValue
from govscore.scoring.rules.base import ZERO, Cells, Column, Detail, Outcome, Raise, Rule, RuleInput, Step
from govscore.scoring.rules.params import ParamReader, ParseContext, check_rule_bounds
from govscore.scoring.source import Path
from govscore.scoring.values import Value


@dataclass(frozen=True)
class Part:
    title: str
    max_points: Decimal
    rule: Rule


def _parse_nested(raw: Mapping[str, object], path: Path, ctx: ParseContext) -> Rule | None:
    from govscore.scoring.rules.registry import parse_rule  # the registry imports this module

    return parse_rule(raw, path, ctx)


def _part(p: ParamReader) -> Part | None:
    title = p.string("title")
    max_points = p.decimal("max", minimum=ZERO)
    p.seen.add("rule")
    raw = p.raw.get("rule")
    if not isinstance(raw, dict):
        p.ctx.problem(p.path, "field.required", field="rule")
        return None
    rule = _parse_nested(raw, p.path + ("rule",), p.ctx)
    if rule is None:
        return None
    code = f"{p.ctx.criterion} / {title}" if title else p.ctx.criterion
    check_rule_bounds(p.ctx, p.path + ("rule",), p.ctx.criterion, code, rule, max_points)
    return Part(title, max_points, rule)


def _compared(rules: Iterable[Rule]) -> tuple[tuple[str, str], ...]:
    return tuple(dict.fromkeys(pair for rule in rules for pair in rule.compared()))


def _raises(parts: Iterable[Part], inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
    return tuple(found for part in parts for found in part.rule.raises(inp.with_max(part.max_points), needed))


def _raise_words(parts: Iterable[Part], inp: RuleInput, code: str, before: FactValue | None, after: FactValue) -> Step:
    """The words of the first part that reads the indicator."""
    for part in parts:
        if code in part.rule.indicators():
            return part.rule.raise_words(inp.with_max(part.max_points), code, before, after)
    return Step("raise.reach")


def _relative_parts(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(part for rule in rules for part in rule.relative_parts())


def _evaluate_parts(parts: tuple[Part, ...], inp: RuleInput) -> tuple[Decimal, list[Outcome], bool]:
    outcomes = [part.rule.evaluate(inp.with_max(part.max_points)) for part in parts]
    total = sum((outcome.points for outcome in outcomes), ZERO)
    return total, outcomes, any(outcome.has_data for outcome in outcomes)


def _parts_column(parts: tuple[Part, ...], cells: Cells) -> list[Decimal]:
    """Each unit's sum of the parts' points, added in the parts' order as `_evaluate_parts` adds them."""
    totals = [ZERO] * len(cells.facts)
    for part in parts:
        points, _excluded = part.rule.column(cells.with_max(part.max_points))
        totals = [total + each for total, each in zip(totals, points, strict=True)]
    return totals


def _parts_detail(parts: tuple[Part, ...], outcomes: list[Outcome]) -> tuple[list[Step], dict[str, Value]]:
    steps: list[Step] = []
    facts: dict[str, Value] = {}
    for part, outcome in zip(parts, outcomes, strict=True):
        steps.append(Step("explain.part", {"title": part.title, "points": outcome.points}))
        steps.extend(outcome.steps)
        facts.update(outcome.facts)
    return steps, facts


@dataclass(frozen=True)
class Composite(Rule):
    """The sum of parts, each a rule with its own max (connection rate × 45 + applications ≤ 5)."""

    type_name: ClassVar[str] = "composite"
    fact_names: ClassVar[frozenset[str]] = frozenset({"parts_points"})

    parts: tuple[Part, ...]

    @classmethod
    def parse(cls, p: ParamReader) -> Composite:
        parts = p.mappings("parts", _part)
        return cls(tuple(part for part in parts if part is not None))

    def indicators(self) -> tuple[str, ...]:
        return tuple(code for part in self.parts for code in part.rule.indicators())

    def possible_max(self, max_points: Decimal) -> Decimal:
        return sum((part.max_points for part in self.parts), ZERO)

    def possible_min(self, max_points: Decimal) -> Decimal:
        # A signed part (deductions) can take the sum below zero; the parts say how far.
        return sum((part.rule.possible_min(part.max_points) for part in self.parts), ZERO)

    def compared(self) -> tuple[tuple[str, str], ...]:
        return _compared(part.rule for part in self.parts)

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        return _raises(self.parts, inp, needed)

    def raise_words(self, inp: RuleInput, indicator: str, before: FactValue | None, after: FactValue) -> Step:
        return _raise_words(self.parts, inp, indicator, before, after)

    def relative_parts(self) -> tuple[Rule, ...]:
        return _relative_parts(part.rule for part in self.parts)

    def evaluate(self, inp: RuleInput) -> Outcome:
        total, outcomes, any_data = _evaluate_parts(self.parts, inp)
        points = min(total, inp.max_points)

        def detail() -> Detail:
            steps, facts = _parts_detail(self.parts, outcomes)
            steps.append(Step("explain.sum", {"points": points}))
            facts["parts_points"] = points
            return steps, facts

        return Outcome(points, has_data=any_data, detail=detail)

    def column(self, cells: Cells) -> Column:
        return [min(total, cells.max_points) for total in _parts_column(self.parts, cells)], set()


@dataclass(frozen=True)
class Case:
    title: str
    parts: tuple[Part, ...]


def _case(p: ParamReader) -> Case:
    title = p.string("title")
    parts = p.mappings("parts", _part)
    return Case(title, tuple(part for part in parts if part is not None))


@dataclass(frozen=True)
class BestOf(Rule):
    """`max(case₁, case₂, …)`, each case a sum of parts; the unit gets its best case."""

    type_name: ClassVar[str] = "best_of"
    fact_names: ClassVar[frozenset[str]] = frozenset({"best_case"})

    cases: tuple[Case, ...]

    @classmethod
    def parse(cls, p: ParamReader) -> BestOf:
        return cls(tuple(p.mappings("cases", _case, minimum=2)))

    def indicators(self) -> tuple[str, ...]:
        return tuple(code for case in self.cases for part in case.parts for code in part.rule.indicators())

    def possible_max(self, max_points: Decimal) -> Decimal:
        return max((sum((part.max_points for part in case.parts), ZERO) for case in self.cases), default=ZERO)

    def possible_min(self, max_points: Decimal) -> Decimal:
        return min(
            (sum((part.rule.possible_min(part.max_points) for part in case.parts), ZERO) for case in self.cases),
            default=ZERO,
        )

    def compared(self) -> tuple[tuple[str, str], ...]:
        return _compared(part.rule for case in self.cases for part in case.parts)

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        return _raises((part for case in self.cases for part in case.parts), inp, needed)

    def raise_words(self, inp: RuleInput, indicator: str, before: FactValue | None, after: FactValue) -> Step:
        return _raise_words((part for case in self.cases for part in case.parts), inp, indicator, before, after)

    def relative_parts(self) -> tuple[Rule, ...]:
        return _relative_parts(part.rule for case in self.cases for part in case.parts)

    def evaluate(self, inp: RuleInput) -> Outcome:
        evaluated = [(case, *_evaluate_parts(case.parts, inp)) for case in self.cases]
        if not evaluated:
            return Outcome(ZERO, has_data=False)
        chosen = evaluated[0]
        for item in evaluated[1:]:
            if item[1] > chosen[1]:  # the first of equal cases, as the framework lists them
                chosen = item
        best, best_total, best_outcomes, _data = chosen
        points = min(best_total, inp.max_points)

        def detail() -> Detail:
            steps = [Step("explain.case", {"title": case.title, "points": total}) for case, total, _o, _d in evaluated]
            steps.append(Step("explain.best_case", {"title": best.title, "points": points}))
            facts = _parts_detail(best.parts, best_outcomes)[1]
            facts["best_case"] = best.title
            return steps, facts

        return Outcome(points, has_data=any(has_data for *_rest, has_data in evaluated), detail=detail)

    def column(self, cells: Cells) -> Column:
        if not self.cases:
            return [ZERO] * len(cells.facts), set()
        totals = [_parts_column(case.parts, cells) for case in self.cases]
        points = []
        for index in range(len(cells.facts)):
            best = totals[0][index]
            for case in totals[1:]:
                if case[index] > best:  # the first of equal cases, as the framework lists them
                    best = case[index]
            points.append(min(best, cells.max_points))
        return points, set()
