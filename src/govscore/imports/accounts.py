"""The accounts workbook: one row per person (user name, full name, e-mail, role, unit code).

Same layout as the data template: row 1 holds each column's key (columns may be moved), row 2 its
title, people from row 3. The role is written in words ("Cán bộ báo cáo của đơn vị", "Lãnh đạo"…),
short words ("báo cáo", "thẩm định") or its code; a unit reporter names its unit by code. Whether a
unit exists or a user name is taken is the database's to say (`web.accounts.people`): this module only
reads the file and checks each row on its own and against the other rows.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.imports.cells import is_blank
from govscore.imports.extent import Limits, Oversized, limits_for, oversized
from govscore.imports.layout import FIRST_DATA_ROW, Book
from govscore.imports.problems import ImportProblem
from govscore.imports.workbook import Row, Unreadable, check_title_row, is_xlsx, match_header, opened, sheet_rows
from govscore.scoring.vietnamese import nfc
from govscore.sheets import append, text_cell

SHEET = "Tài khoản"
HELP_SHEET = "Hướng dẫn"
# A province has a few hundred units, a reporter or two each: the file may hold this many people.
MAX_PEOPLE = 5000
NAME_MAX, EMAIL_MAX = 150, 254
USERNAME = re.compile(r"[\w.@+-]+")
# Deliberately loose: one @, something on both sides, a dot in the domain. The mail server decides the rest.
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

ROLES = ("administrator", "evaluator", "reporter", "leader")
ROLE_WORDS = {
    "administrator": ("Quản trị", "quản trị viên", "administrator", "admin"),
    "evaluator": ("Cán bộ thẩm định", "thẩm định", "evaluator"),
    "reporter": ("Cán bộ báo cáo của đơn vị", "cán bộ báo cáo", "báo cáo", "reporter"),
    "leader": ("Lãnh đạo", "leader"),
}
_ROLE_LOOKUP = {nfc(word).casefold(): role for role, words in ROLE_WORDS.items() for word in words}


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    hint: str


COLUMNS = (
    Column("username", "Tên đăng nhập", "chữ, số và . @ + - _ ; không dấu cách"),
    Column("full_name", "Họ và tên", ""),
    Column("email", "Thư điện tử", "nhận đường dẫn đặt mật khẩu khi máy chủ có thư điện tử"),
    Column("role", "Vai trò", "Quản trị, Cán bộ thẩm định, Lãnh đạo hoặc Cán bộ báo cáo của đơn vị"),
    Column("unit_code", "Mã đơn vị", "chỉ cán bộ báo cáo: mã đơn vị của mình"),
)
OPTIONAL = frozenset({"email", "unit_code", "full_name"})


@dataclass(frozen=True)
class PersonRow:
    """One person as the file gives them; `row` is the spreadsheet's row number."""

    row: int
    username: str
    full_name: str
    email: str
    role: str
    unit_code: str


@dataclass(frozen=True)
class PeopleSheet:
    people: tuple[PersonRow, ...]
    problems: tuple[ImportProblem, ...] = ()
    # Where each column is (letter and title), to place the database's problems on the right cell.
    letters: tuple[tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, key: str, args: dict[str, object], row: int, column: str) -> ImportProblem:
        """A problem of one cell, found after reading (an unknown unit, a taken user name)."""
        letter = dict(self.letters).get(column, "")
        title = next((c.title for c in COLUMNS if c.key == column), "")
        return ImportProblem(key, args, SHEET, row, letter, title)


def build_people_template(units: Sequence[tuple[str, str]] = ()) -> bytes:
    """The workbook to fill: the header rows, then a help sheet with the roles in words and the units
    (code, name) a reporter may be bound to."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    bold = Font(bold=True)
    grey = Font(color="666666", size=9)
    append(sheet, [text_cell(sheet, column.key, grey) for column in COLUMNS])
    append(sheet, [text_cell(sheet, column.title, bold) for column in COLUMNS])
    help_sheet = workbook.create_sheet(HELP_SHEET)
    append(help_sheet, ["Cột", "Cách điền"])
    for column in COLUMNS:
        append(help_sheet, [column.title, column.hint])
    append(help_sheet, [])
    append(help_sheet, ["Vai trò", "Được làm gì"])
    for role, meaning in (
        ("Quản trị", "mọi việc: bộ tiêu chí, đơn vị, tài khoản, kỳ đánh giá, công bố"),
        ("Cán bộ thẩm định", "xem mọi đơn vị, nhập số liệu và điểm chấm tay"),
        ("Lãnh đạo", "xem xếp hạng và tình hình báo cáo, không sửa gì"),
        ("Cán bộ báo cáo của đơn vị", "chỉ đơn vị của mình: báo cáo tháng, số liệu, minh chứng"),
    ):
        append(help_sheet, [role, meaning])
    append(help_sheet, [])
    append(help_sheet, ["Mã đơn vị", "Tên đơn vị"])
    for code, name in units:
        append(help_sheet, [code, name])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _failed(*problems: ImportProblem) -> PeopleSheet:
    return PeopleSheet((), tuple(problems))


def read_people(data: bytes) -> PeopleSheet:
    """Every person of the file, or every problem found in it (nothing is half read)."""
    if not is_xlsx(data):
        return _failed(ImportProblem("file.not_xlsx"))
    limits = limits_for(MAX_PEOPLE, len(COLUMNS), FIRST_DATA_ROW - 1)
    too_large = oversized(data, SHEET, limits)
    if too_large is not None:
        return _failed(too_large)
    try:
        with opened(data) as workbook:
            return _read(workbook, limits)
    except Unreadable as error:
        return _failed(ImportProblem("file.unreadable", {"detail": error.detail}))
    except Oversized as error:
        return _failed(error.problem)


def _read(workbook: Book, limits: Limits) -> PeopleSheet:
    if SHEET not in workbook.sheetnames:
        return _failed(ImportProblem("sheet.missing", {"sheet": SHEET}))
    sheet = workbook[SHEET]
    sheet.reset_dimensions()
    rows = sheet_rows(sheet, limits)
    positions, problems = match_header(next(rows, ()), COLUMNS, SHEET, ImportProblem, OPTIONAL)
    if problems:
        return _failed(*problems)
    title = check_title_row(next(rows, ()), positions["username"], COLUMNS[0].title, SHEET, ImportProblem)
    if title is not None:
        return _failed(title)
    letters = tuple((key, get_column_letter(index + 1)) for key, index in positions.items())
    people: list[PersonRow] = []
    found: list[ImportProblem] = []
    first_row: dict[str, int] = {}
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        if all(is_blank(cell) for cell in row):
            continue
        person, row_problems = _person(number, row, positions)
        key = person.username.casefold()
        if person.username and key in first_row:
            args = {"name": person.username, "first": first_row[key]}
            row_problems.append(_at("people.username_repeated", args, number, positions, "username"))
        first_row.setdefault(key, number)
        found += row_problems
        people.append(person)
    if not people and not found:
        found.append(ImportProblem("people.no_rows", {"sheet": SHEET}, SHEET, FIRST_DATA_ROW))
    if found:
        return PeopleSheet((), tuple(found), letters)
    return PeopleSheet(tuple(people), (), letters)


def _cell(row: Row, positions: dict[str, int], key: str) -> str:
    index = positions.get(key)
    raw = row[index] if index is not None and index < len(row) else None
    if is_blank(raw):
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return nfc(str(raw)).strip()


def _at(key: str, args: dict[str, object], row: int, positions: dict[str, int], column: str) -> ImportProblem:
    index = positions.get(column)
    letter = get_column_letter(index + 1) if index is not None else ""
    title = next(c.title for c in COLUMNS if c.key == column)
    return ImportProblem(key, args, SHEET, row, letter, title)


def role_of(text: str) -> str | None:
    """A role's code from how a person wrote it (words or code, any case); None when unknown."""
    return _ROLE_LOOKUP.get(nfc(text).strip().casefold())


def _person(number: int, row: Row, positions: dict[str, int]) -> tuple[PersonRow, list[ImportProblem]]:
    values = {column.key: _cell(row, positions, column.key) for column in COLUMNS}
    problems: list[ImportProblem] = []

    def problem(key: str, column: str, **args: object) -> None:
        problems.append(_at(key, args, number, positions, column))

    username = values["username"]
    if not username:
        problem("people.username_required", "username")
    elif len(username) > NAME_MAX or not USERNAME.fullmatch(username):
        problem("people.username_invalid", "username", name=username, max=NAME_MAX)
    if len(values["full_name"]) > NAME_MAX:
        problem("people.too_long", "full_name", max=NAME_MAX)
    email = values["email"]
    if email and (len(email) > EMAIL_MAX or not EMAIL.fullmatch(email)):
        problem("people.email_invalid", "email", email=email)
    role = role_of(values["role"])
    if role is None:
        problem("people.role_unknown", "role", role=values["role"] or "—")
    elif role == "reporter" and not values["unit_code"]:
        problem("people.unit_required", "unit_code")
    elif role != "reporter" and values["unit_code"]:
        problem("people.unit_not_for_role", "unit_code", unit=values["unit_code"])
    person = PersonRow(number, username, values["full_name"], email, role or "", values["unit_code"])
    return person, problems
