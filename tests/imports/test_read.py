"""Reading a filled template: every problem, located, or the values in the stored shape."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata
import zipfile
from dataclasses import replace

import openpyxl
import pytest

from govscore.imports import ImportProblem, ReadResult, read_workbook
from govscore.imports.layout import TemplateIdentity

from .workbooks import IDENTITY, UNITS, VALUES, edited, framework, set_cells, template

Located = tuple[str, int | None, str, str, str]


def read(data: bytes, identity: TemplateIdentity = IDENTITY) -> ReadResult:
    return read_workbook(data, framework(), identity, UNITS)


def located(problems: tuple[ImportProblem, ...], lang: str = "vi") -> list[Located]:
    return [(p.sheet, p.row, p.column, p.header, p.message(lang)) for p in problems]


def test_the_export_reads_back_as_the_values_it_was_made_from() -> None:
    result = read(template())
    assert result.problems == ()
    assert result.rows == 2
    assert result.values == VALUES


def test_blank_cells_are_left_out_and_blank_rows_skipped() -> None:
    data = set_cells(template({}), {"A5": None, "I4": 2, "A6": "  ", "B6": None})
    result = read(data)
    assert result.problems == ()
    assert result.values == {"STP": {}, "SYT": {"meetings": "2"}}


def test_it_reads_what_people_type_the_way_they_mean_it() -> None:
    cells = {
        "G3": "KHÔNG",  # answers whatever their case
        "G4": True,  # an Excel TRUE
        "H3": "chair",  # a choice's code as well as its title
        "H4": "phó BAN",
        "I3": "12",  # digits typed as text
        "J3": "12,5",  # a decimal comma typed as text
        "J4": 0.1 + 0.2,  # binary noise of a formula
        "K3": "VAN_BAN; attt",  # any order and case, semicolons too
        "L3": unicodedata.normalize("NFD", "  Đã   triển khai  "),
        "D4": 0,
        "E4": 0,
        "F4": None,
    }
    result = read(set_cells(template(), cells))
    assert result.problems == ()
    assert result.values == {
        "STP": {
            "email": {"numerator": "40", "denominator": "50"},
            "connected": False,
            "role": "chair",
            "meetings": "12",
            "satisfaction": "12.5",
            "regulations": ["attt", "van_ban"],
            "remark": "Đã triển khai",
        },
        "SYT": {
            "email": {"numerator": "0", "denominator": "0"},
            "connected": True,
            "role": "deputy",
            "satisfaction": "0.3",
            "regulations": [],
        },
    }
    assert unicodedata.is_normalized("NFC", str(result.values["STP"]["remark"]))


def test_columns_may_be_moved_and_a_notes_column_added() -> None:
    def move(workbook: openpyxl.Workbook) -> None:
        sheet = workbook["Số liệu"]
        sheet.move_range("I1:I4", cols=5)  # meetings moved after the last column
        sheet["I3"] = "ghi chú riêng"  # a notes column: no code in row 1

    data = edited(template(), move)
    assert openpyxl.load_workbook(io.BytesIO(data))["Số liệu"]["N1"].value == "meetings"
    result = read(data)
    assert result.problems == ()
    assert result.values == VALUES


def test_it_reports_progress_every_500_rows() -> None:
    seen: list[int] = []
    units = [*UNITS, *(type(UNITS[0])(f"U{index:04d}", f"Đơn vị {index}") for index in range(1100))]
    data = template({})
    rows = {f"A{index + 5}": f"U{index:04d}" for index in range(1100)}
    result = read_workbook(set_cells(data, rows), framework(), IDENTITY, units, progress=seen.append)
    assert result.problems == ()
    assert (result.rows, seen) == (1102, [500, 1000])


# (cells changed in the data sheet, the problems expected)
BROKEN: dict[str, tuple[dict[str, object], list[Located]]] = {
    "unknown unit": (
        {"A3": "SXD"},
        [("Số liệu", 3, "A", "Mã đơn vị", "Không có đơn vị mã 'SXD' trong kỳ đánh giá này.")],
    ),
    "duplicate row": (
        {"A5": "SYT", "B5": "Sở Y tế", "I5": 1},
        [("Số liệu", 5, "A", "Mã đơn vị", "Đơn vị 'SYT' đã có ở dòng 4; mỗi đơn vị chỉ được một dòng.")],
    ),
    "text in a number cell": (
        {"I3": "mười"},
        [
            (
                "Số liệu",
                3,
                "I",
                "Số cuộc họp trực tuyến",
                "Số cuộc họp trực tuyến: phải là một số nguyên (đang là 'mười').",
            )
        ],
    ),
    "a fraction in a count": (
        {"I3": 2.5},
        [("Số liệu", 3, "I", "Số cuộc họp trực tuyến", "Số cuộc họp trực tuyến: phải là một số nguyên (đang là 2,5).")],
    ),
    "a Vietnamese thousands separator typed as text": (
        {"J3": "1.234"},
        [
            (
                "Số liệu",
                3,
                "J",
                "Chỉ số hài lòng",
                "Chỉ số hài lòng: không rõ '1.234' là số thập phân hay có dấu phân cách hàng nghìn; "
                "hãy viết số không có dấu phân cách hàng nghìn, phần thập phân sau dấu phẩy (ví dụ 1234,5).",
            )
        ],
    ),
    "negative count": (
        {"I3": -3},
        [("Số liệu", 3, "I", "Số cuộc họp trực tuyến", "Số cuộc họp trực tuyến: không được âm (đang là -3).")],
    ),
    "number above its maximum": (
        {"J3": 100.5},
        [
            (
                "Số liệu",
                3,
                "J",
                "Chỉ số hài lòng",
                "Chỉ số hài lòng: phải từ 0 đến 100 (đang là 100,5).",
            )
        ],
    ),
    "percent above 100": (
        {"F4": 120},
        [
            (
                "Số liệu",
                4,
                "F",
                "CBCC có hộp thư / tổng số CBCC — hoặc tỷ lệ %",
                "CBCC có hộp thư / tổng số CBCC: tỷ lệ không được vượt quá 100% (đang là 120%).",
            )
        ],
    ),
    "numerator above denominator": (
        {"D3": 60},
        [
            (
                "Số liệu",
                3,
                "D",
                "CBCC có hộp thư / tổng số CBCC — tử số",
                "CBCC có hộp thư / tổng số CBCC: tử số (60) không được lớn hơn mẫu số (50).",
            )
        ],
    ),
    "numerator without denominator": (
        {"E3": None},
        [
            (
                "Số liệu",
                3,
                "E",
                "CBCC có hộp thư / tổng số CBCC — mẫu số",
                "CBCC có hộp thư / tổng số CBCC: có tử số nhưng thiếu mẫu số; phải nhập cả hai.",
            )
        ],
    ),
    "denominator without numerator": (
        {"D3": None},
        [
            (
                "Số liệu",
                3,
                "D",
                "CBCC có hộp thư / tổng số CBCC — tử số",
                "CBCC có hộp thư / tổng số CBCC: có mẫu số nhưng thiếu tử số; phải nhập cả hai.",
            )
        ],
    ),
    "both a ratio and a percentage": (
        {"F3": 80},
        [
            (
                "Số liệu",
                3,
                "F",
                "CBCC có hộp thư / tổng số CBCC — hoặc tỷ lệ %",
                "CBCC có hộp thư / tổng số CBCC: nhập tử số và mẫu số, hoặc chỉ tỷ lệ %, không nhập cả hai.",
            )
        ],
    ),
    "a choice not allowed": (
        {"H3": "Thư ký"},
        [
            (
                "Số liệu",
                3,
                "H",
                "Vai trò trong Ban chỉ đạo",
                "Vai trò trong Ban chỉ đạo: 'Thư ký' không có trong danh mục "
                "(Trưởng ban (chair); Phó ban (deputy); Không tham gia (none)).",
            )
        ],
    ),
    "maybe in a yes/no": (
        {"G3": "có lẽ"},
        [
            (
                "Số liệu",
                3,
                "G",
                "Đã kết nối mạng chuyên dùng",
                "Đã kết nối mạng chuyên dùng: phải là Có hoặc Không (true/false) (đang là 'có lẽ').",
            )
        ],
    ),
    "an unknown item": (
        {"K3": "attt, xyz"},
        [
            (
                "Số liệu",
                3,
                "K",
                "Quy định đã ban hành",
                "Quy định đã ban hành: 'xyz' không có trong danh mục (quy định an toàn thông tin (attt); "
                "quy định sử dụng thư điện tử (thu_dien_tu); quy định gửi nhận văn bản điện tử (van_ban)).",
            )
        ],
    ),
    "an item twice": (
        {"K3": "attt, ATTT"},
        [("Số liệu", 3, "K", "Quy định đã ban hành", "Quy định đã ban hành: mục 'attt' được ghi hai lần.")],
    ),
    "missing unit code": (
        {"A3": None},
        [
            (
                "Số liệu",
                3,
                "A",
                "Mã đơn vị",
                "Thiếu mã đơn vị: dòng có số liệu phải ghi mã đơn vị ở cột này.",
            )
        ],
    ),
    "another unit's name": (
        {"B3": "Sở Y tế"},
        [
            (
                "Số liệu",
                3,
                "B",
                "Tên đơn vị",
                "Tên 'Sở Y tế' không khớp với đơn vị mã 'STP' (Sở Tư pháp). Dòng có bị lệch không?",
            )
        ],
    ),
    "a renamed column": (
        {"I1": "meeting"},
        [
            (
                "Số liệu",
                1,
                "I",
                "",
                "Mẫu không có cột mã 'meeting' (mã ở dòng 1 bị sửa?). Sửa lại mã cột; "
                "cột ghi chú thêm vào thì để trống ô dòng 1.",
            ),
            (
                "Số liệu",
                1,
                "",
                "",
                "Thiếu cột 'meetings' (Số cuộc họp trực tuyến). Đừng xoá cột hay sửa mã cột ở dòng 1; "
                "tải lại mẫu nếu cần.",
            ),
        ],
    ),
    "a repeated column": (
        {"M1": "remark"},
        [("Số liệu", 1, "M", "", "Mã cột 'remark' bị lặp (đã có ở cột L).")],
    ),
    "a deleted title row": (
        {"A2": "STP"},
        [
            (
                "Số liệu",
                2,
                "A",
                "",
                "Dòng 2 phải là dòng tiêu đề của mẫu (ô này ghi 'Mã đơn vị (bắt buộc, không sửa)'). "
                "Đừng xoá hay chèn dòng phía trên số liệu.",
            )
        ],
    ),
}


@pytest.mark.parametrize(("cells", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_it_locates_each_problem(cells: dict[str, object], expected: list[Located]) -> None:
    result = read(set_cells(template(), cells))
    assert located(result.problems) == expected
    assert result.values == {}


def test_it_reports_every_problem_of_a_file_together_row_by_row() -> None:
    cells = {"A3": "SXD", "I3": "mười", "K3": "xyz", "D4": 60, "E4": 50, "F4": None, "H4": "Thư ký", "J4": -1}
    assert [problem[:3] for problem in located(read(set_cells(template(), cells)).problems)] == [
        ("Số liệu", 3, "A"),
        ("Số liệu", 3, "I"),
        ("Số liệu", 3, "K"),
        ("Số liệu", 4, "D"),
        ("Số liệu", 4, "H"),
        ("Số liệu", 4, "J"),
    ]


def test_a_removed_column_is_missing_and_the_rest_is_still_checked() -> None:
    result = read(edited(set_cells(template(), {"J3": -1}), lambda workbook: workbook["Số liệu"].delete_cols(9)))
    assert located(result.problems) == [
        (
            "Số liệu",
            1,
            "",
            "",
            "Thiếu cột 'meetings' (Số cuộc họp trực tuyến). Đừng xoá cột hay sửa mã cột ở dòng 1; tải lại mẫu nếu cần.",
        ),
        ("Số liệu", 3, "I", "Chỉ số hài lòng", "Chỉ số hài lòng: phải từ 0 đến 100 (đang là -1)."),
    ]


def test_it_speaks_english_when_asked() -> None:
    result = read(set_cells(template(), {"A3": "SXD", "I4": "mười", "F4": 120}))
    assert [problem.render("en") for problem in result.problems] == [
        # A row whose unit is unknown names none; the others name theirs. Columns are named by the titles
        # the template prints (in Vietnamese, as the template is).
        "Số liệu!A3 (Mã đơn vị): There is no unit with code 'SXD' in this evaluation period.",
        "Số liệu!F4 (Sở Y tế · CBCC có hộp thư / tổng số CBCC — hoặc tỷ lệ %): CBCC có hộp thư / tổng số CBCC: "
        "the percentage must not exceed 100% (found 120%).",
        "Số liệu!I4 (Sở Y tế · Số cuộc họp trực tuyến): Số cuộc họp trực tuyến: must be a whole number (found 'mười').",
    ]


# --- the file as a whole ---

NOT_XLSX = (
    "Tệp không phải bảng tính XLSX (kiểm tra theo nội dung tệp, không theo tên). "
    "Hãy tải mẫu của kỳ đánh giá, điền số liệu và lưu ở định dạng .xlsx."
)


def zip_with(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n%%EOF\n", "Mã đơn vị;Tên".encode(), b"", zip_with({"word/document.xml": "<w/>"})],
    ids=["pdf", "csv", "empty", "docx"],
)
def test_it_refuses_what_is_not_an_xlsx(content: bytes) -> None:
    assert located(read(content).problems) == [("", None, "", "", NOT_XLSX)]


def test_it_reports_a_damaged_workbook_without_a_traceback() -> None:
    result = read(zip_with({"xl/workbook.xml": "<workbook", "[Content_Types].xml": "<Types/>"}))
    assert [problem.key for problem in result.problems] == ["file.unreadable"]
    assert result.problems[0].message().startswith("Không đọc được tệp XLSX (")


def test_it_refuses_a_workbook_that_is_not_a_template() -> None:
    plain = openpyxl.Workbook()
    buffer = io.BytesIO()
    plain.save(buffer)
    assert located(read(buffer.getvalue()).problems) == [
        (
            "",
            None,
            "",
            "",
            "Tệp không phải mẫu nhập số liệu của govscore (không có trang thông tin mẫu). "
            "Hãy tải mẫu của kỳ đánh giá và điền số liệu vào đó.",
        )
    ]


def test_it_refuses_another_template_version() -> None:
    result = read(set_cells(template(), {"B2": 0}, sheet="_govscore"))
    assert located(result.problems) == [
        (
            "",
            None,
            "",
            "",
            "Mẫu thuộc phiên bản 0, phần mềm cần mẫu phiên bản 1. "
            "Hãy tải mẫu mới của kỳ đánh giá và chép số liệu sang.",
        )
    ]


def test_it_refuses_another_periods_template() -> None:
    other = TemplateIdentity(6, 2014, "Đánh giá năm 2014", "kiem-thu-nhap", "2")
    assert located(read(template(), other).problems) == [
        (
            "",
            None,
            "",
            "",
            "Tệp là mẫu của kỳ đánh giá 'Đánh giá năm 2013' (mã kỳ 5), không phải của kỳ 'Đánh giá năm 2014' "
            "(mã kỳ 6) đang nhập. Hãy tải mẫu của kỳ này.",
        ),
        (
            "",
            None,
            "",
            "",
            "Mẫu được lập theo bộ tiêu chí kiem-thu-nhap 1, kỳ đánh giá này dùng bộ tiêu chí kiem-thu-nhap 2. "
            "Hãy tải mẫu mới của kỳ này.",
        ),
    ]


def test_it_refuses_a_file_whose_data_sheet_was_renamed() -> None:
    def rename(workbook: openpyxl.Workbook) -> None:
        workbook["Số liệu"].title = "Sheet1"

    assert located(read(edited(template(), rename)).problems) == [
        ("", None, "", "", "Không có trang 'Số liệu'. Đừng đổi tên hay xoá trang này của mẫu.")
    ]


def test_a_problem_renders_as_one_located_line() -> None:
    cell = ImportProblem("unit.unknown", {"code": "X"}, "Số liệu", 7, "C", "ma_don_vi")
    assert cell.render() == "Số liệu!C7 (ma_don_vi): Không có đơn vị mã 'X' trong kỳ đánh giá này."
    named = ImportProblem("value.integer", {"title": "Số cuộc họp", "value": "ba"}, "Số liệu", 4, "I", "Số cuộc họp")
    assert replace(named, unit="Sở Y tế").location() == "Số liệu!I4 (Sở Y tế · Số cuộc họp)"
    assert ImportProblem("column.missing", {"code": "a", "title": "b"}, "Số liệu", 1).location() == "Số liệu!1"
    assert ImportProblem("file.not_xlsx").render(file_name="du-lieu.xlsx").startswith("du-lieu.xlsx: Tệp không")


def test_openpyxls_warnings_about_a_users_file_stay_off_the_console(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A number formatted as a date, far outside the calendar: openpyxl warns, the reader reports the cell.
    def huge_date(workbook: openpyxl.Workbook) -> None:
        workbook["Số liệu"]["I3"] = 1e17
        workbook["Số liệu"]["I3"].number_format = "dd/mm/yyyy"

    path = tmp_path / "ngay-sai.xlsx"
    path.write_bytes(edited(template(), huge_date))
    script = (
        "import sys, pathlib\n"
        "sys.path.insert(0, 'tests')\n"
        "from imports.workbooks import IDENTITY, UNITS, framework\n"
        "from govscore.imports import read_workbook\n"
        f"result = read_workbook(pathlib.Path({str(path)!r}).read_bytes(), framework(), IDENTITY, UNITS)\n"
        "print([problem.render() for problem in result.problems])\n"
    )
    done = subprocess.run([sys.executable, "-W", "default", "-c", script], capture_output=True, text=True, check=True)
    assert "Số liệu!I3" in done.stdout
    assert done.stderr == ""
