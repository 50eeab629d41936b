"""The template of a historical results table as XLSX bytes: the table, its instructions, its identity.

Given rows it is pre-filled, so a historical period's stored table is exported in the very shape that
imports back to the same results.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from govscore.imports.history_layout import (
    CODE_ROW,
    FIRST_DATA_ROW,
    HELP_SHEET,
    META_SHEET,
    POINT_PLACES,
    SHEET,
    TEMPLATE_FORMAT,
    TEMPLATE_VERSION,
    TITLE_ROW,
    HistoryColumn,
    HistoryRow,
    grades,
    history_columns,
    identity_of,
)
from govscore.imports.instructions import BOLD, WRAP, Opening, write_opening
from govscore.imports.layout import Sheet, UnitRow
from govscore.scoring.grading import describe_band
from govscore.scoring.model import Framework
from govscore.scoring.vietnamese import format_number
from govscore.sheets import append, text_cell

LAST_ROW = 1_048_576
CODE_FONT = Font(color="666666", size=9)
TITLE_FILL = PatternFill("solid", fgColor="DCE6F1")
TITLE_HEIGHT = 75
WIDTHS = {"position": 7, "unit_code": 12, "unit_name": 36, "group": 14, "total": 10, "grade": 9, "rank": 9}
TEXT_WIDTH, CRITERION_WIDTH = 60, 12
HELP_WIDTHS = (8, 24, 48, 50)

RULES = (
    f"Trang “{SHEET}”: chép bảng kết quả đã công bố, mỗi dòng một đơn vị, bắt đầu từ dòng {FIRST_DATA_ROW}. "
    f"Dòng {CODE_ROW} là mã cột, dòng {TITLE_ROW} là tên cột: không xoá, không sửa, không chèn dòng phía trên.",
    "Bắt buộc ở mọi dòng: STT (số thứ tự như bảng đã in), mã đơn vị, tổng điểm và xếp loại.",
    "Mã đơn vị lấy theo danh mục đơn vị (cuối trang này). Đơn vị không có trong danh mục (đã giải thể, sáp nhập…) "
    "vẫn nhập được nếu ghi tên đơn vị: kết quả được lưu với mã và tên như văn bản đã in, không tạo đơn vị mới "
    "trong danh mục.",
    "Tên đơn vị ghi như văn bản đã in (có thể khác tên hiện nay).",
    "Khối: để trống thì lấy khối của đơn vị trong danh mục (hoặc khối duy nhất của bộ tiêu chí).",
    "Tổng điểm và điểm tiêu chí ghi dạng số, không vượt điểm tối đa của bộ tiêu chí, tối đa "
    f"{POINT_PLACES} chữ số thập phân. Xếp loại ghi đúng như văn bản đã in (A+, A…).",
    "Nội dung thực hiện tốt / chưa tốt: mỗi câu một dòng trong ô (Alt+Enter để xuống dòng); dấu gạch đầu dòng "
    "và dấu chấm phẩy cuối câu được bỏ đi.",
    "Các cột thứ hạng và điểm từng tiêu chí không bắt buộc: có thể để trống hoặc xoá cột.",
    "Văn bản đã in có chỗ mâu thuẫn (xếp loại không đúng khung, thứ tự không theo điểm…) thì vẫn ghi đúng như đã "
    "in: phần mềm không sửa mà liệt kê các điểm không nhất quán.",
    "Trước khi ghi, phần mềm kiểm tra TOÀN BỘ tệp; có lỗi thì không ghi gì và liệt kê mọi lỗi theo trang, dòng, "
    "cột. Kỳ đánh giá được tạo ở trạng thái đã công bố: kết quả nhập vào không sửa được.",
)


def build_history_template(
    framework: Framework, units: Sequence[UnitRow] = (), rows: Sequence[HistoryRow] = ()
) -> bytes:
    """The workbook; `units` (the register) are listed on the instructions sheet, `rows` pre-fill the table."""
    columns = history_columns(framework)
    workbook = Workbook(write_only=True)
    _table(workbook, framework, columns, rows)
    _instructions(workbook.create_sheet(HELP_SHEET), framework, columns, units)
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    identity = identity_of(framework)
    for pair in (
        ("format", TEMPLATE_FORMAT),
        ("template_version", TEMPLATE_VERSION),
        ("framework_code", identity.framework_code),
        ("framework_version", identity.framework_version),
    ):
        append(meta, pair)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _width(column: HistoryColumn) -> int:
    if column.kind in ("good", "not_good"):
        return TEXT_WIDTH
    return WIDTHS.get(column.kind, CRITERION_WIDTH)


def _table(
    workbook: Workbook, framework: Framework, columns: Sequence[HistoryColumn], rows: Sequence[HistoryRow]
) -> None:
    sheet = workbook.create_sheet(SHEET)
    sheet.freeze_panes = f"D{FIRST_DATA_ROW}"
    sheet.row_dimensions[TITLE_ROW].height = TITLE_HEIGHT
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _width(column)
        validation = _validation(framework, column)
        if validation is not None:
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_ROW}")
            sheet.data_validations.append(validation)
    append(sheet, [text_cell(sheet, column.key, CODE_FONT) for column in columns])
    titles = []
    for column in columns:
        cell = text_cell(sheet, column.title_cell, BOLD, WRAP)
        cell.fill = TITLE_FILL
        titles.append(cell)
    append(sheet, titles)
    for row in rows:
        append(sheet, [_value(sheet, column, row) for column in columns])


def _value(sheet: Sheet, column: HistoryColumn, row: HistoryRow) -> object:
    published = row.published
    match column.kind:
        case "position":
            return published.position
        case "unit_code":
            return row.code
        case "unit_name":
            return row.name
        case "group":
            return row.group
        case "total":
            return published.total
        case "grade":
            return published.grade
        case "rank":
            return published.rank
        case "good" | "not_good":
            lines = published.good if column.kind == "good" else published.not_good
            return text_cell(sheet, "\n".join(lines), None, WRAP) if lines else None
    assert column.criterion is not None
    return published.criteria.get(column.criterion.code)


def _formula(value: Decimal) -> str:
    return format(value, "f")


def _validation(framework: Framework, column: HistoryColumn) -> DataValidation | None:
    common = {"allow_blank": True, "showErrorMessage": True, "errorTitle": "Giá trị không hợp lệ"}
    message = f"Giá trị được phép: {column.hint}"[:255]
    match column.kind:
        case "position" | "rank":
            return DataValidation(type="whole", operator="greaterThanOrEqual", formula1="1", error=message, **common)
        case "total":
            if framework.total_may_leave_bounds:
                return None
            high = _formula(framework.max_points)
            return DataValidation(
                type="decimal", operator="between", formula1="0", formula2=high, error=message, **common
            )
        case "grade":
            return DataValidation(type="list", formula1=f'"{",".join(grades(framework))}"', error=message, **common)
        case "group":
            codes = ",".join(group.code for group in framework.groups)
            if not codes or len(codes) > 250:
                return None
            return DataValidation(type="list", formula1=f'"{codes}"', error=message, **common)
        case "criterion":
            assert column.criterion is not None
            low, high = _formula(column.criterion.min_points), _formula(column.criterion.max_points)
            return DataValidation(
                type="decimal", operator="between", formula1=low, formula2=high, error=message, **common
            )
    return None


def _instructions(
    sheet: Sheet, framework: Framework, columns: Sequence[HistoryColumn], units: Sequence[UnitRow]
) -> None:
    lines = (
        f"Bộ tiêu chí: {framework.title} — mã {framework.code}, phiên bản {framework.version}",
        f"Điểm tối đa: {format_number(framework.max_points)}",
    )
    header = ("Cột", "Mã cột (dòng 1)", "Nội dung", "Giá trị được phép")
    opening = Opening("Hướng dẫn nhập bảng kết quả đã công bố của các năm trước", lines, RULES, SHEET, header)
    write_opening(sheet, HELP_WIDTHS, opening)
    for index, column in enumerate(columns, start=1):
        title, hint = text_cell(sheet, column.title, None, WRAP), text_cell(sheet, column.hint)
        append(sheet, [get_column_letter(index), column.key, title, hint])
    append(sheet, [])
    append(sheet, [text_cell(sheet, "Khung xếp loại", BOLD)])
    basis = "% điểm tối đa của đơn vị" if framework.grading.basis == "percent" else "điểm"
    for band in framework.grading.bands:
        label = text_cell(sheet, band.label, None, WRAP)
        append(sheet, ["", band.grade, label, f"{describe_band(band)} ({basis})"])
    if framework.groups:
        append(sheet, [])
        append(sheet, [text_cell(sheet, "Khối", BOLD)])
        for group in framework.groups:
            append(sheet, ["", group.code, text_cell(sheet, group.name, None, WRAP)])
    if units:
        append(sheet, [])
        append(sheet, [text_cell(sheet, "Danh mục đơn vị", BOLD)])
        append(sheet, [text_cell(sheet, title, BOLD) for title in ("", "Mã đơn vị", "Tên đơn vị", "Khối")])
        for unit in units:
            append(sheet, ["", unit.code, text_cell(sheet, unit.name, None, WRAP), unit.group])
