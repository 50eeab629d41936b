"""A period's XLSX template and its import: the whole file is checked, then every change is written
at once, in one transaction, with bulk statements, and the period is rescored once.

Blank cells leave stored values as they are, so a partial file never erases data; values the file
gives are compared by meaning with what is stored, so re-importing the same file writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from govscore.imports import (
    Change,
    ImportProblem,
    ReadResult,
    TemplateIdentity,
    UnitRow,
    build_template,
    compute_changes,
    fingerprint,
    read_workbook,
)
from govscore.imports.layout import entered_indicators
from govscore.imports.reader import Progress
from govscore.scoring.collector import collector_paused
from govscore.scoring.model import Framework
from govscore.web.actions import User, check_open, writing
from govscore.web.audit.record import record_values_import
from govscore.web.bulk import insert_rows, update_rows
from govscore.web.faults import pause_point
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.mapping import units_in
from govscore.web.scores.rescoring import rescoring


@dataclass(frozen=True)
class ImportOutcome:
    problems: tuple[ImportProblem, ...] = ()
    changes: tuple[Change, ...] = ()
    rows: int = 0
    written: bool = False
    # The stored data changed between the preview and its confirmation: nothing was written.
    stale: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def added(self) -> int:
        return sum(1 for change in self.changes if change.added)

    @property
    def updated(self) -> int:
        return len(self.changes) - self.added

    @property
    def fingerprint(self) -> str:
        return fingerprint(list(self.changes))


def identity_of(period: EvaluationPeriod) -> TemplateIdentity:
    version = period.framework
    return TemplateIdentity(period.pk, period.year, period.title, version.code, version.version)


def period_units(period: EvaluationPeriod) -> list[Unit]:
    """The units evaluated in the period, group by group as the rankings list them."""
    return sorted(units_in(period), key=lambda unit: (unit.group.order, unit.group.code, unit.code))


def unit_rows(units: Sequence[Unit]) -> list[UnitRow]:
    return [UnitRow(unit.code, unit.name, unit.group.name) for unit in units]


def _stored(
    period: EvaluationPeriod, framework: Framework, units: Sequence[Unit]
) -> dict[tuple[str, str], tuple[int, object]]:
    """(unit code, indicator code) → (row id, stored value) of the entered indicators: one query."""
    codes_by_id = {unit.pk: unit.code for unit in units}
    rows = IndicatorValue.objects.filter(
        period=period, code__in=[indicator.code for indicator in entered_indicators(framework)]
    ).values_list("pk", "unit_id", "code", Cast("value", output_field=TextField()))
    decoded = _decoder()
    return {
        (codes_by_id[unit_id], code): (pk, decoded(text))
        for pk, unit_id, code, text in rows.iterator(chunk_size=5000)
        if unit_id in codes_by_id
    }


def _decoder() -> Callable[[str | None], object]:
    """Stored JSON text → value, decoded once per distinct plain value: a period's values repeat
    (counts, yes/no), and decoding each of hundreds of thousands costs a second. Objects and lists
    are decoded per row, so no two rows share a mutable value."""
    known: dict[str, object] = {}

    def decoded(text: str | None) -> object:
        if text is None or text[:1] in ("{", "["):
            return None if text is None else json.loads(text)
        if text not in known:
            known[text] = json.loads(text)
        return known[text]

    return decoded


@collector_paused()
def template_bytes(period: EvaluationPeriod, *, filled: bool = True) -> bytes:
    """The period's template; `filled` puts the current values in (the data export)."""
    framework = period.framework.parsed()
    units = period_units(period)
    values: dict[str, dict[str, object]] = {}
    if filled:
        for (unit_code, code), (_pk, value) in _stored(period, framework, units).items():
            values.setdefault(unit_code, {})[code] = value
    return build_template(framework, identity_of(period), unit_rows(units), values)


@collector_paused()
def read_upload(period: EvaluationPeriod, data: bytes, *, progress: Progress | None = None) -> ReadResult:
    """The whole file validated against the period (nothing is written)."""
    framework = period.framework.parsed()
    return read_workbook(data, framework, identity_of(period), unit_rows(period_units(period)), progress=progress)


def import_file(
    period: EvaluationPeriod,
    data: bytes,
    *,
    by: User | None = None,
    dry_run: bool = False,
    expected: str | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Validate, then write (unless `dry_run`) every change. With `expected` (a preview's fingerprint),
    nothing is written unless the changes are still exactly those previewed. Raises PeriodLocked when
    the period's data are frozen."""
    check_open(period)
    result = read_upload(period, data, progress=progress)
    if not result.ok:
        return ImportOutcome(problems=result.problems, rows=result.rows)
    return apply_values(period, result.values, by=by, dry_run=dry_run, expected=expected, rows=result.rows)


@collector_paused()
def apply_values(
    period: EvaluationPeriod,
    values: Mapping[str, Mapping[str, object]],
    *,
    by: User | None = None,
    dry_run: bool = False,
    expected: str | None = None,
    rows: int = 0,
) -> ImportOutcome:
    """Write validated values (unit code → indicator code → stored value): all of them or none."""
    framework = period.framework.parsed()
    units = period_units(period)
    if dry_run:
        changes = _changes(period, framework, units, values)[0]
        return ImportOutcome(changes=tuple(changes), rows=rows)
    # The period's row stays locked: two imports of one period at once would each compute changes against
    # the same old rows.
    with writing(period, by):
        changes, ids = _changes(period, framework, units, values)
        outcome = ImportOutcome(changes=tuple(changes), rows=rows)
        if expected is not None and outcome.fingerprint != expected:
            return ImportOutcome(changes=tuple(changes), rows=rows, stale=True)
        if not changes:
            return outcome
        changed_units = {change.unit_code for change in changes}
        indicators = {change.indicator_code for change in changes}
        with rescoring(period, [unit for unit in units if unit.code in changed_units], indicators):
            _write(period, changes, ids, {unit.code: unit.pk for unit in units}, by)
            # Bulk statements send no model signals: every changed value goes into the audit trail here.
            record_values_import(period, changes, units)
            pause_point("import.written")
    return ImportOutcome(changes=tuple(changes), rows=rows, written=True)


def _changes(
    period: EvaluationPeriod,
    framework: Framework,
    units: Sequence[Unit],
    values: Mapping[str, Mapping[str, object]],
) -> tuple[list[Change], dict[tuple[str, str], int]]:
    stored = _stored(period, framework, units)
    changes = compute_changes(framework, {key: value for key, (_pk, value) in stored.items()}, values)
    return changes, {key: pk for key, (pk, _value) in stored.items()}


def _write(
    period: EvaluationPeriod,
    changes: Sequence[Change],
    ids: Mapping[tuple[str, str], int],
    unit_ids: Mapping[str, int],
    by: User | None,
) -> None:
    created: list[tuple[int, str, object]] = []
    updated: list[tuple[int, tuple[object]]] = []
    for change in changes:
        pk = ids.get((change.unit_code, change.indicator_code))
        if pk is None:
            created.append((unit_ids[change.unit_code], change.indicator_code, change.new))
        else:
            updated.append((pk, (change.new,)))
    stamp = {
        "source": IndicatorValue.Source.IMPORT,
        "entered_by": by.pk if by is not None and by.is_authenticated else None,
        "entered_at": timezone.now(),
    }
    insert_rows(IndicatorValue, ("unit", "code", "value"), created, {"period": period.pk, **stamp})
    # A form loaded before the import must see its version as stale, as after any other save.
    update_rows(IndicatorValue, ("value",), updated, stamp, increment="version")
