"""Rules made of other rules: composite (a sum of parts) and best of cases."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import ClassVar

from govscore.scoring.model import FactValue
from govscore.scoring.rules.base import ZERO, Outcome, Rule, RuleInput, Step
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


def _summary(rules: Iterable[Rule], indicator: str, peers: Sequence[FactValue]) -> Hashable:
    return tuple(
        rule.peer_summary(indicator, peers) for rule in rules if indicator in (code for code, _ in rule.compared())
    )


def _evaluate_parts(parts: tuple[Part, ...], inp: RuleInput) -> tuple[Decimal, list[Step], dict[str, Value], bool]:
    total = ZERO
    steps: list[Step] = []
    facts: dict[str, Value] = {}
    any_data = False
    for part in parts:
        outcome = part.rule.evaluate(replace(inp, max_points=part.max_points))
        any_data = any_data or outcome.has_data
        total += outcome.points
        steps.append(Step("explain.part", {"title": part.title, "points": outcome.points}))
        steps.extend(outcome.steps)
        facts.update(outcome.facts)
    return total, steps, facts, any_data


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

    def peer_summary(self, indicator: str, peers: Sequence[FactValue]) -> Hashable:
        return _summary((part.rule for part in self.parts), indicator, peers)

    def evaluate(self, inp: RuleInput) -> Outcome:
        total, steps, facts, any_data = _evaluate_parts(self.parts, inp)
        points = min(total, inp.max_points)
        steps.append(Step("explain.sum", {"points": points}))
        facts["parts_points"] = points
        return Outcome(points, tuple(steps), facts, has_data=any_data)


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

    def peer_summary(self, indicator: str, peers: Sequence[FactValue]) -> Hashable:
        return _summary((part.rule for case in self.cases for part in case.parts), indicator, peers)

    def evaluate(self, inp: RuleInput) -> Outcome:
        best: tuple[Decimal, Case, dict[str, Value]] | None = None
        steps: list[Step] = []
        any_data = False
        for case in self.cases:
            total, _case_steps, facts, has_data = _evaluate_parts(case.parts, inp)
            any_data = any_data or has_data
            steps.append(Step("explain.case", {"title": case.title, "points": total}))
            if best is None or total > best[0]:
                best = (total, case, facts)
        if best is None:
            return Outcome(ZERO, tuple(steps), has_data=False)
        points = min(best[0], inp.max_points)
        steps.append(Step("explain.best_case", {"title": best[1].title, "points": points}))
        facts = dict(best[2])
        facts["best_case"] = best[1].title
        return Outcome(points, tuple(steps), facts, has_data=any_data)
