"""The units workbook against the register: what it would add and change, and what it may not change.

A workbook adds groups and units and corrects short names, parents and group names. It never renames a
unit nor moves the dates of a reorganised one (those are reorganisations, with their decision), and it
never changes the units of a closed or published period: each such row is a located problem, and the
whole file is refused.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from govscore.imports.problems import ImportProblem
from govscore.imports.units import UNIT_COLUMNS, UNIT_SHEET, GroupEntry, UnitBook, UnitEntry, build_units_template
from govscore.scoring.vietnamese import short_date
from govscore.web.orgs.models import Succession, Unit, UnitGroup
from govscore.web.periods.models import EvaluationPeriod

TITLES = {column.key: column.title for column in UNIT_COLUMNS}
LETTERS = {column.key: chr(ord("A") + index) for index, column in enumerate(UNIT_COLUMNS)}


@dataclass(frozen=True)
class RegisterChange:
    """A group or unit the file adds (`added`) or changes; `fields` are (column title, old, new)."""

    kind: str  # "group" or "unit"
    code: str
    name: str
    added: bool
    fields: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Plan:
    changes: tuple[RegisterChange, ...] = ()
    problems: tuple[ImportProblem, ...] = ()

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(repr(self.changes).encode()).hexdigest()


def template_bytes() -> bytes:
    groups = [GroupEntry(group.code, group.name, group.order) for group in UnitGroup.objects.all()]
    units = [_entry(unit) for unit in Unit.objects.select_related("group", "parent").order_by("group__order", "code")]
    return build_units_template(groups, units)


def _entry(unit: Unit) -> UnitEntry:
    parent = unit.parent.code if unit.parent else ""
    return UnitEntry(
        unit.code, unit.name, unit.group.code, unit.short_name, parent, unit.effective_from, unit.effective_to
    )


def _day(day: datetime.date | None) -> str:
    return short_date(day) if day else ""


def _overlaps(start: datetime.date | None, end: datetime.date | None, period: EvaluationPeriod) -> bool:
    return (start is None or start <= period.data_to) and (end is None or end >= period.data_from)


def plan(book: UnitBook) -> Plan:
    """Compare the read workbook with the register."""
    changes: list[RegisterChange] = []
    groups = {group.code: group for group in UnitGroup.objects.all()}
    for entry in book.groups:
        group = groups.get(entry.code)
        if group is None:
            changes.append(RegisterChange("group", entry.code, entry.name, added=True))
        elif (group.name, group.order) != (entry.name, entry.order):
            fields = (("Tên khối", group.name, entry.name), ("Thứ tự", str(group.order), str(entry.order)))
            changes.append(RegisterChange("group", entry.code, entry.name, False, _differing(fields)))
    units = {unit.code: unit for unit in Unit.objects.select_related("group", "parent")}
    reorganised = set(Succession.objects.values_list("predecessor_id", flat=True))
    reorganised |= set(Succession.objects.exclude(successor=None).values_list("successor_id", flat=True))
    frozen = [period for period in EvaluationPeriod.objects.order_by("data_from") if not period.is_open]
    problems: list[ImportProblem] = []
    for entry in book.units:
        unit = units.get(entry.code)
        if unit is None:
            problems += _frozen(entry, entry.valid_from, entry.valid_to, frozen)
            changes.append(RegisterChange("unit", entry.code, entry.name, added=True))
            continue
        problems += _unit_problems(entry, unit, unit.pk in reorganised, frozen)
        fields = _differing(
            (
                (TITLES["ten_ngan"], unit.short_name, entry.short_name),
                (TITLES["khoi"], unit.group.code, entry.group),
                (TITLES["don_vi_cha"], unit.parent.code if unit.parent else "", entry.parent),
                (TITLES["hieu_luc_tu"], _day(unit.effective_from), _day(entry.valid_from)),
                (TITLES["hieu_luc_den"], _day(unit.effective_to), _day(entry.valid_to)),
            )
        )
        if fields:
            changes.append(RegisterChange("unit", entry.code, entry.name, False, fields))
    return Plan(tuple(changes), tuple(problems))


def _differing(fields: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    return tuple(field for field in fields if field[1] != field[2])


def _problem(entry: UnitEntry, key: str, problem: str, **args: object) -> ImportProblem:
    return ImportProblem(problem, args, UNIT_SHEET, entry.row, LETTERS[key], TITLES[key])


def _unit_problems(
    entry: UnitEntry, unit: Unit, reorganised: bool, frozen: list[EvaluationPeriod]
) -> list[ImportProblem]:
    problems = []
    if entry.name != unit.name:
        problems.append(_problem(entry, "ten", "units.renamed", code=unit.code, name=unit.name))
    dates_moved = (entry.valid_from, entry.valid_to) != (unit.effective_from, unit.effective_to)
    if dates_moved and reorganised:
        problems.append(_problem(entry, "hieu_luc_tu", "units.dates_reorganised", code=unit.code))
    elif dates_moved or entry.group != unit.group.code:
        # The unit leaves, joins or changes group in a frozen period: before or after the change.
        for start, end in ((unit.effective_from, unit.effective_to), (entry.valid_from, entry.valid_to)):
            found = _frozen(entry, start, end, frozen)
            if found:
                return problems + found
    return problems


def _frozen(
    entry: UnitEntry, start: datetime.date | None, end: datetime.date | None, frozen: list[EvaluationPeriod]
) -> list[ImportProblem]:
    for period in frozen:
        if _overlaps(start, end, period):
            args = {"period": str(period), "start": _day(period.data_from), "end": _day(period.data_to)}
            return [_problem(entry, "hieu_luc_tu", "units.frozen_period", **args)]
    return []
