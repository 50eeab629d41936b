"""Uploads: the type is read from the content, the size is limited, names are generated, and a refused
file leaves neither a row nor a file behind."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from govscore.web.indicators.models import EvidenceFile
from govscore.web.reports.models import MonthlyReport
from govscore.web.uploads import ALLOWED_KINDS, DOCX, JPEG, ODT, PDF, PNG, XLSX, FileKind, download_name, sniff

from . import samples
from .base import BaseTestCase

ALLOWED = [
    (samples.PDF, PDF),
    (samples.docx_bytes(), DOCX),
    (samples.xlsx_bytes(), XLSX),
    (samples.odt_bytes(), ODT),
    (samples.png(), PNG),
    (samples.jpeg(), JPEG),
]
REFUSED = {
    "executable": b"MZ\x90\x00\x03" + b"\x00" * 200,
    "text": "Báo cáo tháng 3".encode(),
    "html": b"<!DOCTYPE html><html><script>alert(1)</script></html>",
    "gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    "plain zip": samples.plain_zip(),
    "truncated docx": samples.docx_bytes()[:600],
    "empty": b"",
}


@pytest.mark.parametrize(("content", "kind"), ALLOWED, ids=[kind.extension for _, kind in ALLOWED])
def test_it_recognises_each_allowed_type_by_content(content: bytes, kind: FileKind) -> None:
    assert sniff(io.BytesIO(content)) == kind


@pytest.mark.parametrize("content", REFUSED.values(), ids=REFUSED.keys())
def test_it_refuses_other_content_whatever_the_name(content: bytes) -> None:
    assert sniff(io.BytesIO(content)) is None


def stored_files() -> list[Path]:
    return sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


class UploadTests(BaseTestCase):
    def upload_evidence(self, name: str, content: bytes) -> tuple[int, str]:
        self.login(self.reporter)
        url = reverse("evidence_upload", args=[self.period.pk, self.syt.pk])
        response = self.client.post(url, {"indicator": "email_accounts", "file": samples.upload(name, content)})
        return response.status_code, response.content.decode()

    def assert_nothing_written(self, rows_before: int, files_before: list[Path]) -> None:
        self.assertEqual(EvidenceFile.objects.count(), rows_before)
        self.assertEqual(stored_files(), files_before)

    def test_it_refuses_an_executable_named_like_a_pdf(self) -> None:
        rows, files = EvidenceFile.objects.count(), stored_files()
        status, page = self.upload_evidence("quyet-dinh.pdf", REFUSED["executable"])
        self.assertEqual(status, 400)
        self.assertIn("không phải là tệp PDF, DOCX, XLSX, ODT, PNG, JPEG", page)
        self.assertIn("quyet-dinh.pdf", page)
        self.assert_nothing_written(rows, files)

    def test_it_refuses_a_zip_that_is_no_office_document(self) -> None:
        rows, files = EvidenceFile.objects.count(), stored_files()
        status, page = self.upload_evidence("bang-tinh.xlsx", REFUSED["plain zip"])
        self.assertEqual(status, 400)
        self.assertIn("kiểm tra theo nội dung tệp", page)
        self.assert_nothing_written(rows, files)

    @override_settings(GOVSCORE_UPLOAD_MAX_BYTES=1024)
    def test_it_refuses_a_file_above_the_size_limit(self) -> None:
        rows, files = EvidenceFile.objects.count(), stored_files()
        big_pdf = samples.PDF + b"%" + b"0" * 2048 + b"\n"
        status, page = self.upload_evidence("ke-hoach.pdf", big_pdf)
        self.assertEqual(status, 400)
        self.assertIn("quá lớn", page)
        self.assertIn("(2 KB); giới hạn là 1 KB", page)
        self.assert_nothing_written(rows, files)

    def test_it_stores_an_accepted_file_under_a_generated_name(self) -> None:
        content = samples.docx_bytes()
        status, _page = self.upload_evidence("Quyết định số 12.docx", content)
        self.assertEqual(status, 302)
        evidence = EvidenceFile.objects.latest("uploaded_at")
        self.assertRegex(evidence.file.name, r"^evidence/2012/[0-9a-f]{32}\.docx$")
        self.assertEqual(evidence.original_name, "Quyết định số 12.docx")
        self.assertEqual(evidence.content_type, DOCX.mime)
        response = self.client.get(reverse("evidence_download", args=[evidence.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], DOCX.mime)
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertIn("Quy%E1%BA%BFt", response["Content-Disposition"])
        self.assertEqual(b"".join(response.streaming_content), content)  # type: ignore[attr-defined]

    def test_it_takes_the_extension_from_the_content_not_the_name(self) -> None:
        status, _page = self.upload_evidence("anh-chup.pdf", samples.png())
        self.assertEqual(status, 302)
        evidence = EvidenceFile.objects.latest("uploaded_at")
        self.assertTrue(evidence.file.name.endswith(".png"))
        self.assertEqual(evidence.content_type, PNG.mime)

    def test_uploaded_files_have_no_public_url(self) -> None:
        self.login(self.reporter)
        name = self.syt_evidence.file.name
        self.assertFalse(Path(settings.MEDIA_ROOT).resolve().is_relative_to(Path(settings.STATIC_ROOT).resolve()))
        for url in (f"/{settings.MEDIA_URL}{name}", f"/static/{name}"):
            self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_it_refuses_a_report_attachment_of_the_wrong_type(self) -> None:
        self.login(self.reporter)
        files = stored_files()
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 4])
        data = {"content": "Báo cáo tháng 4", "attachment": samples.upload("bao-cao.pdf", REFUSED["html"])}
        response = self.client.post(url, data)
        self.assertContains(response, "không phải là tệp PDF", status_code=400)
        self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=4).exists())
        self.assertEqual(stored_files(), files)

    def test_it_explains_a_refused_file_in_english_when_asked(self) -> None:
        self.login(self.reporter)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        url = reverse("evidence_upload", args=[self.period.pk, self.syt.pk])
        data = {"indicator": "email_accounts", "file": samples.upload("x.pdf", REFUSED["text"])}
        response = self.client.post(url, data)
        self.assertContains(response, "is not a PDF, DOCX, XLSX, ODT, PNG, JPEG file", status_code=400)


class DownloadNameTests(BaseTestCase):
    """A file is downloaded under the user's base name with the extension of the type its content was
    recognised as: a PDF named `bao-cao.pdf.hta` must not reach a browser's disk as an HTML application."""

    def upload_evidence(self, name: str, content: bytes) -> EvidenceFile:
        self.login(self.reporter)
        url = reverse("evidence_upload", args=[self.period.pk, self.syt.pk])
        response = self.client.post(url, {"indicator": "email_accounts", "file": samples.upload(name, content)})
        self.assertEqual(response.status_code, 302)
        return EvidenceFile.objects.latest("uploaded_at")

    def downloaded_as(self, url: str) -> tuple[str, str]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response["Content-Disposition"], response["Content-Type"]

    def test_a_pdf_under_a_dangerous_name_is_downloaded_as_a_pdf(self) -> None:
        for name in ("bao-cao.pdf.hta", "bao-cao.html", "bao-cao.bat"):
            with self.subTest(name):
                evidence = self.upload_evidence(name, samples.PDF)
                self.assertEqual(evidence.original_name, "bao-cao.pdf")
                disposition, mime = self.downloaded_as(reverse("evidence_download", args=[evidence.pk]))
                self.assertEqual(disposition, 'attachment; filename="bao-cao.pdf"')
                self.assertEqual(mime, PDF.mime)

    def test_every_accepted_type_is_downloaded_with_its_own_extension(self) -> None:
        for content, kind in ALLOWED:
            with self.subTest(kind.label):
                evidence = self.upload_evidence("bao-cao.hta", content)
                disposition, mime = self.downloaded_as(reverse("evidence_download", args=[evidence.pk]))
                self.assertEqual(disposition, f'attachment; filename="bao-cao.{kind.extension}"')
                self.assertEqual(mime, kind.mime)

    def test_a_report_attachment_is_downloaded_with_the_extension_of_its_content(self) -> None:
        self.login(self.reporter)
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 4])
        data = {"content": "Báo cáo tháng 4", "attachment": samples.upload("bao-cao.pdf.bat", samples.PDF)}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        report = MonthlyReport.objects.get(unit=self.syt, month=4)
        disposition, mime = self.downloaded_as(reverse("report_attachment", args=[report.pk]))
        self.assertEqual(disposition, 'attachment; filename="bao-cao.pdf"')
        self.assertEqual(mime, PDF.mime)

    def test_files_stored_under_the_old_rules_are_downloaded_under_safe_names(self) -> None:
        # Rows saved before names were made safe keep the user's name, and the oldest have no type.
        evidence = self.upload_evidence("x.pdf", samples.PDF)
        EvidenceFile.objects.filter(pk=evidence.pk).update(original_name="bao-cao.pdf.hta")
        disposition, _mime = self.downloaded_as(reverse("evidence_download", args=[evidence.pk]))
        self.assertEqual(disposition, 'attachment; filename="bao-cao.pdf"')
        MonthlyReport.objects.filter(pk=self.syt_report.pk).update(attachment_name="so-lieu.html", attachment_type="")
        disposition, mime = self.downloaded_as(reverse("report_attachment", args=[self.syt_report.pk]))
        self.assertEqual(disposition, 'attachment; filename="so-lieu.pdf"')
        self.assertEqual(mime, PDF.mime)


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("bao-cao.pdf.hta", PDF, "bao-cao.pdf"),
        ("bao-cao.html", PDF, "bao-cao.pdf"),
        ("bao-cao.bat", PDF, "bao-cao.pdf"),
        ("bao-cao.pdf.hta", DOCX, "bao-cao.pdf.docx"),
        ("Quyết định số 12.docx", DOCX, "Quyết định số 12.docx"),
        ("Báo cáo năm 2024", XLSX, "Báo cáo năm 2024.xlsx"),
        ("phien-ban 1.2", ODT, "phien-ban 1.2.odt"),
        ("anh.JPEG", JPEG, "anh.jpg"),
        ("anh.jpg.jpeg", JPEG, "anh.jpg"),
        ("C:\\fakepath\\bao cao.pdf", PDF, "bao cao.pdf"),
        ("../../etc/passwd", PNG, "passwd.png"),
        ("bao\u202ecod.exe", PDF, "baocod.pdf"),  # a right-to-left override shows `exe.doc` as `cod.exe`
        ("xin\u200b chào\x00\n.pdf", PDF, "xin chào.pdf"),
        ('a<b>:"c|?*.pdf', PDF, "a_b___c___.pdf"),
        ("CON.pdf", PDF, "_CON.pdf"),
        ("lpt1.tar.docx", DOCX, "_lpt1.tar.docx"),
        (" . ..pdf", PDF, "tep.pdf"),
        ("", PNG, "tep.png"),
        ("bao-cao", None, "bao-cao.bin"),
        ("d" * 300 + ".pdf", PDF, "d" * 120 + ".pdf"),
    ],
)
def test_download_names_keep_the_users_name_made_safe(name: str, kind: FileKind | None, expected: str) -> None:
    assert download_name(name, kind) == expected


def test_sample_names_are_not_reused_in_paths() -> None:
    # A generated name never contains the user's name, so two units' files cannot be guessed from each other.
    from govscore.web.uploads import generated_name

    names = {generated_name("evidence/2012", PDF) for _ in range(100)}
    assert len(names) == 100
    assert all(re.fullmatch(r"evidence/2012/[0-9a-f]{32}\.pdf", name) for name in names)


DOCX_BYTES = samples.docx_bytes()


@examples(max_examples=80, deadline=None)
@given(
    damage=st.lists(st.tuples(st.integers(0, len(DOCX_BYTES) - 1), st.integers(0, 255)), max_size=6),
    cut=st.one_of(st.none(), st.integers(0, len(DOCX_BYTES))),
)
def test_damaged_files_are_recognised_or_refused_never_crash(damage: list[tuple[int, int]], cut: int | None) -> None:
    data = bytearray(DOCX_BYTES)
    for offset, byte in damage:
        data[offset] = byte
    assert sniff(io.BytesIO(bytes(data[:cut] if cut is not None else data))) in (DOCX, None)


@examples(max_examples=80, deadline=None)
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_are_recognised_or_refused_never_crash(data: bytes) -> None:
    assert sniff(io.BytesIO(data)) in (*ALLOWED_KINDS, None)
