"""The PDF checked with poppler: page size, pages, embedded fonts, extracted text."""

from __future__ import annotations

import itertools
import shutil
import struct
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from govscore.documents import DocumentError, DocumentOptions, results_docx, results_pdf
from govscore.documents.fonts import FONT_DIRS_ENV
from govscore.scoring.engine import score
from govscore.scoring.ledger import grade_cell
from govscore.scoring.model import Evaluation
from govscore.scoring.results import EvaluationResult

from .conftest import open_docx

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")

DPI = 40
MM_PER_INCH = 25.4
# A unit name made of every character Typst markup gives a meaning to.
HOSTILE_NAME = r"Sở #set text(red) *đậm* _nghiêng_ $x^2$ [a] \ <nhãn> @ref `mã` // = - + ~ 'x' \"y\""


def poppler(*args: str) -> str:
    completed = subprocess.run(list(args), capture_output=True, text=True, check=True)
    return completed.stdout


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def pdf_text(path: Path, *pages: int) -> str:
    """The text in content order (`-raw`): cells stay whole and a hyphen at a line end is kept."""
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return poppler("pdftotext", "-raw", *first_last, str(path), "-")


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces: cells wrap."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_pdf(result: EvaluationResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    path.write_bytes(results_pdf(result))
    return path


def test_every_page_is_a4_landscape(seed_pdf: Path, tmp_path: Path) -> None:
    poppler("pdftoppm", "-r", str(DPI), "-png", str(seed_pdf), str(tmp_path / "page"))
    pages = sorted(tmp_path.glob("page-*.png"))
    expected = (round(297 / MM_PER_INCH * DPI), round(210 / MM_PER_INCH * DPI))
    assert pages and all(png_size(page) == expected for page in pages)
    info = poppler("pdfinfo", str(seed_pdf))
    assert f"Pages:           {len(pages)}" in info
    # Twenty units with their sentences do not fit on one page: the table must continue.
    assert len(pages) > 1


def test_fonts_are_embedded_and_are_tinos_or_liberation_serif(seed_pdf: Path) -> None:
    rows = poppler("pdffonts", str(seed_pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_rest = row.split()
        columns = row.split()
        assert columns[-5] == "yes", row  # emb
        assert name.split("+")[-1].startswith(("Tinos", "LiberationSerif")), row


def test_the_text_is_the_cores_and_is_nfc(seed_pdf: Path, result: EvaluationResult, evaluation: Evaluation) -> None:
    text = pdf_text(seed_pdf)
    assert unicodedata.is_normalized("NFC", text)
    flattened = flat(text)
    for unit in result.units:
        assert unit.unit.name in flattened
        assert grade_cell(unit, result.evaluation.framework, "vi") in flattened
    assert evaluation.publication.signer_name in flattened
    assert "Đồng Nai, ngày 07 tháng 12 năm 2012" in flattened


def test_the_header_row_and_the_page_number_are_on_page_two_not_on_page_one(seed_pdf: Path) -> None:
    first = pdf_text(seed_pdf, 1).split()
    second = pdf_text(seed_pdf, 2).split()
    assert first[0] != "1" and first[:2] == ["Đồng", "Nai,"]
    assert second[0] == "2"
    assert "Nội dung thực hiện chưa tốt" in " ".join(second)


def test_a_long_row_continues_on_the_next_page_under_the_repeated_header(
    seed_pdf: Path, result: EvaluationResult
) -> None:
    """Rows kept whole left pages half empty; a row now continues, and every page of the table
    starts with the header row."""
    pages = pdf_text(seed_pdf).split("\f")
    table_pages = [page for page in pages if any(unit.unit.name in flat(page) for unit in result.units)]
    assert all("Tên đơn vị" in flat(page) for page in table_pages)
    last_sentences = [(unit.not_good or unit.good)[-1] for unit in result.units]
    continued = []
    for position, (unit, last_sentence) in enumerate(zip(result.units, last_sentences, strict=True), start=1):
        if last_sentences.count(last_sentence) > 1:
            continue  # the same sentence ends another unit's row: its page says nothing
        with_name = min(index for index, page in enumerate(pages) if f"{position} {unit.unit.name}" in flat(page))
        with_sentence = {index for index, page in enumerate(pages) if flat(last_sentence) in flat(page)}
        assert with_sentence & {with_name, with_name + 1}, unit.unit.name
        if with_name not in with_sentence:
            continued.append(unit.unit.name)
    assert continued


def test_markup_characters_in_names_come_out_literally(evaluation: Evaluation, tmp_path: Path) -> None:
    units = (replace(evaluation.units[0], name=HOSTILE_NAME), *evaluation.units[1:])
    hostile = score(replace(evaluation, units=units))
    path = tmp_path / "hostile.pdf"
    for layout in ("seed", "summary"):
        path.write_bytes(results_pdf(hostile, DocumentOptions(layout=layout)))  # type: ignore[arg-type]
        assert HOSTILE_NAME in flat(pdf_text(path))
        document = open_docx(results_docx(hostile, DocumentOptions(layout=layout)))  # type: ignore[arg-type]
        assert document.tables[0].rows[1].cells[1].text == HOSTILE_NAME


def test_both_layouts_make_a_pdf(grouped_result: EvaluationResult, tmp_path: Path) -> None:
    path = tmp_path / "summary.pdf"
    path.write_bytes(results_pdf(grouped_result, DocumentOptions(layout="summary")))
    text = flat(pdf_text(path))
    framework = grouped_result.evaluation.framework
    for group, _members in grouped_result.groups():
        assert framework.group_name(group) in text


def test_missing_fonts_are_an_error_not_a_fallback(
    result: EvaluationResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FONT_DIRS_ENV, str(tmp_path))
    with pytest.raises(DocumentError, match="fonts-croscore"):
        results_pdf(result)


@pytest.mark.parametrize("layout", ["seed", "summary"])
def test_the_pdf_says_what_the_docx_says(grouped_result: EvaluationResult, layout: str, tmp_path: Path) -> None:
    options = DocumentOptions(layout=layout)  # type: ignore[arg-type]
    path = tmp_path / "document.pdf"
    path.write_bytes(results_pdf(grouped_result, options))
    pages = [flat(page) for page in pdf_text(path).split("\f")]
    document = open_docx(results_docx(grouped_result, options))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    texts += [p.text for row in document.tables[0].rows for cell in row.cells for p in cell.paragraphs if p.text]
    missing = [text for text in texts if not on_the_pages(flat(text), pages)]
    assert not missing


def on_the_pages(text: str, pages: list[str]) -> bool:
    """On one page, or begun at the foot of a page and finished on the next (a row that continues)."""
    if any(text in page for page in pages):
        return True
    words = text.split()
    for page, next_page in itertools.pairwise(pages):
        # The longest beginning of the text found on this page; the rest must be on the next one.
        cut = max((cut for cut in range(1, len(words)) if " ".join(words[:cut]) in page), default=0)
        if cut and " ".join(words[cut:]) in next_page:
            return True
    return False
