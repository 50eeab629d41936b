"""The engine: an evaluation in, every unit's points, total, grade, rank and sentences out.

Nothing else computes a score. The ledger of each unit (its criterion results with their steps
and inputs) is the explanation of every point.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from govscore.scoring.collector import collector_paused
from govscore.scoring.columns import Table
from govscore.scoring.grading import capped_grade, grade_for
from govscore.scoring.model import (
    Criterion,
    Evaluation,
    Framework,
    Override,
    Reports,
    UnitData,
)
from govscore.scoring.narrative import Sentence, narrate
from govscore.scoring.peers import PeerSummaries, SummarySource
from govscore.scoring.ranking import rank_results
from govscore.scoring.results import CriterionResult, EvaluationResult, UnitResult
from govscore.scoring.rules.base import ZERO, Outcome, Rule, RuleInput, Step
from govscore.scoring.values import Value, quantize

HUNDRED = Decimal(100)
# A leaf's cache key: criterion, the criterion it replaces, its inputs, the unit's active months.
_LeafKey = tuple[str, str | None, tuple[tuple[type, object], ...], tuple[int, ...] | None]


class _Scorer:
    """Scores the units column by column (`columns.Table`), and makes a unit's criteria with their
    explanations, and its sentences, when they are read (`results.Explainer`)."""

    def __init__(
        self, evaluation: Evaluation, lang: str, summaries: SummarySource | None = None, narrate: bool = True
    ) -> None:
        self.evaluation = evaluation
        self.framework = evaluation.framework
        self.lang = lang
        self.narrate = narrate
        self.peers = PeerSummaries(evaluation, summaries)
        self.table: Table | None = None
        # Sentences are the same for the same facts: a criterion's sentence is made once per distinct
        # value of the facts its templates name.
        self._sentences: dict[tuple[object, ...], Sentence | None] = {}
        self._named: dict[str, tuple[str, ...]] = {}
        self.substitutes: dict[tuple[str, str], Criterion] = {}
        # Units with the same inputs to a criterion that compares them with no one get the same result:
        # scored once per distinct input, a province's units × criteria shrink to a few thousand rules.
        self._leaves: dict[_LeafKey, CriterionResult] = {}
        # Criterion code → the indicators its rule reads; None for a rule comparing units.
        self._inputs: dict[str, tuple[str, ...] | None] = {}
        self._indicators: dict[str, tuple[str, ...]] = {}
        self._inputs_unit: UnitData | None = None
        self._outside: dict[tuple[str, str, str | None], CriterionResult] = {}
        self._unit_inputs: dict[Decimal, RuleInput] = {}
        for criterion in self.framework.walk():
            if criterion.substitute is not None:
                for unit in criterion.substitute.units:
                    self.substitutes[(criterion.substitute.replaces, unit)] = criterion

    def translated(self, lang: str) -> _Scorer:
        """The same scores and criteria, with sentences in `lang`."""
        other = _Scorer(self.evaluation, lang, narrate=self.narrate)
        other.peers, other.table, other._leaves = self.peers, self.table, self._leaves
        return other

    def summaries_of(self, unit: UnitData) -> Callable[[Rule, str, str], Hashable]:
        summary, group = self.peers.summary, unit.group
        return lambda rule, code, scope: summary(rule, code, scope, group)

    def score(self, units: Sequence[UnitData]) -> list[UnitResult]:
        """The units' results before ranking (rank 0)."""
        table = self.table = Table(
            self.framework, self.evaluation.period, units, self.peers.summary, self.criterion_result
        )
        return [self.unit(unit, row, table.exact[row], table.maxima[row]) for row, unit in enumerate(units)]

    def unit(self, unit: UnitData, row: int, exact: Decimal, max_points: Decimal) -> UnitResult:
        """The unit's result before ranking, from its exact total and max."""
        declared: tuple[Step, ...] = ()
        if unit.own_max is not None:
            args = {"points": unit.own_max.points, "criteria": max_points, "reason": unit.own_max.reason}
            declared, max_points = (Step("explain.own_max", args),), unit.own_max.points
        total, steps = self.finish_total(exact, max_points)
        steps = declared + steps
        percent, basis = percent_and_basis(self.framework, total, max_points)
        band = grade_for(self.framework.grading, basis, unit.group)
        grade, cap = capped_grade(self.framework, unit, lambda code: self._applicable_points(row, code), band)
        rank_value = percent if self.framework.ranking.basis == "percent" else total
        return UnitResult(
            unit, exact, total, max_points, percent, grade, 0, steps, rank_value, cap=cap, explainer=self, row=row
        )

    def _applicable_points(self, row: int, code: str) -> Decimal | None:
        found = self.points_of(row).get(code)
        return None if found is None else found[0]

    # Read unit after unit for a whole country (a document, `check`): each makes hundreds of objects that
    # the cyclic collector would scan again and again, as while scoring.
    def criteria_of(self, unit: UnitData) -> tuple[CriterionResult, ...]:
        with collector_paused():
            return self.unit_result(unit)[0]

    def sentences_of(self, unit: UnitData, criteria: Sequence[CriterionResult]) -> tuple[Sentence, ...]:
        if not self.narrate:
            return ()
        with collector_paused():
            return self.sentences(criteria, unit)

    def points_of(self, row: int) -> Mapping[str, tuple[Decimal, Decimal]]:
        assert self.table is not None
        return self.table.applicable_points(row)

    def unit_result(self, unit: UnitData) -> tuple[tuple[CriterionResult, ...], Decimal, Decimal]:
        results = tuple(
            result
            for criterion in self.framework.criteria
            if (result := self.criterion_result(criterion, unit)) is not None
        )
        applicable = [result for result in results if result.applicable]
        exact = sum((result.points for result in applicable), ZERO)
        max_points = sum((result.max_points for result in applicable), ZERO)
        return results, exact, max_points

    def criterion_result(
        self, criterion: Criterion, unit: UnitData, replaces: str | None = None
    ) -> CriterionResult | None:
        if criterion.substitute is not None and replaces is None:
            return None  # a substitute is scored only in the place of the criterion it replaces
        substitute = self.substitutes.get((criterion.code, unit.code))
        if substitute is not None:
            return self.criterion_result(substitute, unit, replaces=criterion.code)
        if not criterion.applies_to_group(unit.group):
            # The same for every unit of the group: made once.
            key = (criterion.code, unit.group, replaces)
            if key not in self._outside:
                step = Step("explain.not_in_group", {"group": self.framework.group_name(unit.group)})
                self._outside[key] = self._not_applicable(criterion, step, replaces)
            return self._outside[key]
        if criterion.code in unit.not_applicable:
            step = Step("explain.not_applicable", {"reason": unit.not_applicable[criterion.code]})
            return self._not_applicable(criterion, step, replaces)
        if criterion.children:
            return self._parent(criterion, unit, replaces)
        return self._leaf(criterion, unit, replaces)

    def _not_applicable(self, criterion: Criterion, step: Step, replaces: str | None) -> CriterionResult:
        return CriterionResult(
            criterion.code, criterion.title, criterion.max_points, ZERO, False, before=(step,), substitute_for=replaces
        )

    def _parent(self, criterion: Criterion, unit: UnitData, replaces: str | None) -> CriterionResult:
        children = tuple(
            result for child in criterion.children if (result := self.criterion_result(child, unit)) is not None
        )
        applicable = [child for child in children if child.applicable]
        points = sum((child.points for child in applicable), ZERO)
        max_points = sum((child.max_points for child in applicable), ZERO)
        return CriterionResult(
            criterion.code,
            criterion.title,
            max_points,
            points,
            bool(applicable),
            "sum",
            children=children,
            substitute_for=replaces,
        )

    def _leaf(self, criterion: Criterion, unit: UnitData, replaces: str | None) -> CriterionResult:
        override = unit.overrides.get(criterion.code)
        key = None if override is not None else self._leaf_key(criterion, unit, replaces)
        if key is not None and (known := self._leaves.get(key)) is not None:
            return known
        result = self._score_leaf(criterion, unit, replaces, override)
        if key is not None:
            self._leaves[key] = result
        return result

    def _leaf_key(self, criterion: Criterion, unit: UnitData, replaces: str | None) -> _LeafKey | None:
        """What the leaf's result depends on, when that is its own inputs only; None otherwise."""
        if criterion.code not in self._inputs:
            assert criterion.rule is not None
            self._inputs[criterion.code] = None if criterion.rule.is_relative else criterion.rule.indicators()
        codes = self._inputs[criterion.code]
        if codes is None:
            return None
        inputs = []
        for code in codes:
            value = unit.facts.get(code)
            if isinstance(value, Reports):
                return None  # time stamps are rarely shared, and a mapping is no key
            # The type too: True == 1 and Decimal(1) == 1 in Python. Facts are canonical, so equal
            # values are spelled alike and share their explanation as well as their points.
            inputs.append((type(value), value))
        return criterion.code, replaces, tuple(inputs), unit.active_months

    def _input(self, unit: UnitData, max_points: Decimal) -> RuleInput:
        """What a rule sees of the unit, one per unit and max (most criteria share a few maxima)."""
        if self._inputs_unit is not unit:
            self._inputs_unit, self._unit_inputs = unit, {}
        inp = self._unit_inputs.get(max_points)
        if inp is None:
            period, months = self.evaluation.period, unit.active_months
            inp = RuleInput(max_points, unit.facts, period, active_months=months, summaries=self.summaries_of(unit))
            self._unit_inputs[max_points] = inp
        return inp

    def _score_leaf(
        self, criterion: Criterion, unit: UnitData, replaces: str | None, override: Override | None
    ) -> CriterionResult:
        assert criterion.rule is not None
        rule = criterion.rule
        outcome = rule.evaluate(self._input(unit, criterion.max_points))
        before: tuple[Step, ...] = ()
        if replaces is not None:
            replaced = self.framework.criterion(replaces)
            before = (Step("explain.substitute", {"replaces": replaces, "title": replaced.title}),)
        after: list[Step] = []
        points = self._round_leaf(outcome, after)
        computed = points
        if override is not None:
            after.append(
                Step("explain.override", {"before": points, "after": override.points, "reason": override.reason})
            )
            points = override.points
        return CriterionResult(
            criterion.code,
            criterion.title,
            criterion.max_points,
            points if outcome.applicable else ZERO,
            outcome.applicable,
            rule.type_name,
            outcome,
            before=before,
            after=tuple(after),
            read=(unit.facts, self._read_codes(criterion, rule)),
            substitute_for=replaces,
            override=override,
            computed_points=computed,
            has_data=outcome.has_data,
        )

    def _read_codes(self, criterion: Criterion, rule: Rule) -> tuple[str, ...]:
        codes = self._indicators.get(criterion.code)
        if codes is None:
            codes = self._indicators[criterion.code] = rule.indicators()
        return codes

    def _round_leaf(self, outcome: Outcome, steps: list[Step]) -> Decimal:
        rounding = self.framework.rounding
        if rounding.at != "criterion":
            return outcome.points
        rounded = quantize(outcome.points, rounding.places, rounding.mode)
        if rounded != outcome.points:
            steps.append(
                Step("explain.rounded", {"places": rounding.places, "before": outcome.points, "after": rounded})
            )
        return rounded

    def finish_total(self, exact: Decimal, max_points: Decimal) -> tuple[Decimal, tuple[Step, ...]]:
        rounding = self.framework.rounding
        total = exact
        steps: list[Step] = []
        if not self.framework.total_may_leave_bounds:
            bounded = max(ZERO, min(max_points, total))
            if bounded != total:
                steps.append(Step("explain.clamped", {"low": ZERO, "high": max_points, "points": bounded}))
            total = bounded
        if rounding.at == "total":
            rounded = quantize(total, rounding.places, rounding.mode)
            if rounded != total:
                steps.append(Step("explain.rounded", {"places": rounding.places, "before": total, "after": rounded}))
            total = rounded
        return total, tuple(steps)

    def sentences(self, results: Sequence[CriterionResult], unit: UnitData) -> tuple[Sentence, ...]:
        sentences: list[Sentence] = []
        for result in (item for top in results for item in top.walk()):
            if not result.applicable or not result.has_data:
                continue
            criterion = self.framework.criterion(result.code)
            if not criterion.narrative:
                continue
            sentence = self._sentence(criterion, result, unit)
            if sentence is not None:
                sentences.append(sentence)
        return tuple(sentences)

    def _sentence(self, criterion: Criterion, result: CriterionResult, unit: UnitData) -> Sentence | None:
        names = self._named.get(criterion.code)
        if names is None:
            names = self._named[criterion.code] = tuple(
                sorted({name for entry in criterion.narrative for name in entry.names()})
            )
        facts: dict[str, Value] = {}
        for name in names:
            value = _fact(name, result, unit)
            if value is not None:
                facts[name] = value
        key = (criterion.code, *((name, type(value), value) for name, value in facts.items()))
        if key not in self._sentences:
            self._sentences[key] = narrate(result.code, criterion.narrative, facts, self.lang)
        return self._sentences[key]


def _fact(name: str, result: CriterionResult, unit: UnitData) -> Value | None:
    """A fact a narrative template names: the criterion's own, its points, or a unit's plain fact (`@code`)."""
    if name.startswith("@"):
        value = unit.facts.get(name[1:])
        return value if isinstance(value, Decimal | bool | str) else None
    if name == "points":
        return result.points
    if name == "max":
        return result.max_points
    if name == "has_data":
        return result.has_data
    return result.facts.get(name)


def percent_and_basis(framework: Framework, total: Decimal, max_points: Decimal) -> tuple[Decimal, Decimal]:
    """The total as a share of the unit's max, rounded as the framework says, and what grades it:
    that share or the total itself."""
    percent = percent_of(framework, total, max_points)
    return percent, percent if framework.grading.basis == "percent" else total


def percent_of(framework: Framework, total: Decimal, max_points: Decimal) -> Decimal:
    """`total` as a percentage of `max_points`, rounded as the framework rounds percentages; 0 without a max."""
    rounding = framework.rounding
    return quantize(total / max_points * HUNDRED, rounding.percent_places, rounding.mode) if max_points else ZERO


def score_units(
    evaluation: Evaluation,
    lang: str = "vi",
    *,
    only: Collection[str] | None = None,
    summaries: SummarySource | None = None,
    narrate: bool = True,
) -> list[UnitResult]:
    """Each unit's points, total, grade and (with `narrate`) sentences, before ranking (rank 0).

    `only` scores those unit codes alone; when `evaluation` holds only some units of a period,
    `summaries` gives what relative rules take from the others (`peers`). `rank_results` then ranks
    whole groups. Criteria and sentences are made when they are read.
    """
    scorer = _Scorer(evaluation, lang, summaries, narrate)
    units = evaluation.units if only is None else [unit for unit in evaluation.units if unit.code in only]
    with collector_paused():
        return scorer.score(units)


def score_unit(
    evaluation: Evaluation, code: str, lang: str = "vi", summaries: SummarySource | None = None
) -> EvaluationResult:
    """One unit's points, explanations and sentences, without scoring the others.

    For a page that explains one unit of a large period: `evaluation` may hold that unit alone, and
    `summaries` then gives what relative rules take from the others. Ranks need every unit, so the
    result's rank is 0; the stored results keep the real one.
    """
    unit = evaluation.unit(code)
    results = score_units(evaluation, lang, only=(unit.code,), summaries=summaries)
    return EvaluationResult(evaluation, tuple(results))


def score(evaluation: Evaluation, lang: str = "vi", *, narrate: bool = True) -> EvaluationResult:
    """Score every unit of an evaluation: points, totals, grades, ranks and (with `narrate`) sentences."""
    with collector_paused():  # ranking copies every result: still the same bulk job
        results = score_units(evaluation, lang, narrate=narrate)
        return EvaluationResult(evaluation, tuple(rank_results(evaluation.framework, results)))


def score_in(evaluation: Evaluation, langs: Sequence[str]) -> dict[str, EvaluationResult]:
    """The same scoring, with sentences in each language: points are computed once, since only the
    narrative depends on the language."""
    scorer = _Scorer(evaluation, langs[0])
    with collector_paused():
        first = EvaluationResult(evaluation, tuple(rank_results(evaluation.framework, scorer.score(evaluation.units))))
    by_lang = {langs[0]: first}
    for lang in langs[1:]:
        translated = scorer.translated(lang)
        by_lang[lang] = EvaluationResult(
            evaluation, tuple(replace(result, explainer=translated) for result in first.units)
        )
    return by_lang
