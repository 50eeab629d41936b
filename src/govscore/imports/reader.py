"""Reading a filled template: the whole file is checked and every problem reported, or none.

openpyxl's read-only mode streams the sheet, so thousands of rows are read in seconds and in
little memory. Identity first (a wrong template is refused as a whole), then the header row (columns
are matched by their code, so they may be moved), then every row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from govscore.imports.cells import is_blank
from govscore.imports.extent import Limits, Oversized, limits_for, oversized
from govscore.imports.fields import Field, RowContext, fields_for
from govscore.imports.hints import title_cell
from govscore.imports.layout import (
    DATA_SHEET,
    FIRST_DATA_ROW,
    META_SHEET,
    UNIT_CODE_KEY,
    UNIT_GROUP_KEY,
    Book,
    Column,
    TemplateIdentity,
    UnitRow,
    columns_for,
)
from govscore.imports.meta import check_meta
from govscore.imports.problems import ImportProblem
from govscore.imports.workbook import Row, Unreadable, check_title_row, is_xlsx, match_header, opened, sheet_rows
from govscore.scoring.model import Framework

Progress = Callable[[int], None]
PROGRESS_EVERY = 500


@dataclass(frozen=True)
class ReadResult:
    """Either problems, or each unit's values (unit code → indicator code → stored value)."""

    values: Mapping[str, Mapping[str, object]]
    problems: tuple[ImportProblem, ...]
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _failed(*problems: ImportProblem, rows: int = 0) -> ReadResult:
    return ReadResult({}, tuple(problems), rows)


def read_workbook(
    data: bytes,
    framework: Framework,
    identity: TemplateIdentity,
    units: Sequence[UnitRow],
    *,
    progress: Progress | None = None,
) -> ReadResult:
    if not is_xlsx(data):
        return _failed(ImportProblem("file.not_xlsx"))
    columns = columns_for(framework)
    limits = limits_for(len(units), len(columns), FIRST_DATA_ROW - 1)
    too_large = oversized(data, DATA_SHEET, limits)
    if too_large is not None:
        return _failed(too_large)
    try:
        with opened(data) as workbook:
            return _read(workbook, columns, identity, units, limits, progress)
    except Unreadable as error:
        return _failed(ImportProblem("file.unreadable", {"detail": error.detail}))
    except Oversized as error:
        return _failed(error.problem)


def _meta(workbook: Book, limits: Limits) -> dict[str, object]:
    pairs: dict[str, object] = {}
    for row in sheet_rows(workbook[META_SHEET], limits.widened()):
        if len(row) >= 2 and isinstance(row[0], str) and row[0]:
            pairs[row[0]] = row[1]
    return pairs


def _read(
    workbook: Book,
    columns: Sequence[Column],
    identity: TemplateIdentity,
    units: Sequence[UnitRow],
    limits: Limits,
    progress: Progress | None,
) -> ReadResult:
    names = workbook.sheetnames
    if META_SHEET not in names:
        return _failed(ImportProblem("template.not_govscore"))
    problems = check_meta(_meta(workbook, limits), identity)
    if problems:
        return _failed(*problems)
    if DATA_SHEET not in names:
        return _failed(ImportProblem("sheet.missing", {"sheet": DATA_SHEET}))
    sheet = workbook[DATA_SHEET]
    # A wrong <dimension> (some writers put A1) would cut every row short; read what is there instead.
    sheet.reset_dimensions()
    rows = sheet_rows(sheet, limits)
    positions, header_problems = match_header(next(rows, ()), columns, DATA_SHEET, ImportProblem)
    if UNIT_CODE_KEY not in positions:
        return _failed(*header_problems)
    expected = title_cell(columns[0])
    title_problem = check_title_row(next(rows, ()), positions[UNIT_CODE_KEY], expected, DATA_SHEET, ImportProblem)
    if title_problem is not None:
        return _failed(*header_problems, title_problem)
    return _read_rows(rows, columns, positions, units, header_problems, progress)


def _read_rows(
    rows: Iterator[Row],
    columns: Sequence[Column],
    positions: Mapping[str, int],
    units: Sequence[UnitRow],
    problems: list[ImportProblem],
    progress: Progress | None,
) -> ReadResult:
    context = RowContext(units, positions)
    fields: list[Field] = fields_for(columns, positions)
    # The group column is only shown; notes columns have no code. Neither makes a row non-blank.
    watched = sorted(index for key, index in positions.items() if key != UNIT_GROUP_KEY)
    count = 0
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        if all(index >= len(row) or is_blank(row[index]) for index in watched):
            continue
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
        problems += context.read(row, number, fields)
    if problems:
        return _failed(*problems, rows=count)
    return ReadResult(context.values, (), count)
