"""A past published results table read from XLSX: the seed's 2012 table round-trips, the core's checks
that need no facts find the seed's own inconsistencies (and nothing else), broken files are refused
with every problem located."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal

import openpyxl
import pytest

from govscore.examples import example_path
from govscore.imports import build_template
from govscore.imports.historical import HistoryTable, read_history, sentences
from govscore.imports.history_check import history_evaluation, history_findings
from govscore.imports.history_layout import HistoryRow, history_columns
from govscore.imports.history_template import build_history_template
from govscore.imports.layout import TemplateIdentity, UnitRow
from govscore.scoring.checks import WITHOUT_FACTS, check
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Evaluation, Framework, Published, UnitGroup

SHEET = "Kết quả"
# Columns of the Đồng Nai framework's template.
COLUMNS = [
    *("stt", "ma_don_vi", "ten_don_vi", "khoi", "tong_diem", "xep_loai", "thu_hang"),
    *("noi_dung_tot", "noi_dung_chua_tot"),
    *("tc.1", "tc.1.1", "tc.1.2", "tc.2", "tc.3", "tc.4", "tc.4T", "tc.5"),
]
# The register knows four of the twenty units of 2012 (the others have since been merged or renamed).
REGISTER = [
    UnitRow("STNMT", "Sở Tài nguyên và Môi trường", "so-nganh"),
    UnitRow("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "so-nganh"),
    UnitRow("SYT", "Sở Y tế", "so-nganh"),
    UnitRow("STP", "Sở Tư pháp", "so-nganh"),
]
Located = tuple[str, int | None, str, str, str]


def seed() -> Evaluation:
    path = example_path("dongnai-2012")
    assert path is not None
    return load_evaluation(path)


def framework() -> Framework:
    return seed().framework


def seed_rows() -> list[HistoryRow]:
    """The 2012 table as published, in the printed order."""
    units = sorted(seed().units, key=lambda unit: unit.published.position if unit.published else 0)
    return [HistoryRow(unit.code, unit.name, unit.group, unit.published or Published()) for unit in units]


def seed_file() -> bytes:
    return build_history_template(framework(), REGISTER, seed_rows())


def edited(data: bytes, cells: Mapping[str, object], sheet: str = SHEET) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for ref, value in cells.items():
        workbook[sheet][ref] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(data: bytes) -> HistoryTable:
    return read_history(data, framework(), REGISTER)


def located(problems: Sequence[object], lang: str = "vi") -> list[Located]:
    return [(p.sheet, p.row, p.column, p.header, p.message(lang)) for p in problems]  # type: ignore[attr-defined]


def findings(rows: Sequence[HistoryRow]) -> list[tuple[str, str, str]]:
    evaluation = history_evaluation(framework(), 2012, rows)
    return [(f.unit_code, f.kind, f.message()) for f in history_findings(evaluation)]


# --- the seed table ---


def test_the_template_has_the_columns_of_the_framework() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(build_history_template(framework(), REGISTER)))
    assert workbook.sheetnames == [SHEET, "Hướng dẫn", "_govscore"]
    assert [cell.value for cell in workbook[SHEET][1]] == COLUMNS
    assert workbook[SHEET]["E2"].value == "Tổng điểm\n(số từ 0 đến 220, bắt buộc)"
    assert workbook["_govscore"].sheet_state == "veryHidden"
    help_text = [cell.value for row in workbook["Hướng dẫn"].iter_rows() for cell in row if cell.value]
    assert "Văn phòng Ủy ban nhân dân tỉnh" in help_text  # the register, to look codes up in
    assert "Hoàn thành xuất sắc" in help_text  # the bands


def test_the_seed_table_reads_back_as_published() -> None:
    table = read(seed_file())
    assert (table.problems, len(table.rows)) == ((), 20)
    assert [row.published for row in table.rows] == [row.published for row in seed_rows()]
    assert [row.row for row in table.rows] == list(range(3, 23))
    known = {row.code for row in table.rows if row.known}
    assert known == {"STNMT", "VPUBND", "SYT", "STP"}
    # Units the register does not know keep the code and name as printed.
    first = table.rows[0]
    assert (first.code, first.name, first.group, first.known) == (
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        "so-nganh",
        False,
    )


def test_a_known_unit_printed_under_another_name_keeps_it_with_a_note() -> None:
    table = read(seed_file())
    row = next(row for row in table.rows if row.code == "VPUBND")
    assert row.name == "Văn phòng UBND tỉnh"
    assert located(table.notes) == [
        (
            SHEET,
            9,
            "C",
            "Tên đơn vị",
            "Tên 'Văn phòng UBND tỉnh' khác tên trong danh mục của đơn vị mã 'VPUBND' (Văn phòng Ủy ban nhân dân "
            "tỉnh); giữ tên như văn bản đã in. Kiểm tra lại nếu dòng bị lệch.",
        )
    ]


def test_the_checks_find_the_seeds_own_inconsistencies() -> None:
    table = read(seed_file())
    assert findings(table.rows) == [
        (
            "STNMT",
            "grade_not_from_bands",
            "Xếp loại công bố 'A' với 180 điểm, nhưng khung xếp loại cho 'A+' (từ 180 đến 220).",
        ),
        (
            "VPUBND",
            "same_total_different_grade",
            "Cùng 180 điểm với Sở Tài nguyên và Môi trường nhưng xếp loại khác ('A+' và 'A').",
        ),
    ]


def test_they_are_what_govscore_check_reports_on_the_example_less_what_needs_facts() -> None:
    with_facts = [(f.unit_code, f.kind, f.message()) for f in check(seed())]
    # Sở Xây dựng's months both late and missing are facts, which a published table does not have.
    assert [item for item in with_facts if item[1] not in WITHOUT_FACTS] == [
        ("SXD", "late_and_missing", "Tiêu chí 4: tháng 1, 4, 5 vừa ghi báo cáo trễ vừa ghi không báo cáo.")
    ]
    assert findings(read(seed_file()).rows) == [item for item in with_facts if item[1] in WITHOUT_FACTS]


def test_units_without_facts_give_no_fact_noise() -> None:
    evaluation = history_evaluation(framework(), 2012, read(seed_file()).rows)
    raw = {finding.kind for finding in check(evaluation)}
    # What the core says of units without facts, and what is left out here.
    assert {"no_data", "total_mismatch"} <= raw
    assert {finding.kind for finding in history_findings(evaluation)} == {
        "grade_not_from_bands",
        "same_total_different_grade",
    }
    assert all(unit.facts == {} for unit in evaluation.units)


def test_the_checks_that_need_only_published_data_work() -> None:
    rows = seed_rows()[:4]  # 217, 205, 200, 194: all A+
    published = [row.published for row in rows]
    changed = [
        # Rank 1 printed as 2; criteria that do not add up to the total.
        dataclasses.replace(
            published[0],
            rank=2,
            criteria={
                "1": Decimal(20),
                "2": Decimal(20),
                "3": Decimal(15),
                "4": Decimal(10),
                "5": Decimal(150),
            },
        ),
        # Printed before a unit with more points.
        dataclasses.replace(published[1], position=3),
        dataclasses.replace(published[2], position=2, rank=3),
        dataclasses.replace(published[3], rank=4),
    ]
    rows = [dataclasses.replace(row, published=item) for row, item in zip(rows, changed, strict=True)]
    assert findings(rows) == [
        ("SKHCN", "total_not_sum", "Tổng điểm công bố 217 khác tổng điểm các tiêu chí công bố 215."),
        ("SKHCN", "rank_mismatch", "Thứ hạng công bố 2 khác thứ hạng theo tổng điểm 1."),
        (
            "SGTVT",
            "order_not_by_total",
            "Thứ tự công bố 2 đứng trước đơn vị có tổng điểm cao hơn (Ban Dân tộc: 205 > 200).",
        ),
    ]


def test_sentences_are_one_per_line_without_bullets() -> None:
    cell = "- Kết nối mạng truyền số liệu chuyên dùng;\n\n  • Xây dựng 4 quy chế về ứng dụng CNTT  \n– Gửi văn bản"
    assert sentences(cell) == (
        "Kết nối mạng truyền số liệu chuyên dùng",
        "Xây dựng 4 quy chế về ứng dụng CNTT",
        "Gửi văn bản",
    )
    assert sentences(None) == ()


def test_it_reads_what_people_type() -> None:
    cells = {
        "B24": "SMOI",  # a unit the register does not know, with its name
        "C24": "Sở Mới",
        "A24": "21",
        "E24": "150,5",  # a decimal comma typed as text
        "F24": "a",  # a grade whatever its case
        "D24": "Sở, ban, ngành và đơn vị sự nghiệp trực thuộc UBND tỉnh",  # a group by its name
        "G24": 21.0,
        "Q24": 0.1 + 0.2,  # binary noise of a formula
        "C19": None,  # a known unit's name may be left out
    }
    table = read(edited(seed_file(), cells))
    assert table.problems == ()
    row = table.rows[-1]
    assert (row.code, row.name, row.group, row.known) == ("SMOI", "Sở Mới", "so-nganh", False)
    assert row.published == Published(
        position=21, rank=21, total=Decimal("150.5"), grade="A", criteria={"5": Decimal("0.3")}
    )
    syt = next(row for row in table.rows if row.code == "SYT")
    assert syt.name == "Sở Y tế"


# --- broken files: every problem, located ---

BROKEN: list[tuple[str, Mapping[str, object], list[Located]]] = [
    (
        "unknown unit without a name",
        {"B3": "SKHCN2", "C3": None},
        [
            (
                SHEET,
                3,
                "C",
                "Tên đơn vị",
                "Đơn vị mã 'SKHCN2' chưa có trong danh mục đơn vị: phải ghi tên đơn vị (như văn bản đã in) để nhập.",
            )
        ],
    ),
    (
        "the same unit twice",
        {"B4": "SKHCN"},
        [(SHEET, 4, "B", "Mã đơn vị", "Đơn vị 'SKHCN' đã có ở dòng 3; mỗi đơn vị chỉ được một dòng.")],
    ),
    (
        "points that are not numbers",
        {"E5": "hai trăm", "Q5": "1.234"},
        [
            (SHEET, 5, "E", "Tổng điểm", "Trường 'Tổng điểm' phải là một số (đang là 'hai trăm')."),
            (
                SHEET,
                5,
                "Q",
                "Tiêu chí 5: Các tiêu chí khác (không nêu trong văn bản công bố)",
                "Trường 'Tiêu chí 5: Các tiêu chí khác (không nêu trong văn bản công bố)' phải là một số "
                "(đang là '1.234').",
            ),
        ],
    ),
    (
        "points above the framework's maximum",
        {"E3": 230, "K3": 11, "E4": -1},
        [
            (SHEET, 3, "E", "Tổng điểm", "Trường 'Tổng điểm' phải nằm trong khoảng 0 đến 220 (đang là 230)."),
            (
                SHEET,
                3,
                "K",
                "Tiêu chí 1.1: Cấp phát hộp thư điện tử Đồng Nai cho CBCC",
                "Trường 'Tiêu chí 1.1: Cấp phát hộp thư điện tử Đồng Nai cho CBCC' phải nằm trong khoảng 0 đến 10 "
                "(đang là 11).",
            ),
            (SHEET, 4, "E", "Tổng điểm", "Trường 'Tổng điểm' phải nằm trong khoảng 0 đến 220 (đang là -1)."),
        ],
    ),
    (
        "empty required cells",
        {"A6": None, "B7": None, "E8": None, "F8": "  "},
        [
            (SHEET, 6, "A", "STT", "Thiếu STT: ô này bắt buộc."),
            (SHEET, 7, "B", "Mã đơn vị", "Thiếu mã đơn vị: dòng có số liệu phải ghi mã đơn vị ở cột này."),
            (SHEET, 8, "E", "Tổng điểm", "Thiếu Tổng điểm: ô này bắt buộc."),
            (SHEET, 8, "F", "Xếp loại", "Thiếu Xếp loại: ô này bắt buộc."),
        ],
    ),
    (
        "a grade the bands do not have, a position and a rank that are not whole numbers",
        {"F3": "A++", "A4": 2.5, "G5": 0},
        [
            (SHEET, 3, "F", "Xếp loại", "Xếp loại 'A++' không có trong khung xếp loại của bộ tiêu chí (A+, A, B, C)."),
            (SHEET, 4, "A", "STT", "Ô 'STT' phải là một số nguyên từ 1 trở lên (đang là 2,5)."),
            (SHEET, 5, "G", "Thứ hạng", "Ô 'Thứ hạng' phải là một số nguyên từ 1 trở lên (đang là 0)."),
        ],
    ),
    (
        # A database column keeps neither (PostgreSQL's integer stops at 2,147,483,647).
        "a position and a rank larger than a sheet has rows",
        {"A3": 2**31, "G4": 1_048_577},
        [
            (
                SHEET,
                3,
                "A",
                "STT",
                "Trường 'STT' phải nằm trong khoảng 1 đến 1.048.576 (đang là 2.147.483.648).",
            ),
            (
                SHEET,
                4,
                "G",
                "Thứ hạng",
                "Trường 'Thứ hạng' phải nằm trong khoảng 1 đến 1.048.576 (đang là 1.048.577).",
            ),
        ],
    ),
    (
        "a position used twice, a group the framework does not have, too many decimals",
        {"A4": 1, "D5": "xa-phuong", "E6": 194.12345},
        [
            (SHEET, 5, "D", "Khối", "Khối 'xa-phuong' không có trong bộ tiêu chí (so-nganh)."),
            (
                SHEET,
                6,
                "E",
                "Tổng điểm",
                "Ô 'Tổng điểm' có quá 4 chữ số thập phân (đang là 194,12345). Ghi điểm như văn bản đã in.",
            ),
            (SHEET, 4, "A", "STT", "STT 1 đã có ở dòng 3 trong cùng khối."),
        ],
    ),
    (
        "a required column deleted, a column code edited",
        {"E1": None, "H1": "tot"},
        [
            (
                SHEET,
                1,
                "H",
                "",
                "Mẫu không có cột mã 'tot' (mã ở dòng 1 bị sửa?). Sửa lại mã cột; "
                "cột ghi chú thêm vào thì để trống ô dòng 1.",
            ),
            (
                SHEET,
                1,
                "",
                "",
                "Thiếu cột 'tong_diem' (Tổng điểm). Đừng xoá cột hay sửa mã cột ở dòng 1; tải lại mẫu nếu cần.",
            ),
            (
                SHEET,
                1,
                "",
                "",
                "Thiếu cột 'noi_dung_tot' (Nội dung thực hiện tốt). Đừng xoá cột hay sửa mã cột ở dòng 1; "
                "tải lại mẫu nếu cần.",
            ),
        ],
    ),
    (
        "a code or a name too long to keep",
        {"B3": "X" * 65, "C4": "Sở " + "a" * 260},
        [
            (SHEET, 3, "B", "Mã đơn vị", "Ô 'Mã đơn vị' dài quá 64 ký tự (đang có 65)."),
            (SHEET, 4, "C", "Tên đơn vị", "Ô 'Tên đơn vị' dài quá 255 ký tự (đang có 263)."),
        ],
    ),
    (
        "the title row overwritten",
        {"B2": "SKHCN"},
        [
            (
                SHEET,
                2,
                "B",
                "",
                "Dòng 2 phải là dòng tiêu đề của mẫu (ô này ghi 'Mã đơn vị (bắt buộc)'). "
                "Đừng xoá hay chèn dòng phía trên số liệu.",
            )
        ],
    ),
    (
        "another framework's template",
        {"B3": "khac"},
        [
            (
                "",
                None,
                "",
                "",
                "Mẫu được lập theo bộ tiêu chí khac 2012, nhưng đang nhập theo bộ tiêu chí "
                "dongnai-ud-cntt-so-nganh 2012. Hãy tải mẫu của bộ tiêu chí dongnai-ud-cntt-so-nganh 2012 "
                "(các cột điểm tiêu chí khác nhau).",
            )
        ],
    ),
]


@pytest.mark.parametrize(("name", "cells", "expected"), BROKEN, ids=[name for name, _cells, _expected in BROKEN])
def test_a_broken_file_is_refused_with_every_problem_located(
    name: str, cells: Mapping[str, object], expected: list[Located]
) -> None:
    sheet = "_govscore" if name == "another framework's template" else SHEET
    table = read(edited(seed_file(), cells, sheet))
    assert located(table.problems) == expected
    assert table.rows == ()


def test_there_are_enough_broken_files() -> None:
    assert len(BROKEN) >= 6


def test_problems_are_given_in_english_too() -> None:
    table = read(edited(seed_file(), {"B3": "SKHCN2", "C3": None, "E4": 230}))
    assert [p.render("en") for p in table.problems] == [
        "Kết quả!C3 (Tên đơn vị): Unit 'SKHCN2' is not in the unit register: give the unit's name (as printed) "
        "to import it.",
        "Kết quả!E4 (Tổng điểm): Field 'Tổng điểm' must be between 0 and 220 (found 230).",
    ]


def test_files_that_are_not_a_historical_template_are_refused_as_a_whole() -> None:
    not_xlsx = read(b"STT;Ma don vi\n1;SKHCN\n")
    assert [p.key for p in not_xlsx.problems] == ["file.not_xlsx"]
    identity = TemplateIdentity(1, 2012, "2012", framework().code, framework().version)
    data_template = read(build_template(framework(), identity, [UnitRow("SYT", "Sở Y tế")]))
    assert [p.message() for p in data_template.problems] == [
        "Tệp là mẫu nhập số liệu của một kỳ đánh giá, không phải mẫu bảng kết quả các năm trước. "
        "Hãy tải mẫu bảng kết quả của bộ tiêu chí."
    ]
    workbook = openpyxl.Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert [p.key for p in read(buffer.getvalue()).problems] == ["history.not_template"]
    empty = read(build_history_template(framework(), REGISTER))
    assert located(empty.problems) == [
        (SHEET, None, "", "", "Trang 'Kết quả' không có dòng đơn vị nào (dữ liệu bắt đầu từ dòng 3).")
    ]


def test_a_framework_with_several_groups_needs_each_unknown_units_group() -> None:
    several = dataclasses.replace(
        framework(), groups=(*framework().groups, UnitGroup("xa", "Xã, phường")), criteria=framework().criteria
    )
    rows = seed_rows()[:2]
    data = build_history_template(several, REGISTER, [dataclasses.replace(row, group="") for row in rows])
    table = read_history(edited(data, {"D4": "Xã, phường"}), several, REGISTER)
    assert located(table.problems) == [
        (
            SHEET,
            3,
            "D",
            "Khối",
            "Bộ tiêu chí có nhiều khối và đơn vị 'SKHCN' chưa có khối trong danh mục: ghi khối (so-nganh, xa).",
        )
    ]
    assert history_columns(several)[3].hint == "mã khối: so-nganh, xa; để trống thì lấy theo danh mục"
