"""Where a framework workbook's values came from (sheet, row, column and its title), and its cells read
as the YAML format's values."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

from govscore.scoring.location import Location
from govscore.scoring.source import Path, Source

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_TRUE, _FALSE = frozenset({"true", "có", "yes"}), frozenset({"false", "không", "no"})


class CellLocation(Location):
    """`bo-tieu-chi.xlsx, Tiêu chí!D7 (Điểm tối đa)`: the names the user sees in the workbook."""

    __slots__ = ("header", "letter", "sheet")

    def __init__(self, file: str, sheet: str, row: int | None = None, letter: str = "", header: str = "") -> None:
        super().__init__(file, row, None)
        self.sheet, self.letter, self.header = sheet, letter, header

    def _key(self) -> tuple[str, int | None, int | None]:
        return f"{self.file}\0{self.sheet}\0{self.letter}", self.line, None

    def __repr__(self) -> str:
        return f"CellLocation({str(self)!r})"

    def __str__(self) -> str:
        where = f"{self.file}, {self.sheet}"
        if self.line is not None or self.letter:
            where += f"!{self.letter}{self.line if self.line is not None else ''}"
        if self.header:
            where += f" ({self.header})"
        return where


class WorkbookSource(Source):
    """A Source whose values are cells: the core's problems then name the cell, not a line."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.cells: dict[Path, CellLocation] = {}

    def note(self, path: Path, where: CellLocation) -> None:
        self.cells.setdefault(path, where)

    def at(self, path: Path) -> Location:
        probe = path
        while probe:
            if probe in self.cells:
                return self.cells[probe]
            probe = probe[:-1]
        return Location(self.file)


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def plain(value: object) -> object:
    """A cell's value as YAML would give it: Decimal for fractions, a date for a date, NFC text."""
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def code(value: object) -> object:
    """A code typed as a number (`1`, `1.2`) is the code as shown, as YAML reads a quoted code."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.strip())
    return plain(value)


def boolean(value: object) -> object:
    if isinstance(value, str) and value.strip().casefold() in _TRUE | _FALSE:
        return value.strip().casefold() in _TRUE
    return plain(value)


def date(value: object) -> object:
    """A date cell, ISO text or dd/mm/yyyy as Vietnamese documents write it."""
    if isinstance(value, str) and (match := _DAY_MONTH_YEAR.fullmatch(value.strip())):
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return value
    return plain(value)


def code_list(value: object) -> list[object]:
    if not isinstance(value, str):
        return [code(value)]
    return [unicodedata.normalize("NFC", part.strip()) for part in re.split(r"[,\n]", value) if part.strip()]


def line_list(value: object) -> list[object]:
    if not isinstance(value, str):
        return [plain(value)]
    return [unicodedata.normalize("NFC", part) for part in value.split("\n") if part.strip()]
