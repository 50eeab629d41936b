"""Before publishing, the administrator sees the whole document as it would be issued, marked as a
draft in every format; publishing asks for a confirmation; a title typed on several lines prints on
those lines."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import docx
from django.urls import reverse
from openpyxl import load_workbook

from govscore.documents.content import DRAFT_LINE
from govscore.web.periods.actions import do_close
from govscore.web.publications.actions import draft_for
from govscore.web.publications.forms import DocumentDraftForm
from govscore.web.publications.models import Publication
from govscore.web.scores.models import Result

from .base import BaseTestCase, fill_draft


def pdf_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "preview.pdf"
        path.write_bytes(data)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


class PreviewTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        fill_draft(self.period)
        self.login(self.admin)

    def preview(self, kind: str):  # type: ignore[no-untyped-def]
        return self.client.get(reverse("publication_preview", args=[self.period.pk, kind]))

    def test_the_pdf_preview_is_the_document_marked_as_a_draft_and_can_be_framed_by_the_page(self) -> None:
        do_close(self.period, self.admin)
        page = self.client.get(reverse("publication_manage", args=[self.period.pk]))
        preview_url = reverse("publication_preview", args=[self.period.pk, "pdf"])
        self.assertContains(page, f'<iframe class="document-preview" src="{preview_url}"')
        response = self.preview("pdf")
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response["Content-Disposition"].startswith("inline;"))
        self.assertEqual(response["X-Frame-Options"], "SAMEORIGIN")
        self.assertIn("frame-ancestors 'self'", response["Content-Security-Policy"])
        text = pdf_text(response.content)
        self.assertIn(DRAFT_LINE, text)
        self.assertIn("1186/STTT", text)
        self.assertIn("Sở Y tế", text)
        # Any other page still refuses to be framed.
        self.assertIn("frame-ancestors 'none'", page["Content-Security-Policy"])
        self.assertEqual(page["X-Frame-Options"], "DENY")

    def test_docx_and_xlsx_previews_download_marked_as_drafts(self) -> None:
        response = self.preview("docx")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="du-thao-ket-qua-2012.docx"')
        header = docx.Document(io.BytesIO(response.content)).sections[0].header
        self.assertIn(DRAFT_LINE, [paragraph.text for paragraph in header.paragraphs])
        workbook = load_workbook(io.BytesIO(self.preview("xlsx").content))
        self.assertTrue(all(sheet.oddHeader.center.text == DRAFT_LINE for sheet in workbook.worksheets))
        self.assertEqual(self.preview("odt").status_code, 404)

    def test_a_published_period_has_nothing_to_preview(self) -> None:
        do_close(self.period, self.admin)
        self.client.post(reverse("publication_publish", args=[self.period.pk]), {"confirmed": "on"})
        self.assertEqual(Publication.objects.filter(period=self.period).count(), 1)
        self.assertEqual(self.preview("pdf").status_code, 404)

    def test_publishing_asks_to_confirm_that_the_draft_was_read(self) -> None:
        do_close(self.period, self.admin)
        response = self.client.post(reverse("publication_publish", args=[self.period.pk]))
        self.assertContains(response, "Hãy xem bản dự thảo và xác nhận trước khi công bố.", status_code=400)
        self.assertFalse(Publication.objects.exists())

    def test_a_title_typed_on_several_lines_prints_on_those_lines(self) -> None:
        draft = draft_for(self.period)
        data = {
            name: getattr(draft, name).strftime("%d/%m/%Y") if name.endswith(("_on", "_date")) else getattr(draft, name)
            for name in ("place", "issued_on", "letter_number", "letter_date", "issuer", "signer_title", "signer_name")
        }
        title = "Đánh giá mức độ ứng dụng CNTT năm 2012\nđối với các sở, ban, ngành"
        data |= {"title": title, "layout": "seed", "version": str(draft.version)}
        response = self.client.post(reverse("publication_draft", args=[self.period.pk]), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(draft_for(self.period).title.splitlines(), title.splitlines())
        paragraphs = [p.text for p in docx.Document(io.BytesIO(self.preview("docx").content)).paragraphs]
        self.assertIn("ĐÁNH GIÁ MỨC ĐỘ ỨNG DỤNG CNTT NĂM 2012", paragraphs)
        self.assertIn("ĐỐI VỚI CÁC SỞ, BAN, NGÀNH", paragraphs)


class CoveringLetterTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        fill_draft(self.period)
        self.login(self.admin)

    def letter(self, kind: str):  # type: ignore[no-untyped-def]
        return self.client.get(reverse("publication_letter", args=[self.period.pk, kind]))

    def save_letter(self, **letter: str) -> int:
        draft = draft_for(self.period)
        data = {
            name: getattr(draft, name).strftime("%d/%m/%Y") if name.endswith(("_on", "_date")) else getattr(draft, name)
            for name in (*DocumentDraftForm.Meta.fields,)
        }
        data |= {"version": str(draft.version), **letter}
        return self.client.post(reverse("publication_draft", args=[self.period.pk]), data).status_code

    def test_the_letter_is_filled_from_the_administrators_template_and_marked_until_published(self) -> None:
        body = "{co_quan} gửi kết quả năm {nam} của {so_don_vi} đơn vị: {xep_loai}./."
        self.assertEqual(self.save_letter(letter_body=body, recipients="Các sở, ban, ngành"), 302)
        response = self.letter("docx")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="du-thao-cong-van-2012.docx"')
        document = docx.Document(io.BytesIO(response.content))
        texts = [p.text for p in document.paragraphs]
        grades = [row.grade for row in Result.objects.filter(period=self.period)]
        counts = ", ".join(f"{grades.count(g)} đơn vị loại {g}" for g in ("A+", "A", "B", "C") if grades.count(g))
        self.assertIn(f"Sở TTTT gửi kết quả năm 2012 của 2 đơn vị: {counts}./.", texts)
        self.assertIn("Kính gửi: Các sở, ban, ngành", texts)
        self.assertIn(DRAFT_LINE, [p.text for p in document.sections[0].header.paragraphs])
        self.assertIn(DRAFT_LINE, pdf_text(self.letter("pdf").content))
        do_close(self.period, self.admin)
        self.client.post(reverse("publication_publish", args=[self.period.pk]), {"confirmed": "on"})
        published = self.letter("pdf")
        self.assertEqual(published["Content-Disposition"], 'attachment; filename="cong-van-2012.pdf"')
        text = pdf_text(published.content)
        self.assertNotIn(DRAFT_LINE, text)
        self.assertIn("Số: 1186/STTT", text)

    def test_an_unknown_placeholder_is_refused_with_its_name_and_nothing_is_saved(self) -> None:
        before = draft_for(self.period).letter_body
        response = self.client.post(
            reverse("publication_draft", args=[self.period.pk]),
            {"letter_body": "Năm {nam_hoc} và {nam}", "version": str(draft_for(self.period).version)},
        )
        self.assertContains(response, "Không có chỗ điền {nam_hoc}.", status_code=400)
        self.assertEqual(draft_for(self.period).letter_body, before)
