"""A framework workbook's sheets as rows of cells keyed by the column they are under.

Columns are found by their title (any order, case and spacing aside); an unknown title, a required column
missing, and a sheet longer than any framework needs are problems located at the sheet's header.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.frameworks.cells import CellLocation, is_empty
from govscore.frameworks.workbook_layout import COLUMNS, REQUIRED_SHEETS, Column
from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.location import Location

# Far beyond any framework (a few hundred criteria): a sheet holding more is not a framework.
MAX_ROWS = 5000
MAX_COLUMNS = 40


@dataclass
class Row:
    sheet: SheetRows
    number: int
    values: dict[str, object]

    def get(self, key: str) -> object:
        return self.values.get(key)

    def at(self, key: str = "") -> CellLocation:
        if not key or key not in self.sheet.columns:
            return CellLocation(self.sheet.file, self.sheet.name, self.number)
        letter, title = self.sheet.columns[key]
        return CellLocation(self.sheet.file, self.sheet.name, self.number, letter, title)


@dataclass
class SheetRows:
    file: str
    name: str
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (letter, title as written)
    rows: list[Row] = field(default_factory=list)


def _folded(text: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def read_sheets(content: bytes | FilePath, name: str) -> tuple[dict[str, SheetRows], list[Problem]]:
    """Every known sheet's rows; raises ValidationFailed when the file is no workbook or lacks a required
    sheet (nothing else can then be read)."""
    try:
        return _read(content, name)
    except ValidationFailed:
        raise
    except Exception as error:  # whatever openpyxl, zipfile or an XML parser raises: the file is broken
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ValidationFailed([Problem(Location(name), "workbook.unreadable", {"detail": detail})]) from None


def _read(content: bytes | FilePath, name: str) -> tuple[dict[str, SheetRows], list[Problem]]:
    stream: Any = io.BytesIO(content) if isinstance(content, bytes) else content
    book = load_workbook(stream, read_only=True, data_only=True)
    try:
        missing = [sheet for sheet in REQUIRED_SHEETS if sheet not in book.sheetnames]
        if missing:
            raise ValidationFailed(
                [Problem(Location(name), "workbook.sheet_missing", {"sheet": sheet}) for sheet in missing]
            )
        problems: list[Problem] = []
        sheets = {
            sheet: _sheet(book[sheet], name, sheet, columns, problems)
            for sheet, columns in COLUMNS.items()
            if sheet in book.sheetnames
        }
        return sheets, problems
    finally:
        book.close()


def _sheet(worksheet: Any, file: str, sheet: str, columns: tuple[Column, ...], problems: list[Problem]) -> SheetRows:
    result = SheetRows(file, sheet)
    by_title = {_folded(column.title): column for column in columns}
    lines = worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = next(lines, ())
    keys: dict[int, str] = {}
    for index, title in enumerate(header):
        if is_empty(title):
            continue
        letter = get_column_letter(index + 1)
        column = by_title.get(_folded(title))
        if column is None:
            allowed = ", ".join(known.title for known in columns)
            where = CellLocation(file, sheet, 1, letter)
            problems.append(Problem(where, "workbook.column_unknown", {"title": str(title), "allowed": allowed}))
            continue
        keys[index] = column.key
        result.columns.setdefault(column.key, (letter, str(title)))
    for column in columns:
        if column.required and column.key not in result.columns:
            where = CellLocation(file, sheet, 1)
            problems.append(Problem(where, "workbook.column_missing", {"title": column.title}))
    for number, line in enumerate(lines, start=2):
        values = {keys[i]: value for i, value in enumerate(line) if i in keys and not _blank(keys[i], value)}
        if values:
            if len(result.rows) >= MAX_ROWS:
                where = CellLocation(file, sheet, number)
                problems.append(Problem(where, "workbook.too_many_rows", {"limit": MAX_ROWS}))
                break
            result.rows.append(Row(result, number, values))
    return result


def _blank(key: str, value: object) -> bool:
    # A separator may be only spaces (" "); any other cell of spaces is empty.
    if key == "separator":
        return value is None or value == ""
    return is_empty(value)
