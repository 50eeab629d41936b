"""Reading one data row: which unit it is, and each indicator's cells → a value or located problems."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace

from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.imports.cells import CellError, Lexer, is_blank, number_lexer, value_lexer
from govscore.imports.layout import (
    DATA_SHEET,
    UNIT_CODE_KEY,
    UNIT_CODE_TITLE,
    UNIT_NAME_KEY,
    UNIT_NAME_TITLE,
    Column,
    UnitRow,
)
from govscore.imports.problems import ImportProblem
from govscore.scoring.facts import ValueProblem, read_value, to_json
from govscore.scoring.model import Indicator
from govscore.scoring.vietnamese import nfc

Row = tuple[object, ...]


@dataclass(frozen=True)
class Cell:
    """A template column as found in the file: its position, letter, code and title."""

    index: int
    key: str
    title: str = ""

    @property
    def letter(self) -> str:
        return str(get_column_letter(self.index + 1))

    def raw(self, row: Row) -> object:
        return row[self.index] if self.index < len(row) else None

    def problem(self, number: int, key: str, args: Mapping[str, object]) -> ImportProblem:
        return ImportProblem(key, args, DATA_SHEET, number, self.letter, self.title or self.key)


def _cell(positions: Mapping[str, int], column: Column) -> Cell | None:
    return Cell(positions[column.key], column.key, column.title) if column.key in positions else None


Checked = tuple[object | None, list[ValueProblem]]


class _Checks:
    """The core's check of each distinct value of a column, done once: a province's sheet repeats the same
    counts, answers and choices thousands of times, and values are immutable."""

    def __init__(self, indicator: Indicator) -> None:
        self.indicator = indicator
        self.known: dict[Hashable, Checked] = {}

    def __call__(
        self, plain: object, cell_of: Callable[[tuple[str | int, ...]], Cell], number: int
    ) -> tuple[object | None, list[ImportProblem]]:
        """The stored JSON of the value the cells give, or its problems at their cells."""
        key = _key(plain)
        found = self.known.get(key) if key is not None else None
        if found is None:
            fact, problems = read_value(self.indicator, plain)
            found = (to_json(fact) if fact is not None else None, problems)
            if key is not None:
                self.known[key] = found
        stored, problems = found
        return stored, [cell_of(problem.part).problem(number, problem.key, problem.args) for problem in problems]


def _key(plain: object) -> Hashable | None:
    """What a plain value is, types included (`True` is not `1`); None for one not worth remembering."""
    if isinstance(plain, dict):
        return tuple((name, type(value), value) for name, value in plain.items())
    if isinstance(plain, list):
        return ("list", *plain)
    return (type(plain), plain) if isinstance(plain, Hashable) else None


@dataclass(frozen=True)
class ValueField:
    """An indicator read from one column."""

    indicator: Indicator
    cell: Cell
    lex: Lexer
    check: _Checks

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def index(self) -> int:
        return self.cell.index

    def read(self, row: Row, number: int, into: dict[str, object], problems: list[ImportProblem]) -> None:
        raw = self.cell.raw(row)
        if is_blank(raw):
            return
        try:
            plain = self.lex(raw)
        except CellError as error:
            problems.append(self.cell.problem(number, error.key, error.details))
            return
        stored, found = self.check(plain, lambda _part: self.cell, number)
        problems.extend(found)
        if stored is not None:
            into[self.code] = stored


@dataclass(frozen=True)
class RatioField:
    """A ratio: numerator and denominator together, or the percentage alone (each part may be absent
    from a damaged file; the header's problems already say so)."""

    indicator: Indicator
    parts: Mapping[str, Cell]
    check: _Checks

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def index(self) -> int:
        return min(cell.index for cell in self.parts.values())

    def _cell_of(self, part: tuple[str | int, ...]) -> Cell:
        named = part[0] if part else ""
        found = self.parts.get(str(named))
        return found if found is not None else min(self.parts.values(), key=lambda cell: cell.index)

    def read(self, row: Row, number: int, into: dict[str, object], problems: list[ImportProblem]) -> None:
        given: dict[str, object] = {}
        lex = number_lexer(self.indicator)
        failed = False
        for name, cell in self.parts.items():
            raw = cell.raw(row)
            if is_blank(raw):
                continue
            try:
                given[name] = lex(raw)
            except CellError as error:
                problems.append(cell.problem(number, error.key, error.details))
                failed = True
        if failed or not given:
            return
        stored, found = self.check(given, self._cell_of, number)
        problems.extend(found)
        if stored is not None:
            into[self.code] = stored


Field = ValueField | RatioField


def fields_for(columns: Sequence[Column], positions: Mapping[str, int]) -> list[Field]:
    """The readers of the indicator columns present in the file, in the file's column order."""
    fields: list[Field] = []
    ratios: dict[str, tuple[Indicator, dict[str, Cell]]] = {}
    for column in columns:
        indicator = column.indicator
        cell = _cell(positions, column)
        if indicator is None or cell is None:
            continue
        if column.kind == "value":
            fields.append(ValueField(indicator, cell, value_lexer(indicator), _Checks(indicator)))
        else:
            ratios.setdefault(indicator.code, (indicator, {}))[1][column.kind] = cell
    fields.extend(RatioField(indicator, parts, _Checks(indicator)) for indicator, parts in ratios.values())
    return sorted(fields, key=lambda field: field.index)


def _sort_key(problem: ImportProblem) -> tuple[int, str]:
    return len(problem.column), problem.column


class RowContext:
    """The units known to the period, the rows seen so far, and the values read."""

    def __init__(self, units: Sequence[UnitRow], positions: Mapping[str, int]) -> None:
        self.units = {unit.code: unit for unit in units}
        self.folded = {unit.code.casefold(): unit for unit in units}
        self.code = Cell(positions[UNIT_CODE_KEY], UNIT_CODE_KEY, UNIT_CODE_TITLE)
        self.name = _cell(positions, Column(UNIT_NAME_KEY, UNIT_NAME_TITLE, "unit_name"))
        self.first_rows: dict[str, int] = {}
        self.values: dict[str, dict[str, object]] = {}

    def read(self, row: Row, number: int, fields: Sequence[Field]) -> list[ImportProblem]:
        """The row's problems, ordered by column; its values are kept under the unit's code."""
        problems: list[ImportProblem] = []
        unit = self._unit(row, number, problems)
        values: dict[str, object] = {}
        for field in fields:
            field.read(row, number, values, problems)
        if unit is not None:
            self.values[unit.code] = values
            # Each problem names the unit, as people find a row: by the unit's name, not its code.
            problems = [replace(problem, unit=unit.name) for problem in problems]
        return sorted(problems, key=_sort_key)

    def _unit(self, row: Row, number: int, problems: list[ImportProblem]) -> UnitRow | None:
        raw = self.code.raw(row)
        if is_blank(raw):
            problems.append(self.code.problem(number, "unit.code_required", {}))
            return None
        code = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else nfc(str(raw))
        unit = self.units.get(code) or self.folded.get(code.casefold())
        if unit is None:
            problems.append(self.code.problem(number, "unit.unknown", {"code": code}))
            return None
        first = self.first_rows.setdefault(unit.code, number)
        if first != number:
            problems.append(
                self.code.problem(number, "unit.duplicate_row", {"code": unit.code, "first_row": str(first)})
            )
            return None
        self._check_name(row, number, unit, problems)
        return unit

    def _check_name(self, row: Row, number: int, unit: UnitRow, problems: list[ImportProblem]) -> None:
        if self.name is None:
            return
        raw = self.name.raw(row)
        if is_blank(raw) or nfc(str(raw)).casefold() == nfc(unit.name).casefold():
            return
        args = {"name": nfc(str(raw)), "code": unit.code, "expected": unit.name}
        problems.append(self.name.problem(number, "unit.name_mismatch", args))
