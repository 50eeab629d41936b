"""Importing a period's XLSX template: nothing is written unless the whole file is valid; then every
change at once; re-importing changes nothing; administrators and evaluators only; the CLI too."""

from __future__ import annotations

import contextlib
import io
import tempfile
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import openpyxl
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from govscore.cli.main import main
from govscore.imports import read_workbook
from govscore.scoring.facts import from_json
from govscore.web.actions import PeriodLocked
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.imports import actions
from govscore.web.imports.actions import identity_of, import_file, template_bytes
from govscore.web.indicators.actions import do_set_values
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.models import Unit, UnitGroup
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.models import Result

from . import samples
from .base import BaseTestCase

FRAMEWORK_FILE = Path(__file__).parent.parent / "imports" / "files" / "kiem-thu-nhap.yaml"
SHEET = "Số liệu"
NOT_XLSX = (
    "Tệp không phải bảng tính XLSX (kiểm tra theo nội dung tệp, không theo tên). "
    "Hãy tải mẫu của kỳ đánh giá, điền số liệu và lưu ở định dạng .xlsx."
)
# In the 2013 template, row 3 is Sở Tư pháp (STP) and row 4 Sở Y tế (SYT); columns:
# A code, B name, C group, D-F email (numerator, denominator, percent), G connected, H role,
# I meetings, J satisfaction, K regulations, L remark.
SYT_VALUES = {
    "email": {"numerator": 40, "denominator": 50},
    "connected": True,
    "role": "deputy",
    "meetings": 3,
    "regulations": ["attt"],
}


def edited(data: bytes, edit: Callable[[openpyxl.Workbook], None]) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def set_cells(data: bytes, cells: Mapping[str, object], sheet: str = SHEET) -> bytes:
    def edit(workbook: openpyxl.Workbook) -> None:
        for ref, value in cells.items():
            workbook[sheet][ref] = value

    return edited(data, edit)


def close(period: EvaluationPeriod) -> None:
    period.status = EvaluationPeriod.Status.CLOSED
    period.save(update_fields=["status"])


def located(problems: Any) -> list[tuple[str, int | None, str, str]]:
    return [(p.sheet, p.row, p.column, p.message()) for p in problems]


class ImportTestCase(BaseTestCase):
    """The base cast plus a 2013 period under a framework with every entered indicator type."""

    other: ClassVar[EvaluationPeriod]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        version = do_store_framework(FRAMEWORK_FILE.read_text(encoding="utf-8"))
        cls.other = do_ensure_period(2013, version, title="Đánh giá năm 2013")
        do_set_values(cls.other, cls.syt, SYT_VALUES)

    def snapshot(self) -> list[tuple[object, ...]]:
        """Every stored value and result, to show that nothing was written."""
        values = IndicatorValue.objects.order_by("pk").values_list(
            "pk", "period_id", "unit_id", "code", "value", "source", "entered_by_id", "entered_at"
        )
        results = Result.objects.order_by("pk").values_list("pk", "unit_id", "total", "grade")
        return [*values, *results]

    def facts(self, period: EvaluationPeriod) -> dict[tuple[str, str], object]:
        """The core's reading of the period's stored values."""
        framework = period.framework.parsed()
        rows = IndicatorValue.objects.filter(period=period).select_related("unit")
        return {(row.unit.code, row.code): from_json(framework.indicator(row.code), row.value)[0] for row in rows}

    def template(self, cells: Mapping[str, object] | None = None) -> bytes:
        data = template_bytes(self.other)
        return set_cells(data, cells) if cells else data


class RoundTripTests(ImportTestCase):
    def test_the_export_of_every_type_imports_back_to_identical_data(self) -> None:
        full = {
            "email": {"percent": Decimal("97.5")},
            "connected": False,
            "role": "chair",
            "meetings": 12,
            "satisfaction": Decimal("87.25"),
            "regulations": [],
            "remark": "Đã triển khai đầy đủ",
        }
        do_set_values(self.other, self.stp, full)
        before = self.facts(self.other)
        exported = template_bytes(self.other)
        IndicatorValue.objects.filter(period=self.other).delete()
        outcome = import_file(self.other, exported, by=self.admin)
        self.assertEqual((outcome.written, outcome.added, outcome.updated), (True, 12, 0))
        self.assertEqual(self.facts(self.other), before)
        self.assertEqual(import_file(self.other, exported).changes, ())

    def test_reimporting_the_export_changes_nothing_and_touches_no_row(self) -> None:
        for period in (self.period, self.other):
            with self.subTest(period=period.year):
                exported = template_bytes(period)
                before = self.snapshot()
                with CaptureQueriesContext(connection) as queries:
                    outcome = import_file(period, exported, by=self.admin)
                self.assertEqual((outcome.changes, outcome.written), ((), False))
                self.assertEqual(self.snapshot(), before)
                writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
                self.assertEqual(writes, [])


# SYT: not connected any more, 5 meetings, one more regulation; STP: a ratio and a number, both new.
CHANGED = {"G4": "Không", "I4": 5, "J3": 90, "D3": 10, "E3": 20, "K4": "attt, van_ban"}


class WriteTests(ImportTestCase):
    def test_it_writes_every_change_with_its_source_and_user_and_rescores(self) -> None:
        total_before = Result.objects.get(period=self.other, unit=self.syt).total
        started = timezone.now()
        outcome = import_file(self.other, self.template(CHANGED), by=self.evaluator)
        self.assertEqual((outcome.written, outcome.rows, outcome.added, outcome.updated), (True, 2, 2, 3))
        self.assertEqual(
            [(c.unit_code, c.indicator_code, c.old, c.new) for c in outcome.changes],
            [
                ("STP", "email", None, {"numerator": "10", "denominator": "20"}),
                ("STP", "satisfaction", None, "90"),
                ("SYT", "connected", True, False),
                ("SYT", "meetings", "3", "5"),
                ("SYT", "regulations", ["attt"], ["attt", "van_ban"]),
            ],
        )
        written = IndicatorValue.objects.filter(period=self.other, code__in=["email", "connected", "satisfaction"])
        self.assertEqual(
            sorted((row.unit.code, row.code, row.source, row.entered_by) for row in written),
            [
                ("STP", "email", "import", self.evaluator),
                ("STP", "satisfaction", "import", self.evaluator),
                ("SYT", "connected", "import", self.evaluator),
                # unchanged by the file: neither its source nor its author moves
                ("SYT", "email", "unit", None),
            ],
        )
        stamps = IndicatorValue.objects.filter(period=self.other, source="import").values_list("entered_at", flat=True)
        self.assertEqual(len(stamps), 5)
        self.assertTrue(all(stamp >= started for stamp in stamps))
        # Not connected any more (−5) and 5 meetings instead of 3 (+2); the regulations add 2 points.
        self.assertEqual(Result.objects.get(period=self.other, unit=self.syt).total, total_before - 5 + 2 + 2)

    def test_importing_the_same_file_again_changes_nothing(self) -> None:
        data = self.template(CHANGED)
        import_file(self.other, data, by=self.admin)
        before = self.snapshot()
        outcome = import_file(self.other, data, by=self.admin)
        self.assertEqual((outcome.changes, outcome.written, outcome.rows), ((), False, 2))
        self.assertEqual(self.snapshot(), before)

    def test_a_dry_run_lists_the_changes_and_writes_nothing(self) -> None:
        before = self.snapshot()
        outcome = import_file(self.other, self.template(CHANGED), dry_run=True)
        self.assertEqual((len(outcome.changes), outcome.written), (5, False))
        self.assertEqual(self.snapshot(), before)

    def test_it_refuses_a_closed_period(self) -> None:
        close(self.other)
        before = self.snapshot()
        with self.assertRaises(PeriodLocked):
            import_file(self.other, self.template(CHANGED), by=self.admin)
        self.assertEqual(self.snapshot(), before)

    def test_it_writes_with_a_number_of_queries_that_does_not_grow_with_the_rows(self) -> None:
        def queries_for(units: int) -> int:
            rows = range(3, 3 + units)
            cells = {f"J{row}": 50 for row in rows} | {f"L{row}": "ghi chú" for row in rows}
            data = self.template(cells)
            with CaptureQueriesContext(connection) as captured:
                outcome = import_file(self.other, data, by=self.admin)
            self.assertEqual(outcome.added, 2 * units)
            return len(captured)

        # Each round adds units that have no result yet, so both rounds create, update and write results alike.
        group = UnitGroup.objects.get(code="so-nganh")
        Unit.objects.bulk_create(Unit(code=f"U{index:02}", name=f"Đơn vị {index}", group=group) for index in range(2))
        with_four = queries_for(4)
        IndicatorValue.objects.filter(code__in=["satisfaction", "remark"]).delete()
        Unit.objects.bulk_create(Unit(code=f"V{index:02}", name=f"Đơn vị {index}", group=group) for index in range(10))
        self.assertEqual(queries_for(14), with_four)


# (what the file is, the problems expected as (sheet, row, column, message))
BrokenCase = tuple[Callable[["BrokenFileTests"], bytes], list[tuple[str, int | None, str, str]]]
BROKEN: dict[str, BrokenCase] = {
    "not an XLSX": (lambda t: samples.PDF, [("", None, "", NOT_XLSX)]),
    "a Word document renamed .xlsx": (lambda t: samples.docx_bytes(), [("", None, "", NOT_XLSX)]),
    "wrong template version": (
        lambda t: set_cells(t.template(), {"B2": 2}, sheet="_govscore"),
        [
            (
                "",
                None,
                "",
                "Mẫu thuộc phiên bản 2, phần mềm cần mẫu phiên bản 1. "
                "Hãy tải mẫu mới của kỳ đánh giá và chép số liệu sang.",
            )
        ],
    ),
    "another period's template": (
        lambda t: template_bytes(t.period),
        [
            (
                "",
                None,
                "",
                "Tệp là mẫu của kỳ đánh giá 'Đánh giá năm 2012' (mã kỳ {old}), không phải của kỳ "
                "'Đánh giá năm 2013' (mã kỳ {new}) đang nhập. Hãy tải mẫu của kỳ này.",
            ),
            (
                "",
                None,
                "",
                "Mẫu được lập theo bộ tiêu chí dongnai-ud-cntt-so-nganh 2012, kỳ đánh giá này dùng bộ tiêu chí "
                "kiem-thu-nhap 1. Hãy tải mẫu mới của kỳ này.",
            ),
        ],
    ),
    "unknown unit": (
        lambda t: t.template({"A3": "SXD"}),
        [(SHEET, 3, "A", "Không có đơn vị mã 'SXD' trong kỳ đánh giá này.")],
    ),
    "duplicate unit row": (
        lambda t: t.template({"A5": "SYT", "I5": 1}),
        [(SHEET, 5, "A", "Đơn vị 'SYT' đã có ở dòng 4; mỗi đơn vị chỉ được một dòng.")],
    ),
    "text in a number cell": (
        lambda t: t.template({"I4": "ba"}),
        [(SHEET, 4, "I", "Số cuộc họp trực tuyến: phải là một số nguyên (đang là 'ba').")],
    ),
    "negative count": (
        lambda t: t.template({"I4": -3}),
        [(SHEET, 4, "I", "Số cuộc họp trực tuyến: không được âm (đang là -3).")],
    ),
    "percent above 100": (
        lambda t: t.template({"F3": 120}),
        [(SHEET, 3, "F", "CBCC có hộp thư / tổng số CBCC: tỷ lệ không được vượt quá 100% (đang là 120%).")],
    ),
    "numerator above denominator": (
        lambda t: t.template({"D4": 60}),
        [(SHEET, 4, "D", "CBCC có hộp thư / tổng số CBCC: tử số (60) không được lớn hơn mẫu số (50).")],
    ),
    "numerator without denominator": (
        lambda t: t.template({"E4": None}),
        [(SHEET, 4, "E", "CBCC có hộp thư / tổng số CBCC: có tử số nhưng thiếu mẫu số; phải nhập cả hai.")],
    ),
    "a choice not allowed": (
        lambda t: t.template({"H4": "Thư ký"}),
        [
            (
                SHEET,
                4,
                "H",
                "Vai trò trong Ban chỉ đạo: 'Thư ký' không có trong danh mục "
                "(Trưởng ban (chair); Phó ban (deputy); Không tham gia (none)).",
            )
        ],
    ),
    "maybe in a yes/no": (
        lambda t: t.template({"G4": "có lẽ"}),
        [(SHEET, 4, "G", "Đã kết nối mạng chuyên dùng: phải là Có hoặc Không (true/false) (đang là 'có lẽ').")],
    ),
    "missing unit code": (
        lambda t: t.template({"A4": None}),
        [(SHEET, 4, "A", "Thiếu mã đơn vị: dòng có số liệu phải ghi mã đơn vị ở cột này.")],
    ),
    "a removed column": (
        lambda t: edited(t.template(), lambda workbook: workbook[SHEET].delete_cols(8)),
        [
            (
                SHEET,
                1,
                "",
                "Thiếu cột 'role' (Vai trò trong Ban chỉ đạo). Đừng xoá cột hay sửa mã cột ở dòng 1; "
                "tải lại mẫu nếu cần.",
            )
        ],
    ),
    "several errors in one file": (
        lambda t: t.template({"A3": "SXD", "J3": "tốt", "I4": -1, "D4": 60, "K4": "attt, xyz"}),
        [
            (SHEET, 3, "A", "Không có đơn vị mã 'SXD' trong kỳ đánh giá này."),
            (SHEET, 3, "J", "Chỉ số hài lòng: phải là một số (đang là 'tốt')."),
            (SHEET, 4, "D", "CBCC có hộp thư / tổng số CBCC: tử số (60) không được lớn hơn mẫu số (50)."),
            (SHEET, 4, "I", "Số cuộc họp trực tuyến: không được âm (đang là -1)."),
            (
                SHEET,
                4,
                "K",
                "Quy định đã ban hành: 'xyz' không có trong danh mục (quy định an toàn thông tin (attt); "
                "quy định sử dụng thư điện tử (thu_dien_tu); quy định gửi nhận văn bản điện tử (van_ban)).",
            ),
        ],
    ),
}


class BrokenFileTests(ImportTestCase):
    def expected(self, problems: list[tuple[str, int | None, str, str]]) -> list[tuple[str, int | None, str, str]]:
        ids = {"old": self.period.pk, "new": self.other.pk}
        return [(sheet, row, column, message.format(**ids)) for sheet, row, column, message in problems]

    def test_each_broken_file_is_refused_with_its_exact_problems_and_nothing_written(self) -> None:
        self.assertGreaterEqual(len(BROKEN), 12)
        for name, (make, problems) in BROKEN.items():
            with self.subTest(name):
                data = make(self)
                before = self.snapshot()
                outcome = import_file(self.other, data, by=self.admin)
                self.assertEqual(located(outcome.problems), self.expected(problems))
                self.assertEqual((outcome.written, outcome.changes), (False, ()))
                self.assertEqual(self.snapshot(), before)

    def test_the_page_shows_the_problems_as_a_table_with_status_400(self) -> None:
        self.login(self.evaluator)
        make, problems = BROKEN["several errors in one file"]
        before = self.snapshot()
        response = self.client.post(
            reverse("imports_preview", args=[self.other.pk]), {"file": samples.upload("so-lieu.xlsx", make(self))}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            [(p["sheet"], p["row"], p["column"], p["message"]) for p in response.context["problems"]],
            self.expected(problems),
        )
        self.assertContains(response, "Có 5 lỗi", status_code=400)
        # Each problem names the unit its row is about and the column by the title the template prints.
        self.assertContains(response, "<td>Sở Y tế</td><td>I (Số cuộc họp trực tuyến)</td>", status_code=400, html=True)
        self.assertNotContains(response, "(meetings)", status_code=400)
        self.assertEqual(self.snapshot(), before)

    def test_the_page_gives_the_problems_in_the_users_language(self) -> None:
        self.login(self.admin)
        upload = {"file": samples.upload("so-lieu.xlsx", self.template({"A3": "SXD"}))}
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = self.client.post(reverse("imports_preview", args=[self.other.pk]), upload)
        self.assertEqual(
            [p["message"] for p in response.context["problems"]],
            ["There is no unit with code 'SXD' in this evaluation period."],
        )

    def test_the_page_refuses_what_is_not_an_xlsx_whatever_its_name(self) -> None:
        self.login(self.admin)
        url = reverse("imports_preview", args=[self.other.pk])
        for content in (samples.PDF, samples.plain_zip(), samples.docx_bytes()):
            response = self.client.post(url, {"file": samples.upload("so-lieu.xlsx", content)})
            self.assertEqual(response.status_code, 400)
            self.assertEqual([p["message"] for p in response.context["problems"]], [NOT_XLSX])

    def test_the_page_asks_for_a_file(self) -> None:
        self.login(self.admin)
        response = self.client.post(reverse("imports_preview", args=[self.other.pk]), {})
        self.assertContains(response, "Phải chọn tệp.", status_code=400)

    def test_the_page_refuses_a_closed_period(self) -> None:
        close(self.other)
        self.login(self.admin)
        url = reverse("imports_preview", args=[self.other.pk])
        response = self.client.post(url, {"file": samples.upload("so-lieu.xlsx", self.template({"I4": 5}))})
        self.assertContains(
            response, "Kỳ đánh giá “Đánh giá năm 2013” đã khoá, không sửa được số liệu.", status_code=409
        )


class PageTests(ImportTestCase):
    def setUp(self) -> None:
        super().setUp()
        media = tempfile.TemporaryDirectory(prefix="govscore-imports-")
        self.addCleanup(media.cleanup)
        self.enterContext(self.settings(MEDIA_ROOT=media.name))

    def preview(self, data: bytes, user: Any = None) -> Any:
        self.login(user or self.admin)
        url = reverse("imports_preview", args=[self.other.pk])
        return self.client.post(url, {"file": samples.upload("so-lieu-2013.xlsx", data)})

    def confirm(self, response: Any) -> Any:
        token = response.context["token"]
        fingerprint = response.context["outcome"].fingerprint
        url = reverse("imports_confirm", args=[self.other.pk])
        return self.client.post(url, {"token": token, "fingerprint": fingerprint})

    def pending_files(self) -> list[Path]:
        return sorted((Path(settings.MEDIA_ROOT) / "imports" / "pending").glob("*"))

    def test_the_page_offers_the_template_and_the_upload(self) -> None:
        self.login(self.evaluator)
        response = self.client.get(reverse("imports_page", args=[self.other.pk]))
        self.assertContains(response, reverse("imports_template", args=[self.other.pk]))
        self.assertContains(response, 'enctype="multipart/form-data"')
        self.assertContains(response, "Ô để trống nghĩa là giữ nguyên số liệu đã có.")

    def test_the_template_download_is_this_periods_filled_template(self) -> None:
        self.login(self.admin)
        response = self.client.get(reverse("imports_template", args=[self.other.pk]))
        self.assertEqual(response["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        self.assertIn(f'filename="so-lieu-2013-ky-{self.other.pk}.xlsx"', response["Content-Disposition"])
        framework = self.other.framework.parsed()
        units = actions.unit_rows(actions.period_units(self.other))
        result = read_workbook(response.content, framework, identity_of(self.other), units)
        self.assertEqual(result.problems, ())
        self.assertEqual(result.values["SYT"]["meetings"], "3")

    def test_preview_then_confirm_writes_the_previewed_changes(self) -> None:
        before = self.snapshot()
        response = self.preview(self.template({"I4": 7, "G3": "Có"}))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.snapshot(), before)
        self.assertContains(response, "2 thay đổi: 1 thêm mới, 1 sửa (2 dòng đơn vị trong tệp).")
        self.assertEqual(
            [(row["unit_code"], row["code"], row["old"], row["new"]) for row in response.context["rows"]],
            [("STP", "connected", "—", "Có"), ("SYT", "meetings", "3", "7")],
        )
        self.assertEqual(len(self.pending_files()), 1)
        confirmed = self.confirm(response)
        self.assertRedirects(confirmed, reverse("imports_page", args=[self.other.pk]), fetch_redirect_response=False)
        meetings = IndicatorValue.objects.get(period=self.other, unit=self.syt, code="meetings")
        connected = IndicatorValue.objects.get(period=self.other, unit=self.stp, code="connected")
        self.assertEqual((meetings.value, connected.source), ("7", "import"))
        self.assertEqual(self.pending_files(), [])
        page = self.client.get(confirmed["Location"])
        self.assertContains(page, "Đã nhập 2 thay đổi (1 thêm mới, 1 sửa) từ 2 dòng.")

    def test_a_file_without_changes_offers_nothing_to_confirm(self) -> None:
        response = self.preview(self.template())
        self.assertContains(response, "Không có thay đổi nào")
        self.assertNotContains(response, reverse("imports_confirm", args=[self.other.pk]))
        self.assertEqual(self.pending_files(), [])

    def test_a_preview_overtaken_by_other_changes_is_shown_again_not_written(self) -> None:
        response = self.preview(self.template({"I4": 7}))
        do_set_values(self.other, self.syt, {"meetings": 5})
        before = self.snapshot()
        stale = self.confirm(response)
        self.assertEqual(stale.status_code, 409)
        self.assertEqual(self.snapshot(), before)
        self.assertContains(stale, "Số liệu đã thay đổi kể từ lúc xem trước", status_code=409)
        self.assertEqual(self.confirm(stale).status_code, 302)
        self.assertEqual(IndicatorValue.objects.get(period=self.other, unit=self.syt, code="meetings").value, "7")

    def test_a_confirmation_needs_this_sessions_preview(self) -> None:
        response = self.preview(self.template({"I4": 7}))
        self.login(self.evaluator)  # another session
        before = self.snapshot()
        refused = self.confirm(response)
        self.assertContains(refused, "Không còn tệp đã xem trước", status_code=400)
        self.assertEqual(self.snapshot(), before)

    def test_reporters_and_leaders_can_neither_download_nor_import(self) -> None:
        data = self.template({"I4": 7})
        for user in (self.reporter, self.stp_reporter, self.leader):
            with self.subTest(user=user.username):
                self.login(user)
                before = self.snapshot()
                for name in ("imports_page", "imports_template"):
                    self.assertEqual(self.client.get(reverse(name, args=[self.other.pk])).status_code, 403)
                upload = {"file": samples.upload("so-lieu.xlsx", data)}
                preview = self.client.post(reverse("imports_preview", args=[self.other.pk]), upload)
                confirm = self.client.post(reverse("imports_confirm", args=[self.other.pk]), {"token": "x"})
                self.assertEqual((preview.status_code, confirm.status_code), (403, 403))
                self.assertEqual(self.snapshot(), before)


class CommandTests(ImportTestCase):
    def run_cli(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
        return code, out.getvalue(), err.getvalue()

    def setUp(self) -> None:
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)

    def write(self, data: bytes, name: str = "so-lieu.xlsx") -> str:
        path = self.folder / name
        path.write_bytes(data)
        return str(path)

    def test_template_writes_the_periods_template_by_year_or_id(self) -> None:
        for ref in ("2013", str(self.other.pk)):
            with self.subTest(ref=ref):
                output = self.folder / f"mau-{ref}.xlsx"
                code, out, err = self.run_cli("template", ref, "--output", str(output))
                self.assertEqual((code, err), (0, ""))
                self.assertEqual(out, f"Đã ghi mẫu số liệu của kỳ Đánh giá năm 2013 (2 đơn vị): {output}\n")
                self.assertEqual(output.read_bytes()[:2], b"PK")
                self.assertEqual(import_file(self.other, output.read_bytes()).changes, ())

    def test_import_prints_the_counts(self) -> None:
        path = self.write(self.template({"I4": 7, "J3": 50}))
        code, out, err = self.run_cli("import", "2013", path, "--user", "evaluator")
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(
            out,
            "Đã nhập: 2 dòng đơn vị, 2 thay đổi (1 thêm mới, 1 sửa); đã tính lại điểm của kỳ Đánh giá năm 2013.\n",
        )
        row = IndicatorValue.objects.get(period=self.other, unit=self.stp, code="satisfaction")
        self.assertEqual((row.value, row.source, row.entered_by), ("50", "import", self.evaluator))
        code, out, _err = self.run_cli("import", "2013", path)
        self.assertEqual((code, out), (0, "Không có thay đổi nào (2 dòng đơn vị đã kiểm tra); không ghi gì.\n"))

    def test_a_dry_run_lists_the_changes_and_writes_nothing(self) -> None:
        before = self.snapshot()
        path = self.write(self.template({"I4": 7, "D4": 45}))
        code, out, err = self.run_cli("import", str(self.other.pk), path, "--dry-run", "--lang", "en")
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(
            out.splitlines(),
            [
                "SYT\temail: 40/50 → 45/50",
                "SYT\tmeetings: 3 → 7",
                "Dry run, nothing written: 2 unit rows, 2 changes (0 added, 2 changed).",
            ],
        )
        self.assertEqual(self.snapshot(), before)

    def test_a_broken_file_prints_one_located_problem_per_line_and_exits_2(self) -> None:
        before = self.snapshot()
        path = self.write(self.template({"A3": "SXD", "I4": "ba", "F3": 120}))
        code, out, err = self.run_cli("import", "2013", path)
        self.assertEqual((code, out), (2, ""))
        self.assertEqual(
            err.splitlines(),
            [
                f"Tệp {path} có 3 lỗi; chưa ghi gì:",
                "Số liệu!A3 (Mã đơn vị): Không có đơn vị mã 'SXD' trong kỳ đánh giá này.",
                # Row 3's unit is unknown: its problems cannot name it.
                "Số liệu!F3 (CBCC có hộp thư / tổng số CBCC — hoặc tỷ lệ %): CBCC có hộp thư / tổng số CBCC: "
                "tỷ lệ không được vượt quá 100% (đang là 120%).",
                "Số liệu!I4 (Sở Y tế · Số cuộc họp trực tuyến): Số cuộc họp trực tuyến: phải là một số nguyên "
                "(đang là 'ba').",
            ],
        )
        self.assertEqual(self.snapshot(), before)

    def test_a_file_that_is_no_xlsx_is_named_in_the_message(self) -> None:
        path = self.write(b"ma_don_vi;meetings\nSYT;3\n", "so-lieu.csv")
        code, _out, err = self.run_cli("--lang", "en", "import", "2013", path)
        self.assertEqual(code, 2)
        self.assertEqual(err.splitlines()[1][:45], "so-lieu.csv: The file is not an XLSX workbook")

    def test_bad_arguments_exit_2_with_a_message(self) -> None:
        missing = str(self.folder / "khong-co.xlsx")
        close(self.period)
        cases = [
            (("template", "1999"), "Không có kỳ đánh giá '1999' (ghi mã kỳ hoặc năm). Các kỳ: "),
            # More digits than Python turns into a number: no year or id either.
            (("template", "9" * 5000), f"Không có kỳ đánh giá '{'9' * 5000}' (ghi mã kỳ hoặc năm). Các kỳ: "),
            (("import", "2013", missing), f"Không đọc được tệp '{missing}': No such file or directory."),
            (("import", "2013", self.write(self.template()), "--user", "ai-do"), "Không có người dùng 'ai-do'."),
            (
                ("import", "2012", self.write(template_bytes(self.period))),
                "Kỳ đánh giá “Đánh giá năm 2012” đã khoá, không sửa được số liệu.",
            ),
        ]
        for argv, message in cases:
            with self.subTest(argv=argv):
                code, out, err = self.run_cli(*argv)
                self.assertEqual((code, out), (2, ""))
                self.assertTrue(err.startswith(message), err)
                self.assertNotIn("Traceback", err)
