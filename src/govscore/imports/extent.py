"""How large an uploaded workbook may be: what the period can hold, judged before the rows are read.

A template holds a row per unit and a column per field. A file of two million junk rows took half a
minute and more than a gigabyte to preview, each row adding its problems. Every sheet's size is now
bounded (the data sheet by the units × a margin and the template's columns plus a margin, the other
sheets by somewhat more rows: the help sheet lists columns, codes and units):

- before openpyxl opens the file, each worksheet's declared extent (its `<dimension>`) is compared
  with the bounds; a sheet that declares none is scanned (openpyxl itself would parse the whole sheet
  on opening to size it), stopping at the first row or cell past them;
- while a sheet is read, `bounded` stops at the first row or cell past them (a `<dimension>` may
  claim less than the sheet holds: readers ignore it for that reason);
- what openpyxl loads whole on opening is counted first, stopping past the bound: the shared strings
  (junk rows of text land there: a string per cell the sheets may hold at most) and the style sheet
  (a few hundred thousand cell formats take minutes and gigabytes to load).

Either way the file is refused as a whole with the limit and what was found, and nothing is written.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from openpyxl.utils import column_index_from_string, get_column_letter  # type: ignore[import-untyped]

from govscore.imports.problems import ImportProblem
from govscore.zipxml import StopReading, stream_xml

Row = tuple[object, ...]

# A file may hold twice the units it is for (blank lines, notes, units of other periods) and a hundred
# rows more; fifty columns more than the template (notes, helper columns).
ROW_FACTOR, ROW_MARGIN, COLUMN_MARGIN = 2, 100, 50
# The help and identity sheets: a row per column, per choice, per grade band, per register unit, more.
OTHER_SHEET_ROWS = 1000
# Elements of the style sheet (fonts, fills, borders, cell formats): a template has a few dozen, a much
# edited workbook some thousands; openpyxl takes about 70 µs and 2 KB for each.
STYLE_ELEMENTS = 50_000
STYLES = "xl/styles.xml"
CONTENT_TYPES = "[Content_Types].xml"
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)$")
WORKBOOK, WORKBOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"


@dataclass(frozen=True)
class Limits:
    """The last row (the spreadsheet's own numbering, headers included) and column a sheet may use;
    `units` and `template_columns` are what they were computed from, for the message."""

    rows: int
    columns: int
    units: int
    template_columns: int

    def widened(self) -> Limits:
        return Limits(self.rows + OTHER_SHEET_ROWS, self.columns, self.units, self.template_columns)

    @property
    def strings(self) -> int:
        """Distinct texts a workbook can need: one per cell its sheets may hold."""
        return (self.rows + OTHER_SHEET_ROWS) * self.columns


def limits_for(units: int, columns: int, header_rows: int) -> Limits:
    return Limits(header_rows + ROW_FACTOR * units + ROW_MARGIN, columns + COLUMN_MARGIN, units, columns)


class Oversized(Exception):
    def __init__(self, problem: ImportProblem) -> None:
        self.problem = problem
        super().__init__(problem.key)


# The file is refused as a whole: the problem names the sheet but is placed at no cell.


def too_many_rows(sheet: str, limits: Limits, row: int, declared: str = "") -> ImportProblem:
    args: dict[str, object] = {"sheet": sheet, "rows": row, "limit": limits.rows, "units": limits.units}
    if declared:
        return ImportProblem("file.rows_declared", {**args, "range": declared})
    return ImportProblem("file.rows_found", args)


def too_many_columns(sheet: str, limits: Limits, column: int, declared: str = "") -> ImportProblem:
    args: dict[str, object] = {
        "sheet": sheet,
        "column": get_column_letter(min(column, 16384)),
        "columns": column,
        "limit": limits.columns,
        "template": limits.template_columns,
    }
    if declared:
        return ImportProblem("file.columns_declared", {**args, "range": declared})
    return ImportProblem("file.columns_found", args)


def bounded(
    rows: Iterator[Row], sheet: str, limits: Limits, first_row: int = 1, first_column: int = 1
) -> Iterator[Row]:
    """The rows of a sheet read from `first_row` (openpyxl fills missing rows in); `Oversized` at the
    first row past the limit, or the first row with a cell past it, before the caller sees it."""
    for number, row in enumerate(rows, start=first_row):
        if number > limits.rows:
            raise Oversized(too_many_rows(sheet, limits, number))
        if first_column - 1 + len(row) > limits.columns:
            raise Oversized(too_many_columns(sheet, limits, first_column - 1 + len(row)))
        yield row


def oversized(data: bytes, main_sheet: str, limits: Limits) -> ImportProblem | None:
    """The first sheet of the workbook whose declared extent, or whose actual extent when it declares
    none, passes its limits (`limits` for `main_sheet`, `limits.widened()` for the others); None when
    all fit or the file cannot be read this way (openpyxl then says what is wrong with it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            counted = (
                (_strings_part(archive), " si", limits.strings, "file.strings_found"),
                (STYLES, "", STYLE_ELEMENTS, "file.styles_found"),
            )
            for part, tag, limit, key in counted:
                if part and _count(archive, part, tag, limit):
                    return ImportProblem(key, {"limit": limit})
            for name, part in _sheets(archive):
                sheet_limits = limits if name == main_sheet else limits.widened()
                problem = _measure(archive, part, name, sheet_limits)
                if problem is not None:
                    return problem
    except _Unreadable:
        return None
    return None


class _Unreadable(Exception):
    pass


def _strings_part(archive: zipfile.ZipFile) -> str:
    """The shared strings part, found as openpyxl finds it: by its content type."""
    parts: list[str] = []

    def override(tag: str, attributes: dict[str, str]) -> None:
        if tag.endswith(" Override") and attributes.get("ContentType") == SHARED_STRINGS_TYPE:
            parts.append(attributes.get("PartName", "").lstrip("/"))

    _parse(archive, CONTENT_TYPES, override)
    return parts[0] if parts else ""


def _count(archive: zipfile.ZipFile, part: str, tag: str, limit: int) -> bool:
    """Whether the part has more than `limit` elements named `tag` (any element for ""); stops there."""
    if part not in archive.namelist():
        return False
    count = [0]

    def start(name: str, _attributes: dict[str, str]) -> None:
        if name.endswith(tag):
            count[0] += 1
            if count[0] > limit:
                raise StopReading

    _parse(archive, part, start)
    return count[0] > limit


def _sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part) of each worksheet, from the workbook part and its relationships."""
    targets: dict[str, str] = {}
    sheets: list[tuple[str, str]] = []

    def relationship(tag: str, attributes: dict[str, str]) -> None:
        if tag.endswith(" Relationship") and attributes.get("TargetMode", "") != "External":
            target = attributes.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[attributes.get("Id", "")] = posixpath.normpath(resolved)

    def sheet(tag: str, attributes: dict[str, str]) -> None:
        if tag.endswith(" sheet"):
            rid = next((value for key, value in attributes.items() if key.endswith(" id")), "")
            sheets.append((attributes.get("name", ""), rid))

    _parse(archive, WORKBOOK_RELS, relationship)
    _parse(archive, WORKBOOK, sheet)
    names = set(archive.namelist())
    return [(name, targets[rid]) for name, rid in sheets if targets.get(rid) in names]


def _measure(archive: zipfile.ZipFile, part: str, sheet: str, limits: Limits) -> ImportProblem | None:
    found: list[ImportProblem] = []
    declared: list[str] = []
    position = {"row": 0, "column": 0}

    def head(tag: str, attributes: dict[str, str]) -> None:
        if tag.endswith(" dimension"):
            declared.append(attributes.get("ref", ""))
            raise StopReading
        if tag.endswith(" sheetData"):
            raise StopReading

    def cells(tag: str, attributes: dict[str, str]) -> None:
        if tag.endswith(" row"):
            position["row"] = _number(attributes.get("r"), position["row"] + 1)
            position["column"] = 0
            if position["row"] > limits.rows:
                found.append(too_many_rows(sheet, limits, position["row"]))
                raise StopReading
        elif tag.endswith(" c"):
            reference = CELL.match(attributes.get("r", ""))
            column = column_index_from_string(reference.group(1).upper()) if reference else position["column"] + 1
            position["column"] = column
            if column > limits.columns:
                found.append(too_many_columns(sheet, limits, column))
                raise StopReading

    _parse(archive, part, head)
    if declared:
        return _declared_problem(sheet, declared[0], limits)
    # No <dimension>: openpyxl would parse the whole sheet on opening to size it; this stops early.
    _parse(archive, part, cells)
    return found[0] if found else None


def _declared_problem(sheet: str, ref: str, limits: Limits) -> ImportProblem | None:
    last = CELL.match(ref.rsplit(":", 1)[-1].strip())
    if last is None:
        return None  # openpyxl reads an unreadable extent as none; the reader then bounds the rows it reads
    column, row = column_index_from_string(last.group(1).upper()), int(last.group(2))
    if row > limits.rows:
        return too_many_rows(sheet, limits, row, ref)
    if column > limits.columns:
        return too_many_columns(sheet, limits, column, ref)
    return None


def _number(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.isdigit() else default


def _parse(archive: zipfile.ZipFile, name: str, start: Callable[[str, dict[str, str]], None]) -> None:
    """Stream a part until `start` has seen enough; `_Unreadable` when it cannot be read as XML."""
    if not stream_xml(archive, name, start):
        raise _Unreadable
