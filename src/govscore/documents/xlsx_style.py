"""Sheet layout shared by every sheet of the export: header row, widths, number formats, printing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.sheets import append

FONT_NAME = "Times New Roman"
HEADER_FONT = Font(name=FONT_NAME, bold=True)
BODY_FONT = Font(name=FONT_NAME)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
TOP = Alignment(vertical="top")
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
# Named styles: one assignment per cell instead of one per property, each of which openpyxl hashes;
# at thousands of rows that is most of the time. They also let a user restyle the sheet in Excel.
HEADER_STYLE = "govscore header"
BODY_STYLE = "govscore body"
WRAP_STYLE = "govscore wrapped"

# Excel shows these with the reader's own separators (1.234,5 on a Vietnamese system).
PERCENT_FORMATS = {0: "0%", 1: "0.0%", 2: "0.00%"}
# Characters Excel refuses in a sheet name, and its length limit.
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LIMIT = 31
# Column widths in characters: wide enough for most values, never wider than a readable column.
MIN_WIDTH, MAX_WIDTH = 6, 60


def points_format(places: int) -> str:
    """`#,##0` for whole points, `#,##0.0` for one place, as the framework rounds."""
    return "#,##0" if places == 0 else "#,##0." + "0" * places


def value_format(value: int | float | None) -> str:
    """Whole numbers without decimals, others with one or two: points not rounded by the framework."""
    return "#,##0" if isinstance(value, int) else "#,##0.0#"


def percent_format(places: int) -> str:
    return PERCENT_FORMATS.get(places, "0." + "0" * places + "%")


def sheet_name(title: str, taken: set[str]) -> str:
    """A legal sheet name, unique in the workbook (Excel compares names case-insensitively)."""
    base = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", title).split()).strip("'") or "Sheet"
    name = _shorten(base, SHEET_NAME_LIMIT)
    counter = 2
    while name.casefold() in taken:
        suffix = f" ({counter})"
        name = _shorten(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
        counter += 1
    taken.add(name.casefold())
    return name


def _shorten(text: str, limit: int) -> str:
    """Cut at a word boundary when one is near, so a group's name does not end mid-word."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space >= limit // 2 else cut).rstrip(" ,;-")


def add_styles(workbook: Any) -> None:
    workbook.add_named_style(
        NamedStyle(HEADER_STYLE, font=HEADER_FONT, fill=HEADER_FILL, border=BORDER, alignment=HEADER_ALIGNMENT)
    )
    workbook.add_named_style(NamedStyle(BODY_STYLE, font=BODY_FONT, border=BORDER, alignment=TOP))
    workbook.add_named_style(NamedStyle(WRAP_STYLE, font=BODY_FONT, border=BORDER, alignment=TOP_WRAP))


def write_header(sheet: Any, titles: Sequence[str]) -> None:
    append(sheet, titles)
    for cell in sheet[1]:
        cell.style = HEADER_STYLE


def append_row(sheet: Any, row: int, values: Sequence[object], wrap_columns: frozenset[int] = frozenset()) -> None:
    """Append `values` as row number `row` in the body style; `wrap_columns` (1-based) wrap their text.

    Styled here, before any number format is set: assigning a named style resets the format. Text is
    stored as text (`govscore.sheets`).
    """
    append(sheet, values)
    for column in range(1, len(values) + 1):
        sheet.cell(row, column).style = WRAP_STYLE if column in wrap_columns else BODY_STYLE


def fit_columns(sheet: Any, limits: dict[int, int] | None = None) -> None:
    """Widths from the longest value of each column; the header wraps, so its words count, not its length."""
    widths: dict[int, int] = {}
    for row_index, row in enumerate(sheet.iter_rows(values_only=True)):
        for column, value in enumerate(row, start=1):
            if value is None:
                continue
            text = str(value)
            length = max(len(word) for word in text.split()) if row_index == 0 and text.split() else len(text)
            widths[column] = max(widths.get(column, 0), length)
    for column, width in widths.items():
        high = (limits or {}).get(column, MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, MIN_WIDTH), high)


def print_setup(sheet: Any, freeze: str) -> None:
    """Frozen header, A4 landscape, one page wide, the header row on every printed page."""
    sheet.freeze_panes = freeze
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
