"""Broken framework workbooks: every problem named with its sheet, cell, column title and criterion, in the
user's language, exactly as `govscore framework validate` prints it."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest

from govscore.frameworks.files import framework_from_bytes
from govscore.frameworks.workbook_writer import framework_workbook
from govscore.scoring.errors import ValidationFailed
from govscore.scoring.loading.yamlfile import parse_yaml_text

BASE = """\
format: 1
kind: framework
code: thu
version: "2026"
title: "Bộ tiêu chí thử"
decision: {number: "5/QĐ-SKHCN", date: 2026-01-05}
max_points: 20
groups: [{code: so, name: "Sở"}]
grading:
  bands:
    - {grade: A, from: 10}
    - {grade: B, below: 10}
indicators:
  - {code: ket_noi, title: "Đã kết nối", type: boolean}
  - code: quy_dinh
    title: "Quy định đã ban hành"
    type: items
    choices: [{code: attt, title: "an toàn thông tin"}]
criteria:
  - code: "1"
    title: "Hạ tầng"
    max: 20
    children:
      - {code: "1.1", title: "Kết nối", max: 10, rule: {type: yes_no, indicator: ket_noi}}
      - code: "1.2"
        title: "Quy định"
        max: 10
        rule: {type: counted_items, indicator: quy_dinh, each: 5}
        narrative:
          - {column: good, when: "count >= 2", text: "Đủ quy định"}
          - {column: not_good, text: "Thiếu {parts}"}
"""
# Rows of the "Tiêu chí" sheet: 2 is criterion 1, 3 is 1.1, 4 is 1.2. Columns: A code, B parent, C title,
# D max, E min, F rule type, G indicator, H parameters.
Book = Any


def _problems(change: Callable[[Book], None], lang: str = "vi") -> list[str]:
    data, _source = parse_yaml_text(BASE, "thu.yaml")
    assert isinstance(data, dict)
    book = openpyxl.load_workbook(io.BytesIO(framework_workbook(data)))
    change(book)
    stream = io.BytesIO()
    book.save(stream)
    with pytest.raises(ValidationFailed) as failed:
        framework_from_bytes(stream.getvalue(), "thu.xlsx")
    return [problem.render(lang) for problem in failed.value.problems]


def _meta_row(book: Book, field: str) -> int:
    return next(row[0].row for row in book["Khung"].iter_rows(min_row=2) if row[0].value == field)


def test_the_base_workbook_is_valid() -> None:
    data, _source = parse_yaml_text(BASE, "thu.yaml")
    assert isinstance(data, dict)
    framework, _text = framework_from_bytes(framework_workbook(data), "thu.xlsx")
    assert [criterion.code for criterion in framework.walk()] == ["1", "1.1", "1.2"]


def test_a_file_that_is_no_workbook() -> None:
    with pytest.raises(ValidationFailed) as failed:
        framework_from_bytes(b"PK\x03\x04 not a workbook", "thu.xlsx")
    assert failed.value.render() == (
        "thu.xlsx: Không đọc được tệp như một bảng tính XLSX (File is not a zip file). "
        "Hãy lưu tệp ở định dạng Excel Workbook (.xlsx)."
    )


def test_a_workbook_whose_sheet_is_not_xml() -> None:
    data, _source = parse_yaml_text(BASE, "thu.yaml")
    assert isinstance(data, dict)
    original = zipfile.ZipFile(io.BytesIO(framework_workbook(data)))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as broken:
        for member in original.namelist():
            content = original.read(member)
            broken.writestr(member, b"<not xml" if member == "xl/worksheets/sheet5.xml" else content)
    with pytest.raises(ValidationFailed) as failed:
        framework_from_bytes(stream.getvalue(), "thu.xlsx")
    assert failed.value.render() == (
        "thu.xlsx: Không đọc được tệp như một bảng tính XLSX (unclosed token: line 1, column 0). "
        "Hãy lưu tệp ở định dạng Excel Workbook (.xlsx)."
    )


def test_a_missing_criteria_sheet() -> None:
    assert _problems(lambda book: book.remove(book["Tiêu chí"])) == [
        "thu.xlsx: Bảng tính thiếu trang “Tiêu chí”. Bộ tiêu chí dạng bảng tính cần các trang “Khung” và "
        "“Tiêu chí” (xem docs/framework-workbook.md)."
    ]


def test_an_unknown_column_title() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["N1"] = "Trọng số"

    assert _problems(change) == [
        "thu.xlsx, Tiêu chí!N1: Cột “Trọng số” không thuộc trang này. Các cột được dùng: Mã tiêu chí, Tiêu chí cha, "
        "Tên tiêu chí, Điểm tối đa, Điểm tối thiểu, Quy tắc, Chỉ số, Tham số, Áp dụng cho khối, Thay cho tiêu chí, "
        "Đơn vị được thay, Từ khóa, Ghi chú."
    ]


def test_a_missing_max_column_names_the_column_then_each_criterion_without_its_max() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["D1"] = None

    assert _problems(change) == [
        "thu.xlsx, Tiêu chí!1: Trang này thiếu cột “Điểm tối đa” ở dòng tiêu đề (dòng 1).",
        "thu.xlsx, Tiêu chí!2 [1]: Thiếu trường bắt buộc 'max'. Thêm 'max: ...'.",
        "thu.xlsx, Tiêu chí!3 [1.1]: Thiếu trường bắt buộc 'max'. Thêm 'max: ...'.",
        "thu.xlsx, Tiêu chí!4 [1.2]: Thiếu trường bắt buộc 'max'. Thêm 'max: ...'.",
        "thu.xlsx, Khung!C11 (Giá trị): Điểm tối đa của bộ tiêu chí là 20 nhưng tổng các nhóm tiêu chí là 0.",
    ]


def test_an_empty_max_cell_names_the_row_and_the_field() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["D3"] = None

    assert _problems(change) == [
        "thu.xlsx, Tiêu chí!3 [1.1]: Thiếu trường bắt buộc 'max'. Thêm 'max: ...'.",
        "thu.xlsx, Tiêu chí!2 [1]: Điểm tối đa của '1' là 20 nhưng tổng điểm tối đa các tiêu chí con là 10.",
    ]


def test_an_unknown_field_on_the_frame_sheet() -> None:
    def change(book: Book) -> None:
        book["Khung"].append(["weights", "", 3])

    assert _problems(change) == [
        "thu.xlsx, Khung!A28 (Trường): Trường “weights” không có trong định dạng bộ tiêu chí. Các trường của trang "
        "Khung: format, kind, code, version, title, decision.number, decision.date, decision.issuer, decision.title, "
        "max_points, note, rounding.at, rounding.places, rounding.mode, rounding.percent_places, ranking.basis, "
        "ranking.style, ranking.tied_order, display.points, display.percent, check.tolerance, "
        "total_may_leave_bounds, grading.basis, grading.quota.grade, grading.quota.share, grading.quota.ties."
    ]


def test_a_field_written_twice() -> None:
    def change(book: Book) -> None:
        book["Khung"].append(["title", "", "Tên khác"])

    assert _problems(change) == [
        "thu.xlsx, Khung!A28 (Trường): Trường “title” đã có ở dòng 6; mỗi trường chỉ ghi một lần."
    ]


def test_a_date_that_is_no_date() -> None:
    def change(book: Book) -> None:
        book["Khung"].cell(_meta_row(book, "decision.date"), 3).value = "31/02/2026"

    assert _problems(change) == [
        "thu.xlsx, Khung!C8 (Giá trị): Trường 'date' phải là ngày dạng YYYY-MM-DD (đang là '31/02/2026')."
    ]


def test_a_parent_that_is_not_above() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["B3"] = "9"

    assert _problems(change) == [
        "thu.xlsx, Tiêu chí!B3 (Tiêu chí cha) [1.1]: Tiêu chí cha “9” phải là mã của một tiêu chí ở dòng phía trên.",
        "thu.xlsx, Tiêu chí!2 [1]: Điểm tối đa của '1' là 20 nhưng tổng điểm tối đa các tiêu chí con là 10.",
    ]


def test_parameters_that_are_not_yaml() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["H4"] = "each: [5"

    assert _problems(change) == [
        "thu.xlsx, Tiêu chí!H4 (Tham số) [1.2]: Tham số của quy tắc viết sai: while parsing a flow sequence "
        "expected ',' or ']', but got '}'. Viết dạng `each: 5, cap: 20`.",
        "thu.xlsx, Tiêu chí!H4 (Tham số) [1.2]: Thiếu trường bắt buộc 'each'. Thêm 'each: ...'.",
    ]


def test_parameters_that_are_a_number() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["H4"] = 5

    assert _problems(change) == [
        "thu.xlsx, Tiêu chí!H4 (Tham số) [1.2]: Tham số của quy tắc phải viết dạng `tên: giá trị, tên: giá trị` "
        "(ô ghi “5”).",
        "thu.xlsx, Tiêu chí!H4 (Tham số) [1.2]: Thiếu trường bắt buộc 'each'. Thêm 'each: ...'.",
    ]


def test_a_parameter_with_a_column_of_its_own() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["H4"] = "each: 5, indicator: ket_noi"

    assert _problems(change) == [
        "thu.xlsx, Tiêu chí!H4 (Tham số) [1.2]: Tham số “indicator” đã có cột riêng (Quy tắc, Chỉ số); "
        "đừng ghi lại ở cột Tham số."
    ]


def test_a_parameter_of_the_wrong_type_points_at_the_parameters_cell() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["H4"] = "each: năm"

    assert _problems(change) == ["thu.xlsx, Tiêu chí!H4 (Tham số) [1.2]: Trường 'each' phải là một số (đang là 'năm')."]


def test_an_unknown_rule_type() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["F3"] = "yes_or_no"

    assert _problems(change) == [
        "thu.xlsx, Tiêu chí!F3 (Quy tắc) [1.1]: Loại quy tắc 'yes_or_no' không tồn tại. Các loại hợp lệ: additive, "
        "adjustments, best_of, categorical, composite, counted_items, linear_rate, manual, normalized_to_best, "
        "periodic_reporting, step_table, survey, weighted_index, yes_no."
    ]


def test_max_points_that_do_not_add_up() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["D3"] = 5

    assert _problems(change) == [
        "thu.xlsx, Tiêu chí!2 [1]: Điểm tối đa của '1' là 20 nhưng tổng điểm tối đa các tiêu chí con là 15."
    ]


def test_a_sentence_of_an_unknown_criterion() -> None:
    def change(book: Book) -> None:
        book["Câu văn"]["A2"] = "1.3"

    assert _problems(change) == [
        "thu.xlsx, Câu văn!A2 (Mã tiêu chí): Câu văn của tiêu chí “1.3”, nhưng trang Tiêu chí không có tiêu chí này."
    ]


def test_a_clause_before_any_sentence() -> None:
    def change(book: Book) -> None:
        book["Câu văn"].insert_rows(2)
        for column, value in zip("ABD", ("1.1", "part", "đã kết nối"), strict=True):
            book["Câu văn"][f"{column}2"] = value

    assert _problems(change) == [
        "thu.xlsx, Câu văn!B2 (Cột) [1.1]: Dòng vế câu (part) phải đứng sau một dòng câu (good hoặc not_good) của "
        "cùng tiêu chí."
    ]


def test_a_choice_of_an_unknown_indicator() -> None:
    def change(book: Book) -> None:
        book["Lựa chọn"]["A2"] = "quy_che"

    assert _problems(change) == [
        "thu.xlsx, Lựa chọn!A2 (Mã chỉ số): Lựa chọn của chỉ số “quy_che”, nhưng trang Chỉ số không có chỉ số này.",
        "thu.xlsx, Chỉ số!3: Thiếu trường bắt buộc 'choices'. Thêm 'choices: ...'.",
    ]


def test_bands_with_a_gap() -> None:
    def change(book: Book) -> None:
        book["Xếp loại"]["H3"] = 9

    assert _problems(change) == [
        "thu.xlsx, Xếp loại!3: Khung xếp loại bị hở: các giá trị [9; 10) không thuộc loại nào. Sửa cận của 'B' "
        "hoặc 'A'."
    ]


def test_a_problem_in_english() -> None:
    def change(book: Book) -> None:
        book["Tiêu chí"]["B3"] = "9"

    assert _problems(change, "en")[0] == (
        "thu.xlsx, Tiêu chí!B3 (Tiêu chí cha) [1.1]: Parent criterion “9” must be the code of a criterion on a row "
        "above."
    )
