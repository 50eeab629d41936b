"""What relative rules take from the other units, and how it follows a change of some units' data.

A relative rule (normalized to the best value of the group, say) sees the other units through a summary
of their facts (`Rule.peer_summary`: the best value). The summary is all that links units: while it
stays the same, a change of one unit's data changes no other unit's points. A summary can often follow a
change without reading every unit again (`Rule.moved_summary`: a new best value is the new value), so
a store of summaries keeps a save's work to the unit that changed.

Summaries are keyed by indicator, group ("" for every unit) and the rule asking (`rule_key`), and
written as JSON by `summary_to_json`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Sequence
from decimal import Decimal

from govscore.scoring.model import Evaluation, FactValue, Framework
from govscore.scoring.rules.base import RESCAN, Rule

# (indicator code, group code or "" for every unit, rule_key) → the summary
SummaryKey = tuple[str, str, str]
# (rule, indicator code, group code or "" for every unit) → the summary of those units' facts
SummarySource = Callable[[Rule, str, str], Hashable]

__all__ = [
    "RESCAN",
    "PeerSummaries",
    "SummaryKey",
    "SummarySource",
    "moved",
    "relative_rules",
    "rule_key",
    "scope_group",
    "summaries",
    "summary_from_json",
    "summary_to_json",
]


def relative_rules(framework: Framework) -> dict[tuple[str, str], tuple[Rule, ...]]:
    """(indicator, scope) → the distinct rules that summarise the units' facts of it, those inside
    composite rules included (`Rule.relative_parts`)."""
    found: dict[tuple[str, str], dict[str, Rule]] = {}
    for criterion in framework.walk():
        if criterion.rule is None:
            continue
        for rule in criterion.rule.relative_parts():
            for pair in rule.compared():
                found.setdefault(pair, {})[rule_key(rule)] = rule
    return {pair: tuple(rules.values()) for pair, rules in found.items()}


@functools.cache
def rule_key(rule: Rule) -> str:
    """A rule's name among the summaries: its parameters, so that equal rules share a summary."""
    return repr(rule)


def scope_group(scope: str, group: str) -> str:
    return "" if scope == "all" else group


def summaries(evaluation: Evaluation) -> dict[SummaryKey, Hashable]:
    """Every summary the evaluation's relative rules take, for every group that has units."""
    groups = sorted({unit.group for unit in evaluation.units})
    found: dict[SummaryKey, Hashable] = {}
    for (code, scope), rules in relative_rules(evaluation.framework).items():
        for group in groups if scope == "group" else [""]:
            peers = [
                unit.facts[code]
                for unit in evaluation.units
                if code in unit.facts and (not group or unit.group == group)
            ]
            for rule in rules:
                found[(code, group, rule_key(rule))] = rule.peer_summary(code, peers)
    return found


def moved(
    rule: Rule,
    indicator: str,
    summary: Hashable,
    changes: Iterable[tuple[FactValue | None, FactValue | None]],
    peers: Callable[[], Sequence[FactValue]],
) -> Hashable:
    """The summary after units' facts changed from old to new, each in turn; read from every unit's
    fact (`peers`, as they are now) only when the rule cannot tell from the change alone."""
    for old, new in changes:
        summary = rule.moved_summary(indicator, summary, old, new)
        if summary is RESCAN:
            return rule.peer_summary(indicator, peers())
    return summary


def summary_to_json(summary: Hashable) -> object:
    """Numbers as exact text, tuples as lists; text, yes/no and nothing as they are."""
    if isinstance(summary, Decimal):
        return {"number": format(summary, "f")}
    if isinstance(summary, tuple):
        return [summary_to_json(item) for item in summary]
    if summary is None or isinstance(summary, str | bool | int):
        return summary
    raise TypeError(f"a summary cannot hold {type(summary).__name__}")


def summary_from_json(stored: object) -> Hashable:
    if isinstance(stored, dict):
        return Decimal(stored["number"])
    if isinstance(stored, list):
        return tuple(summary_from_json(item) for item in stored)
    if stored is None or isinstance(stored, str | bool | int):
        return stored
    raise TypeError(f"not a stored summary: {stored!r}")


class PeerSummaries:
    """The summaries scoring takes, each worked out once per rule, indicator and group: from `source`
    (when the evaluation holds only some units of a period) or from the units' facts."""

    def __init__(self, evaluation: Evaluation, source: SummarySource | None) -> None:
        self.evaluation, self.source = evaluation, source
        self._facts: dict[tuple[str, str], Sequence[FactValue]] = {}
        self._summaries: dict[SummaryKey, Hashable] = {}

    def summary(self, rule: Rule, code: str, scope: str, unit_group: str) -> Hashable:
        # Once per rule and scope: a group's best value is the same for every unit in it.
        group = scope_group(scope, unit_group)
        key = (code, group, rule_key(rule))
        if key not in self._summaries:
            if self.source is not None:
                self._summaries[key] = self.source(rule, code, group)
            else:
                self._summaries[key] = rule.peer_summary(code, self._peer_facts(code, group))
        return self._summaries[key]

    def _peer_facts(self, code: str, group: str) -> Sequence[FactValue]:
        # Collected once per indicator and group: scanning every unit for every unit is n² nationally.
        key = (code, group)
        if key not in self._facts:
            self._facts[key] = tuple(
                other.facts[code]
                for other in self.evaluation.units
                if code in other.facts and (not group or other.group == group)
            )
        return self._facts[key]
