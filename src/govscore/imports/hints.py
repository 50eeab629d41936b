"""What each column expects, in the words the template shows (the template is in Vietnamese)."""

from __future__ import annotations

from decimal import Decimal

from govscore.imports.layout import NO, NO_ITEMS, YES, Column, choice_labels
from govscore.scoring.vietnamese import format_number

TYPE_NAMES = {
    "number": "Số",
    "count": "Số nguyên",
    "boolean": "Có/Không",
    "category": "Chọn một",
    "items": "Danh sách mã",
    "text": "Văn bản",
    "ratio": "Tỷ lệ",
}
FIXED = {
    "unit_code": ("Mã", "bắt buộc, không sửa"),
    "unit_name": ("Văn bản", "để đối chiếu, không bắt buộc"),
    "unit_group": ("Văn bản", "chỉ để xem, không đọc khi nhập"),
}


def _bounds(low: Decimal | None, high: Decimal | None, whole: bool) -> str:
    kind = "số nguyên" if whole else "số"
    low = low if low is not None else Decimal(0)
    if high is None:
        return f"{kind} ≥ {format_number(low)}"
    return f"{kind} từ {format_number(low)} đến {format_number(high)}"


def allowed(column: Column) -> str:
    """The allowed values, e.g. `số nguyên ≥ 0`, `Có, Không`, `attt, thu_dien_tu`."""
    if column.indicator is None:
        return FIXED[column.kind][1]
    indicator = column.indicator
    if column.kind in ("numerator", "denominator"):
        return "số ≥ 0"
    if column.kind == "percent":
        return "số từ 0 đến 100"
    match indicator.type:
        case "number" | "count":
            return _bounds(indicator.minimum, indicator.maximum, indicator.type == "count")
        case "boolean":
            return f"{YES}, {NO}"
        case "category":
            return ", ".join(choice_labels(indicator))
        case "items":
            return ", ".join(choice.code for choice in indicator.choices) + f" (hoặc {NO_ITEMS} nếu không có mục nào)"
    return "văn bản tự do"


def short_hint(column: Column) -> str:
    """The hint under a column's title: short, the instructions sheet has the rest."""
    if column.indicator is None:
        return FIXED[column.kind][1]
    indicator = column.indicator
    unit = f", {indicator.unit}" if indicator.unit and column.kind != "percent" else ""
    if indicator.type == "category":
        return "chọn trong danh sách"
    if indicator.type == "items":
        return "mã, cách nhau bởi dấu phẩy"
    return allowed(column) + unit


def type_name(column: Column) -> str:
    if column.indicator is None:
        return FIXED[column.kind][0]
    return TYPE_NAMES.get(column.indicator.type, column.indicator.type)


def title_cell(column: Column) -> str:
    return f"{column.title}\n({short_hint(column)})"
