"""An index built as the weighted sum of sub-indices on a 0–1 scale (the DTI and IT index pattern:
pillars × weights), shown with the number of decimals it is published with."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from govscore.scoring.rules.base import (
    NUMERIC_TYPES,
    ZERO,
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
from govscore.scoring.values import Fixed, quantize

ONE = Decimal(1)


@dataclass(frozen=True)
class Pillar:
    indicator: str
    weight: Decimal


@dataclass(frozen=True)
class WeightedIndex(Rule):
    """`index = Σ weight × sub-index / scale`, rounded to `places`; points = max × index."""

    type_name: ClassVar[str] = "weighted_index"
    fact_names: ClassVar[frozenset[str]] = frozenset({"index"})

    pillars: tuple[Pillar, ...]
    places: int = 4
    scale: Decimal = ONE

    @classmethod
    def parse(cls, p: ParamReader) -> WeightedIndex:
        def pillar(reader: ParamReader) -> Pillar:
            return Pillar(reader.indicator("indicator", NUMERIC_TYPES), reader.decimal("weight", minimum=ZERO))

        pillars = tuple(p.mappings("pillars", pillar))
        total = sum((each.weight for each in pillars), ZERO)
        if pillars and total != ONE:
            p.ctx.problem(p.path + ("pillars",), "weights.sum", total=total)
        places = p.integer("places", 4, low=0, high=8)
        return cls(pillars, places, p.decimal("scale", ONE, minimum=Decimal("0.0001")))

    def indicators(self) -> tuple[str, ...]:
        return tuple(each.indicator for each in self.pillars)

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        """Each pillar below the top of its scale, raised by what gives `needed` points through its weight."""
        if inp.max_points <= 0:
            return ()
        raises = []
        for each in self.pillars:
            value = inp.fact(each.indicator)
            start = value if isinstance(value, Decimal) else ZERO
            if each.weight <= 0 or start >= self.scale:
                continue
            step = needed / inp.max_points / each.weight * self.scale
            target = min(ceil_to(max(start, ZERO) + step, places_of(start, 4)), self.scale)
            if target > start:
                raises.append(Raise(each.indicator, target, min((target - start) / self.scale, ONE)))
        return tuple(raises)

    def evaluate(self, inp: RuleInput) -> Outcome:
        values = [inp.fact(each.indicator) for each in self.pillars]
        if not any(isinstance(value, Decimal) for value in values):
            return no_data()
        exact = sum(
            (
                each.weight * min(max(value, ZERO) / self.scale, ONE)
                for each, value in zip(self.pillars, values, strict=True)
                if isinstance(value, Decimal)
            ),
            ZERO,
        )
        index = quantize(exact, self.places)
        points = inp.max_points * index

        def detail() -> Detail:
            steps = [
                Step("explain.index_pillar", {"code": each.indicator, "value": value, "weight": each.weight})
                if isinstance(value, Decimal)
                else Step("explain.index_pillar_missing", {"code": each.indicator, "weight": each.weight})
                for each, value in zip(self.pillars, values, strict=True)
            ]
            steps.append(
                Step(
                    "explain.index",
                    {"index": Fixed(index, self.places), "max": inp.max_points, "points": points},
                )
            )
            return steps, {"index": Fixed(index, self.places)}

        return Outcome(points, detail=detail)
