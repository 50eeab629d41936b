"""The verification mark of a published document, read back from each file: the footer line on every
page, the QR code of the verification URL with the full hash, and the file properties."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
import segno
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from openpyxl import load_workbook

from govscore.documents import (
    DocumentOptions,
    Verification,
    build_results_document,
    results_docx,
    results_pdf,
    results_xlsx,
)
from govscore.documents.qr import qr_png
from govscore.scoring.results import EvaluationResult

from .conftest import open_docx
from .test_pdf import flat, pdf_text, poppler

HASH = hashlib.sha256(b"dongnai-2012 snapshot").hexdigest()
URL = f"https://example.gov.vn/public/verify/{HASH}/"
VERIFICATION = Verification(HASH, URL)
LINE = f"Mã xác thực: {HASH[:16]} · Kiểm tra tại: {URL}"
# The code as segno draws it, at the module size and quiet zone the documents use.
QR_SCALE, QR_BORDER = 8, 4

needs_poppler = pytest.mark.skipif(shutil.which("pdfimages") is None, reason="poppler-utils is not installed")


def segno_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make_qr(url, error="m").save(buffer, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return buffer.getvalue()


def segno_pixels(url: str) -> list[list[bool]]:
    """Dark pixels of the code, quiet zone included, row by row."""
    code = segno.make_qr(url, error="m")
    return [[bool(dark) for dark in row] for row in code.matrix_iter(scale=QR_SCALE, border=QR_BORDER)]


def netpbm_dark_pixels(path: Path) -> list[list[bool]]:
    """A binary PGM (P5) or PPM (P6), as pdfimages writes them, as rows of dark pixels."""
    data = path.read_bytes()
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:
        while data[position : position + 1].isspace():
            position += 1
        end = position
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    magic, width, height, maxval = fields[0], int(fields[1]), int(fields[2]), int(fields[3])
    assert magic in (b"P5", b"P6") and maxval == 255, fields
    channels = 3 if magic == b"P6" else 1
    pixels = data[position + 1 :]
    assert len(pixels) == width * height * channels
    return [[pixels[(row * width + column) * channels] < 128 for column in range(width)] for row in range(height)]


def footer_texts(document: DocxDocument) -> list[str]:
    texts = []
    for section in document.sections:
        texts.append("".join(paragraph.text for paragraph in section.footer.paragraphs))
        if section.different_first_page_header_footer:
            texts.append("".join(paragraph.text for paragraph in section.first_page_footer.paragraphs))
    return texts


def image_blobs(document: DocxDocument) -> list[bytes]:
    blobs = []
    for shape in document.inline_shapes:
        relationship = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        blobs.append(document.part.related_parts[relationship].blob)
    return blobs


@pytest.fixture(scope="module")
def verified_docx(result: EvaluationResult) -> DocxDocument:
    return open_docx(results_docx(result, DocumentOptions(verification=VERIFICATION)))


@pytest.fixture(scope="module")
def verified_pdf(result: EvaluationResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("verified") / "verified.pdf"
    path.write_bytes(results_pdf(result, DocumentOptions(verification=VERIFICATION)))
    return path


@pytest.fixture(scope="module")
def plain_pdf(result: EvaluationResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plain") / "plain.pdf"
    path.write_bytes(results_pdf(result))
    return path


@pytest.fixture(scope="module")
def verified_book(result: EvaluationResult) -> Any:
    return load_workbook(io.BytesIO(results_xlsx(result, VERIFICATION)))


def page_count(path: Path) -> int:
    line = next(line for line in poppler("pdfinfo", str(path)).splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


# The model


def test_the_footer_line_shows_the_first_16_digits_and_the_url() -> None:
    assert VERIFICATION.footer_line == LINE
    assert VERIFICATION.short_hash == HASH[:16]


def test_an_upper_case_hash_is_the_same_hash() -> None:
    assert Verification(HASH.upper(), URL) == VERIFICATION


@pytest.mark.parametrize(
    ("content_hash", "url"),
    [
        (HASH[:63], URL),
        ("g" * 64, URL),
        (HASH, "example.gov.vn/public/verify/"),
        (HASH, "ftp://example.gov.vn/"),
        (HASH, "https://example.gov.vn/kiểm tra/"),
        (HASH, "https://example.gov.vn/a&[Page]"),
        (HASH, ""),
    ],
)
def test_a_malformed_hash_or_url_is_refused(content_hash: str, url: str) -> None:
    field = "content_hash" if content_hash != HASH else "url"
    with pytest.raises(ValueError, match=f"^{field} must be"):
        Verification(content_hash, url)


def test_the_options_carry_it_into_the_document_model(result: EvaluationResult) -> None:
    assert build_results_document(result, DocumentOptions(verification=VERIFICATION)).verification == VERIFICATION
    assert build_results_document(result).verification is None


def test_the_qr_png_is_segnos_code_of_the_url() -> None:
    assert qr_png(URL) == segno_png(URL)


# DOCX


def test_every_docx_page_has_the_line_in_its_footer(verified_docx: DocxDocument) -> None:
    section = verified_docx.sections[0]
    # Page 1 has a footer of its own: both must carry the line.
    assert section.different_first_page_header_footer
    assert footer_texts(verified_docx) == [LINE, LINE]
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert [run.font.size for run in paragraph.runs] == [Pt(10)]
    # Inside the 20 mm bottom margin, clear of the text.
    assert section.footer_distance is not None and section.footer_distance.mm == pytest.approx(10, abs=0.1)


def test_the_docx_has_one_image_the_qr_code_with_the_full_hash_beside_it(verified_docx: DocxDocument) -> None:
    assert image_blobs(verified_docx) == [segno_png(URL)]
    shape = verified_docx.inline_shapes[0]
    assert shape.width == Mm(24) and shape.height == Mm(24)
    mark_table = verified_docx.tables[-1]
    mark_cell = mark_table.rows[0].cells[0]
    assert [p.text for p in mark_cell.paragraphs if p.text] == ["Mã xác thực (SHA-256):", HASH]
    assert all(run.font.size == Pt(9) for p in mark_cell.paragraphs for run in p.runs if run.text)
    assert mark_cell._tc.xpath(".//a:blip")  # the picture is in the cell beside the signature


def test_the_signature_keeps_its_place_on_the_right(verified_docx: DocxDocument, result: EvaluationResult) -> None:
    publication = result.evaluation.publication
    signature_cell = verified_docx.tables[-1].rows[0].cells[1]
    texts = [p.text for p in signature_cell.paragraphs if p.text]
    assert texts == [publication.signer_title, publication.signer_name]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in signature_cell.paragraphs)
    assert all(run.bold for p in signature_cell.paragraphs for run in p.runs if run.text)
    width = verified_docx.tables[-1].columns[1].width
    assert width is not None and width.mm == pytest.approx(100, abs=0.1)
    # The results table is still the first and only other table.
    assert len(verified_docx.tables) == 2


def test_the_docx_properties_carry_the_hash(verified_docx: DocxDocument) -> None:
    assert verified_docx.core_properties.identifier == HASH
    assert verified_docx.core_properties.keywords == f"sha256:{HASH}"


def test_without_verification_the_docx_has_no_footer_and_no_image(seed_docx: DocxDocument) -> None:
    section = seed_docx.sections[0]
    assert section.footer.is_linked_to_previous and section.first_page_footer.is_linked_to_previous
    assert not seed_docx.inline_shapes
    assert len(seed_docx.tables) == 1
    assert seed_docx.core_properties.identifier == ""
    assert all("Mã xác thực" not in paragraph.text for paragraph in seed_docx.paragraphs)


def test_the_summary_layout_carries_the_mark_too(grouped_result: EvaluationResult) -> None:
    options = DocumentOptions(layout="summary", verification=VERIFICATION)
    document = open_docx(results_docx(grouped_result, options))
    assert footer_texts(document) == [LINE, LINE]
    assert image_blobs(document) == [segno_png(URL)]


# PDF


@needs_poppler
def test_every_pdf_page_shows_the_line(verified_pdf: Path, plain_pdf: Path) -> None:
    pages = page_count(verified_pdf)
    # The mark sits in the margin and beside the signature: the pages break where they did without it.
    assert pages == page_count(plain_pdf) > 1
    for page in range(1, pages + 1):
        text = pdf_text(verified_pdf, page)
        assert flat(text).count(LINE) == 1, page
        # The footer is the last thing on the page, under the table.
        assert flat(text).endswith(LINE), page


@needs_poppler
def test_the_pdf_has_one_image_on_the_last_page_and_it_is_the_qr_code_of_the_url(
    verified_pdf: Path, tmp_path: Path
) -> None:
    listing = poppler("pdfimages", "-list", str(verified_pdf)).splitlines()[2:]
    assert len(listing) == 1
    page, _number, kind, width, height, *_rest, x_ppi, _y_ppi, _size, _ratio = listing[0].split()
    assert (int(page), kind) == (page_count(verified_pdf), "image")
    expected = segno_pixels(URL)
    assert (int(width), int(height)) == (len(expected[0]), len(expected))
    assert int(width) / int(x_ppi) * 25.4 == pytest.approx(24, abs=0.5)  # printed width in mm
    poppler("pdfimages", str(verified_pdf), str(tmp_path / "image"))
    (extracted,) = tmp_path.glob("image-*")
    assert netpbm_dark_pixels(extracted) == expected


@needs_poppler
def test_the_last_pdf_page_shows_the_full_hash_and_the_signature(verified_pdf: Path, result: EvaluationResult) -> None:
    last = flat(pdf_text(verified_pdf, page_count(verified_pdf)))
    assert f"Mã xác thực (SHA-256): {HASH}" in last
    assert result.evaluation.publication.signer_name in last


@needs_poppler
def test_the_pdf_keywords_carry_the_hash(verified_pdf: Path) -> None:
    info = poppler("pdfinfo", str(verified_pdf))
    assert f"Keywords:        sha256:{HASH}" in info


@needs_poppler
def test_without_verification_the_pdf_has_no_line_and_no_image(plain_pdf: Path) -> None:
    assert poppler("pdfimages", "-list", str(plain_pdf)).splitlines()[2:] == []
    assert "Mã xác thực" not in pdf_text(plain_pdf)
    assert "Keywords" not in poppler("pdfinfo", str(plain_pdf))


# XLSX


def test_every_sheet_prints_the_line_in_its_footer(verified_book: Any) -> None:
    for sheet in verified_book.worksheets:
        assert sheet.oddFooter.center.text == LINE, sheet.title
        assert sheet.oddFooter.center.size == 10


def test_the_last_sheet_holds_the_hash_and_the_url(verified_book: Any, result: EvaluationResult) -> None:
    plain = load_workbook(io.BytesIO(results_xlsx(result)))
    assert verified_book.sheetnames == [*plain.sheetnames, "Xác thực"]
    sheet = verified_book["Xác thực"]
    assert (sheet["A1"].value, sheet["B1"].value) == ("Mã xác thực (SHA-256)", HASH)
    assert (sheet["A2"].value, sheet["B2"].value) == ("Kiểm tra tại", URL)
    assert sheet["B2"].hyperlink.target == URL


def test_the_workbook_properties_carry_the_hash(verified_book: Any) -> None:
    assert verified_book.properties.identifier == HASH
    assert verified_book.properties.keywords == f"sha256:{HASH}"


def test_an_ampersand_in_the_url_prints_as_itself(result: EvaluationResult) -> None:
    url = f"https://example.gov.vn/public/verify/?hash={HASH}&lang=vi"
    book = load_workbook(io.BytesIO(results_xlsx(result, Verification(HASH, url))))
    raw = str(book.worksheets[0].oddFooter.center)
    # `&&` is a literal ampersand in a footer; a single one would start a formatting code.
    assert raw.endswith(f"?hash={HASH}&&lang=vi")


def test_a_url_too_long_for_an_excel_footer_leaves_the_url_out_of_it(result: EvaluationResult) -> None:
    url = f"https://example.gov.vn/public/verify/{HASH}/{'x' * 200}/"
    book = load_workbook(io.BytesIO(results_xlsx(result, Verification(HASH, url))))
    sheet = book.worksheets[0]
    assert sheet.oddFooter.center.text == f"Mã xác thực: {HASH[:16]}"
    assert book["Xác thực"]["B2"].value == url


def test_without_verification_the_workbook_has_no_footer_and_no_verification_sheet(result: EvaluationResult) -> None:
    book = load_workbook(io.BytesIO(results_xlsx(result)))
    assert "Xác thực" not in book.sheetnames
    assert all(not sheet.oddFooter.center.text for sheet in book.worksheets)
    assert not book.properties.identifier and not book.properties.keywords
