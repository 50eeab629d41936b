"""The unit register as an XLSX workbook: groups (khối) and units with their validity, template and reader.

Sheet “Khối”: group code, name, order. Sheet “Đơn vị”: code, name, short name, group code, parent unit's
code, valid from, valid to. Row 1 of each holds the column codes (columns are matched by them, so they
may be moved), row 2 their titles, data from row 3. The reader checks the whole file and returns every
problem located by sheet, row and column title, or the rows; what the register already holds (known
groups and units) is the caller's to give, and comparing with it is the web app's (`orgs.register`).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.imports.cells import is_blank
from govscore.imports.extent import Limits, Oversized, limits_for, oversized
from govscore.imports.layout import Book
from govscore.imports.problems import ImportProblem
from govscore.imports.workbook import Unreadable, check_title_row, is_xlsx, match_header, opened, sheet_rows
from govscore.scoring.vietnamese import nfc, short_date
from govscore.sheets import append, text_cell

GROUP_SHEET, UNIT_SHEET = "Khối", "Đơn vị"
FIRST_DATA_ROW = 3
CODE_LIMIT, NAME_LIMIT, SHORT_LIMIT = 64, 255, 64
# The register of a province has hundreds of units; a national roll-up a few thousand.
ROW_LIMIT = 20_000


@dataclass(frozen=True)
class UnitColumn:
    key: str
    title: str
    required: bool = False

    @property
    def title_cell(self) -> str:
        return self.title + (" (*)" if self.required else "")


GROUP_COLUMNS = (
    UnitColumn("ma_khoi", "Mã khối", required=True),
    UnitColumn("ten_khoi", "Tên khối", required=True),
    UnitColumn("thu_tu", "Thứ tự"),
)
UNIT_COLUMNS = (
    UnitColumn("ma", "Mã đơn vị", required=True),
    UnitColumn("ten", "Tên đơn vị", required=True),
    UnitColumn("ten_ngan", "Tên ngắn"),
    UnitColumn("khoi", "Mã khối", required=True),
    UnitColumn("don_vi_cha", "Mã đơn vị cha"),
    UnitColumn("hieu_luc_tu", "Hiệu lực từ ngày (dd/mm/yyyy)"),
    UnitColumn("hieu_luc_den", "Hiệu lực đến ngày (dd/mm/yyyy)"),
)
OPTIONAL = frozenset(column.key for column in (*GROUP_COLUMNS, *UNIT_COLUMNS) if not column.required)


@dataclass(frozen=True)
class GroupEntry:
    code: str
    name: str
    order: int
    row: int = 0


@dataclass(frozen=True)
class UnitEntry:
    code: str
    name: str
    group: str
    short_name: str = ""
    parent: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    row: int = 0


@dataclass(frozen=True)
class UnitBook:
    """Either problems, or the groups and units of the file in its order."""

    groups: tuple[GroupEntry, ...] = ()
    units: tuple[UnitEntry, ...] = ()
    problems: tuple[ImportProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def build_units_template(groups: Sequence[GroupEntry] = (), units: Sequence[UnitEntry] = ()) -> bytes:
    """The workbook, pre-filled with `groups` and `units` (the register, so that it is also its export)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(GROUP_SHEET)
    _header(sheet, GROUP_COLUMNS)
    for group in groups:
        append(sheet, [text_cell(sheet, group.code), text_cell(sheet, group.name), group.order])
    sheet = workbook.create_sheet(UNIT_SHEET)
    _header(sheet, UNIT_COLUMNS)
    for unit in units:
        texts = (unit.code, unit.name, unit.short_name, unit.group, unit.parent)
        dates = (unit.valid_from, unit.valid_to)
        append(sheet, [*(text_cell(sheet, text) for text in texts), *(_date(day) for day in dates)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet: object, columns: Sequence[UnitColumn]) -> None:
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if column.key.startswith("ten") else 18  # type: ignore[attr-defined]
    append(sheet, [text_cell(sheet, column.key) for column in columns])
    append(sheet, [text_cell(sheet, column.title_cell) for column in columns])


def _date(day: datetime.date | None) -> str | None:
    # Written as text dd/mm/yyyy: what people type, read back the same whatever the spreadsheet's locale.
    return short_date(day) if day is not None else None


def read_units(data: bytes, known_groups: Collection[str] = (), known_units: Collection[str] = ()) -> UnitBook:
    """Validate a units workbook as a whole. Groups and parents may be those of the file or already known."""
    if not is_xlsx(data):
        return UnitBook(problems=(ImportProblem("file.not_xlsx"),))
    limits = limits_for(ROW_LIMIT, len(UNIT_COLUMNS), FIRST_DATA_ROW - 1)
    too_large = oversized(data, UNIT_SHEET, limits)
    if too_large is not None:
        return UnitBook(problems=(too_large,))
    try:
        with opened(data) as workbook:
            return _Reader(workbook, limits, set(known_groups), set(known_units)).read()
    except Unreadable as error:
        return UnitBook(problems=(ImportProblem("file.unreadable", {"detail": error.detail}),))
    except Oversized as error:
        return UnitBook(problems=(error.problem,))


def _text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return "" if raw is None else nfc(str(raw)).strip()


def parse_day(raw: object) -> datetime.date | None:
    """A date cell, or text dd/mm/yyyy (also yyyy-mm-dd); None when it is not a date."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = _text(raw)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


@dataclass
class _Sheet:
    """One sheet's rows as {column key: cell}, with where each came from."""

    name: str
    columns: Sequence[UnitColumn]
    positions: Mapping[str, int] = field(default_factory=dict)

    def problem(self, row: int, key: str, problem_key: str, **args: object) -> ImportProblem:
        index = self.positions.get(key)
        letter = get_column_letter(index + 1) if index is not None else ""
        title = next(column.title for column in self.columns if column.key == key)
        return ImportProblem(problem_key, args, self.name, row, letter, title)


class _Reader:
    def __init__(self, workbook: Book, limits: Limits, groups: set[str], units: set[str]) -> None:
        self.workbook = workbook
        self.limits = limits
        self.known_groups = groups
        self.known_units = units
        self.problems: list[ImportProblem] = []

    def rows(self, name: str, columns: Sequence[UnitColumn]) -> Iterator[tuple[int, _Sheet, dict[str, object]]]:
        sheet = self.workbook[name]
        sheet.reset_dimensions()
        rows = sheet_rows(sheet, self.limits)
        positions, header = match_header(next(rows, ()), columns, name, ImportProblem, OPTIONAL)
        self.problems += header
        if columns[0].key not in positions:
            return
        title = check_title_row(next(rows, ()), positions[columns[0].key], columns[0].title_cell, name, ImportProblem)
        if title is not None:
            self.problems.append(title)
            return
        located = _Sheet(name, columns, positions)
        for number, row in enumerate(rows, start=FIRST_DATA_ROW):
            cells = {key: row[index] if index < len(row) else None for key, index in positions.items()}
            if not all(is_blank(value) for value in cells.values()):
                yield number, located, cells

    def read(self) -> UnitBook:
        if UNIT_SHEET not in self.workbook.sheetnames:
            return UnitBook(problems=(ImportProblem("sheet.missing", {"sheet": UNIT_SHEET}),))
        groups = self._groups() if GROUP_SHEET in self.workbook.sheetnames else []
        units = self._units({group.code for group in groups} | self.known_groups)
        if not units and not self.problems:
            self.problems.append(ImportProblem("units.no_rows", {"sheet": UNIT_SHEET, "row": FIRST_DATA_ROW}))
        if self.problems:
            return UnitBook(problems=tuple(self.problems))
        return UnitBook(tuple(groups), tuple(units))

    def _cell(self, sheet: _Sheet, number: int, cells: Mapping[str, object], key: str, limit: int) -> str:
        text = _text(cells.get(key))
        column = next(column for column in sheet.columns if column.key == key)
        if not text and column.required and key in sheet.positions:
            self.problems.append(sheet.problem(number, key, "units.required", title=column.title))
        elif len(text) > limit:
            self.problems.append(sheet.problem(number, key, "units.too_long", limit=limit, length=len(text)))
            return ""
        return text

    def _unique(self, sheet: _Sheet, number: int, key: str, code: str, first: dict[str, int]) -> bool:
        if not code:
            return False
        earlier = first.setdefault(code, number)
        if earlier != number:
            self.problems.append(sheet.problem(number, key, "units.duplicate", code=code, first_row=earlier))
            return False
        return True

    def _groups(self) -> list[GroupEntry]:
        found: list[GroupEntry] = []
        first: dict[str, int] = {}
        for number, sheet, cells in self.rows(GROUP_SHEET, GROUP_COLUMNS):
            code = self._cell(sheet, number, cells, "ma_khoi", CODE_LIMIT)
            name = self._cell(sheet, number, cells, "ten_khoi", NAME_LIMIT)
            order = self._order(sheet, number, cells.get("thu_tu"))
            if self._unique(sheet, number, "ma_khoi", code, first) and name and order is not None:
                found.append(GroupEntry(code, name, order, number))
        return found

    def _order(self, sheet: _Sheet, number: int, raw: object) -> int | None:
        if is_blank(raw):
            return 0
        text = _text(raw)
        if not text.isdigit() or int(text) > ROW_LIMIT:
            self.problems.append(sheet.problem(number, "thu_tu", "units.order", actual=text, high=ROW_LIMIT))
            return None
        return int(text)

    def _units(self, groups: set[str]) -> list[UnitEntry]:
        found: list[UnitEntry] = []
        first: dict[str, int] = {}
        parents: list[tuple[_Sheet, int, str, str]] = []
        for number, sheet, cells in self.rows(UNIT_SHEET, UNIT_COLUMNS):
            before = len(self.problems)
            code = self._cell(sheet, number, cells, "ma", CODE_LIMIT)
            name = self._cell(sheet, number, cells, "ten", NAME_LIMIT)
            short = self._cell(sheet, number, cells, "ten_ngan", SHORT_LIMIT)
            group = self._cell(sheet, number, cells, "khoi", CODE_LIMIT)
            if group and group not in groups:
                known = ", ".join(sorted(groups)) or "—"
                self.problems.append(sheet.problem(number, "khoi", "units.group_unknown", group=group, known=known))
            parent = self._cell(sheet, number, cells, "don_vi_cha", CODE_LIMIT)
            valid_from = self._day(sheet, number, cells, "hieu_luc_tu")
            valid_to = self._day(sheet, number, cells, "hieu_luc_den")
            if valid_from and valid_to and valid_to < valid_from:
                args = {"start": short_date(valid_from), "end": short_date(valid_to)}
                self.problems.append(sheet.problem(number, "hieu_luc_den", "units.dates_order", **args))
            unique = self._unique(sheet, number, "ma", code, first)
            if parent:
                parents.append((sheet, number, code, parent))
            if unique and len(self.problems) == before:
                found.append(UnitEntry(code, name, group, short, parent, valid_from, valid_to, number))
        codes = set(first) | self.known_units
        for sheet, number, code, parent in parents:
            if parent == code:
                self.problems.append(sheet.problem(number, "don_vi_cha", "units.parent_self", code=code))
            elif parent not in codes:
                self.problems.append(sheet.problem(number, "don_vi_cha", "units.parent_unknown", parent=parent))
        return found

    def _day(self, sheet: _Sheet, number: int, cells: Mapping[str, object], key: str) -> datetime.date | None:
        raw = cells.get(key)
        if is_blank(raw):
            return None
        day = parse_day(raw)
        if day is None:
            self.problems.append(sheet.problem(number, key, "units.date", actual=_text(raw)))
        return day
