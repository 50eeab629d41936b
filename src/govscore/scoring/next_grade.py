"""The path to the next grade: the fewest changes of a unit's own inputs that lift it to the next band.

Each rule says which changes of its inputs raise its points and how far they move them (`Rule.raises`);
the engine, the only place a score is computed, scores the unit with every change tried, relative rules
seeing the change among the unit's peers. Changes are chosen greedily by the points they bring for the
distance they move their input (each change costing one more step), then pruned until none can be left
out. Points people set (a council's score, deductions, overrides) are never proposed: they are not the
unit's to change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from govscore.scoring.collector import collector_paused
from govscore.scoring.describing import describe
from govscore.scoring.engine import score_units
from govscore.scoring.grading import ordered_bands
from govscore.scoring.messages import render
from govscore.scoring.model import Band, Evaluation, FactValue, Indicator, UnitData
from govscore.scoring.peers import SummarySource, scope_group
from govscore.scoring.results import UnitResult
from govscore.scoring.rules.base import RESCAN, ZERO, Raise, Rule, RuleInput, Step
from govscore.scoring.values import plain, quantize

Status = Literal["path", "top", "none", "ungraded"]
# Every unit's facts of an indicator (of a group, or of every unit for ""), for a relative rule whose
# summary a change alone does not move.
PeerFacts = Callable[[str, str], Sequence[FactValue]]
# Inputs the unit does not enter itself: a council's score, deductions and bonuses.
_NOT_THE_UNITS: frozenset[str] = frozenset({"score", "adjustments", "text"})
# A change moves its input by a share of its range; each change also costs one whole step, so that one
# change that is enough beats several small ones.
_STEP = Decimal(1)
_MOST_ROUNDS = 40


@dataclass(frozen=True)
class Proposed:
    """One change of the unit's input, in words, with the points it brings (the other changes kept)."""

    criterion: str
    indicator: Indicator
    before: FactValue | None
    after: FactValue
    words: Step
    points: Decimal

    def change(self, lang: str = "vi") -> str:
        args: dict[str, object] = {
            "title": self.indicator.title,
            "after": describe(self.indicator, self.after, lang),
            "before": describe(self.indicator, self.before, lang),
        }
        args.update(self.words.args)
        return render(self.words.key, lang, **args)

    def sentence(self, lang: str = "vi") -> str:
        return render("next.change", lang, change=self.change(lang), points=self.points)


@dataclass(frozen=True)
class NextGrade:
    """What lifts a unit to its next grade: `status` "path" with the changes, "top" (no better grade),
    "none" (its own inputs cannot get there) or "ungraded" (the framework grades nobody)."""

    unit: UnitData
    status: Status
    current: Band | None = None
    target: Band | None = None
    changes: tuple[Proposed, ...] = ()
    basis: str = "points"
    total_after: Decimal | None = None
    grade_after: Band | None = None

    def headline(self, lang: str = "vi") -> str:
        if self.status == "ungraded":
            return render("next.ungraded", lang)
        if self.status == "top":
            return render("next.top", lang, grade=_grade_name(self.current))
        if self.status == "none":
            return render("next.none", lang, grade=_grade_name(self.target))
        key = "next.path_percent" if self.basis == "percent" else "next.path_points"
        assert self.target is not None
        return render(key, lang, grade=_grade_name(self.target), band=self.target)

    def lines(self, lang: str = "vi") -> list[str]:
        return [change.sentence(lang) for change in self.changes]

    def summary(self, lang: str = "vi") -> str:
        """The headline and the changes in one paragraph (a command's output, a test's message)."""
        return " ".join([self.headline(lang), "; ".join(self.lines(lang))]).strip()


def _grade_name(band: Band | None) -> str:
    if band is None:
        return "?"
    return f"{band.grade} – {band.label}" if band.label and band.label != band.grade else band.grade


def next_grade(
    evaluation: Evaluation,
    code: str,
    *,
    summaries: SummarySource | None = None,
    peer_facts: PeerFacts | None = None,
    scored: UnitResult | None = None,
) -> NextGrade:
    """The fewest changes of the unit's own inputs that give it at least the next grade.

    `evaluation` holds every unit, or (with `summaries`, and `peer_facts` for rules whose summary must be
    read again) the unit alone, as `engine.score_unit` takes it. `scored` is the unit's result as it
    stands, when the caller has it (not scored again).
    """
    framework = evaluation.framework
    unit = evaluation.unit(code)
    if not framework.grading.enabled:
        return NextGrade(unit, "ungraded")
    with collector_paused():
        search = _Search(evaluation, unit, summaries, peer_facts)
        if scored is not None:
            search.scored[()] = scored
        return search.run()


class _Search:
    def __init__(
        self, evaluation: Evaluation, unit: UnitData, summaries: SummarySource | None, peer_facts: PeerFacts | None
    ) -> None:
        self.evaluation, self.unit, self.framework = evaluation, unit, evaluation.framework
        self.given, self.peer_facts = summaries, peer_facts
        self.known: dict[tuple[str, str, int], Hashable] = {}
        self.scored: dict[tuple[tuple[str, str], ...], UnitResult] = {}
        self.bands = ordered_bands(self.framework.grading, unit.group)
        self.order = {criterion.code: index for index, criterion in enumerate(self.framework.walk())}

    def run(self) -> NextGrade:
        now = self.score({})
        grades = [band.grade for band in self.bands]
        here = grades.index(now.grade.grade) if now.grade is not None and now.grade.grade in grades else len(grades)
        if here == 0:
            return NextGrade(self.unit, "top", now.grade)
        target = self.bands[here - 1]
        basis = self.framework.grading.basis
        changes, chosen = self.greedy(target)
        if changes is None:
            return NextGrade(self.unit, "none", now.grade, target, basis=basis)
        changes = self.pruned(changes, target)
        after = self.score(changes)
        proposed = sorted(
            (self.proposed(indicator, chosen[indicator], changes) for indicator in changes),
            key=lambda item: (self.order.get(item.criterion, 0), item.indicator.code),
        )
        return NextGrade(self.unit, "path", now.grade, target, tuple(proposed), basis, after.total, after.grade)

    # --- scoring with changes -------------------------------------------------------------------

    def score(self, changes: Mapping[str, FactValue]) -> UnitResult:
        key = tuple(sorted((code, repr(value)) for code, value in changes.items()))
        if key not in self.scored:
            unit = replace(self.unit, facts={**self.unit.facts, **changes})
            alone = replace(self.evaluation, units=(unit,))
            self.scored[key] = score_units(alone, summaries=self.source(changes), narrate=False)[0]
        return self.scored[key]

    def source(self, changes: Mapping[str, FactValue]) -> SummarySource:
        """What relative rules take from the unit's peers once the unit's inputs changed."""

        def summary(rule: Rule, code: str, group: str) -> Hashable:
            before = self.summary(rule, code, group)
            if code not in changes or (group and group != self.unit.group):
                return before
            old, new = self.unit.facts.get(code), changes[code]
            moved = rule.moved_summary(code, before, old, new)
            if moved is not RESCAN:
                return moved
            peers = list(self.peers(code, group))
            if old is not None and old in peers:
                peers.remove(old)
            return rule.peer_summary(code, [*peers, new])

        return summary

    def scoped(self, source: SummarySource) -> SummarySource:
        """The source as a rule asks it, by scope ("group", "all"), as the engine turns scopes into groups."""
        return lambda rule, code, scope: source(rule, code, scope_group(scope, self.unit.group))

    def summary(self, rule: Rule, code: str, group: str) -> Hashable:
        if self.given is not None:
            return self.given(rule, code, group)
        key = (code, group, id(rule))
        if key not in self.known:
            self.known[key] = rule.peer_summary(code, self.peers(code, group))
        return self.known[key]

    def peers(self, code: str, group: str) -> Sequence[FactValue]:
        if self.peer_facts is not None:
            return self.peer_facts(code, group)
        return [
            unit.facts[code]
            for unit in self.evaluation.units
            if code in unit.facts and (not group or unit.group == group)
        ]

    def reached(self, result: UnitResult, target: Band) -> bool:
        grades = [band.grade for band in self.bands]
        if result.grade is None or result.grade.grade not in grades:
            return False
        return grades.index(result.grade.grade) <= grades.index(target.grade)

    def needed(self, result: UnitResult, target: Band) -> Decimal:
        """The points the unit still lacks for the target band, counted on its exact total."""
        assert target.lower is not None
        rounding = self.framework.rounding
        if self.framework.grading.basis == "percent":
            wanted = target.lower.value * result.max_points / 100
            step = Decimal(1).scaleb(-rounding.percent_places) * result.max_points / 100
        else:
            wanted, step = target.lower.value, Decimal(1).scaleb(-rounding.places)
        if not target.lower.inclusive:
            wanted += step
        return max(wanted - result.exact_total, step)

    # --- choosing -------------------------------------------------------------------------------

    def greedy(self, target: Band) -> tuple[dict[str, FactValue] | None, dict[str, str]]:
        changes: dict[str, FactValue] = {}
        chosen: dict[str, str] = {}
        if target.lower is None:
            return None, chosen
        for _round in range(_MOST_ROUNDS):
            result = self.score(changes)
            if self.reached(result, target):
                return changes, chosen
            best = self.best_raise(result, changes, self.needed(result, target))
            if best is None:
                return None, chosen
            criterion, found = best
            changes[found.indicator] = found.value
            chosen[found.indicator] = criterion
        return None, chosen

    def best_raise(
        self, result: UnitResult, changes: Mapping[str, FactValue], needed: Decimal
    ) -> tuple[str, Raise] | None:
        facts = {**self.unit.facts, **changes}
        source = self.source(changes)
        best: tuple[Decimal, Decimal, str, Raise] | None = None
        for item in result.all_criteria():
            rule = self.framework.criterion(item.code).rule if not item.children else None
            if rule is None or not item.applicable or item.override is not None:
                continue
            inp = self.rule_input(item.max_points, facts, self.scoped(source))
            points = rule.evaluate(inp).points
            for found in rule.raises(inp, needed):
                if self.framework.indicator(found.indicator).type in _NOT_THE_UNITS:
                    continue
                moved = {**changes, found.indicator: found.value}
                tried = self.rule_input(
                    item.max_points, {**facts, found.indicator: found.value}, self.scoped(self.source(moved))
                )
                gain = rule.evaluate(tried).points - points
                if gain <= 0:
                    continue
                worth = min(gain, needed) / (_STEP + found.effort)
                if best is None or (worth, -found.effort) > (best[0], -best[1]):
                    best = (worth, found.effort, item.code, found)
        return None if best is None else (best[2], best[3])

    def rule_input(self, max_points: Decimal, facts: Mapping[str, FactValue], source: SummarySource) -> RuleInput:
        period, months = self.evaluation.period, self.unit.active_months
        return RuleInput(max_points, facts, period, active_months=months, summaries=source)

    def pruned(self, changes: dict[str, FactValue], target: Band) -> dict[str, FactValue]:
        """The changes without those the target is reached without, the least useful tried first."""
        kept = dict(changes)
        for code in sorted(kept, key=lambda code: (self.brings(kept, code), code)):
            without = {other: value for other, value in kept.items() if other != code}
            if self.reached(self.score(without), target):
                kept = without
        return kept

    def brings(self, changes: Mapping[str, FactValue], code: str) -> Decimal:
        """The exact points a change adds to the unit's total, the other changes kept."""
        without = {other: value for other, value in changes.items() if other != code}
        return self.score(changes).exact_total - self.score(without).exact_total

    def proposed(self, indicator: str, criterion: str, changes: Mapping[str, FactValue]) -> Proposed:
        rule = self.framework.criterion(criterion).rule
        assert rule is not None
        inp = RuleInput(ZERO, self.unit.facts, self.evaluation.period, active_months=self.unit.active_months)
        before = self.unit.facts.get(indicator)
        words = rule.raise_words(inp, indicator, before, changes[indicator])
        points = plain(quantize(self.brings(changes, indicator), 2))
        return Proposed(criterion, self.framework.indicator(indicator), before, changes[indicator], words, points)


def paths(evaluation: Evaluation) -> dict[str, NextGrade]:
    """Every unit's path to its next grade, by unit code (a whole evaluation, for a file or a test)."""
    return {unit.code: next_grade(evaluation, unit.code) for unit in evaluation.units}


__all__ = ["NextGrade", "PeerFacts", "Proposed", "next_grade", "paths"]
