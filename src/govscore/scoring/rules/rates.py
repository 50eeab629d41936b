"""Rules that scale the max by a share: linear rate, normalized to best, survey result."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from govscore.scoring.model import FactValue, Ratio
from govscore.scoring.rules.base import (
    NUMERIC_TYPES,
    ONE,
    RESCAN,
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
    places_of,
)
from govscore.scoring.rules.params import ParamReader
from govscore.scoring.values import Percent, Value

ZERO_DENOMINATOR = ("zero", "full", "not_applicable")


@dataclass(frozen=True)
class LinearRate(Rule):
    """`max × a/b`, optionally against a target rate that already earns the full max."""

    type_name: ClassVar[str] = "linear_rate"
    fact_names: ClassVar[frozenset[str]] = frozenset({"rate", "numerator", "denominator"})

    indicator: str
    zero_denominator: str = "zero"
    target: Decimal = Decimal(1)

    @classmethod
    def parse(cls, p: ParamReader) -> LinearRate:
        indicator = p.indicator("indicator", frozenset({"ratio"}))
        zero = p.choice("zero_denominator", ZERO_DENOMINATOR, "zero")
        target_percent = p.decimal("target_percent", Decimal(100), minimum=Decimal("0.0001"))
        return cls(indicator, zero, target_percent / 100)

    def indicators(self) -> tuple[str, ...]:
        return (self.indicator,)

    def evaluate(self, inp: RuleInput) -> Outcome:
        value = inp.fact(self.indicator)
        if not isinstance(value, Ratio):
            return no_data()
        fraction = value.fraction
        if fraction is None:
            return self._zero_denominator(inp.max_points, value)
        share = min(fraction / self.target, Decimal(1)) if fraction > 0 else ZERO
        points = inp.max_points * share
        return Outcome(points, detail=lambda: self._detail(value, fraction, inp.max_points, points))

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        value = inp.fact(self.indicator)
        fraction = value.fraction if isinstance(value, Ratio) else None
        if not isinstance(value, Ratio) or fraction is None or fraction >= self.target or inp.max_points <= 0:
            return ()
        current = inp.max_points * max(fraction, ZERO) / self.target
        wanted = min(current + needed, inp.max_points) / inp.max_points * self.target
        raised = raised_ratio(value, wanted)
        if raised is None or (raised.fraction or ZERO) <= fraction:
            return ()
        return (Raise(self.indicator, raised, (raised.fraction or ZERO) - fraction),)

    def raise_words(self, inp: RuleInput, indicator: str, before: FactValue | None, after: FactValue) -> Step:
        return _ratio_words(before, after)

    def column(self, cells: Cells) -> Column:
        max_points, target = cells.max_points, self.target
        points: list[Decimal] = []
        excluded: set[int] = set()
        for index, value in enumerate(cells.values(self.indicator)):
            if not isinstance(value, Ratio):
                points.append(ZERO)
                continue
            # `Ratio.fraction`, read without a property call for each of a country's cells.
            if value.percent is not None:
                fraction: Decimal | None = value.percent / 100
            elif value.denominator == 0:
                fraction = None
            else:
                fraction = value.numerator / value.denominator  # type: ignore[operator]
            if fraction is None:
                if self.zero_denominator == "not_applicable":
                    excluded.add(index)
                points.append(max_points if self.zero_denominator == "full" else ZERO)
                continue
            points.append(max_points * (min(fraction / target, ONE) if fraction > 0 else ZERO))
        return points, excluded

    def _detail(self, value: Ratio, fraction: Decimal, max_points: Decimal, points: Decimal) -> Detail:
        facts: dict[str, Value] = _ratio_facts(value)
        facts["rate"] = Percent(fraction)
        if value.percent is not None:
            detail = Step("explain.ratio_percent")
        else:
            detail = Step("explain.ratio_detail", {"numerator": value.numerator, "denominator": value.denominator})
        if self.target == 1:
            step = Step(
                "explain.rate", {"rate": Percent(fraction), "detail": detail, "max": max_points, "points": points}
            )
        else:
            args = {"rate": Percent(fraction), "target": Percent(self.target), "max": max_points, "points": points}
            step = Step("explain.rate_target", args)
        return (step,), facts

    def _zero_denominator(self, max_points: Decimal, value: Ratio) -> Outcome:
        facts = _ratio_facts(value)
        if self.zero_denominator == "not_applicable":
            step = Step("explain.zero_denominator", {"outcome": Step("outcome.not_applicable")})
            return Outcome(ZERO, (step,), facts, applicable=False)
        if self.zero_denominator == "full":
            step = Step("explain.zero_denominator", {"outcome": Step("outcome.full")})
            return Outcome(max_points, (step,), facts)
        step = Step("explain.zero_denominator", {"outcome": Step("outcome.zero")})
        return Outcome(ZERO, (step,), facts)


def _ratio_facts(value: Ratio) -> dict[str, Value]:
    if value.numerator is not None and value.denominator is not None:
        return {"numerator": value.numerator, "denominator": value.denominator}
    return {}


def raised_ratio(value: Ratio, wanted: Decimal) -> Ratio | None:
    """The ratio raised to at least the share `wanted`, written as it was: a whole percentage, or the
    numerator a whole count (the denominator kept); None when the share cannot be reached."""
    if value.percent is not None:
        percent = ceil_to(wanted * 100, 0)
        return Ratio(percent=min(percent, Decimal(100))) if wanted <= 1 else None
    assert value.numerator is not None and value.denominator is not None
    if value.denominator <= 0:
        return None
    numerator = ceil_to(wanted * value.denominator, places_of(value.numerator))
    if wanted <= 1:
        numerator = min(numerator, value.denominator)
    return Ratio(numerator, value.denominator)


def _ratio_words(before: FactValue | None, after: FactValue) -> Step:
    """A ratio's change as percentages (`85%`, now `71%`), however the ratio was written."""
    if isinstance(after, Ratio) and (new := after.fraction) is not None:
        old = before.fraction if isinstance(before, Ratio) else None
        args: dict[str, object] = {"after": Percent(new)}
        if old is not None:
            args["before"] = Percent(old)
        return Step("raise.reach", args)
    return Step("raise.reach")


def compared_value(fact: FactValue | None) -> Decimal | None:
    """The number a unit is compared on: a number, or a ratio's quotient (bandwidth per staff member);
    None without data or with a zero denominator."""
    if isinstance(fact, Decimal):
        return fact
    if isinstance(fact, Ratio):
        return fact.fraction
    return None


@dataclass(frozen=True)
class NormalizedToBest(Rule):
    """`max × v / best`, best being the highest value among the unit's peers."""

    type_name: ClassVar[str] = "normalized_to_best"
    fact_names: ClassVar[frozenset[str]] = frozenset({"value", "best", "share"})

    indicator: str
    scope: str = "group"

    @classmethod
    def parse(cls, p: ParamReader) -> NormalizedToBest:
        indicator = p.indicator("indicator", NUMERIC_TYPES | {"ratio"})
        return cls(indicator, p.choice("scope", ("group", "all"), "group"))

    def indicators(self) -> tuple[str, ...]:
        return (self.indicator,)

    def compared(self) -> tuple[tuple[str, str], ...]:
        return ((self.indicator, self.scope),)

    def peer_summary(self, indicator: str, peers: Sequence[FactValue]) -> Hashable:
        """The best value: every other unit's points follow from it and its own value alone."""
        return max((value for peer in peers if (value := compared_value(peer)) is not None), default=None)

    def moved_summary(
        self, indicator: str, summary: Hashable, old: FactValue | None, new: FactValue | None
    ) -> Hashable:
        best = summary if isinstance(summary, Decimal) else None
        new_value, old_value = compared_value(new), compared_value(old)
        if new_value is not None and (best is None or new_value >= best):
            return new_value  # a new best, or the same
        if old_value is not None and best is not None and old_value >= best:
            return RESCAN  # the best went down: another unit may hold the next best
        return summary

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        fact = inp.fact(self.indicator)
        value = compared_value(fact)
        best_peer = inp.peer_summary(self, self.indicator, self.scope)
        if value is None or not isinstance(best_peer, Decimal) or value >= best_peer or inp.max_points <= 0:
            return ()
        best = best_peer
        current = inp.max_points * max(value, ZERO) / best
        wanted = min(current + needed, inp.max_points) / inp.max_points * best
        if isinstance(fact, Ratio):
            raised = raised_ratio(fact, wanted) if fact.percent is None else None
            new = compared_value(raised)
            if raised is None or new is None or new <= value:
                return ()
            return (Raise(self.indicator, raised, min((new - value) / best, Decimal(1))),)
        target = min(ceil_to(wanted, places_of(value)), best)
        return (Raise(self.indicator, target, min((target - value) / best, Decimal(1))),)

    def raise_words(self, inp: RuleInput, indicator: str, before: FactValue | None, after: FactValue) -> Step:
        return _ratio_words(before, after) if isinstance(after, Ratio) else Step("raise.reach")

    def evaluate(self, inp: RuleInput) -> Outcome:
        value = compared_value(inp.fact(self.indicator))
        if value is None:
            return no_data()
        best_peer = inp.peer_summary(self, self.indicator, self.scope)
        best = max(value, best_peer) if isinstance(best_peer, Decimal) else value
        if best <= 0:
            return Outcome(ZERO, (Step("explain.normalized_zero"),), {"value": value, "best": best})
        share = max(value, ZERO) / best
        points = inp.max_points * share

        def detail() -> Detail:
            step = Step("explain.normalized", {"value": value, "best": best, "max": inp.max_points, "points": points})
            return (step,), {"value": value, "best": best, "share": Percent(share)}

        return Outcome(points, detail=detail)

    def column(self, cells: Cells) -> Column:
        max_points = cells.max_points
        points: list[Decimal] = []
        summaries = cells.summaries(self, self.indicator, self.scope)
        for fact, best_peer in zip(cells.values(self.indicator), summaries, strict=True):
            value = compared_value(fact)
            if value is None:
                points.append(ZERO)
                continue
            best = max(value, best_peer) if isinstance(best_peer, Decimal) else value
            points.append(ZERO if best <= 0 else max_points * (max(value, ZERO) / best))
        return points, set()


@dataclass(frozen=True)
class Survey(Rule):
    """Points from a survey result on a scale (e.g. a satisfaction index out of 100)."""

    type_name: ClassVar[str] = "survey"
    fact_names: ClassVar[frozenset[str]] = frozenset({"value", "scale", "share"})

    indicator: str
    scale: Decimal = Decimal(100)

    @classmethod
    def parse(cls, p: ParamReader) -> Survey:
        indicator = p.indicator("indicator", NUMERIC_TYPES)
        return cls(indicator, p.decimal("scale", Decimal(100), minimum=Decimal("0.0001")))

    def indicators(self) -> tuple[str, ...]:
        return (self.indicator,)

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        value = inp.fact(self.indicator)
        if not isinstance(value, Decimal) or value >= self.scale or inp.max_points <= 0:
            return ()
        current = inp.max_points * max(value, ZERO) / self.scale
        wanted = min(current + needed, inp.max_points) / inp.max_points * self.scale
        target = min(ceil_to(wanted, places_of(value)), self.scale)
        return (Raise(self.indicator, target, (target - value) / self.scale),) if target > value else ()

    def evaluate(self, inp: RuleInput) -> Outcome:
        value = inp.fact(self.indicator)
        if not isinstance(value, Decimal):
            return no_data()
        share = min(max(value, ZERO) / self.scale, Decimal(1))
        points = inp.max_points * share

        def detail() -> Detail:
            step = Step(
                "explain.survey", {"value": value, "scale": self.scale, "max": inp.max_points, "points": points}
            )
            return (step,), {"value": value, "scale": self.scale, "share": Percent(share)}

        return Outcome(points, detail=detail)

    def column(self, cells: Cells) -> Column:
        max_points, scale = cells.max_points, self.scale
        return [
            max_points * min(max(value, ZERO) / scale, ONE) if isinstance(value, Decimal) else ZERO
            for value in cells.values(self.indicator)
        ], set()
