"""The period's data template as XLSX bytes: data sheet, instructions sheet, hidden identity sheet.

Written in openpyxl's write-only mode: a national roll-up of a few thousand units exports in
seconds and in little memory. Given the current values it is pre-filled, so it is also the export.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from govscore.imports import instructions
from govscore.imports.hints import allowed, title_cell
from govscore.imports.layout import (
    DATA_SHEET,
    FIRST_DATA_ROW,
    META_SHEET,
    NO,
    NO_ITEMS,
    TITLE_ROW,
    YES,
    Column,
    Sheet,
    TemplateIdentity,
    UnitRow,
    choice_labels,
    columns_for,
)
from govscore.imports.meta import meta_rows
from govscore.scoring.model import Framework
from govscore.sheets import append, text_cell

Values = Mapping[str, Mapping[str, object]]
Lists = Mapping[str, tuple[str, tuple[str, ...]]]

LAST_ROW = 1_048_576
CODE_FONT = Font(color="666666", size=9)
TITLE_FONT = Font(bold=True)
TITLE_FILL = PatternFill("solid", fgColor="DCE6F1")
TITLE_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
TITLE_HEIGHT = 90
WHOLE_FORMAT, DECIMAL_FORMAT, TEXT_FORMAT = "#,##0", "General", "@"
WIDTHS = {"unit_code": 14, "unit_name": 40, "unit_group": 24, "numerator": 13, "denominator": 13, "percent": 13}
TYPE_WIDTHS = {"items": 32, "text": 32, "category": 22}
DEFAULT_WIDTH = 18


def build_template(
    framework: Framework,
    identity: TemplateIdentity,
    units: Sequence[UnitRow],
    values: Values | None = None,
) -> bytes:
    """The workbook, with one row per unit in the order given; `values` (unit code → indicator code →
    stored value) pre-fill it."""
    columns = columns_for(framework)
    workbook = Workbook(write_only=True)
    lists = _category_lists(columns)
    _data_sheet(workbook, columns, units, values or {}, lists)
    instructions.write(workbook.create_sheet(instructions.SHEET), framework, identity, columns)
    _meta_sheet(workbook, identity, lists)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _category_lists(columns: Sequence[Column]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Column key → (range on the hidden sheet, labels) of each category's drop-down list."""
    lists: dict[str, tuple[str, tuple[str, ...]]] = {}
    for column in columns:
        if column.indicator is not None and column.indicator.type == "category":
            letter = get_column_letter(4 + len(lists))
            labels = choice_labels(column.indicator)
            lists[column.key] = (f"'{META_SHEET}'!${letter}$1:${letter}${max(1, len(labels))}", labels)
    return lists


def _data_sheet(
    workbook: Workbook,
    columns: Sequence[Column],
    units: Sequence[UnitRow],
    values: Values,
    lists: Lists,
) -> None:
    sheet = workbook.create_sheet(DATA_SHEET)
    _declare_size(sheet, len(columns), FIRST_DATA_ROW - 1 + len(units))
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"
    sheet.row_dimensions[TITLE_ROW].height = TITLE_HEIGHT
    formats = [_number_format(column) for column in columns]
    for index, (column, number_format) in enumerate(zip(columns, formats, strict=True), start=1):
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = _width(column)
        dimension.number_format = number_format
        validation = _validation(column, lists)
        if validation is not None:
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_ROW}")
            sheet.data_validations.append(validation)
    append(sheet, [text_cell(sheet, column.key, CODE_FONT) for column in columns])
    append(sheet, [_title(sheet, column) for column in columns])
    pairs = list(zip(columns, formats, strict=True))
    for unit in units:
        stored = values.get(unit.code, {})
        append(sheet, [_cell(sheet, column, unit, stored, number_format) for column, number_format in pairs])


def _declare_size(sheet: Sheet, columns: int, rows: int) -> None:
    """Have the sheet start with its <dimension>, as office programs write it. openpyxl's write-only
    sheets leave it out (the writer asks the sheet for `calculate_dimension`, which they lack), and
    a reader without it, openpyxl's own read-only mode among them, first scans the whole sheet."""
    reference = f"A1:{get_column_letter(columns)}{rows}"
    sheet.calculate_dimension = lambda: reference


def _title(sheet: Sheet, column: Column) -> WriteOnlyCell:
    cell = text_cell(sheet, title_cell(column), TITLE_FONT, TITLE_ALIGNMENT)
    cell.fill = TITLE_FILL
    return cell


def _width(column: Column) -> int:
    if column.kind in WIDTHS:
        return WIDTHS[column.kind]
    assert column.indicator is not None
    return TYPE_WIDTHS.get(column.indicator.type, DEFAULT_WIDTH)


def _number_format(column: Column) -> str:
    if column.indicator is None or column.indicator.type in ("items", "text", "category"):
        return TEXT_FORMAT
    if column.kind == "value" and column.indicator.type == "count":
        return WHOLE_FORMAT
    return DECIMAL_FORMAT


def _validation(column: Column, lists: Lists) -> DataValidation | None:
    indicator = column.indicator
    if indicator is None or indicator.type == "text":
        return None
    message = f"Giá trị được phép: {allowed(column)}"[:255]
    common = {"allow_blank": True, "showErrorMessage": True, "errorTitle": "Giá trị không hợp lệ", "error": message}
    if column.kind in ("numerator", "denominator"):
        return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", **common)
    if column.kind == "percent":
        return DataValidation(type="decimal", operator="between", formula1="0", formula2="100", **common)
    match indicator.type:
        case "number" | "count":
            low = _formula(indicator.minimum if indicator.minimum is not None else Decimal(0))
            kind = "whole" if indicator.type == "count" else "decimal"
            if indicator.maximum is None:
                return DataValidation(type=kind, operator="greaterThanOrEqual", formula1=low, **common)
            high = _formula(indicator.maximum)
            return DataValidation(type=kind, operator="between", formula1=low, formula2=high, **common)
        case "boolean":
            return DataValidation(type="list", formula1=f'"{YES},{NO}"', **common)
        case "category":
            return DataValidation(type="list", formula1=lists[column.key][0], **common)
    # Items: a free list of codes; the prompt shows which ones, the reader checks them.
    return DataValidation(allow_blank=True, showInputMessage=True, promptTitle="Mã hợp lệ", prompt=message)


def _formula(value: Decimal) -> str:
    return format(value, "f")


def _cell(sheet: Sheet, column: Column, unit: UnitRow, stored: Mapping[str, object], number_format: str) -> object:
    if column.kind == "unit_code":
        return unit.code
    if column.kind == "unit_name":
        return unit.name
    if column.kind == "unit_group":
        return unit.group
    assert column.indicator is not None
    value = export_value(column, stored.get(column.indicator.code))
    if isinstance(value, Decimal) and number_format != DECIMAL_FORMAT:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell
    return value


def export_value(column: Column, stored: object) -> object:
    """A stored value as the cell shows it; what the reader cannot read is written as it is, so that
    importing the export points at it."""
    indicator = column.indicator
    if stored is None or indicator is None:
        return None
    if column.kind in ("numerator", "denominator", "percent"):
        part = stored.get(column.kind) if isinstance(stored, dict) else None
        return None if part is None else _number(part)
    match indicator.type:
        case "number" | "count":
            return _number(stored)
        case "boolean":
            return (YES if stored else NO) if isinstance(stored, bool) else str(stored)
        case "category":
            labels = dict(zip((choice.code for choice in indicator.choices), choice_labels(indicator), strict=True))
            return labels.get(str(stored), str(stored))
        case "items":
            if isinstance(stored, list):
                return ", ".join(str(item) for item in stored) if stored else NO_ITEMS
            return str(stored)
    return str(stored)


def _number(stored: object) -> object:
    if isinstance(stored, bool):
        return str(stored)
    try:
        number = Decimal(str(stored))
    except InvalidOperation:
        return str(stored)
    return number if number.is_finite() else str(stored)


def _meta_sheet(workbook: Workbook, identity: TemplateIdentity, lists: Lists) -> None:
    """Key–value pairs in A:B; the category lists the data sheet's drop-downs read from column D on."""
    sheet = workbook.create_sheet(META_SHEET)
    sheet.sheet_state = "veryHidden"
    pairs = meta_rows(identity)
    columns = [labels for _range, labels in lists.values()]
    height = max([len(pairs), *(len(labels) for labels in columns)])
    for index in range(height):
        key, value = pairs[index] if index < len(pairs) else (None, None)
        row: list[object] = [key, value, None]
        row += [labels[index] if index < len(labels) else None for labels in columns]
        append(sheet, row)
