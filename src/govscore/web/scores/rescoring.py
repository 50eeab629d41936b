"""Keeping the stored results equal to the core's, in the transaction of every change, for what it changes.

A change of some units' data rescores those units; the units a relative rule compares them with only
when what that rule takes from them moved (the best value of a group, say: `scoring.peers`, stored in
`PeerSummary`); then the ranks of their groups. Everything is rescored when the framework or the units
change. `rescoring(period, units, indicators)` wraps the writes of an action: it notes the facts that
relative rules read before them and brings the results up to date after them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from govscore.scoring.collation import collation_key
from govscore.scoring.collector import collector_paused
from govscore.scoring.engine import score_units
from govscore.scoring.facts import number_text
from govscore.scoring.model import FactValue, Framework
from govscore.scoring.peers import relative_rules, rule_key, scope_group, summaries
from govscore.scoring.ranking import Entry, rank_results, standings
from govscore.scoring.results import UnitResult
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.mapping import StoredFacts, active_in, evaluation_for, units_in, values_as_text
from govscore.web.scores.models import Result
from govscore.web.scores.summaries import StoredSummaries, replace_all

# (unit id, indicator code) → the unit's fact, for the indicators relative rules compare
Facts = dict[tuple[int, str], FactValue]


@dataclass
class _Change:
    period: EvaluationPeriod
    framework: Framework
    units: list[Unit]
    indicators: set[str] | None
    before: Facts = field(default_factory=dict)

    def compared(self) -> set[str]:
        """The changed indicators that relative rules compare units on."""
        codes = {code for code, _scope in relative_rules(self.framework)}
        return codes if self.indicators is None else codes & self.indicators


@contextmanager
def rescoring(
    period: EvaluationPeriod, units: Sequence[Unit] | None = None, indicators: Collection[str] | None = None
) -> Iterator[None]:
    """Bring the period's results up to date after the writes inside, which change `units`' data
    (None: anything) in `indicators` (None: any of them). Call inside the writes' transaction."""
    framework = period.framework.parsed()
    if units is None:
        yield
        rescore_period(period)
        return
    change = _Change(period, framework, list(units), None if indicators is None else set(indicators))
    change.before = _facts(change)
    yield
    _rescore_units(change)


@collector_paused()
def rescore_period(period: EvaluationPeriod) -> None:
    """Every unit's result and every peer summary, written anew; results of units no longer in the
    period are removed."""
    framework = period.framework.parsed()
    with transaction.atomic():
        _lock(period)
        evaluation = evaluation_for(period, framework)
        peers = summaries(evaluation)
        scored = score_units(
            evaluation, narrate=False, summaries=lambda rule, code, group: peers[(code, group, rule_key(rule))]
        )
        results = rank_results(framework, scored)
        units = {unit.code: unit for unit in units_in(period)}
        Result.objects.filter(period=period).delete()
        names = _name_orders(unit.name for unit in units.values())
        Result.objects.bulk_create(
            [_row(period, units[result.unit.code], result, names[result.unit.name]) for result in results],
            batch_size=1000,
        )
        replace_all(period, peers)


def _lock(period: EvaluationPeriod) -> None:
    # One rescoring of a period at a time, reading after the lock: two concurrent writers would otherwise
    # each score what they saw, and the later commit could store the older picture.
    EvaluationPeriod.objects.select_for_update().only("pk").get(pk=period.pk)


def _facts(change: _Change) -> Facts:
    """The changed units' facts that relative rules compare, as stored now."""
    codes = change.compared()
    if not codes:
        return {}
    stored = StoredFacts(change.framework)
    rows = IndicatorValue.objects.filter(period=change.period, unit__in=change.units, code__in=codes)
    found: Facts = {}
    for unit_id, code, text in values_as_text(rows):
        fact = stored.fact(code, text)
        if fact is not None:
            found[(unit_id, code)] = fact
    return found


def _moved_groups(change: _Change, stored: StoredSummaries) -> set[str]:
    """Move the summaries the changed facts feed; the groups ("" for every unit) where one moved."""
    codes = change.compared()
    if not codes:
        return set()
    after = _facts(change)
    moved: set[str] = set()
    for (code, scope), rules in relative_rules(change.framework).items():
        if code not in codes:
            continue
        for group in {scope_group(scope, unit.group.code) for unit in change.units}:
            pairs = [
                (change.before.get((unit.pk, code)), after.get((unit.pk, code)))
                for unit in change.units
                if not group or unit.group.code == group
            ]
            for rule in rules:
                if stored.move(rule, code, group, pairs):
                    moved.add(group)
    return moved


@collector_paused()
def _rescore_units(change: _Change) -> None:
    _lock(change.period)
    stored = StoredSummaries(change.period, change.framework)
    moved = _moved_groups(change, stored)
    scope = {unit.pk: unit for unit in change.units}
    if moved:
        # What a rule takes from the others moved: every unit it compares gets new points.
        others = Unit.objects.filter(active_in(change.period)).select_related("group")
        if "" not in moved:
            others = others.filter(group__code__in=moved)
        scope.update((unit.pk, unit) for unit in others)
    units = list(scope.values())
    if 2 * len(units) > Result.objects.filter(period=change.period).count():
        # Most of the period changed (an import): scoring it whole reads less than unit by unit.
        rescore_period(change.period)
        return
    evaluation = evaluation_for(change.period, change.framework, only=units)
    results = score_units(evaluation, narrate=False, summaries=stored)
    stored_rows = {row.unit_id: row for row in Result.objects.filter(period=change.period, unit__in=units)}
    by_code = {unit.code: unit for unit in units}
    if any(by_code[result.unit.code].pk not in stored_rows for result in results):
        # A unit without a result yet: its name's place among the others' is new too.
        rescore_period(change.period)
        return
    stored.save()
    changed = []
    for result in results:
        row = stored_rows[by_code[result.unit.code].pk]
        if _fill(row, result):
            changed.append(row)
    if not changed:
        return  # the same numbers (an amended report, a value within the same band): ranks stand
    Result.objects.bulk_update(changed, [*_NUMBERS, "criteria", "computed_at"])
    _rerank(change.period, {unit.group.code for unit in units})


_NUMBERS = ("group_code", "total", "max_points", "percent", "rank_value", "reached_grade", "not_ranked")


def _row(period: EvaluationPeriod, unit: Unit, result: UnitResult, name_order: int) -> Result:
    grade = result.grade.grade if result.grade else ""
    row = Result(period=period, unit=unit, rank=result.rank, grade=grade, name_order=name_order)
    _fill(row, result)
    return row


def _fill(row: Result, result: UnitResult) -> bool:
    """Put the result in the row; whether anything changed."""
    values = {
        "group_code": result.unit.group,
        "total": result.total,
        "max_points": result.max_points,
        "percent": result.percent,
        "rank_value": result.rank_value,
        "reached_grade": result.quota_from or (result.grade.grade if result.grade else ""),
        "not_ranked": result.unit.not_ranked,
        "criteria": criteria_points(result),
    }
    changed = any(getattr(row, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(row, name, value)
    if changed:
        row.computed_at = timezone.now()  # bulk updates do not stamp `auto_now` fields
    return changed


def criteria_points(result: UnitResult) -> dict[str, list[str]]:
    """Every applicable criterion's points and max, as exact text (`Result.criteria`), from the scored
    table: the criteria with their explanations are not made."""
    return {
        code: [number_text(points), number_text(max_points)]
        for code, (points, max_points) in result.criteria_points().items()
    }


def _rerank(period: EvaluationPeriod, groups: set[str]) -> None:
    """Ranks within the groups and the grades a quota settles by rank, as the core settles them
    (`standings`), written where they moved."""
    framework = period.framework.parsed()
    rows = Result.objects.filter(period=period, group_code__in=groups)
    members = list(rows.values_list("pk", "group_code", "rank_value", "reached_grade", "rank", "grade", "not_ranked"))
    entries = [Entry(group, value, reached, not excluded) for _pk, group, value, reached, _r, _g, excluded in members]
    settled = standings(framework.ranking, framework.grading, entries)
    moved = [
        (standing.rank, standing.grade, pk)
        for (pk, _group, _value, _reached, rank, grade, _excluded), standing in zip(members, settled, strict=True)
        if (standing.rank, standing.grade) != (rank, grade)
    ]
    if moved:
        # One statement for any number of rows: a unit rising to the top moves every rank of its group.
        table = connection.ops.quote_name(Result._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET rank = %s, grade = %s WHERE id = %s", moved)


def _name_orders(names: Iterable[str]) -> dict[str, int]:
    """Each name's dense rank in Vietnamese alphabetical order; names the collation holds equal share one."""
    keys = {name: collation_key(name) for name in names}
    dense = {key: index for index, key in enumerate(sorted(set(keys.values())), start=1)}
    return {name: dense[key] for name, key in keys.items()}
