"""The results as a workbook: one sheet per group, the criteria, and the monthly reporting record.

Every number is stored as a number with a number format, so the sheet can be sorted, summed and
charted; Excel displays it with the reader's separators.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.comments import Comment  # type: ignore[import-untyped]
from openpyxl.formatting.rule import CellIsRule  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.documents import xlsx_style as style
from govscore.documents.content import DRAFT_LINE, DRAFT_MARK, Verification
from govscore.documents.page import SIZES
from govscore.documents.rules_text import criterion_rule_text
from govscore.scoring.collector import collector_paused
from govscore.scoring.ledger import number
from govscore.scoring.model import Criterion, Framework
from govscore.scoring.previous import rank_move
from govscore.scoring.results import Change, CriterionResult, EvaluationResult, UnitResult
from govscore.scoring.rules.reporting import PeriodicReporting
from govscore.scoring.values import Months
from govscore.scoring.vietnamese import nfc

RESULT_FIXED = ("Hạng", "Mã", "Đơn vị")
RESULT_TAIL = ("Tổng điểm", "Điểm tối đa", "Tỷ lệ đạt", "Xếp loại")
PREVIOUS_TAIL = ("Tổng điểm năm trước", "Hạng năm trước", "Thay đổi hạng")
CRITERIA_HEADER = ("Mã", "Tiêu chí", "Điểm tối đa", "Cách tính điểm", "Áp dụng cho", "Ghi chú")
STATUS_TEXT = {"on_time": "Đúng hạn", "late": "Trễ", "missing": "Không báo cáo"}
STATUS_FILL = {
    "on_time": PatternFill("solid", fgColor="E2EFDA"),
    "late": PatternFill("solid", fgColor="FFE699"),
    "missing": PatternFill("solid", fgColor="F8CBAD"),
}
# Excel refuses a workbook with a header or footer longer than this, its formatting codes included.
FOOTER_LIMIT = 255


@collector_paused()  # every unit's criteria are made here: a bulk job like scoring
def render_xlsx(result: EvaluationResult, verification: Verification | None = None, *, draft: bool = False) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    style.add_styles(workbook)
    taken: set[str] = set()
    framework = result.evaluation.framework
    for group, members in result.groups():
        sheet = workbook.create_sheet(style.sheet_name(framework.group_name(group), taken))
        _results_sheet(sheet, framework, members, result.changes)
    _criteria_sheet(workbook.create_sheet(style.sheet_name("Tiêu chí", taken)), framework)
    reporting = [criterion for criterion in framework.walk() if isinstance(criterion.rule, PeriodicReporting)]
    if reporting:
        _reports_sheet(workbook.create_sheet(style.sheet_name("Báo cáo định kỳ", taken)), result, reporting)
    workbook.properties.title = nfc(result.evaluation.period.title)
    workbook.properties.creator = nfc(result.evaluation.organisation.name) or "govscore"
    if verification is not None:
        _verification_sheet(workbook.create_sheet(style.sheet_name("Xác thực", taken)), verification)
        for sheet in workbook.worksheets:
            _verification_footer(sheet, verification)
        workbook.properties.identifier = verification.content_hash
        workbook.properties.keywords = verification.keywords
    if draft:
        workbook.properties.title = f"{DRAFT_MARK} – {workbook.properties.title}"
        for sheet in workbook.worksheets:
            _draft_header(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def scored_criteria(framework: Framework) -> list[Criterion]:
    """Every criterion with a column of its own; a substitute's points go in the column it replaces."""
    return [criterion for criterion in framework.walk() if criterion.substitute is None]


def _by_column(unit: UnitResult) -> dict[str, CriterionResult]:
    return {item.substitute_for or item.code: item for item in unit.all_criteria()}


def _results_sheet(sheet: Any, framework: Framework, members: list[UnitResult], changes: Mapping[str, Change]) -> None:
    criteria = scored_criteria(framework)
    previous = PREVIOUS_TAIL if changes else ()
    style.write_header(sheet, [*RESULT_FIXED, *(f"{c.code}. {c.title}" for c in criteria), *RESULT_TAIL, *previous])
    for row, unit in enumerate(members, start=2):
        by_column = _by_column(unit)
        values = [
            unit.rank,
            unit.unit.code,
            unit.unit.name,
            *(_points(by_column.get(criterion.code)) for criterion in criteria),
            number(unit.total),
            number(unit.max_points),
            number(unit.percent / 100),
            unit.grade.grade if unit.grade else None,
            *(_previous_values(changes.get(unit.unit.code)) if changes else ()),
        ]
        style.append_row(sheet, row, values, frozenset({3}))
        _format_result_row(sheet, row, framework, criteria, by_column)
    first_points = len(RESULT_FIXED) + 1
    style.fit_columns(sheet, dict.fromkeys(range(first_points, first_points + len(criteria)), 14))
    style.print_setup(sheet, "D2")


def _previous_values(change: Change | None) -> tuple[object, ...]:
    if change is None:
        return (None, None, None)
    before = change.previous
    return (None if before.total is None else number(before.total), before.rank, rank_move(change) or None)


def _format_result_row(
    sheet: Any, row: int, framework: Framework, criteria: list[Criterion], by_column: dict[str, CriterionResult]
) -> None:
    rounding = framework.rounding
    first_points = len(RESULT_FIXED) + 1
    for offset, criterion in enumerate(criteria):
        cell = sheet.cell(row, first_points + offset)
        # Points are rounded per criterion only when the framework says so; otherwise they keep their digits.
        if rounding.at == "criterion":
            cell.number_format = style.points_format(rounding.places)
        else:
            cell.number_format = style.value_format(cell.value)
        item = by_column.get(criterion.code)
        if item is not None and item.substitute_for:
            cell.comment = Comment(f"Tiêu chí thay thế {item.code}: {item.title}", "govscore")
    tail = first_points + len(criteria)
    sheet.cell(row, tail).number_format = style.points_format(rounding.places)
    sheet.cell(row, tail + 1).number_format = style.points_format(rounding.places)
    sheet.cell(row, tail + 2).number_format = style.percent_format(rounding.percent_places)


def _points(item: CriterionResult | None) -> int | float | None:
    # A criterion that does not apply to the unit is left empty, not scored 0.
    return number(item.points) if item is not None and item.applicable else None


def _criteria_sheet(sheet: Any, framework: Framework) -> None:
    style.write_header(sheet, CRITERIA_HEADER)
    groups = {group.code: group.name for group in framework.groups}
    for row, (criterion, depth) in enumerate(_walk_with_depth(framework.criteria, 0), start=2):
        applies = ", ".join(groups.get(code, code) for code in criterion.applies_to) or "Tất cả các khối"
        rule = criterion_rule_text(criterion, framework)
        values = [criterion.code, criterion.title, number(criterion.max_points), rule, applies, criterion.note]
        style.append_row(sheet, row, values, frozenset({2, 4, 5, 6}))
        cell = sheet.cell(row, 3)
        cell.number_format = style.value_format(cell.value)
        # A sub-criterion's title is indented under its parent, as the decision prints the tree.
        sheet.cell(row, 2).alignment = Alignment(vertical="top", wrap_text=True, indent=depth * 2)
    style.fit_columns(sheet, {2: 50, 4: 60, 5: 30, 6: 40})
    style.print_setup(sheet, "C2")


def _walk_with_depth(criteria: tuple[Criterion, ...], depth: int) -> list[tuple[Criterion, int]]:
    walked: list[tuple[Criterion, int]] = []
    for criterion in criteria:
        walked.append((criterion, depth))
        walked.extend(_walk_with_depth(criterion.children, depth + 1))
    return walked


def _reports_sheet(sheet: Any, result: EvaluationResult, reporting: list[Criterion]) -> None:
    months = sorted({month for c in reporting if isinstance(c.rule, PeriodicReporting) for month in c.rule.months})
    header = ["Tiêu chí", "Mã", "Đơn vị", *(f"Tháng {month}" for month in months)]
    style.write_header(sheet, [*header, *STATUS_TEXT.values(), "Ghi chú"])
    note_column = frozenset({len(header) + len(STATUS_TEXT) + 1})
    rows = (_report_row(criterion, unit, months) for criterion in reporting for unit in result.units)
    for row, values in enumerate(rows, start=2):
        style.append_row(sheet, row, values, note_column)
    if sheet.max_row > 1:
        # Colours by rule rather than per cell: they follow an edit, and cost nothing per row.
        cells = f"D2:{get_column_letter(3 + len(months))}{sheet.max_row}"
        for key, text in STATUS_TEXT.items():
            rule = CellIsRule(operator="equal", formula=[f'"{text}"'], fill=STATUS_FILL[key])
            sheet.conditional_formatting.add(cells, rule)
    style.fit_columns(sheet, {3: 45})
    style.print_setup(sheet, "D2")


def _report_row(criterion: Criterion, unit: UnitResult, months: list[int]) -> list[object]:
    lead: list[object] = [criterion.code, unit.unit.code, unit.unit.name]
    item = next((c for c in unit.all_criteria() if c.code == criterion.code), None)
    if item is None or not item.applicable:
        note = _absent_note(criterion, unit, item)
        return [*lead, *([None] * len(months)), None, None, None, note]
    statuses: dict[int, str] = {}
    for key in STATUS_TEXT:
        value = item.facts.get(f"{key}_months")
        for month in value.months if isinstance(value, Months) else ():
            statuses[month] = key
    counts = [sum(1 for status in statuses.values() if status == key) for key in STATUS_TEXT]
    return [*lead, *(STATUS_TEXT.get(statuses.get(month, "")) for month in months), *counts, None]


def _absent_note(criterion: Criterion, unit: UnitResult, item: CriterionResult | None) -> str:
    if item is not None:
        return "Không áp dụng"
    substitute = next((c for c in unit.all_criteria() if c.substitute_for == criterion.code), None)
    if substitute is not None:
        return f"Thay bằng tiêu chí {substitute.code}: {substitute.title}"
    return "Không áp dụng"


def _verification_sheet(sheet: Any, verification: Verification) -> None:
    rows = [
        ("Mã xác thực (SHA-256)", verification.content_hash),
        ("Kiểm tra tại", verification.url),
        ("Ghi chú", "Mã băm SHA-256 của bản kết quả đã công bố. Mở trang kiểm tra để đối chiếu."),
    ]
    for row, values in enumerate(rows, start=1):
        style.append_row(sheet, row, values, frozenset({2}))
        sheet.cell(row, 1).style = style.HEADER_STYLE
    sheet.cell(2, 2).hyperlink = verification.url
    sheet.column_dimensions["A"].width = 24
    # The hash and the URL on one line each, when the URL is not unusually long.
    sheet.column_dimensions["B"].width = min(max(len(verification.url), len(verification.content_hash)) + 2, 110)
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def _draft_header(sheet: Any) -> None:
    """A preview's every printed page says that it is one."""
    for part in (sheet.oddHeader.center, sheet.oddFooter.center):
        part.font = f"{style.FONT_NAME},Bold"
        part.size = round(SIZES.footer)
        part.text = DRAFT_LINE


def _verification_footer(sheet: Any, verification: Verification) -> None:
    """The documents' footer line on every printed page; without the URL if a long one would not fit."""
    footer = sheet.oddFooter.center
    footer.font = f"{style.FONT_NAME},Regular"
    footer.size = round(SIZES.footer)
    for line in (verification.footer_line, verification.short_line):
        # `&` starts a code in a footer; `&&` prints one.
        footer.text = line.replace("&", "&&")
        # openpyxl writes the part after an `&C` that places it in the centre.
        if len("&C" + str(footer)) <= FOOTER_LIMIT:
            return
