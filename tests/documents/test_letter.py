"""The covering letter: the decree's parts in order, the administrator's template filled from the results
(the same counts as the table it covers), the same text in DOCX and PDF, A4 portrait, a draft marked."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest

from govscore.documents.content import DRAFT_LINE
from govscore.documents.letter import DEFAULT_BODY, LetterText, build_letter, grade_summary, unknown_placeholders
from govscore.documents.letter_docx import render_letter_docx
from govscore.documents.letter_pdf import render_letter_pdf
from govscore.scoring.model import Publication
from govscore.scoring.results import EvaluationResult

from .conftest import open_docx

PUBLICATION = Publication(
    place="Đồng Nai",
    date=datetime.date(2012, 12, 7),
    letter_number="1186/STTT",
    letter_date=datetime.date(2012, 12, 7),
    issuer="Sở TTTT",
    signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    signer_name="Nguyễn Minh Hùng",
)
TEXT = LetterText(
    parent_agency="UBND tỉnh Đồng Nai",
    subject="Kết quả đánh giá mức độ ứng dụng CNTT năm 2012",
    recipients="- Các sở, ban, ngành;\n- Các đơn vị sự nghiệp trực thuộc UBND tỉnh.",
    body=DEFAULT_BODY,
    copies_to="- Như trên;\n- UBND tỉnh (b/c);\n- Lưu: VT, CNTT.",
)
# The core's grades: the printed table had Sở Tài nguyên và Môi trường's 180 points as A, which its own
# bands make A+ (`govscore check` reports it), hence 8 A+ and 5 A where the paper counted 7 and 6.
GRADES = "8 đơn vị loại A+, 5 đơn vị loại A, 7 đơn vị loại C"
EXPECTED_LINES = [
    "UBND TỈNH ĐỒNG NAI",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 1186/STTT",
    "V/v Kết quả đánh giá mức độ ứng dụng CNTT năm 2012",
    "Đồng Nai, ngày 07 tháng 12 năm 2012",
    "Kính gửi:",
    "- Các sở, ban, ngành;",
    f"Sở TTTT thông báo kết quả đánh giá năm 2012 (chi tiết tại bảng kèm theo): {GRADES}.",
    "Nơi nhận:",
    "- UBND tỉnh (b/c);",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Nguyễn Minh Hùng",
]


def test_unknown_placeholders_are_named_in_order() -> None:
    assert unknown_placeholders("Năm {nam}, {so_don_vi} đơn vị, {nam_sau} và {sai} {nam_sau}") == ["nam_sau", "sai"]
    assert unknown_placeholders("thiếu ngoặc {nam") == ["{"]
    assert unknown_placeholders(DEFAULT_BODY) == []


def test_the_grade_summary_counts_the_cores_grades_in_the_bands_order(result: EvaluationResult) -> None:
    assert grade_summary(result) == GRADES


def test_the_docx_has_every_part_of_the_decrees_form(result: EvaluationResult) -> None:
    document = open_docx(render_letter_docx(build_letter(result, PUBLICATION, TEXT)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # type: ignore[union-attr]
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for table in document.tables for cell in table.rows[0].cells for p in cell.paragraphs]
    for line in EXPECTED_LINES:
        assert line in texts, line
    heading = document.tables[0].rows[0].cells[0].paragraphs
    assert [p.text for p in heading][:2] == ["UBND TỈNH ĐỒNG NAI", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH ĐỒNG NAI"]
    assert not any(DRAFT_LINE in p.text for p in section.header.paragraphs)


def test_the_pdf_says_what_the_docx_says_on_an_a4_portrait_page(result: EvaluationResult, tmp_path: Path) -> None:
    path = tmp_path / "cong-van.pdf"
    path.write_bytes(render_letter_pdf(build_letter(result, PUBLICATION, TEXT, draft=True)))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    for line in [*EXPECTED_LINES, DRAFT_LINE]:
        assert line in text, line


@pytest.mark.parametrize("recipients", ["", "UBND tỉnh Đồng Nai"])
def test_one_recipient_goes_on_the_kinh_gui_line(result: EvaluationResult, recipients: str) -> None:
    letter = build_letter(result, PUBLICATION, LetterText(recipients=recipients))
    texts = [p.text for p in open_docx(render_letter_docx(letter)).paragraphs]
    assert f"Kính gửi: {recipients or '…'}" in texts
