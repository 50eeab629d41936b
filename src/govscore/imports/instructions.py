"""The instructions sheet: the rules of the template, what each column means, the allowed codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from govscore.imports.hints import allowed, type_name
from govscore.imports.layout import (
    CODE_ROW,
    DATA_SHEET,
    FIRST_DATA_ROW,
    HELP_SHEET,
    NO,
    NO_ITEMS,
    TITLE_ROW,
    YES,
    Column,
    Sheet,
    TemplateIdentity,
)
from govscore.scoring.model import Framework
from govscore.sheets import append, text_cell

SHEET = HELP_SHEET
HEADING = Font(bold=True, size=13)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
WIDTHS = (8, 26, 48, 14, 40, 30)

RULES = (
    f"Trang “{DATA_SHEET}”: mỗi dòng là một đơn vị, số liệu bắt đầu từ dòng {FIRST_DATA_ROW}. "
    f"Dòng {CODE_ROW} là mã cột, dòng {TITLE_ROW} là tên cột: không xoá, không sửa, không chèn dòng phía trên số liệu.",
    "Cột A (mã đơn vị) là bắt buộc ở mọi dòng có số liệu. Tên đơn vị (cột B) dùng để đối chiếu: nếu ghi, "
    "tên phải đúng là tên của đơn vị có mã đó. Cột khối chỉ để xem.",
    "Có thể đổi thứ tự cột hay sắp xếp lại các dòng. Muốn thêm cột ghi chú, để trống ô ở dòng 1 của cột đó "
    "(phần mềm bỏ qua cột không có mã).",
    "Ô để trống nghĩa là GIỮ NGUYÊN số liệu đã có (không xoá). Muốn xoá một số liệu, dùng màn hình nhập "
    "số liệu của đơn vị.",
    "Số phải nhập dạng số (không phải văn bản), không âm. Số viết dạng văn bản chỉ được chấp nhận khi chỉ "
    "gồm chữ số và dấu phẩy thập phân (ví dụ 12,5).",
    "Tỷ lệ: nhập cả tử số và mẫu số (tử số không lớn hơn mẫu số), hoặc chỉ nhập tỷ lệ % (từ 0 đến 100) khi "
    "chỉ có tỷ lệ đã công bố; không nhập cả hai cách.",
    f"Có/Không: chọn “{YES}” hoặc “{NO}” trong danh sách.",
    "Chọn một: chọn một giá trị trong danh sách của ô (cũng chấp nhận mã của lựa chọn).",
    f"Danh sách mã: ghi các mã cách nhau bởi dấu phẩy, mỗi mã một lần; ghi “{NO_ITEMS}” nếu không có mục nào.",
    "Phần mềm tự bỏ khoảng trắng thừa trong văn bản; chữ tiếng Việt gõ bằng bộ gõ nào cũng được.",
    "Trước khi ghi, phần mềm kiểm tra TOÀN BỘ tệp. Nếu có lỗi thì không ghi gì cả và liệt kê mọi lỗi, "
    "mỗi lỗi ghi trang, dòng, cột (chữ cái của cột và mã cột ở dòng 1) và nội dung lỗi. Sửa hết rồi tải lên lại.",
    "Khi tải lên, phần mềm cho xem trước các thay đổi (đơn vị, chỉ tiêu, giá trị cũ → mới) rồi mới ghi "
    "khi người dùng xác nhận. Tải lên lại đúng tệp đã nhập thì không có thay đổi nào.",
    "Không đổi tên hay xoá các trang của tệp. Mẫu chỉ dùng cho kỳ đánh giá ghi ở trên; kỳ khác cần tải mẫu khác.",
)
TABLE_HEADER = ("Cột", "Mã cột (dòng 1)", "Nội dung", "Kiểu", "Giá trị được phép", "Đơn vị tính / ghi chú")


def write(sheet: Sheet, framework: Framework, identity: TemplateIdentity, columns: Sequence[Column]) -> None:
    lines = (
        f"Kỳ đánh giá: {identity.period_label} (mã kỳ {identity.period_id}, năm {identity.year})",
        f"Bộ tiêu chí: {framework.title} — mã {identity.framework_code}, phiên bản {identity.framework_version}",
    )
    opening = Opening("Hướng dẫn nhập số liệu bằng tệp Excel", lines, RULES, DATA_SHEET, TABLE_HEADER)
    write_opening(sheet, WIDTHS, opening)
    for index, column in enumerate(columns, start=1):
        append(sheet, _column_row(sheet, index, column))
    _choices(sheet, columns)


@dataclass(frozen=True)
class Opening:
    """The top of an instructions sheet: title, lines about the file, numbered rules, the columns' table head."""

    title: str
    lines: Sequence[str]
    rules: Sequence[str]
    data_sheet: str
    table_header: Sequence[str]


def write_opening(sheet: Sheet, widths: Sequence[int], opening: Opening) -> None:
    """Column widths, then the opening; the caller appends one row per column of the data sheet."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    append(sheet, [text_cell(sheet, opening.title, HEADING)])
    for line in opening.lines:
        append(sheet, [line])
    append(sheet, [])
    append(sheet, [text_cell(sheet, "Quy tắc", BOLD)])
    for number, rule in enumerate(opening.rules, start=1):
        append(sheet, [f"{number}.", text_cell(sheet, rule, None, WRAP)])
    append(sheet, [])
    append(sheet, [text_cell(sheet, f"Các cột của trang “{opening.data_sheet}”", BOLD)])
    append(sheet, [text_cell(sheet, title, BOLD) for title in opening.table_header])


def _column_row(sheet: Sheet, index: int, column: Column) -> list[object]:
    indicator = column.indicator
    note = ""
    if indicator is not None:
        note = "; ".join(part for part in (indicator.unit, indicator.description) if part)
    return [
        get_column_letter(index),
        column.key,
        text_cell(sheet, column.title, None, WRAP),
        type_name(column),
        text_cell(sheet, allowed(column), None, WRAP),
        text_cell(sheet, note, None, WRAP),
    ]


def _choices(sheet: Sheet, columns: Sequence[Column]) -> None:
    """Every category's and item list's codes with their titles: items are typed as codes."""
    listed = [c for c in columns if c.indicator is not None and c.indicator.type in ("category", "items")]
    if not listed:
        return
    append(sheet, [])
    append(sheet, [text_cell(sheet, "Danh mục mã", BOLD)])
    append(sheet, [text_cell(sheet, title, BOLD) for title in ("", "Mã cột", "Mã", "", "Tên")])
    for column in listed:
        assert column.indicator is not None
        for choice in column.indicator.choices:
            append(sheet, ["", column.key, choice.code, "", text_cell(sheet, choice.title, None, WRAP)])
