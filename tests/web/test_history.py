"""Results of past years: the seed's 2012 table imports as a read-only period (CLI and web), the checks
report its inconsistencies, a broken file writes nothing, the period's data cannot change, and a unit's
trend shows the imported year beside a published one."""

from __future__ import annotations

import contextlib
import datetime
import io
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

from django.contrib.auth.models import User
from django.db import transaction
from django.test import TestCase
from django.urls import reverse

from govscore.cli.main import main
from govscore.scoring.checks import WITHOUT_FACTS
from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.actions import PeriodLocked
from govscore.web.audit.models import AuditEntry
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.imports.actions import import_file, template_bytes
from govscore.web.imports.history.actions import HistoryRefused, do_import_history
from govscore.web.imports.history.models import HistoricalPeriod, HistoricalResult
from govscore.web.indicators.actions import do_set_values
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.orgs.models import Unit
from govscore.web.periods.actions import BadTransition, do_close, do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import do_open_amendment, do_publish

from . import samples
from .base import PASSWORD, fill_draft, framework_text
from .history_samples import edited, seed_file

# What `govscore check dongnai-2012` reports that a published table supports (it also reports Sở Xây
# dựng's months both late and missing, which are facts).
SEED_FINDINGS = [
    "- Sở Tài nguyên và Môi trường [grade_not_from_bands]: Xếp loại công bố 'A' với 180 điểm, nhưng khung xếp "
    "loại cho 'A+' (từ 180 đến 220).",
    "- Văn phòng UBND tỉnh [same_total_different_grade]: Cùng 180 điểm với Sở Tài nguyên và Môi trường nhưng xếp "
    "loại khác ('A+' và 'A').",
]


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def stored() -> dict[str, list[tuple[object, ...]]]:
    return {
        "periods": sorted(EvaluationPeriod.objects.values_list("pk", "year", "status")),
        "history": sorted(HistoricalPeriod.objects.values_list("pk", "period_id")),
        "results": sorted(HistoricalResult.objects.values_list("pk", "unit_code", "total")),
    }


class HistoryTestCase(TestCase):
    version: ClassVar[FrameworkVersion]
    stnmt: ClassVar[Unit]
    vpubnd: ClassVar[Unit]
    syt: ClassVar[Unit]
    admin: ClassVar[User]
    evaluator: ClassVar[User]
    leader: ClassVar[User]
    reporter: ClassVar[User]
    syt_reporter: ClassVar[User]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.version = do_store_framework(framework_text())
        group = do_ensure_group("so-nganh", "Sở, ban, ngành")
        # The register knows three of the twenty units of 2012, one under today's name.
        cls.stnmt = do_ensure_unit("STNMT", "Sở Tài nguyên và Môi trường", group)
        cls.vpubnd = do_ensure_unit("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", group)
        cls.syt = do_ensure_unit("SYT", "Sở Y tế", group)
        cls.admin = do_ensure_user("admin", PASSWORD, Role.ADMINISTRATOR)
        cls.evaluator = do_ensure_user("evaluator", PASSWORD, Role.EVALUATOR)
        cls.leader = do_ensure_user("leader", PASSWORD, Role.LEADER)
        cls.reporter = do_ensure_user("reporter", PASSWORD, Role.REPORTER, cls.stnmt)
        cls.syt_reporter = do_ensure_user("syt_reporter", PASSWORD, Role.REPORTER, cls.syt)

    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)

    def write(self, data: bytes, name: str = "ket-qua-2012.xlsx") -> str:
        path = self.folder / name
        path.write_bytes(data)
        return str(path)

    def login(self, user: User | None) -> None:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)

    def import_seed(self, year: int = 2012) -> EvaluationPeriod:
        outcome = do_import_history(year, self.version, seed_file(self.version), title="Kết quả năm 2012")
        assert outcome.period is not None
        return outcome.period


class CommandTests(HistoryTestCase):
    def test_the_seed_table_imports_as_a_published_period_with_its_findings(self) -> None:
        path = self.write(seed_file(self.version))
        code, out, err = run_cli(
            "import-history", "2012", self.version.code, path, "--title", "Kết quả năm 2012", "--user", "admin"
        )
        self.assertEqual((code, err), (0, ""))
        period = EvaluationPeriod.objects.get(year=2012)
        self.assertEqual(
            out.splitlines(),
            [
                "Lưu ý — Kết quả!C9 (Tên đơn vị): Tên 'Văn phòng UBND tỉnh' khác tên trong danh mục của đơn vị mã "
                "'VPUBND' (Văn phòng Ủy ban nhân dân tỉnh); giữ tên như văn bản đã in. Kiểm tra lại nếu dòng bị lệch.",
                "Phát hiện 2 điểm không nhất quán trong bảng đã công bố:",
                *SEED_FINDINGS,
                f"Đã tạo kỳ đánh giá năm 2012 (mã kỳ {period.pk}, bộ tiêu chí dongnai-ud-cntt-so-nganh 2012) với kết "
                "quả của 20 đơn vị; kỳ ở trạng thái đã công bố, không sửa được.",
            ],
        )
        self.assertEqual(
            (period.status, period.title, period.framework, period.data_from, period.data_to),
            (
                EvaluationPeriod.Status.PUBLISHED,
                "Kết quả năm 2012",
                self.version,
                datetime.date(2012, 1, 1),
                datetime.date(2012, 12, 31),
            ),
        )
        history = HistoricalPeriod.objects.get(period=period)
        self.assertEqual((history.source_name, history.imported_by), ("ket-qua-2012.xlsx", self.admin))
        results = HistoricalResult.objects.filter(period=period)
        self.assertEqual(results.count(), 20)
        self.assertEqual(results.exclude(unit=None).count(), 3)
        stnmt = results.get(unit_code="STNMT")
        self.assertEqual(
            (stnmt.unit, stnmt.position, stnmt.total, stnmt.grade, stnmt.source_row),
            (self.stnmt, 8, Decimal(180), "A", 10),
        )
        self.assertEqual(stnmt.not_good[1][:55], "Chưa đảm bảo chế độ báo cáo định kỳ hàng tháng về ứng d")
        unknown = results.get(unit_code="SNV")
        self.assertEqual((unknown.unit, unknown.unit_name, unknown.total), (None, "Sở Nội vụ", Decimal(110)))
        # No unit was added to the register.
        self.assertEqual(Unit.objects.count(), 3)

    def test_its_findings_are_those_of_govscore_check_that_published_data_support(self) -> None:
        code, check_out, _err = run_cli("check", "dongnai-2012")
        self.assertEqual(code, 1)
        published_only = [
            line for line in check_out.splitlines() if any(f"[{kind}]" in line for kind in sorted(WITHOUT_FACTS))
        ]
        self.assertEqual(published_only, SEED_FINDINGS)
        code, out, _err = run_cli("import-history", "2012", self.version.code, self.write(seed_file(self.version)))
        self.assertEqual(code, 0)
        self.assertEqual([line for line in out.splitlines() if line.startswith("- ")], SEED_FINDINGS)

    def test_a_dry_run_writes_nothing(self) -> None:
        before = stored()
        path = self.write(seed_file(self.version))
        code, out, err = run_cli("import-history", "2012", self.version.code, path, "--dry-run", "--lang", "en")
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(
            out.splitlines()[-1],
            "Dry run, nothing written: 20 units, year 2012, framework dongnai-ud-cntt-so-nganh 2012.",
        )
        self.assertIn(
            "- Sở Tài nguyên và Môi trường [grade_not_from_bands]: Published grade 'A' with 180 points, but the bands "
            "give 'A+' (from 180 to 220).",
            out.splitlines(),
        )
        self.assertEqual(stored(), before)

    def test_a_broken_file_writes_nothing_and_says_where(self) -> None:
        before = stored()
        path = self.write(edited(seed_file(self.version), {"E5": "hai trăm", "B6": "SKHCN"}), "hong.xlsx")
        code, out, err = run_cli("import-history", "2012", self.version.code, path)
        self.assertEqual((code, out.count("Lưu ý")), (2, 1))
        self.assertEqual(
            err.splitlines(),
            [
                f"Tệp {path} có 2 lỗi; chưa ghi gì:",
                "Kết quả!E5 (Tổng điểm): Trường 'Tổng điểm' phải là một số (đang là 'hai trăm').",
                "Kết quả!B6 (Mã đơn vị): Đơn vị 'SKHCN' đã có ở dòng 3; mỗi đơn vị chỉ được một dòng.",
            ],
        )
        self.assertEqual(stored(), before)

    def test_it_refuses_a_year_the_framework_already_has_and_unknown_frameworks(self) -> None:
        period = self.import_seed()
        before = stored()
        path = self.write(seed_file(self.version))
        code, _out, err = run_cli("import-history", "2012", self.version.code, path)
        self.assertEqual(code, 2)
        self.assertEqual(
            err,
            f"Bộ tiêu chí dongnai-ud-cntt-so-nganh đã có kỳ đánh giá năm 2012 (“Kết quả năm 2012”, mã kỳ {period.pk}): "
            "không tạo thêm được.\n",
        )
        code, _out, err = run_cli("import-history", "2011", "khong-co", path)
        self.assertEqual(
            (code, err),
            (2, "Không có bộ tiêu chí mã 'khong-co'. Các bộ tiêu chí: dongnai-ud-cntt-so-nganh.\n"),
        )
        code, _out, err = run_cli("import-history", "2011", self.version.code, path, "--framework-version", "2013")
        self.assertEqual(
            (code, err), (2, "Bộ tiêu chí 'dongnai-ud-cntt-so-nganh' không có phiên bản '2013'. Các phiên bản: 2012.\n")
        )
        self.assertEqual(stored(), before)

    def test_a_year_in_the_future_and_an_overlong_title_are_refused(self) -> None:
        with self.assertRaisesMessage(HistoryRefused, "Năm phải từ 1990 đến"):
            do_import_history(2999, self.version, seed_file(self.version))
        path = self.write(seed_file(self.version))
        code, _out, err = run_cli("import-history", "2012", self.version.code, path, "--title", "x" * 256)
        self.assertEqual((code, err), (2, "Tên kỳ đánh giá dài quá 255 ký tự.\n"))
        self.assertEqual(EvaluationPeriod.objects.count(), 0)


BROKEN = [
    # (cells, the problems as `Sheet!Cell (code): message`)
    (
        {"B3": "SKHCN2", "C3": None},
        [
            "Kết quả!C3 (Tên đơn vị): Đơn vị mã 'SKHCN2' chưa có trong danh mục đơn vị: phải ghi tên đơn vị "
            "(như văn bản đã in) để nhập."
        ],
    ),
    ({"B4": "SKHCN"}, ["Kết quả!B4 (Mã đơn vị): Đơn vị 'SKHCN' đã có ở dòng 3; mỗi đơn vị chỉ được một dòng."]),
    ({"E5": "abc"}, ["Kết quả!E5 (Tổng điểm): Trường 'Tổng điểm' phải là một số (đang là 'abc')."]),
    (
        {"E3": 221, "Q4": 156},
        [
            "Kết quả!E3 (Tổng điểm): Trường 'Tổng điểm' phải nằm trong khoảng 0 đến 220 (đang là 221).",
            "Kết quả!Q4 (Tiêu chí 5: Các tiêu chí khác (không nêu trong văn bản công bố)): Trường 'Tiêu chí 5: "
            "Các tiêu chí khác (không nêu trong văn bản công bố)' phải nằm trong khoảng 0 đến 155 (đang là 156).",
        ],
    ),
    (
        {"F6": None, "A7": None},
        ["Kết quả!F6 (Xếp loại): Thiếu Xếp loại: ô này bắt buộc.", "Kết quả!A7 (STT): Thiếu STT: ô này bắt buộc."],
    ),
    (
        {"F3": "Xuất sắc"},
        ["Kết quả!F3 (Xếp loại): Xếp loại 'Xuất sắc' không có trong khung xếp loại của bộ tiêu chí (A+, A, B, C)."],
    ),
]


class WebImportTests(HistoryTestCase):
    def preview(self, data: bytes, year: int = 2012, **extra: object) -> object:
        form = {"year": year, "framework": self.version.pk, "title": "Kết quả năm 2012", **extra}
        return self.client.post(reverse("history_preview"), {**form, "file": samples.upload("2012.xlsx", data)})

    def test_preview_shows_the_table_and_the_findings_then_confirm_creates_the_period(self) -> None:
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("history_import")).status_code, 200)
        before = stored()
        response = self.preview(seed_file(self.version))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(stored(), before)
        self.assertEqual(
            [(f["unit_code"], f["kind"]) for f in response.context["findings"]],
            [("STNMT", "grade_not_from_bands"), ("VPUBND", "same_total_different_grade")],
        )
        self.assertContains(response, "Tệp hợp lệ: 20 đơn vị. Chưa ghi gì.")
        self.assertContains(response, "Sở Nội vụ")
        self.assertContains(response, "chưa có trong danh mục")
        token = response.context["token"]
        response = self.client.post(reverse("history_confirm"), {"token": token})
        period = EvaluationPeriod.objects.get(year=2012)
        self.assertRedirects(response, reverse("history_period", args=[period.pk]))
        self.assertEqual(period.status, EvaluationPeriod.Status.PUBLISHED)
        self.assertEqual(HistoricalResult.objects.filter(period=period).count(), 20)
        self.assertEqual(HistoricalPeriod.objects.get(period=period).imported_by, self.admin)
        # Each printed row is in the audit trail, by the administrator, as it was imported.
        trail = AuditEntry.objects.filter(model="history.historicalresult", period_id=period.pk, actor="admin")
        rows = {entry.object_id: entry.new for entry in trail.filter(action="create")}
        results = HistoricalResult.objects.filter(period=period)
        self.assertEqual(set(rows), {str(pk) for pk in results.values_list("pk", flat=True)})
        stnmt = results.get(unit_code="STNMT")
        self.assertEqual((rows[str(stnmt.pk)]["grade"], rows[str(stnmt.pk)]["total"]), ("A", "180"))
        self.assertTrue(AuditEntry.objects.filter(model="history.historicalperiod", action="create").exists())
        # The token is spent: confirming again writes nothing more.
        again = self.client.post(reverse("history_confirm"), {"token": token})
        self.assertContains(again, "Không còn tệp đã xem trước", status_code=400)
        self.assertEqual(EvaluationPeriod.objects.filter(year=2012).count(), 1)

    def test_a_criterions_points_are_named_by_its_title_in_the_header_and_on_a_phones_card(self) -> None:
        self.login(self.admin)
        response = self.preview(edited(seed_file(self.version), {"Q4": 100}))
        self.assertEqual(response.status_code, 200)
        title = "Các tiêu chí khác (không nêu trong văn bản công bố)"
        self.assertEqual(response.context["criterion_headers"], [title])
        self.assertContains(response, f'<th><abbr title="{title}">Các tiêu chí khác (khôn…</abbr></th>', html=True)
        self.assertContains(response, f'<td class="num" data-label="{title}">100</td>', html=True)

    def test_each_broken_file_is_refused_with_its_located_problems_and_nothing_written(self) -> None:
        self.assertGreaterEqual(len(BROKEN), 6)
        self.login(self.admin)
        before = stored()
        for cells, expected in BROKEN:
            with self.subTest(cells=cells):
                data = edited(seed_file(self.version), cells)
                outcome = do_import_history(2012, self.version, data)
                self.assertEqual([p.render() for p in outcome.problems], expected)
                self.assertFalse(outcome.written)
                response = self.preview(data)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(len(response.context["problems"]), len(expected))
                self.assertContains(response, "Tệp chưa được nhập: chưa ghi gì", status_code=400)
                self.assertEqual(stored(), before)

    def test_what_is_not_an_xlsx_is_refused_whatever_its_name(self) -> None:
        self.login(self.admin)
        response = self.preview(samples.PDF)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            [p["message"] for p in response.context["problems"]],
            [
                "Tệp không phải bảng tính XLSX (kiểm tra theo nội dung tệp, không theo tên). "
                "Hãy tải mẫu của kỳ đánh giá, điền số liệu và lưu ở định dạng .xlsx."
            ],
        )

    def test_a_year_already_taken_is_refused_with_409(self) -> None:
        self.import_seed()
        self.login(self.admin)
        before = stored()
        response = self.preview(seed_file(self.version))
        self.assertContains(response, "đã có kỳ đánh giá năm 2012", status_code=409)
        self.assertEqual(stored(), before)

    def test_a_year_after_this_one_is_a_form_error(self) -> None:
        self.login(self.admin)
        response = self.preview(seed_file(self.version), year=2999)
        self.assertContains(response, "Năm không được sau năm nay", status_code=400)

    def test_only_the_administrator_imports(self) -> None:
        for user in (self.evaluator, self.leader, self.reporter):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(reverse("history_import")).status_code, 403)
                self.assertEqual(self.preview(seed_file(self.version)).status_code, 403)
                self.assertEqual(self.client.post(reverse("history_confirm"), {"token": "x"}).status_code, 403)
        self.assertEqual(EvaluationPeriod.objects.count(), 0)

    def test_the_template_downloads_for_the_chosen_framework(self) -> None:
        self.login(self.admin)
        response = self.client.get(reverse("history_template", args=[self.version.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertIn("ket-qua-nam-truoc-dongnai-ud-cntt-so-nganh-2012.xlsx", response["Content-Disposition"])
        outcome = do_import_history(2012, self.version, response.content, dry_run=True)
        self.assertEqual([p.key for p in outcome.problems], ["history.no_rows"])


class ReadingTests(HistoryTestCase):
    period: ClassVar[EvaluationPeriod]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        outcome = do_import_history(2012, cls.version, seed_file(cls.version), title="Kết quả năm 2012")
        assert outcome.period is not None
        cls.period = outcome.period

    def test_the_period_page_shows_the_table_and_the_findings_to_staff(self) -> None:
        url = reverse("history_period", args=[self.period.pk])
        for user in (self.admin, self.evaluator, self.leader):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(
                    [f["message"] for f in response.context["findings"]],
                    [line.split("]: ", 1)[1] for line in SEED_FINDINGS],
                )
                self.assertContains(response, "Sở Khoa học và Công nghệ")
                self.assertContains(response, "Phát hiện 2 điểm không nhất quán")
        for user in (self.reporter, self.syt_reporter):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 403)

    def test_the_list_shows_the_historical_periods(self) -> None:
        self.login(self.leader)
        response = self.client.get(reverse("history_list"))
        self.assertContains(response, reverse("history_period", args=[self.period.pk]))
        self.assertNotContains(response, reverse("history_import"))
        self.login(self.admin)
        self.assertContains(self.client.get(reverse("history_list")), reverse("history_import"))

    def test_a_period_that_is_not_historical_is_not_found(self) -> None:
        other = do_ensure_period(2013, self.version)
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("history_period", args=[other.pk])).status_code, 404)

    def test_the_export_imports_back_to_the_same_results(self) -> None:
        self.login(self.evaluator)
        response = self.client.get(reverse("history_export", args=[self.period.pk]))
        self.assertEqual(response.status_code, 200)
        with self.assertRaises(HistoryRefused):
            do_import_history(2012, self.version, response.content, dry_run=True)
        outcome = do_import_history(2011, self.version, response.content, dry_run=True)
        self.assertEqual(outcome.problems, ())
        stored_rows = HistoricalResult.objects.filter(period=self.period).order_by("source_row")
        self.assertEqual(
            [(row.code, row.published.total, row.published.grade, row.published.good) for row in outcome.rows],
            [(r.unit_code, r.as_published().total, r.grade, tuple(r.good)) for r in stored_rows],
        )

    def test_the_periods_data_cannot_change(self) -> None:
        result = HistoricalResult.objects.get(period=self.period, unit_code="STNMT")
        result.grade = "A+"
        with self.assertRaises(PeriodLocked):
            result.save()
        with self.assertRaises(PeriodLocked), transaction.atomic():
            HistoricalResult.objects.get(pk=result.pk).delete()
        with self.assertRaises(PeriodLocked):
            do_set_values(self.period, self.stnmt, {"network_connected": True})
        with self.assertRaises(PeriodLocked):
            import_file(self.period, template_bytes(self.period))
        self.login(self.admin)
        response = self.client.post(
            reverse("indicator_form", args=[self.period.pk, self.stnmt.pk]), {"network_connected": "true"}
        )
        self.assertIn(response.status_code, (400, 409))
        self.assertContains(response, "đã công bố, không sửa được số liệu", status_code=response.status_code)
        self.assertEqual(HistoricalResult.objects.get(pk=result.pk).grade, "A")
        self.assertEqual(HistoricalResult.objects.filter(period=self.period).count(), 20)

    def test_pages_for_scored_periods_lead_to_the_printed_table(self) -> None:
        self.login(self.admin)
        history = reverse("history_period", args=[self.period.pk])
        for name in ("ranking", "period_overview", "publication_manage"):
            with self.subTest(page=name):
                response = self.client.get(reverse(name, args=[self.period.pk]))
                self.assertRedirects(response, history)

    def test_no_amendment_opens_the_printed_table(self) -> None:
        # A past year's table has no data to correct: an amendment is refused, and the rows stay locked.
        with self.assertRaises(BadTransition):
            do_open_amendment(self.period, "Thử mở đính chính", self.admin)
        self.period.refresh_from_db()
        self.assertEqual(self.period.status, "published")
        result = HistoricalResult.objects.get(period=self.period, unit_code="STNMT")
        result.total = Decimal(181)
        with self.assertRaises(PeriodLocked):
            result.save()
        for delete in (result.delete, HistoricalResult.objects.filter(period=self.period).delete):
            with self.assertRaises(PeriodLocked), transaction.atomic():
                delete()
        self.assertEqual(HistoricalResult.objects.get(pk=result.pk).total, Decimal(180))
        self.assertEqual(HistoricalResult.objects.filter(period=self.period).count(), 20)


class TrendTests(HistoryTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        do_import_history(2012, cls.version, seed_file(cls.version))
        # 2013: a period scored in govscore and published.
        cls.later = do_ensure_period(2013, cls.version, title="Đánh giá năm 2013")
        do_set_values(cls.later, cls.stnmt, {"network_connected": True})
        fill_draft(cls.later)
        do_close(cls.later)
        do_publish(cls.later, cls.admin)

    def rows(self, unit: Unit) -> list[tuple[int, bool, str, str, str]]:
        response = self.client.get(reverse("unit_trend", args=[unit.pk]))
        self.assertEqual(response.status_code, 200)
        return [
            (row["point"].year, row["point"].historical, row["total"], row["point"].grade, row["point"].name)
            for row in response.context["rows"]
        ]

    def test_the_trend_shows_the_historical_year_and_the_published_one(self) -> None:
        self.login(self.leader)
        self.assertEqual(
            self.rows(self.stnmt),
            [
                (2012, True, "180", "A", "Sở Tài nguyên và Môi trường"),
                (2013, False, "10", "C", "Sở Tài nguyên và Môi trường"),
            ],
        )
        self.assertEqual(
            self.rows(self.vpubnd),
            [
                (2012, True, "180", "A+", "Văn phòng UBND tỉnh"),
                (2013, False, "0", "C", "Văn phòng Ủy ban nhân dân tỉnh"),
            ],
        )
        response = self.client.get(reverse("unit_trend", args=[self.stnmt.pk]))
        self.assertContains(response, reverse("public_period", args=[self.later.pk]))

    def test_a_unit_registered_after_the_import_finds_its_printed_rows_by_code(self) -> None:
        group = self.stnmt.group
        snv = do_ensure_unit("SNV", "Sở Nội vụ", group)
        self.login(self.admin)
        self.assertEqual(self.rows(snv)[0], (2012, True, "110", "C", "Sở Nội vụ"))

    def test_a_reporter_sees_its_own_units_trend_only(self) -> None:
        self.login(self.reporter)
        self.assertEqual([year for year, *_rest in self.rows(self.stnmt)], [2012, 2013])
        # The historical table itself is for staff: no link to it.
        response = self.client.get(reverse("unit_trend", args=[self.stnmt.pk]))
        self.assertNotContains(response, reverse("history_period", args=[HistoricalPeriod.objects.get().period_id]))
        self.assertEqual(self.client.get(reverse("unit_trend", args=[self.syt.pk])).status_code, 404)
        self.login(None)
        self.assertEqual(self.client.get(reverse("unit_trend", args=[self.stnmt.pk])).status_code, 302)


class TrendChartTests(HistoryTestCase):
    """Three years of one unit: 2012 imported, 2013 and 2014 scored here and published."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        do_import_history(2012, cls.version, seed_file(cls.version))
        for year, values in (
            (2013, {"network_connected": True}),
            (2014, {"network_connected": True, "regulations": ["attt", "thu_dien_tu", "van_ban_dien_tu"]}),
        ):
            period = do_ensure_period(year, cls.version, title=f"Đánh giá năm {year}")
            do_set_values(period, cls.stnmt, values)
            fill_draft(period)
            do_close(period)
            do_publish(period, cls.admin)

    def test_the_unit_page_draws_each_year_as_a_labelled_point_beside_its_table(self) -> None:
        self.login(self.reporter)
        response = self.client.get(reverse("unit_trend", args=[self.stnmt.pk]))
        html = response.content.decode()
        self.assertEqual(html.count('class="trend-dot"'), 3)
        # Each point is labelled with its percentage, year, grade and rank: readable in black and white.
        for label in ("81,8%", "2012", "2013", "2014", "C · hạng 1"):
            self.assertIn(label, html)
        self.assertNotIn("style=", html)
        # On a phone the table stacks: each year a card, each figure under its column's name.
        self.assertContains(response, '<table class="trend stack">')
        self.assertContains(response, '<td class="num" data-label="Tổng điểm">180/220</td>', html=True)

    def test_the_criteria_that_moved_most_since_last_year_are_named(self) -> None:
        self.login(self.leader)
        response = self.client.get(reverse("unit_trend", args=[self.stnmt.pk]))
        moved = response.context["moved"]
        self.assertEqual(moved[0]["title"], "Ban hành 4 quy định nội bộ về ứng dụng CNTT")
        self.assertEqual(moved[0]["change"], "▲ 15")
        self.assertContains(response, "Tiêu chí thay đổi nhiều nhất từ 2013 đến 2014")
        self.client.cookies.load({"django_language": "en"})
        response = self.client.get(reverse("unit_trend", args=[self.stnmt.pk]))
        self.assertContains(response, "Criteria that moved most from 2013 to 2014")

    def test_the_province_page_lists_every_unit_by_year_sorted_by_change(self) -> None:
        self.login(self.leader)
        response = self.client.get(reverse("province_trends"))
        self.assertEqual(response.context["years"], [2012, 2013, 2014])
        self.assertEqual(len(response.context["rows"]), 20)  # the twenty units printed in 2012
        codes = [row["row"].code for row in response.context["rows"]]
        gains = [
            row["row"].code for row in self.client.get(reverse("province_trends") + "?sort=change").context["rows"]
        ]
        self.assertEqual(gains[0], "STNMT")
        losses = self.client.get(reverse("province_trends") + "?sort=-change").context["rows"]
        changed = [row["row"].code for row in losses if row["row"].change is not None]
        self.assertEqual(changed[-1], "STNMT")
        self.assertEqual(sorted(codes), sorted(gains))
        self.assertContains(self.client.get(reverse("province_trends") + "?sort=change"), "▲ 15")

    def test_staff_find_the_province_page_in_the_navigation_and_reporters_do_not(self) -> None:
        link = f'href="{reverse("province_trends")}"'
        for user, shown in ((self.leader, True), (self.evaluator, True), (self.reporter, False)):
            with self.subTest(user.username):
                self.login(user)
                response = self.client.get(reverse("period_list"))
                (self.assertContains if shown else self.assertNotContains)(response, link)
