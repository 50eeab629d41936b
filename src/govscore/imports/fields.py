"""Reading one data row: which unit it is, and each indicator's cells → a value or located problems."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.imports.cells import CellError, Parser, decimal_text, is_blank, ratio_part_parser, value_parser
from govscore.imports.layout import DATA_SHEET, RATIO_PARTS, UNIT_CODE_KEY, UNIT_NAME_KEY, Column, UnitRow
from govscore.imports.problems import ImportProblem
from govscore.scoring.vietnamese import nfc

Row = tuple[object, ...]


@dataclass(frozen=True)
class Cell:
    """A template column as found in the file: its position, letter and code."""

    index: int
    key: str

    @property
    def letter(self) -> str:
        return str(get_column_letter(self.index + 1))

    def raw(self, row: Row) -> object:
        return row[self.index] if self.index < len(row) else None

    def problem(self, number: int, key: str, args: Mapping[str, object]) -> ImportProblem:
        return ImportProblem(key, args, DATA_SHEET, number, self.letter, self.key)


def _cell(positions: Mapping[str, int], key: str) -> Cell | None:
    return Cell(positions[key], key) if key in positions else None


@dataclass(frozen=True)
class ValueField:
    """An indicator read from one column."""

    code: str
    cell: Cell
    parse: Parser

    @property
    def index(self) -> int:
        return self.cell.index

    def read(self, row: Row, number: int, into: dict[str, object], problems: list[ImportProblem]) -> None:
        raw = self.cell.raw(row)
        if is_blank(raw):
            return
        try:
            into[self.code] = self.parse(raw)
        except CellError as error:
            problems.append(self.cell.problem(number, error.key, error.details))


@dataclass(frozen=True)
class Part:
    cell: Cell
    parse: Parser


def _first(*parts: Part | None) -> Cell:
    return next(part.cell for part in parts if part is not None)


@dataclass(frozen=True)
class RatioField:
    """A ratio: numerator and denominator together, or the percentage alone (each part may be absent
    from a damaged file; the header's problems already say so)."""

    code: str
    numerator: Part | None
    denominator: Part | None
    percent: Part | None

    @property
    def index(self) -> int:
        return min(part.cell.index for part in (self.numerator, self.denominator, self.percent) if part is not None)

    def read(self, row: Row, number: int, into: dict[str, object], problems: list[ImportProblem]) -> None:
        found: list[Decimal | None] = []
        failed = False
        for part in (self.numerator, self.denominator, self.percent):
            raw = None if part is None else part.cell.raw(row)
            if part is None or is_blank(raw):
                found.append(None)
                continue
            try:
                value = part.parse(raw)
            except CellError as error:
                problems.append(part.cell.problem(number, error.key, error.details))
                failed = True
                continue
            assert isinstance(value, Decimal)
            found.append(value)
        if failed:
            return
        numerator, denominator, percent = found
        problem = self._combination(numerator, denominator, percent, number)
        if problem is not None:
            problems.append(problem)
        elif percent is not None:
            into[self.code] = {"percent": decimal_text(percent)}
        elif numerator is not None and denominator is not None:
            into[self.code] = {"numerator": decimal_text(numerator), "denominator": decimal_text(denominator)}

    def _combination(
        self, numerator: Decimal | None, denominator: Decimal | None, percent: Decimal | None, number: int
    ) -> ImportProblem | None:
        if percent is not None and (numerator is not None or denominator is not None):
            return _first(self.percent).problem(number, "ratio.both", {})
        if numerator is not None and denominator is None:
            return _first(self.denominator, self.numerator).problem(number, "ratio.numerator_only", {})
        if denominator is not None and numerator is None:
            return _first(self.numerator, self.denominator).problem(number, "ratio.denominator_only", {})
        if numerator is not None and denominator is not None and numerator > denominator:
            args = {"indicator": self.code, "numerator": numerator, "denominator": denominator}
            return _first(self.numerator).problem(number, "fact.ratio_over", args)
        return None


Field = ValueField | RatioField


def fields_for(columns: Sequence[Column], positions: Mapping[str, int]) -> list[Field]:
    """The readers of the indicator columns present in the file, in the file's column order."""
    fields: list[Field] = []
    ratios: dict[str, dict[str, Part | None]] = {}
    for column in columns:
        indicator = column.indicator
        cell = _cell(positions, column.key)
        if indicator is None:
            continue
        if column.kind == "value":
            if cell is not None:
                fields.append(ValueField(indicator.code, cell, value_parser(indicator, column.key)))
            continue
        parts = ratios.setdefault(indicator.code, {})
        parts[column.kind] = (
            None if cell is None else Part(cell, ratio_part_parser(column.key, column.kind == "percent"))
        )
        if len(parts) == len(RATIO_PARTS) and any(parts.values()):
            fields.append(RatioField(indicator.code, parts["numerator"], parts["denominator"], parts["percent"]))
    return sorted(fields, key=lambda field: field.index)


def _sort_key(problem: ImportProblem) -> tuple[int, str]:
    return len(problem.column), problem.column


class RowContext:
    """The units known to the period, the rows seen so far, and the values read."""

    def __init__(self, units: Sequence[UnitRow], positions: Mapping[str, int]) -> None:
        self.units = {unit.code: unit for unit in units}
        self.folded = {unit.code.casefold(): unit for unit in units}
        self.code = Cell(positions[UNIT_CODE_KEY], UNIT_CODE_KEY)
        self.name = _cell(positions, UNIT_NAME_KEY)
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
