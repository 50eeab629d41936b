"""Workbooks larger than what the period can hold are refused before their rows are read, or as soon as
reading passes the bound, with the limit and the size found: declared extents, extents a sheet hides
from its <dimension>, sheets without one, junk in the other sheets, and what openpyxl loads whole."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest
from openpyxl.styles import Font

from govscore.imports import ReadResult, read_workbook
from govscore.imports.extent import Limits, limits_for
from govscore.imports.historical import HistoryTable, read_history

from .test_historical import REGISTER, seed_file
from .test_historical import framework as history_framework
from .workbooks import COLUMNS, IDENTITY, UNITS, VALUES, edited, framework, set_cells, template

DATA_PART = "xl/worksheets/sheet1.xml"  # the first sheet: “Số liệu”, or “Kết quả” of a past table
# The 2013 template: 2 units and 12 columns → rows 1-106 (2 header rows, 2 × 2 units, 100 more), columns A-BJ.
LIMITS = Limits(rows=106, columns=62, units=2, template_columns=12)
ROWS_FOUND = (
    "Trang “Số liệu” có dòng 107, quá giới hạn 106 dòng (tính theo 2 đơn vị). "
    "Đã dừng đọc tệp: hãy xoá các dòng thừa rồi lưu lại."
)


def read(data: bytes) -> ReadResult:
    return read_workbook(data, framework(), IDENTITY, UNITS)


def messages(result: ReadResult | HistoryTable, lang: str = "vi") -> list[str]:
    return [problem.message(lang) for problem in result.problems]


def rewritten(data: bytes, part: str, edit: Callable[[str], str]) -> bytes:
    """The workbook with one XML part edited as text (what no spreadsheet program would write)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, edit(content.decode()).encode() if info.filename == part else content)
    return buffer.getvalue()


def dimension(ref: str | None) -> Callable[[str], str]:
    """Declare `ref` as the sheet's extent (where the schema puts it), or declare none."""

    def edit(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', "", xml)
        if ref is None:
            return xml
        return re.sub(r"<(sheetViews|sheetFormatPr|cols|sheetData)\b", f'<dimension ref="{ref}"/><\\1', xml, count=1)

    return edit


def with_shared_strings(data: bytes, count: int) -> bytes:
    """The workbook with a shared strings table of `count` distinct texts, declared as Excel does."""
    strings = "".join(f"<si><t>rác {n}</t></si>" for n in range(count))
    table = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>'
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    data = rewritten(
        data,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}"/></Types>'
        ),
    )
    data = rewritten(
        data,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(
            "</Relationships>",
            f'<Relationship Id="rId99" Type="{relation}" Target="sharedStrings.xml"/></Relationships>',
        ),
    )
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", table)
    return buffer.getvalue()


def junk_rows(first: int, count: int, column: str = "A") -> Callable[[str], str]:
    """`count` rows of junk text from row `first`, written as cells of inline text (no shared strings)."""
    rows = "".join(
        f'<row r="{n}"><c r="{column}{n}" t="inlineStr"><is><t>rác {n}</t></is></c></row>'
        for n in range(first, first + count)
    )
    return lambda xml: xml.replace("</sheetData>", rows + "</sheetData>")


def then(*edits: Callable[[str], str]) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        for step in edits:
            xml = step(xml)
        return xml

    return edit


def test_the_limits_follow_the_periods_units_and_the_templates_columns() -> None:
    assert len(COLUMNS) == 12
    assert limits_for(len(UNITS), len(COLUMNS), 2) == LIMITS
    assert limits_for(2000, 70, 2) == Limits(rows=4102, columns=120, units=2000, template_columns=70)


def test_a_workbook_that_uses_every_row_and_column_allowed_is_read() -> None:
    def edit(workbook) -> None:  # type: ignore[no-untyped-def]
        sheet = workbook["Số liệu"]
        sheet["A106"].font = Font(bold=True)  # formatted, blank: the last row allowed
        sheet["BJ3"].font = Font(bold=True)  # the last column allowed

    result = read(edited(template(), edit))
    assert result.problems == ()
    assert result.values == VALUES


def test_a_row_past_the_limit_is_refused_from_the_declared_extent() -> None:
    result = read(set_cells(template(), {"A107": "rác"}))
    assert messages(result) == [
        "Trang “Số liệu” khai báo vùng dữ liệu A1:L107, tới dòng 107, quá giới hạn 106 dòng (tính theo 2 đơn vị). "
        "Tệp không được đọc: hãy xoá các dòng thừa rồi lưu lại."
    ]
    assert result.values == {}


def test_a_dimension_claiming_a_huge_sheet_is_refused_without_reading_it() -> None:
    data = rewritten(template(), DATA_PART, dimension("A1:XFD1048576"))
    assert messages(read(data)) == [
        "Trang “Số liệu” khai báo vùng dữ liệu A1:XFD1048576, tới dòng 1.048.576, quá giới hạn 106 dòng "
        "(tính theo 2 đơn vị). Tệp không được đọc: hãy xoá các dòng thừa rồi lưu lại."
    ]


@pytest.mark.parametrize("declared", ["A1:L4", None], ids=["a dimension that hides them", "no dimension"])
def test_junk_rows_are_found_and_reading_stops_at_the_first_past_the_limit(declared: str | None) -> None:
    # Twenty thousand rows of text after the units: every row would otherwise be read and reported on.
    data = rewritten(template(), DATA_PART, then(dimension(declared), junk_rows(5, 20_000)))
    result = read(data)
    assert messages(result) == [ROWS_FOUND]
    assert result.values == {}


def test_a_gap_down_to_a_far_row_is_found_with_that_row() -> None:
    data = rewritten(template(), DATA_PART, then(dimension(None), junk_rows(2_000_000, 1)))
    assert messages(read(data)) == [
        "Trang “Số liệu” có dòng 2.000.000, quá giới hạn 106 dòng (tính theo 2 đơn vị). "
        "Đã dừng đọc tệp: hãy xoá các dòng thừa rồi lưu lại."
    ]


def test_a_column_past_the_limit_is_refused_declared_or_found() -> None:
    declared = read(set_cells(template(), {"BK3": "rác"}))
    assert messages(declared) == [
        "Trang “Số liệu” khai báo vùng dữ liệu A1:BK4, tới cột BK (cột thứ 63), quá giới hạn 62 cột "
        "(mẫu có 12 cột). Tệp không được đọc: hãy xoá các cột thừa rồi lưu lại."
    ]
    found = "Trang “Số liệu” có ô ở cột BK (cột thứ 63), quá giới hạn 62 cột (mẫu có 12 cột). "
    found += "Đã dừng đọc tệp: hãy xoá các cột thừa rồi lưu lại."
    for ref in ("A1:L4", None):
        data = rewritten(template(), DATA_PART, then(dimension(ref), junk_rows(5, 1, column="BK")))
        assert messages(read(data)) == [found], ref


def test_junk_in_another_sheet_is_refused_too() -> None:
    # The identity sheet is read, the help sheet sized by openpyxl on opening: neither may be unbounded.
    data = rewritten(template(), "xl/worksheets/sheet3.xml", junk_rows(8, 1200))
    assert messages(read(data)) == [
        "Trang “_govscore” có dòng 1.107, quá giới hạn 1.106 dòng (tính theo 2 đơn vị). "
        "Đã dừng đọc tệp: hãy xoá các dòng thừa rồi lưu lại."
    ]


def test_junk_text_in_the_shared_strings_is_refused_before_openpyxl_loads_it() -> None:
    # openpyxl loads every shared string when it opens the file: 2,000,000 take it most of a minute.
    limit = (LIMITS.rows + 1000) * LIMITS.columns
    assert read(with_shared_strings(template(), limit)).ok
    assert messages(read(with_shared_strings(template(), limit + 1))) == [
        "Tệp chứa hơn 68.572 đoạn văn bản khác nhau, nhiều hơn số ô mà các trang của mẫu được phép có. "
        "Đã dừng đọc tệp: hãy chép số liệu sang mẫu mới tải về rồi lưu lại."
    ]


def test_a_bloated_style_sheet_is_refused_before_openpyxl_loads_it() -> None:
    formats = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * 50_000
    data = rewritten(template(), "xl/styles.xml", lambda xml: re.sub(r"(<cellXfs[^>]*>)", r"\1" + formats, xml))
    assert messages(read(data), "en") == [
        "The file holds more than 50,000 formatting entries (fonts, fills, borders, cell formats), more than any "
        "ordinary workbook. Reading stopped there: paste the data as values into a freshly downloaded template "
        "and save it."
    ]


def test_the_limit_is_said_in_english_too() -> None:
    data = rewritten(template(), DATA_PART, then(dimension(None), junk_rows(5, 200)))
    assert messages(read(data), "en") == [
        "The sheet “Số liệu” has a row 107, beyond the limit of 106 rows (for 2 units). Reading stopped there: "
        "delete the extra rows and save the file again."
    ]


# --- past results: the register's units bound the table (4 units → rows 1-110) ---


def test_a_past_table_longer_than_the_register_allows_is_refused() -> None:
    assert read_history(seed_file(), history_framework(), REGISTER).ok  # twenty rows: within the bound
    declared = read_history(rewritten(seed_file(), DATA_PART, dimension("A1:Q111")), history_framework(), REGISTER)
    assert messages(declared) == [
        "Trang “Kết quả” khai báo vùng dữ liệu A1:Q111, tới dòng 111, quá giới hạn 110 dòng (tính theo 4 đơn vị). "
        "Tệp không được đọc: hãy xoá các dòng thừa rồi lưu lại."
    ]
    for ref in ("A1:Q22", None):
        data = rewritten(seed_file(), DATA_PART, then(dimension(ref), junk_rows(23, 20_000)))
        table = read_history(data, history_framework(), REGISTER)
        assert messages(table) == [
            "Trang “Kết quả” có dòng 111, quá giới hạn 110 dòng (tính theo 4 đơn vị). "
            "Đã dừng đọc tệp: hãy xoá các dòng thừa rồi lưu lại."
        ], ref
        assert table.rows == ()
