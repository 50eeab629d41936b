"""Writes of organisations, groups, units, staff counts and reorganisations."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext

from govscore.imports.problems import ImportProblem
from govscore.imports.units import UnitBook, read_units
from govscore.scoring.vietnamese import nfc
from govscore.web.actions import Refused, User, ensure_open, writing
from govscore.web.limits import INTEGER_MAX, in_integer_range
from govscore.web.orgs import lineage, register
from govscore.web.orgs.models import Organisation, Reorganisation, StaffCount, Succession, Unit, UnitGroup
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.rescoring import rescore_period

CODE_MAX, NAME_MAX, SHORT_MAX, NUMBER_MAX = 64, 255, 64, 64


def do_ensure_organisation(
    name: str, short_name: str = "", province: str = "", *, by: User | None = None
) -> Organisation:
    """The evaluating agency: there is one, created on the first call."""
    with writing(by=by):
        organisation = Organisation.objects.select_for_update().first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=nfc(name), short_name=nfc(short_name), province=nfc(province)
            )
    return organisation


def do_ensure_group(code: str, name: str, order: int = 0, *, by: User | None = None) -> UnitGroup:
    with writing(by=by):
        group, _created = UnitGroup.objects.get_or_create(code=code, defaults={"name": nfc(name), "order": order})
    return group


def do_ensure_unit(
    code: str,
    name: str,
    group: UnitGroup,
    short_name: str = "",
    effective_from: datetime.date | None = None,
    effective_to: datetime.date | None = None,
    *,
    by: User | None = None,
) -> Unit:
    with writing(by=by):
        unit, _created = Unit.objects.get_or_create(
            code=code,
            defaults={
                "name": nfc(name),
                "short_name": nfc(short_name),
                "group": group,
                "effective_from": effective_from,
                "effective_to": effective_to,
            },
        )
    return unit


def do_set_staff_count(
    unit: Unit, year: int, civil_servants: int, public_employees: int = 0, *, by: User | None = None
) -> StaffCount:
    if civil_servants < 0 or public_employees < 0:
        raise Refused(gettext("Số cán bộ không được âm."))
    if not in_integer_range(year, civil_servants, public_employees):
        raise Refused(gettext("Năm và số cán bộ phải từ 0 đến %(max)s.") % {"max": INTEGER_MAX})
    with writing(by=by):
        count, _created = StaffCount.objects.update_or_create(
            unit=unit, year=year, defaults={"civil_servants": civil_servants, "public_employees": public_employees}
        )
    return count


# --- reorganisations: operations from a date, never edits (docs/units.md) ---


@dataclass(frozen=True)
class Decision:
    """The decision a reorganisation carries out: its number, its date and the day it takes effect."""

    number: str
    date: datetime.date
    effective: datetime.date


@dataclass(frozen=True)
class NewUnit:
    """A unit a merge or a split creates, in force from the decision's effective day."""

    code: str
    name: str
    group: UnitGroup
    short_name: str = ""


def _decision_problems(decision: Decision) -> list[str]:
    problems = []
    number = nfc(decision.number).strip()
    if not number:
        problems.append(gettext("Phải ghi số quyết định."))
    elif len(number) > NUMBER_MAX:
        problems.append(gettext("Số quyết định dài quá %(limit)s ký tự.") % {"limit": NUMBER_MAX})
    return problems


def _new_unit_problems(units: Sequence[NewUnit]) -> list[str]:
    problems = []
    codes = [nfc(unit.code).strip() for unit in units]
    taken = set(Unit.objects.filter(code__in=codes).values_list("code", flat=True))
    for code, unit in zip(codes, units, strict=True):
        if not code or not nfc(unit.name).strip():
            problems.append(gettext("Đơn vị mới phải có mã và tên."))
        elif len(code) > CODE_MAX or len(nfc(unit.name)) > NAME_MAX or len(nfc(unit.short_name)) > SHORT_MAX:
            problems.append(
                gettext("Mã, tên, tên ngắn của %(code)s dài quá %(code_max)s, %(name_max)s, %(short_max)s ký tự.")
                % {"code": code, "code_max": CODE_MAX, "name_max": NAME_MAX, "short_max": SHORT_MAX}
            )
        elif code in taken:
            problems.append(gettext("Mã đơn vị %(code)s đã có.") % {"code": code})
        elif codes.count(code) > 1:
            problems.append(gettext("Mã đơn vị %(code)s ghi hai lần.") % {"code": code})
    return problems


def _create(unit: NewUnit, effective: datetime.date) -> Unit:
    return Unit.objects.create(
        code=nfc(unit.code).strip(),
        name=nfc(unit.name).strip(),
        short_name=nfc(unit.short_name).strip(),
        group=unit.group,
        effective_from=effective,
    )


def _record(kind: str, decision: Decision, pairs: Iterable[tuple[Unit, Unit | None]], **names: str) -> Reorganisation:
    reorganisation = Reorganisation.objects.create(
        kind=kind,
        effective=decision.effective,
        decision_number=nfc(decision.number).strip(),
        decision_date=decision.date,
        **names,
    )
    for predecessor, successor in pairs:
        Succession.objects.create(reorganisation=reorganisation, predecessor=predecessor, successor=successor)
    return reorganisation


@contextmanager
def _reorganising(decision: Decision, ending: Sequence[Unit], by: User | None, *problems: str) -> Iterator[None]:
    """The checks and the frame every reorganisation shares: one transaction, the periods whose
    structure changes locked and open (a frozen period's results never change), the old units ended
    the day before the effective day, then those periods rescored."""
    found = [*_decision_problems(decision), *problems]
    with writing(by=by):
        locked = list(Unit.objects.select_for_update().filter(pk__in=[unit.pk for unit in ending]))
        found += lineage.ending_problems(locked, decision.effective)
        if found:
            raise Refused(*found)
        periods = lineage.affected_periods(decision.effective)
        for period in periods:
            ensure_open(period)
        for unit in locked:
            unit.effective_to = decision.effective - lineage.DAY
            unit.save(update_fields=["effective_to"])
        yield
        for period in periods:
            rescore_period(period)


def do_merge(units: Sequence[Unit], into: Unit | NewUnit, decision: Decision, *, by: User | None = None) -> Unit:
    """`units` become `into` from the effective day: a new unit, or an existing one that absorbs them."""
    problems = []
    if isinstance(into, NewUnit):
        problems += _new_unit_problems([into])
        if len(units) < 2:
            problems.append(gettext("Hợp nhất cần ít nhất hai đơn vị."))
    elif not units or into in units:
        problems.append(gettext("Chọn các đơn vị sáp nhập vào, khác đơn vị nhận."))
    elif not into.active_on(decision.effective):
        problems.append(gettext("%(unit)s không có hiệu lực vào ngày có hiệu lực.") % {"unit": into.name})
    with _reorganising(decision, units, by, *problems):
        successor = _create(into, decision.effective) if isinstance(into, NewUnit) else into
        _record(Reorganisation.Kind.MERGE, decision, ((unit, successor) for unit in units))
    return successor


def do_split(unit: Unit, into: Sequence[NewUnit], decision: Decision, *, by: User | None = None) -> list[Unit]:
    """`unit` becomes the new units `into` from the effective day."""
    problems = _new_unit_problems(into)
    if len(into) < 2:
        problems.append(gettext("Chia tách cần ít nhất hai đơn vị mới."))
    with _reorganising(decision, [unit], by, *problems):
        successors = [_create(new, decision.effective) for new in into]
        _record(Reorganisation.Kind.SPLIT, decision, ((unit, successor) for successor in successors))
    return successors


def do_dissolve(unit: Unit, decision: Decision, *, by: User | None = None) -> None:
    """`unit` ends the day before the effective day, with no successor."""
    with _reorganising(decision, [unit], by):
        _record(Reorganisation.Kind.DISSOLVE, decision, [(unit, None)])


def do_rename(unit: Unit, name: str, decision: Decision, short_name: str = "", *, by: User | None = None) -> Unit:
    """The same unit under a new name from the effective day; its former name is kept in its history.
    Published editions keep the name they printed."""
    name, short_name = nfc(name).strip(), nfc(short_name).strip()
    problems = _decision_problems(decision)
    if not name or len(name) > NAME_MAX or len(short_name) > SHORT_MAX:
        problems.append(gettext("Tên mới phải có, tối đa %(limit)s ký tự.") % {"limit": NAME_MAX})
    elif name == unit.name and short_name == unit.short_name:
        problems.append(gettext("Tên mới trùng tên hiện tại."))
    if not unit.active_on(decision.effective):
        problems.append(gettext("%(unit)s không có hiệu lực vào ngày có hiệu lực.") % {"unit": unit.name})
    if problems:
        raise Refused(*problems)
    with writing(by=by):
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        old_name, old_short = unit.name, unit.short_name
        unit.name, unit.short_name = name, short_name
        unit.save(update_fields=["name", "short_name"])
        _record(Reorganisation.Kind.RENAME, decision, [(unit, unit)], old_name=old_name, old_short_name=old_short)
        # Names order the rankings: open periods the unit is scored in are ranked again under the new
        # name; frozen ones keep the name they were closed or published with.
        for period in EvaluationPeriod.objects.filter(results__unit=unit).distinct():
            if period.is_open:
                rescore_period(period)
    return unit


# --- the units workbook ---


@dataclass(frozen=True)
class UnitsOutcome:
    """Problems (nothing written), or the changes: previewed (`written` False) or made."""

    problems: tuple[ImportProblem, ...] = ()
    changes: tuple[register.RegisterChange, ...] = ()
    fingerprint: str = ""
    written: bool = False
    stale: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def read_units_file(data: bytes) -> UnitBook:
    groups = UnitGroup.objects.values_list("code", flat=True)
    return read_units(data, set(groups), set(Unit.objects.values_list("code", flat=True)))


def do_import_units(data: bytes, *, by: User | None = None, dry_run: bool = False, expected: str = "") -> UnitsOutcome:
    """Check the whole workbook against the register and, unless `dry_run`, write all of it in one
    transaction, or nothing. `expected`: the fingerprint of the changes the user previewed; when the
    register moved since, nothing is written and the outcome is `stale`."""
    book = read_units_file(data)
    if not book.ok:
        return UnitsOutcome(problems=book.problems)
    with writing(by=by):
        if not dry_run:
            # One import at a time: the register's first group row is the lock both take.
            list(UnitGroup.objects.select_for_update().order_by("pk")[:1])
        planned = register.plan(book)
        outcome = UnitsOutcome(planned.problems, planned.changes, planned.fingerprint)
        if not outcome.ok or dry_run or not outcome.changes:
            return outcome
        if expected and expected != planned.fingerprint:
            return UnitsOutcome(changes=planned.changes, fingerprint=planned.fingerprint, stale=True)
        _write_register(book)
        if any(change.kind == "unit" for change in planned.changes):
            for period in EvaluationPeriod.objects.order_by("pk"):
                if period.is_open:
                    ensure_open(period)
                    rescore_period(period)
    return UnitsOutcome(changes=planned.changes, fingerprint=planned.fingerprint, written=True)


def _write_register(book: UnitBook) -> None:
    for entry in book.groups:
        UnitGroup.objects.update_or_create(code=entry.code, defaults={"name": entry.name, "order": entry.order})
    groups = {group.code: group for group in UnitGroup.objects.all()}
    saved: dict[str, Unit] = {}
    for unit_entry in book.units:
        fields = {
            "name": unit_entry.name,
            "short_name": unit_entry.short_name,
            "group": groups[unit_entry.group],
            "effective_from": unit_entry.valid_from,
            "effective_to": unit_entry.valid_to,
        }
        current = Unit.objects.filter(code=unit_entry.code).first()
        if current is None:
            saved[unit_entry.code] = Unit.objects.create(code=unit_entry.code, **fields)
            continue
        if any(getattr(current, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(current, name, value)
            current.save()
        saved[unit_entry.code] = current
    # Parents last: a unit may name one further down the file.
    parents = {unit.code: unit for unit in Unit.objects.filter(code__in={e.parent for e in book.units if e.parent})}
    for unit_entry in book.units:
        unit = saved[unit_entry.code]
        parent = parents.get(unit_entry.parent)
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            unit.save(update_fields=["parent"])
