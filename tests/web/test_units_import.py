"""The units workbook: template, preview, all-or-nothing import, located problems, and its command."""

from __future__ import annotations

import contextlib
import datetime
import io
import tempfile
from pathlib import Path

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from govscore.cli.main import main
from govscore.imports.units import read_units
from govscore.web.orgs.actions import Decision, do_dissolve, do_import_units
from govscore.web.orgs.models import Unit, UnitGroup
from govscore.web.orgs.register import template_bytes
from govscore.web.periods.actions import do_close
from govscore.web.scores.models import Result

from .base import BaseTestCase

GROUPS = [["ma_khoi", "ten_khoi", "thu_tu"], ["Mã khối (*)", "Tên khối (*)", "Thứ tự"]]
UNITS = [
    ["ma", "ten", "ten_ngan", "khoi", "don_vi_cha", "hieu_luc_tu", "hieu_luc_den"],
    [
        "Mã đơn vị (*)",
        "Tên đơn vị (*)",
        "Tên ngắn",
        "Mã khối (*)",
        "Mã đơn vị cha",
        "Hiệu lực từ ngày (dd/mm/yyyy)",
        "Hiệu lực đến ngày (dd/mm/yyyy)",
    ],
]
GOOD_GROUPS = [["huyen", "UBND cấp huyện", 2]]
GOOD_UNITS = [
    ["SYT", "Sở Y tế", "", "so-nganh", "", None, None],
    ["STTTT", "Sở Thông tin và Truyền thông", "STTTT", "so-nganh", "", None, None],
    ["UBND-BH", "UBND thành phố Biên Hòa", "", "huyen", "", "01/07/2012", None],
    ["PYT-BH", "Phòng Y tế Biên Hòa", "", "huyen", "UBND-BH", datetime.datetime(2012, 7, 1), None],
]


def workbook(units: list[list[object]], groups: list[list[object]] | None = None) -> bytes:
    book = Workbook()
    book.active.title = "Khối"
    for row in GROUPS + (GOOD_GROUPS if groups is None else groups):
        book.active.append(row)
    sheet = book.create_sheet("Đơn vị")
    for row in UNITS + units:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems(data: bytes, lang: str = "vi") -> list[str]:
    outcome = do_import_units(data, dry_run=True)
    return [problem.render(lang) for problem in outcome.problems]


def register() -> list[tuple[object, ...]]:
    return sorted(Unit.objects.values_list("code", "name", "group__code", "parent__code", "effective_from"))


class UnitsWorkbookTests(BaseTestCase):
    def test_a_good_file_is_previewed_then_written_whole(self) -> None:
        before = register()
        preview = do_import_units(workbook(GOOD_UNITS), dry_run=True)
        self.assertTrue(preview.ok)
        self.assertEqual(
            [(change.kind, change.code, change.added) for change in preview.changes],
            [("group", "huyen", True), ("unit", "STTTT", True), ("unit", "UBND-BH", True), ("unit", "PYT-BH", True)],
        )
        self.assertEqual(register(), before)
        written = do_import_units(workbook(GOOD_UNITS), by=self.admin, expected=preview.fingerprint)
        self.assertTrue(written.written)
        self.assertEqual(UnitGroup.objects.get(code="huyen").name, "UBND cấp huyện")
        unit = Unit.objects.get(code="PYT-BH")
        self.assertEqual((unit.parent.code, unit.effective_from), ("UBND-BH", datetime.date(2012, 7, 1)))
        # The open period's units now include the new ones, scored.
        self.assertTrue(Result.objects.filter(period=self.period, unit__code="STTTT").exists())
        self.assertEqual(Unit.objects.get(code="UBND-BH").active_months(2012), (7, 8, 9, 10, 11, 12))
        # Importing the same file again changes nothing.
        self.assertEqual(do_import_units(workbook(GOOD_UNITS)).changes, ())

    def test_the_template_holds_the_register_and_reads_back_unchanged(self) -> None:
        do_import_units(workbook(GOOD_UNITS))
        data = template_bytes()
        book = read_units(data, {"so-nganh", "huyen"})
        self.assertTrue(book.ok, book.problems)
        self.assertEqual(len(book.units), 5)
        self.assertEqual(do_import_units(data, dry_run=True).changes, ())

    def test_broken_files_are_refused_with_located_messages(self) -> None:
        good = GOOD_UNITS[1]
        cases = {
            "blank name": (
                [["STTTT", "", "", "so-nganh", "", None, None]],
                ["Đơn vị!B3 (Tên đơn vị): Thiếu Tên đơn vị: ô này bắt buộc."],
            ),
            "repeated code": ([good, good], ["Đơn vị!A4 (Mã đơn vị): Mã STTTT đã có ở dòng 3."]),
            "impossible date": (
                [["STTTT", "Sở TTTT", "", "so-nganh", "", "31/02/2012", None]],
                [
                    "Đơn vị!F3 (Hiệu lực từ ngày (dd/mm/yyyy)): '31/02/2012' không phải ngày; ghi theo dạng "
                    "dd/mm/yyyy, ví dụ 01/03/2025."
                ],
            ),
            "dates reversed": (
                [["STTTT", "Sở TTTT", "", "so-nganh", "", "01/07/2012", "30/06/2012"]],
                [
                    "Đơn vị!G3 (Hiệu lực đến ngày (dd/mm/yyyy)): Ngày hết hiệu lực 30/06/2012 trước ngày bắt đầu "
                    "hiệu lực 01/07/2012."
                ],
            ),
            "unknown group": (
                [["STTTT", "Sở TTTT", "", "xa", "", None, None]],
                ["Đơn vị!D3 (Mã khối): Không có khối 'xa' (trang Khối hoặc danh mục có: huyen, so-nganh)."],
            ),
            "unknown parent": (
                [["STTTT", "Sở TTTT", "", "so-nganh", "UBND", None, None]],
                ["Đơn vị!E3 (Mã đơn vị cha): Không có đơn vị mã 'UBND' trong tệp hay trong danh mục."],
            ),
            "a rename by file": (
                [["SYT", "Sở Y tế và Dân số", "", "so-nganh", "", None, None]],
                [
                    "Đơn vị!B3 (Tên đơn vị): Đơn vị SYT đã có với tên “Sở Y tế”. Đổi tên là một thao tác tổ chức lại "
                    "(có số quyết định), không sửa bằng tệp."
                ],
            ),
            "no units": ([], ["Trang 'Đơn vị' không có đơn vị nào (dữ liệu bắt đầu ở dòng 3)."]),
        }
        for name, (rows, expected) in cases.items():
            with self.subTest(name):
                self.assertEqual(problems(workbook(rows)), expected)
        self.assertEqual(
            problems(b"not a workbook"),
            [
                "Tệp không phải bảng tính XLSX (kiểm tra theo nội dung tệp, không theo tên). "
                "Hãy tải mẫu của kỳ đánh giá, điền số liệu và lưu ở định dạng .xlsx."
            ],
        )

    def test_every_problem_is_reported_in_both_languages(self) -> None:
        rows = [["", "Sở TTTT", "", "so-nganh", "", None, None], ["STTTT", "Sở TTTT", "", "so-nganh", "", "x", None]]
        self.assertEqual(
            problems(workbook(rows), "en"),
            [
                "Đơn vị!A3 (Mã đơn vị): Mã đơn vị is missing: this cell is required.",
                "Đơn vị!F4 (Hiệu lực từ ngày (dd/mm/yyyy)): 'x' is not a date; write it as dd/mm/yyyy, "
                "e.g. 01/03/2025.",
            ],
        )

    def test_a_missing_sheet_and_column_are_named(self) -> None:
        book = load_workbook(io.BytesIO(workbook(GOOD_UNITS)))
        book["Đơn vị"].delete_cols(2)
        buffer = io.BytesIO()
        book.save(buffer)
        self.assertEqual(
            problems(buffer.getvalue()),
            ["Đơn vị!1: Thiếu cột 'ten' (Tên đơn vị). Đừng xoá cột hay sửa mã cột ở dòng 1; tải lại mẫu nếu cần."],
        )
        del book["Đơn vị"]
        buffer = io.BytesIO()
        book.save(buffer)
        self.assertEqual(
            problems(buffer.getvalue()), ["Không có trang 'Đơn vị'. Đừng đổi tên hay xoá trang này của mẫu."]
        )

    def test_one_bad_row_writes_nothing(self) -> None:
        before = register()
        rows = [*GOOD_UNITS, ["XYZ", "Đơn vị lỗi", "", "khong-co", "", None, None]]
        outcome = do_import_units(workbook(rows), by=self.admin)
        self.assertFalse(outcome.written)
        self.assertEqual(len(outcome.problems), 1)
        self.assertEqual(register(), before)
        self.assertFalse(UnitGroup.objects.filter(code="huyen").exists())

    def test_it_never_changes_the_units_of_a_closed_period(self) -> None:
        do_close(self.period)
        self.assertEqual(
            problems(workbook(GOOD_UNITS[:2])),
            [
                "Đơn vị!F4 (Hiệu lực từ ngày (dd/mm/yyyy)): Thay đổi này làm thay đổi các đơn vị của kỳ đánh giá "
                "“Đánh giá năm 2012” đã khoá hoặc đã công bố (từ 01/01/2012 đến 31/12/2012)."
            ],
        )
        later = [["STTTT", "Sở TTTT", "", "so-nganh", "", "01/01/2013", None]]
        self.assertEqual(problems(workbook(later)), [])

    def test_it_never_moves_the_dates_a_reorganisation_set(self) -> None:
        decision = Decision("5/QĐ-UBND", datetime.date(2012, 3, 20), datetime.date(2012, 4, 1))
        do_dissolve(self.stp, decision)
        rows = [["STP", "Sở Tư pháp", "", "so-nganh", "", None, None]]
        self.assertEqual(
            problems(workbook(rows)),
            [
                "Đơn vị!F3 (Hiệu lực từ ngày (dd/mm/yyyy)): Đơn vị STP đã qua tổ chức lại: ngày hiệu lực của nó do "
                "các quyết định tổ chức lại đặt, không sửa bằng tệp."
            ],
        )

    def test_a_register_changed_since_the_preview_is_previewed_again(self) -> None:
        preview = do_import_units(workbook(GOOD_UNITS), dry_run=True)
        do_import_units(workbook(GOOD_UNITS[:2]))
        outcome = do_import_units(workbook(GOOD_UNITS), expected=preview.fingerprint)
        self.assertTrue(outcome.stale)
        self.assertFalse(outcome.written)
        self.assertFalse(Unit.objects.filter(code="UBND-BH").exists())
        self.assertEqual([change.code for change in outcome.changes], ["UBND-BH", "PYT-BH"])


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


class UnitsCommandTests(BaseTestCase):
    def write(self, data: bytes) -> str:
        folder = Path(tempfile.mkdtemp())
        path = folder / "don-vi.xlsx"
        path.write_bytes(data)
        return str(path)

    def test_a_dry_run_lists_the_changes_and_writes_nothing(self) -> None:
        code, out, err = run_cli("units", "import", self.write(workbook(GOOD_UNITS)), "--dry-run")
        self.assertEqual((code, err), (0, ""))
        self.assertIn("thêm STTTT: Sở Thông tin và Truyền thông", out)
        self.assertIn("Chạy thử, không ghi gì: 1 khối và 3 đơn vị sẽ được thêm hoặc sửa.", out)
        self.assertFalse(Unit.objects.filter(code="STTTT").exists())
        code, out, _err = run_cli("units", "import", self.write(workbook(GOOD_UNITS)), "--lang", "en")
        self.assertEqual(code, 0)
        self.assertIn("Imported 1 groups and 3 units (added or changed).", out)
        self.assertTrue(Unit.objects.filter(code="STTTT").exists())

    def test_bad_input_exits_2_with_located_messages(self) -> None:
        path = self.write(workbook([["STTTT", "", "", "so-nganh", "", None, None]]))
        code, out, err = run_cli("units", "import", path, "--lang", "en")
        self.assertEqual((code, out), (2, ""))
        self.assertIn("Đơn vị!B3 (Tên đơn vị): Tên đơn vị is missing: this cell is required.", err)
        code, _out, err = run_cli("units", "import", "/khong/co/tep.xlsx")
        self.assertEqual(code, 2)
        self.assertIn("/khong/co/tep.xlsx", err)
        self.assertNotIn("Traceback", err)

    def test_the_template_command_writes_the_register(self) -> None:
        path = str(Path(tempfile.mkdtemp()) / "mau.xlsx")
        code, out, _err = run_cli("units", "template", "--output", path)
        self.assertEqual(code, 0)
        self.assertIn("2 đơn vị", out)
        self.assertEqual(len(read_units(Path(path).read_bytes(), {"so-nganh"}).units), 2)
