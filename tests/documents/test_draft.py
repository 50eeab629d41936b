"""A preview before publication is marked as a draft on every page of every format; a document without
the option carries no mark."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from govscore.documents import DocumentOptions, results_docx, results_pdf, results_xlsx
from govscore.documents.content import DRAFT_LINE
from govscore.scoring.results import EvaluationResult

from .conftest import open_docx

DRAFT = DocumentOptions(draft=True)


def pdf_pages(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def test_every_page_of_a_draft_pdf_says_it_is_a_draft(result: EvaluationResult, tmp_path: Path) -> None:
    pages = pdf_pages(results_pdf(result, DRAFT), tmp_path)
    assert len(pages) > 1
    assert all(DRAFT_LINE in page for page in pages)
    assert not any(DRAFT_LINE in page for page in pdf_pages(results_pdf(result), tmp_path))


def test_a_draft_docx_has_the_mark_in_the_header_of_every_page(result: EvaluationResult) -> None:
    section = open_docx(results_docx(result, DRAFT)).sections[0]
    for header in (section.first_page_header, section.header):
        assert DRAFT_LINE in [paragraph.text for paragraph in header.paragraphs]
    plain = open_docx(results_docx(result)).sections[0]
    assert not any(DRAFT_LINE in paragraph.text for paragraph in plain.header.paragraphs)


def test_every_sheet_of_a_draft_workbook_prints_the_mark(result: EvaluationResult) -> None:
    workbook = load_workbook(io.BytesIO(results_xlsx(result, draft=True)))
    assert workbook.properties.title.startswith("DỰ THẢO")
    for sheet in workbook.worksheets:
        assert sheet.oddHeader.center.text == DRAFT_LINE
        assert sheet.oddFooter.center.text == DRAFT_LINE
    plain = load_workbook(io.BytesIO(results_xlsx(result)))
    assert all(sheet.oddHeader.center.text != DRAFT_LINE for sheet in plain.worksheets)
