"""Keeping the stored results equal to the core's, in the transaction of every change, for what it changes.

A change of some units' data rescores those units; the units a relative rule compares them with only
when what that rule takes from them changed (the best value of a group, say); then the ranks of their
groups. Everything is rescored when the framework or the units change. `rescoring(period, units,
indicators)` wraps the writes of an action: it notes what the relative rules see before them and
brings the results up to date after them.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from govscore.scoring.collation import collation_key
from govscore.scoring.collector import collector_paused
from govscore.scoring.engine import CriterionResult, UnitResult, compared_indicators, peer_summary, score_units
from govscore.scoring.facts import number_text
from govscore.scoring.model import Framework
from govscore.scoring.ranking import rank_within_groups
from govscore.scoring.rules.base import Rule
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.mapping import PeerFacts, evaluation_for, units_in
from govscore.web.scores.models import Result

# (indicator code, group code or "" for every unit) → what the rules comparing units take from that scope
Summaries = dict[tuple[str, str], tuple[Hashable, ...]]


@dataclass
class _Change:
    period: EvaluationPeriod
    framework: Framework
    units: list[Unit]
    indicators: set[str] | None
    before: Summaries


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
    change = _Change(period, framework, list(units), None if indicators is None else set(indicators), {})
    change.before = _summaries(change)
    yield
    _rescore_units(change)


@collector_paused()
def rescore_period(period: EvaluationPeriod) -> None:
    """Every unit's result, written anew; results of units no longer in the period are removed."""
    framework = period.framework.parsed()
    with transaction.atomic():
        _lock(period)
        evaluation = evaluation_for(period, framework)
        results = score_units(evaluation, narrate=False)
        units = {unit.code: unit for unit in units_in(period)}
        Result.objects.filter(period=period).delete()
        names = _name_orders(unit.name for unit in units.values())
        Result.objects.bulk_create(
            [_row(period, units[result.unit.code], result, names[result.unit.name]) for result in results],
            batch_size=1000,
        )
        _rerank(period, None)


def _lock(period: EvaluationPeriod) -> None:
    # One rescoring of a period at a time, reading after the lock: two concurrent writers would otherwise
    # each score what they saw, and the later commit could store the older picture.
    EvaluationPeriod.objects.select_for_update().only("pk").get(pk=period.pk)


def _scopes(change: _Change) -> dict[tuple[str, str], tuple[Rule, ...]]:
    """(indicator, group or "" for every unit) a relative rule compares the changed units in, among the
    indicators that changed, with the rules that compare there."""
    groups = {unit.group.code for unit in change.units}
    found: dict[tuple[str, str], tuple[Rule, ...]] = {}
    for (code, scope), rules in compared_indicators(change.framework).items():
        if change.indicators is None or code in change.indicators:
            for group in groups if scope == "group" else {""}:
                found[(code, group)] = found.get((code, group), ()) + rules
    return found


def _summaries(change: _Change) -> Summaries:
    peers = PeerFacts(change.period, change.framework)
    return {
        (code, group): peer_summary(rules, code, peers(code, group)) for (code, group), rules in _scopes(change).items()
    }


@collector_paused()
def _rescore_units(change: _Change) -> None:
    _lock(change.period)
    after = _summaries(change)
    scope = {unit.pk: unit for unit in change.units}
    for (code, group), summary in after.items():
        if change.before.get((code, group)) != summary:
            # What the rule takes from the others moved: every unit it compares gets new points.
            for unit in units_in(change.period):
                if not group or unit.group.code == group:
                    scope[unit.pk] = unit
    units = list(scope.values())
    if 2 * len(units) > Result.objects.filter(period=change.period).count():
        # Most of the period changed (an import): scoring it whole reads less than unit by unit.
        rescore_period(change.period)
        return
    evaluation = evaluation_for(change.period, change.framework, only=units)
    peers = PeerFacts(change.period, change.framework)
    results = score_units(evaluation, narrate=False, peers=peers)
    stored = {row.unit_id: row for row in Result.objects.filter(period=change.period, unit__in=units)}
    by_code = {unit.code: unit for unit in units}
    if any(by_code[result.unit.code].pk not in stored for result in results):
        # A unit without a result yet: its name's place among the others' is new too.
        rescore_period(change.period)
        return
    changed = []
    for result in results:
        row = stored[by_code[result.unit.code].pk]
        if _fill(row, result):
            changed.append(row)
    Result.objects.bulk_update(changed, [*_NUMBERS, "criteria", "computed_at"])
    _rerank(change.period, {unit.group.code for unit in units})


_NUMBERS = ("group_code", "total", "max_points", "percent", "rank_value", "grade")


def _row(period: EvaluationPeriod, unit: Unit, result: UnitResult, name_order: int) -> Result:
    row = Result(period=period, unit=unit, rank=0, name_order=name_order)
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
        "grade": result.grade.grade if result.grade else "",
        "criteria": criteria_points(result.criteria),
    }
    changed = any(getattr(row, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(row, name, value)
    if changed:
        row.computed_at = timezone.now()  # bulk updates do not stamp `auto_now` fields
    return changed


def criteria_points(criteria: Iterable[CriterionResult]) -> dict[str, list[str]]:
    """Every applicable criterion's points and max, as exact text (`Result.criteria`)."""
    found: dict[str, list[str]] = {}
    for top in criteria:
        for item in top.walk():
            if item.applicable:
                found[item.code] = [number_text(item.points), number_text(item.max_points)]
    return found


def _rerank(period: EvaluationPeriod, groups: set[str] | None) -> None:
    """Competition ranks within each group (all groups: None), written where they moved."""
    rows = Result.objects.filter(period=period)
    if groups is not None:
        rows = rows.filter(group_code__in=groups)
    members = list(rows.values_list("pk", "group_code", "rank_value", "rank"))
    ranks = rank_within_groups(members, lambda member: member[1], lambda member: member[2])
    moved = [(ranks[index], pk) for index, (pk, _group, _value, rank) in enumerate(members) if ranks[index] != rank]
    if moved:
        # One statement for any number of rows: a unit rising to the top moves every rank of its group.
        table = connection.ops.quote_name(Result._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET rank = %s WHERE id = %s", moved)


def _name_orders(names: Iterable[str]) -> dict[str, int]:
    """Each name's dense rank in Vietnamese alphabetical order; names the collation holds equal share one."""
    keys = {name: collation_key(name) for name in names}
    dense = {key: index for index, key in enumerate(sorted(set(keys.values())), start=1)}
    return {name: dense[key] for name, key in keys.items()}
