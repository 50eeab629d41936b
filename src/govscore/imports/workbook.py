"""Opening a user's XLSX file and reading its rows, for every reader (data template, past results).

openpyxl raises almost anything on a damaged file, when it opens it or halfway through a sheet; both
become `Unreadable`, which each reader turns into its own located problem, never a traceback.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from openpyxl import load_workbook  # type: ignore[import-untyped]

from govscore.imports.layout import Book, Sheet

Row = tuple[object, ...]

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


def sheet_rows(sheet: Sheet) -> Iterator[Row]:
    """The sheet's rows; a parse error in the middle of the file raises `Unreadable`."""
    iterator = sheet.iter_rows(values_only=True)
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except Exception as error:  # see `opened`
            raise Unreadable(error) from error
        yield tuple(row)
