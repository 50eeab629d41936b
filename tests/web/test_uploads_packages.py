"""Office documents: recognised by their main part, and refused when they carry macros, embedded programs,
links Office follows on opening, members no document of their kind has, or unpack to more than the limit;
each refusal says what is wrong, and leaves neither a row nor a file."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from govscore.documents import results_docx, results_xlsx
from govscore.examples import example_path
from govscore.imports.history_template import build_history_template
from govscore.scoring.engine import score
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Evaluation
from govscore.web.indicators.models import EvidenceFile
from govscore.web.reports.models import MonthlyReport
from govscore.web.uploads import DOCX, ODT, XLSX, FileKind, package_problems, sniff

from . import package_samples as bad
from . import samples
from .base import BaseTestCase

# What the probe sent and what each must be refused for: (content, kind it looks like, words of the message).
REFUSED: dict[str, tuple[Callable[[], bytes], FileKind, str]] = {
    "macro docx": (bad.macro_docx, DOCX, "chứa macro hoặc mã tự chạy (word/vbaProject.bin)"),
    "macro xlsx": (bad.macro_xlsx, XLSX, "chứa macro hoặc mã tự chạy (xl/vbaProject.bin)"),
    "macro odt": (bad.macro_odt, ODT, "chứa macro hoặc mã tự chạy (Basic/Standard/Module1.xml)"),
    "external template": (
        bad.external_template_docx,
        DOCX,
        "Office tự tải về khi mở tệp (attachedTemplate: http://mau.example/bc.dotm)",
    ),
    "external object": (bad.external_object_docx, DOCX, "(oleObject: \\\\may-chu\\chia-se\\bang.xlsx)"),
    "external workbook link": (
        bad.external_link_xlsx,
        XLSX,
        "(externalLinkPath: http://may-chu.example/so-lieu.xlsx)",
    ),
    "linked odt section": (bad.linked_odt, ODT, "(section-source: http://may-chu.example/phan.odt)"),
    "embedded ole object": (
        bad.ole_object_docx,
        DOCX,
        "chứa đối tượng nhúng có thể chứa chương trình (word/embeddings/oleObject1.bin)",
    ),
    "executable beside an empty document": (bad.executable_zip, DOCX, "chứa “setup.exe”, không phải thành phần"),
    "executable inside a document": (bad.executable_in_docx, DOCX, "chứa “word/media/setup.exe”"),
    "empty main part": (bad.empty_main_docx, DOCX, "thành phần “word/document.xml” bị thiếu, rỗng hoặc hỏng"),
    "macro in a chart's workbook": (
        lambda: bad.docx_with_chart_workbook(bad.macro_xlsx()),
        DOCX,
        "(word/embeddings/Microsoft_Excel_Worksheet.xlsx → xl/vbaProject.bin)",
    ),
    "zip bomb": (bad.zip_bomb, XLSX, "khi giải nén có dung lượng 300 MB, quá giới hạn 100 MB"),
    "too many members": (bad.many_members, DOCX, "gồm 10.018 thành phần nén, quá giới hạn 10.000"),
    "a directory larger than it says": (bad.understated_directory, DOCX, "thành phần nén, quá giới hạn 10.000"),
}


def dongnai() -> Evaluation:
    path = example_path("dongnai-2012")
    assert path is not None
    return load_evaluation(path)


ACCEPTED: dict[str, tuple[Callable[[], bytes], FileKind]] = {
    "docx with a hyperlink": (bad.docx_with_hyperlink, DOCX),
    "docx with a picture": (bad.docx_with_picture, DOCX),
    "docx with a chart's workbook": (lambda: bad.docx_with_chart_workbook(samples.xlsx_bytes()), DOCX),
    "odt with a hyperlink": (bad.odt_with_hyperlink, ODT),
    "govscore's results document": (lambda: results_docx(score(dongnai(), "vi")), DOCX),
    "govscore's results workbook": (lambda: results_xlsx(score(dongnai(), "vi")), XLSX),
    "govscore's past-results template": (lambda: build_history_template(dongnai().framework, ()), XLSX),
}


@pytest.mark.parametrize("case", REFUSED.keys())
def test_it_says_what_is_wrong_with_each_dangerous_package(case: str) -> None:
    make, kind, words = REFUSED[case]
    data = make()
    assert sniff(io.BytesIO(data)) == kind  # it looks like the document it pretends to be
    with translation.override("vi"):
        problems = package_problems(io.BytesIO(data), kind, "bao-cao")
    assert any(words in problem for problem in problems), problems
    assert all(problem.startswith("Tệp “bao-cao”") for problem in problems)


@pytest.mark.parametrize("case", ACCEPTED.keys())
def test_it_accepts_ordinary_documents(case: str) -> None:
    make, kind = ACCEPTED[case]
    data = make()
    assert sniff(io.BytesIO(data)) == kind
    assert package_problems(io.BytesIO(data), kind, "bao-cao") == []


def test_the_unpacked_size_limit_is_a_setting() -> None:
    data = bad.zip_bomb()
    with override_settings(GOVSCORE_UPLOAD_MAX_UNPACKED_BYTES=400 * 1024 * 1024):
        assert package_problems(io.BytesIO(data), XLSX, "x") == []


def stored_files() -> list[Path]:
    return sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


class PackageUploadTests(BaseTestCase):
    def upload_evidence(self, name: str, content: bytes) -> tuple[int, str]:
        self.login(self.reporter)
        url = reverse("evidence_upload", args=[self.period.pk, self.syt.pk])
        response = self.client.post(url, {"indicator": "email_accounts", "file": samples.upload(name, content)})
        return response.status_code, response.content.decode()

    def test_each_dangerous_package_is_refused_and_nothing_is_written(self) -> None:
        for case, (make, _kind, words) in REFUSED.items():
            with self.subTest(case):
                rows, files = EvidenceFile.objects.count(), stored_files()
                status, page = self.upload_evidence("bao-cao.docx", make())
                self.assertEqual(status, 400)
                self.assertIn(words, page)
                self.assertEqual(EvidenceFile.objects.count(), rows)
                self.assertEqual(stored_files(), files)

    def test_a_report_attachment_with_macros_is_refused(self) -> None:
        self.login(self.reporter)
        files = stored_files()
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 4])
        data = {"content": "Báo cáo tháng 4", "attachment": samples.upload("bao-cao.docx", bad.macro_docx())}
        response = self.client.post(url, data)
        self.assertContains(response, "không nhận tệp có macro", status_code=400)
        self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=4).exists())
        self.assertEqual(stored_files(), files)

    def test_the_refusal_is_explained_in_english_when_asked(self) -> None:
        self.login(self.reporter)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        url = reverse("evidence_upload", args=[self.period.pk, self.syt.pk])
        cases = {
            bad.external_template_docx(): "links to content outside it that Office fetches when the file is opened",
            bad.zip_bomb(): "unpacks to 300 MB, above the limit of 100 MB",
        }
        for content, words in cases.items():
            data = {"indicator": "email_accounts", "file": samples.upload("bao-cao.docx", content)}
            self.assertContains(self.client.post(url, data), words, status_code=400)

    def test_an_ordinary_document_with_a_hyperlink_is_stored(self) -> None:
        status, _page = self.upload_evidence("cong-thong-tin.docx", bad.docx_with_hyperlink())
        self.assertEqual(status, 302)
        self.assertEqual(EvidenceFile.objects.latest("uploaded_at").content_type, DOCX.mime)

    def test_the_import_refuses_a_workbook_that_unpacks_beyond_the_limits(self) -> None:
        self.login(self.admin)
        url = reverse("imports_preview", args=[self.period.pk])
        cases = {
            bad.zip_bomb(): "Tệp khi giải nén có dung lượng 300 MB, quá giới hạn 100 MB.",
            bad.many_members(): "Tệp nén gồm 10.018 thành phần, quá giới hạn 10.000.",
        }
        for content, message in cases.items():
            response = self.client.post(url, {"file": samples.upload("so-lieu.xlsx", content)})
            self.assertEqual(response.status_code, 400)
            self.assertEqual([p["message"] for p in response.context["problems"]], [message])
