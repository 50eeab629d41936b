"""Opening a user's XLSX file, reading its rows and matching its two header rows, for every reader
(data template, past results).

openpyxl raises almost anything on a damaged file, when it opens it or halfway through a sheet; both
become `Unreadable`, which each reader turns into its own located problem, never a traceback.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol, TypeVar

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.imports.cells import is_blank
from govscore.imports.extent import Limits, bounded
from govscore.imports.layout import CODE_ROW, TITLE_ROW, Book, Sheet
from govscore.imports.problems import ImportProblem
from govscore.scoring.vietnamese import nfc

Row = tuple[object, ...]
P = TypeVar("P", bound=ImportProblem)


class Headed(Protocol):
    """A template column: its code (row 1) and title."""

    @property
    def key(self) -> str: ...

    @property
    def title(self) -> str: ...


# What openpyxl warns of in a user's file (a date cell out of range, an unsupported extension) surfaces
# as a located problem of ours, or does not matter: its warning would only be noise on the console.
warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")


class Unreadable(Exception):
    """openpyxl could not read the file; `detail` is the first line of what it said."""

    def __init__(self, error: BaseException) -> None:
        text = str(error).strip()
        self.detail = text.splitlines()[0][:120] if text else type(error).__name__
        super().__init__(self.detail)


def is_xlsx(data: bytes) -> bool:
    """An Office Open XML workbook: a ZIP archive with a workbook part (the name proves nothing)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        # zipfile raises NotImplementedError for an unknown method or version, RuntimeError when encrypted.
        return False


@contextmanager
def opened(data: bytes) -> Iterator[Book]:
    """The workbook in openpyxl's read-only mode (streamed: thousands of rows in little memory)."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged file makes openpyxl raise almost anything
        raise Unreadable(error) from error
    try:
        yield workbook
    finally:
        workbook.close()


def sheet_rows(sheet: Sheet, limits: Limits) -> Iterator[Row]:
    """The sheet's rows; a parse error in the middle of the file raises `Unreadable`, a row or cell past
    `limits` raises `Oversized` (reading stops there)."""
    return bounded(_rows(sheet), sheet.title, limits, sheet.min_row or 1, sheet.min_column or 1)


def _rows(sheet: Sheet) -> Iterator[Row]:
    iterator = sheet.iter_rows(values_only=True)
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except Exception as error:  # see `opened`
            raise Unreadable(error) from error
        yield tuple(row)


def match_header(
    header: Row, columns: Sequence[Headed], sheet: str, problem: type[P], optional: Collection[str] = ()
) -> tuple[dict[str, int], list[P]]:
    """Column key → position in the file (columns may be moved), and the header's problems: unknown and
    repeated codes, and missing ones unless `optional`."""
    expected = {column.key for column in columns}
    positions: dict[str, int] = {}
    problems = []
    for index, raw in enumerate(header):
        if is_blank(raw):
            continue
        key, letter = nfc(str(raw)), get_column_letter(index + 1)
        if key not in expected:
            problems.append(problem("column.unknown", {"code": key}, sheet, CODE_ROW, letter))
        elif key in positions:
            first = get_column_letter(positions[key] + 1)
            problems.append(problem("column.duplicate", {"code": key, "first": first}, sheet, CODE_ROW, letter))
        else:
            positions[key] = index
    for column in columns:
        if column.key not in positions and column.key not in optional:
            problems.append(problem("column.missing", {"code": column.key, "title": column.title}, sheet, CODE_ROW))
    return positions, problems


def check_title_row(row: Row, index: int, expected: str, sheet: str, problem: type[P]) -> P | None:
    """A deleted title row would make the first unit's row the header: that unit would vanish unseen."""
    found = row[index] if index < len(row) else None
    if isinstance(found, str) and nfc(found) == nfc(expected):
        return None
    letter = get_column_letter(index + 1)
    return problem("header.row", {"row": str(TITLE_ROW), "expected": nfc(expected)}, sheet, TITLE_ROW, letter)
