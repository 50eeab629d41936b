"""Rule types by name: the only place that knows every rule."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from govscore.scoring.rules.base import Rule
from govscore.scoring.rules.combined import BestOf, Composite
from govscore.scoring.rules.indices import WeightedIndex
from govscore.scoring.rules.items import Additive, CountedItems
from govscore.scoring.rules.judged import Adjustments, Manual
from govscore.scoring.rules.params import ParamReader, ParseContext
from govscore.scoring.rules.rates import LinearRate, NormalizedToBest, Survey
from govscore.scoring.rules.reporting import PeriodicReporting
from govscore.scoring.rules.tables import Categorical, StepTable, YesNo
from govscore.scoring.source import Path

RULE_TYPES: dict[str, type[Rule]] = {
    rule.type_name: rule
    for rule in (
        LinearRate,
        NormalizedToBest,
        StepTable,
        YesNo,
        Categorical,
        Additive,
        CountedItems,
        BestOf,
        Composite,
        PeriodicReporting,
        Adjustments,
        Survey,
        Manual,
        WeightedIndex,
    )
}

Parser = Callable[[ParamReader], Rule]


def parse_rule(raw: Mapping[str, object], path: Path, ctx: ParseContext) -> Rule | None:
    """A rule from its mapping (`type` plus parameters); problems go to `ctx`, None if unusable."""
    rule_type = raw.get("type")
    if not isinstance(rule_type, str) or rule_type not in RULE_TYPES:
        if rule_type is None:
            ctx.problem(path, "field.required", field="type")
        else:
            ctx.problem(path + ("type",), "rule.unknown", type=rule_type, allowed=", ".join(sorted(RULE_TYPES)))
        return None
    reader = ParamReader(rule_type, raw, path, ctx)
    parse: Parser = RULE_TYPES[rule_type].parse  # type: ignore[attr-defined]
    rule = parse(reader)
    reader.finish()
    return rule
