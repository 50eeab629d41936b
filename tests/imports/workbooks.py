"""A small framework with every entered indicator type, its template, and edits of the template."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from govscore.imports import TemplateIdentity, UnitRow, build_template
from govscore.scoring.loading.framework_file import framework_from_data
from govscore.scoring.loading.yamlfile import parse_yaml_text
from govscore.scoring.model import Framework

FRAMEWORK_FILE = Path(__file__).parent / "files" / "kiem-thu-nhap.yaml"

# Data sheet columns of this framework's template.
COLUMNS = [
    *("ma_don_vi", "ten_don_vi", "khoi"),
    *("email.tu_so", "email.mau_so", "email.ty_le"),
    *("connected", "role", "meetings", "satisfaction", "regulations", "remark"),
]


def framework() -> Framework:
    data, source = parse_yaml_text(FRAMEWORK_FILE.read_text(encoding="utf-8"), FRAMEWORK_FILE.name)
    return framework_from_data(data, source)


IDENTITY = TemplateIdentity(5, 2013, "Đánh giá năm 2013", "kiem-thu-nhap", "1")
UNITS = [UnitRow("STP", "Sở Tư pháp", "Sở, ban, ngành"), UnitRow("SYT", "Sở Y tế", "Sở, ban, ngành")]
VALUES: Mapping[str, Mapping[str, object]] = {
    "STP": {
        "email": {"numerator": "40", "denominator": "50"},
        "connected": True,
        "role": "deputy",
        "meetings": "3",
        "satisfaction": "87.5",
        "regulations": ["attt", "van_ban"],
        "remark": "Đã triển khai",
    },
    "SYT": {"email": {"percent": "97"}, "connected": False, "regulations": []},
}


def template(values: Mapping[str, Mapping[str, object]] | None = None) -> bytes:
    return build_template(framework(), IDENTITY, UNITS, VALUES if values is None else values)


def edited(data: bytes, edit: Callable[[openpyxl.Workbook], None]) -> bytes:
    """The workbook after `edit`, saved as Excel would (openpyxl's full mode)."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def set_cells(data: bytes, cells: Mapping[str, object], sheet: str = "Số liệu") -> bytes:
    def edit(workbook: openpyxl.Workbook) -> None:
        worksheet: Worksheet = workbook[sheet]
        for ref, value in cells.items():
            worksheet[ref] = value

    return edited(data, edit)
