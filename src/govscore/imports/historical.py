"""A past published results table (XLSX) read as the core's data, and the core's checks run on it.

A period before govscore has no facts, only what its document printed: for each unit its position,
total, grade, rank, the "did well / did not do well" sentences and, sometimes, each criterion's points.
`read_history` validates the whole file (every problem located by sheet, row and column) and returns
the rows; `history_check` makes them a core `Evaluation` and checks them.

Unit codes are those of the unit register. A code the register does not know is accepted when the row
gives the unit's name (a unit since dissolved or merged): the row is kept with the code and name as
printed, and the register is not changed — creating a unit would make it take part in today's periods.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.imports.cells import CellError, is_blank, to_decimal
from govscore.imports.extent import Limits, Oversized, limits_for, oversized
from govscore.imports.history_layout import (
    CODE_LIMIT,
    DATA_TEMPLATE_FORMAT,
    FIRST_DATA_ROW,
    GOOD_KEY,
    GRADE_KEY,
    GROUP_KEY,
    META_SHEET,
    NAME_LIMIT,
    NOT_GOOD_KEY,
    POINT_LIMIT,
    POINT_PLACES,
    POSITION_KEY,
    RANK_KEY,
    SHEET,
    TEMPLATE_FORMAT,
    TEMPLATE_VERSION,
    TOTAL_KEY,
    UNIT_CODE_KEY,
    UNIT_NAME_KEY,
    WHOLE_LIMIT,
    HistoryColumn,
    HistoryIdentity,
    HistoryRow,
    history_columns,
    identity_of,
)
from govscore.imports.layout import Book, UnitRow
from govscore.imports.problems import ImportProblem
from govscore.imports.workbook import Row, Unreadable, check_title_row, is_xlsx, match_header, opened, sheet_rows
from govscore.scoring.messages import Shown
from govscore.scoring.model import Framework, Published
from govscore.scoring.values import plain
from govscore.scoring.vietnamese import nfc

# Bullets a pasted sentence may start with, and the separator it may end with.
_BULLETS = "-–—•+*·"


@dataclass(frozen=True)
class HistoryTable:
    """Either problems, or the table's rows (in the file's order); `notes` are shown but accepted."""

    rows: tuple[HistoryRow, ...]
    problems: tuple[ImportProblem, ...] = ()
    notes: tuple[ImportProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def _failed(*problems: ImportProblem) -> HistoryTable:
    return HistoryTable((), tuple(problems))


def read_history(data: bytes, framework: Framework, units: Sequence[UnitRow] = ()) -> HistoryTable:
    """Validate a filled historical template as a whole. `units` is the unit register (`group` = group code)."""
    if not is_xlsx(data):
        return _failed(ImportProblem("file.not_xlsx"))
    # A past table may list units since dissolved: the register's size with the usual margin bounds it.
    limits = limits_for(len(units), len(history_columns(framework)), FIRST_DATA_ROW - 1)
    too_large = oversized(data, SHEET, limits)
    if too_large is not None:
        return _failed(too_large)
    try:
        with opened(data) as workbook:
            return _read(workbook, framework, units, limits)
    except Unreadable as error:
        return _failed(ImportProblem("file.unreadable", {"detail": error.detail}))
    except Oversized as error:
        return _failed(error.problem)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else nfc(str(value))


def _identity_problems(workbook: Book, expected: HistoryIdentity, limits: Limits) -> list[ImportProblem]:
    if META_SHEET not in workbook.sheetnames:
        return [ImportProblem("history.not_template")]
    found: dict[str, object] = {}
    for row in sheet_rows(workbook[META_SHEET], limits.widened()):
        if len(row) >= 2 and isinstance(row[0], str) and row[0]:
            found[row[0]] = row[1]
    kind = _text(found.get("format"))
    if kind == DATA_TEMPLATE_FORMAT:
        return [ImportProblem("history.data_template")]
    if kind != TEMPLATE_FORMAT:
        return [ImportProblem("history.not_template")]
    version = _text(found.get("template_version"))
    if version != str(TEMPLATE_VERSION):
        return [ImportProblem("history.version", {"found": version or "?", "expected": str(TEMPLATE_VERSION)})]
    label = f"{_text(found.get('framework_code'))} {_text(found.get('framework_version'))}"
    if label != expected.framework_label:
        return [ImportProblem("history.framework", {"found": label, "expected": expected.framework_label})]
    return []


def _read(workbook: Book, framework: Framework, units: Sequence[UnitRow], limits: Limits) -> HistoryTable:
    problems = _identity_problems(workbook, identity_of(framework), limits)
    if problems:
        return _failed(*problems)
    if SHEET not in workbook.sheetnames:
        return _failed(ImportProblem("sheet.missing", {"sheet": SHEET}))
    sheet = workbook[SHEET]
    sheet.reset_dimensions()
    rows = sheet_rows(sheet, limits)
    columns = history_columns(framework)
    optional = {column.key for column in columns if not column.required}
    positions, header_problems = match_header(next(rows, ()), columns, SHEET, ImportProblem, optional)
    if UNIT_CODE_KEY not in positions:
        return _failed(*header_problems)
    by_key = {column.key: column for column in columns}
    expected = by_key[UNIT_CODE_KEY].title_cell
    title_problem = check_title_row(next(rows, ()), positions[UNIT_CODE_KEY], expected, SHEET, ImportProblem)
    if title_problem is not None:
        return _failed(*header_problems, title_problem)
    reader = _RowReader(framework, {column.key: column for column in columns}, positions, units)
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        if all(index >= len(row) or is_blank(row[index]) for index in positions.values()):
            continue
        reader.read(row, number)
    problems = header_problems + reader.problems + reader.duplicate_positions()
    if not reader.rows and not problems:
        problems.append(ImportProblem("history.no_rows", {"sheet": SHEET, "row": FIRST_DATA_ROW}, SHEET))
    if problems:
        return HistoryTable((), tuple(problems), tuple(reader.notes))
    return HistoryTable(tuple(reader.rows), (), tuple(reader.notes))


def sentences(raw: object) -> tuple[str, ...]:
    """One sentence per line of the cell, without bullets, trailing semicolons or blank lines."""
    if is_blank(raw):
        return ()
    lines = []
    for line in str(raw).splitlines():
        text = nfc(line).lstrip(_BULLETS).strip().rstrip(";").strip()
        if text:
            lines.append(text)
    return tuple(lines)


def _places(number: Decimal) -> int:
    exponent = plain(number).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


class _RowReader:
    """Each row → a HistoryRow or located problems; remembers codes and positions across rows."""

    def __init__(
        self,
        framework: Framework,
        columns: Mapping[str, HistoryColumn],
        positions: Mapping[str, int],
        units: Sequence[UnitRow],
    ) -> None:
        self.framework = framework
        self.columns = columns
        self.positions = positions
        self.register = {unit.code: unit for unit in units}
        self.grades = {band.grade.casefold(): band.grade for band in framework.grading.bands}
        self.groups = {group.code.casefold(): group.code for group in framework.groups}
        self.groups.update({nfc(group.name).casefold(): group.code for group in framework.groups})
        self.rows: list[HistoryRow] = []
        self.problems: list[ImportProblem] = []
        self.notes: list[ImportProblem] = []
        self.first_row: dict[str, int] = {}
        # (group, position, row) of every row read, to find positions used twice in a group.
        self.placed: list[tuple[str, int, int]] = []

    # --- cells ---

    def _raw(self, row: Row, key: str) -> object:
        index = self.positions.get(key)
        return row[index] if index is not None and index < len(row) else None

    def _problem(self, number: int, key: str, problem: str, args: Mapping[str, object]) -> ImportProblem:
        index = self.positions.get(key)
        letter = get_column_letter(index + 1) if index is not None else ""
        return ImportProblem(problem, args, SHEET, number, letter, self._title(key) if index is not None else "")

    def _title(self, key: str) -> str:
        """The column as the template's title row names it."""
        return self.columns[key].title if key in self.columns else key

    def _fail(self, number: int, key: str, problem: str, **args: object) -> None:
        self.problems.append(self._problem(number, key, problem, args))

    def _required(self, row: Row, number: int, key: str) -> object | None:
        """The cell's content; a blank one is a problem, unless the whole column is missing (said once)."""
        raw = self._raw(row, key)
        if is_blank(raw):
            if key in self.positions:
                self._fail(number, key, "history.required", title=self.columns[key].title)
            return None
        return raw

    def _whole(self, raw: object, number: int, key: str) -> int | None:
        try:
            value = to_decimal(raw, self._title(key))
        except CellError:
            value = None
        if value is None or value != value.to_integral_value() or value < 1:
            self._fail(number, key, "history.whole", field=self._title(key), actual=Shown(raw))
            return None
        if value > WHOLE_LIMIT:
            self._fail(number, key, "field.range", field=self._title(key), low=1, high=WHOLE_LIMIT, actual=value)
            return None
        return int(value)

    def _points(self, raw: object, number: int, key: str, low: Decimal, high: Decimal) -> Decimal | None:
        try:
            value = to_decimal(raw, self._title(key))
        except CellError as error:
            self._fail(number, key, error.key, **error.details)
            return None
        if not low <= value <= high:
            self._fail(number, key, "field.range", field=self._title(key), low=low, high=high, actual=value)
            return None
        if _places(value) > POINT_PLACES:
            self._fail(number, key, "history.places", field=self._title(key), places=POINT_PLACES, actual=value)
            return None
        return plain(value)

    # --- one row ---

    def read(self, row: Row, number: int) -> None:
        before = len(self.problems)
        code = self._code(row, number)
        name, known = self._name(row, number, code)
        group = self._group(row, number, code)
        raw_position = self._required(row, number, POSITION_KEY)
        position = self._whole(raw_position, number, POSITION_KEY) if raw_position is not None else None
        total = self._total(row, number)
        grade = self._grade(row, number)
        raw_rank = self._raw(row, RANK_KEY)
        rank = None if is_blank(raw_rank) else self._whole(raw_rank, number, RANK_KEY)
        criteria = self._criteria(row, number)
        if len(self.problems) > before or code is None or group is None or position is None:
            return
        published = Published(
            position=position,
            rank=rank,
            total=total,
            grade=grade,
            good=sentences(self._raw(row, GOOD_KEY)),
            not_good=sentences(self._raw(row, NOT_GOOD_KEY)),
            criteria=criteria,
        )
        self.placed.append((group, position, number))
        self.rows.append(HistoryRow(code, name, group, published, number, known))

    def _code(self, row: Row, number: int) -> str | None:
        raw = self._raw(row, UNIT_CODE_KEY)
        if is_blank(raw):
            self._fail(number, UNIT_CODE_KEY, "unit.code_required")
            return None
        code = _text(raw)
        if len(code) > CODE_LIMIT:
            self._fail(
                number,
                UNIT_CODE_KEY,
                "history.too_long",
                field=self._title(UNIT_CODE_KEY),
                limit=CODE_LIMIT,
                length=len(code),
            )
            return None
        first = self.first_row.setdefault(code, number)
        if first != number:
            self._fail(number, UNIT_CODE_KEY, "unit.duplicate_row", code=code, first_row=first)
            return None
        return code

    def _name(self, row: Row, number: int, code: str | None) -> tuple[str, bool]:
        name = _text(self._raw(row, UNIT_NAME_KEY))
        if len(name) > NAME_LIMIT:
            self._fail(
                number,
                UNIT_NAME_KEY,
                "history.too_long",
                field=self._title(UNIT_NAME_KEY),
                limit=NAME_LIMIT,
                length=len(name),
            )
            return name, False
        if code is None:
            return name, False
        unit = self.register.get(code)
        if unit is None:
            if not name:
                self._fail(number, UNIT_NAME_KEY, "history.unknown_unit", code=code)
            return name, False
        if not name:
            return unit.name, True
        if name.casefold() != nfc(unit.name).casefold():
            self.notes.append(
                self._problem(
                    number, UNIT_NAME_KEY, "history.name_differs", {"name": name, "code": code, "expected": unit.name}
                )
            )
        return name, True

    def _group(self, row: Row, number: int, code: str | None) -> str | None:
        allowed = ", ".join(group.code for group in self.framework.groups)
        given = _text(self._raw(row, GROUP_KEY))
        if given:
            if not self.framework.groups:
                return given
            found = self.groups.get(given.casefold())
            if found is None:
                self._fail(number, GROUP_KEY, "history.group_unknown", group=given, allowed=allowed)
            return found
        unit = self.register.get(code) if code is not None else None
        if unit is not None and (not self.framework.groups or unit.group in self.groups.values()):
            return unit.group
        if len(self.framework.groups) == 1:
            return self.framework.groups[0].code
        if not self.framework.groups:
            return ""
        if code is not None:
            self._fail(number, GROUP_KEY, "history.group_required", code=code, allowed=allowed)
        return None

    def _total(self, row: Row, number: int) -> Decimal | None:
        raw = self._required(row, number, TOTAL_KEY)
        if raw is None:
            return None
        if self.framework.total_may_leave_bounds:
            return self._points(raw, number, TOTAL_KEY, -POINT_LIMIT, POINT_LIMIT)
        return self._points(raw, number, TOTAL_KEY, Decimal(0), self.framework.max_points)

    def _grade(self, row: Row, number: int) -> str | None:
        raw = self._required(row, number, GRADE_KEY)
        if raw is None:
            return None
        text = _text(raw)
        grade = self.grades.get(text.casefold()) or self.grades.get(text.replace(" ", "").casefold())
        if grade is None:
            allowed = ", ".join(band.grade for band in self.framework.grading.bands)
            self._fail(number, GRADE_KEY, "history.grade_unknown", grade=text, allowed=allowed)
        return grade

    def _criteria(self, row: Row, number: int) -> dict[str, Decimal]:
        points: dict[str, Decimal] = {}
        for key, column in self.columns.items():
            if column.criterion is None or key not in self.positions:
                continue
            raw = self._raw(row, key)
            if is_blank(raw):
                continue
            criterion = column.criterion
            value = self._points(raw, number, key, criterion.min_points, criterion.max_points)
            if value is not None:
                points[criterion.code] = value
        return points

    def duplicate_positions(self) -> list[ImportProblem]:
        first: dict[tuple[str, int], int] = {}
        problems = []
        for group, position, number in self.placed:
            earlier = first.setdefault((group, position), number)
            if earlier != number:
                problems.append(
                    self._problem(
                        number, POSITION_KEY, "history.position_duplicate", {"position": position, "first_row": earlier}
                    )
                )
        return problems


__all__ = [
    "HistoryRow",
    "HistoryTable",
    "read_history",
    "sentences",
]
