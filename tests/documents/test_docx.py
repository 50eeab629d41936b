"""The Word file read back with python-docx: page, fonts, table structure, and the core's own texts."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from govscore.documents import DocumentOptions, results_docx
from govscore.scoring.ledger import grade_cell
from govscore.scoring.model import Evaluation
from govscore.scoring.results import EvaluationResult
from govscore.scoring.vietnamese import admin_date, format_number, format_percent, place_date_line, short_date

from .conftest import open_docx

SEED_HEADER = [
    "STT",
    "Tên đơn vị",
    "Nội dung thực hiện tốt",
    "Nội dung thực hiện chưa tốt",
    "Đánh giá xếp loại (Mức A+, A, B, C)",
    "Lý do đánh giá",
    "Ghi chú",
]
SUMMARY_HEADER = ["STT", "Tên cơ quan", "Điểm tối đa", "Điểm đạt", "Tỷ lệ đạt", "Xếp loại"]


def body_paragraphs(document: DocxDocument) -> list[Paragraph]:
    return [paragraph for paragraph in document.paragraphs if paragraph.text.strip()]


def paragraph_with(document: DocxDocument, text: str) -> Paragraph:
    return next(paragraph for paragraph in document.paragraphs if text in paragraph.text)


def size_of(paragraph: Paragraph, document: DocxDocument) -> float:
    """The size every run of the paragraph is shown in: its own, else its style's, else Normal's."""
    style = paragraph.style.font.size if paragraph.style is not None else None
    normal = document.styles["Normal"].font.size
    sizes = {run.font.size or style or normal for run in paragraph.runs if run.text.strip()}
    assert len(sizes) == 1, sizes
    size = sizes.pop()
    assert size is not None
    return float(size.pt)


def cell_lines(cell_paragraphs: list[Paragraph]) -> list[str]:
    return [paragraph.text for paragraph in cell_paragraphs if paragraph.text]


def without_dash(lines: list[str]) -> list[str]:
    assert all(line.startswith("- ") for line in lines), lines
    return [line[2:] for line in lines]


def all_texts(document: DocxDocument) -> Iterator[str]:
    yield from (paragraph.text for paragraph in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            yield from (cell.text for cell in row.cells)


def only_table(document: DocxDocument) -> Table:
    assert len(document.tables) == 1
    return document.tables[0]


def test_the_page_is_a4_landscape_with_the_decree_margins(seed_docx: DocxDocument) -> None:
    section = seed_docx.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    top, bottom, left, right = (round(margin.mm, 1) for margin in margins if margin is not None)
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20


def test_the_font_is_times_new_roman_in_every_slot_and_no_run_overrides_it(seed_docx: DocxDocument) -> None:
    normal = seed_docx.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size is not None and 13 <= normal.font.size.pt <= 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(slot)) for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Times New Roman"}
    runs = [run for paragraph in seed_docx.paragraphs for run in paragraph.runs]
    runs += [run for row in only_table(seed_docx).rows for c in row.cells for p in c.paragraphs for run in p.runs]
    assert runs and all(run.font.name in (None, "Times New Roman") for run in runs)


def test_table_text_is_between_12_and_14_points(seed_docx: DocxDocument) -> None:
    table = only_table(seed_docx)
    paragraphs = [p for row in table.rows for cell in row.cells for p in cell.paragraphs if p.text]
    assert paragraphs and all(12 <= size_of(paragraph, seed_docx) <= 14 for paragraph in paragraphs)
    assert all(run.bold for cell in table.rows[0].cells for p in cell.paragraphs for run in p.runs)


def test_the_front_matter_follows_the_decree(seed_docx: DocxDocument, evaluation: Evaluation) -> None:
    publication = evaluation.publication
    assert publication.date is not None and publication.letter_date is not None
    first, title, attachment = body_paragraphs(seed_docx)[:3]
    assert first.text == place_date_line(publication.place, publication.date)
    assert first.runs[0].italic and 13 <= size_of(first, seed_docx) <= 14
    assert title.text == publication.title.upper()
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(run.bold for run in title.runs)
    assert 13 <= size_of(title, seed_docx) <= 14
    assert attachment.text == (
        f"(Kèm theo Công văn số {publication.letter_number} {admin_date(publication.letter_date)}"
        f" của {publication.issuer})"
    )
    assert attachment.runs[0].italic and attachment.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_every_cell_has_its_columns_width(seed_docx: DocxDocument, result: EvaluationResult) -> None:
    table = only_table(seed_docx)
    grid = [column.width for column in table.columns]
    assert len(set(grid)) > 2  # the columns differ: sentences get the room
    assert sum(width.mm for width in grid if width is not None) == pytest.approx(297 - 30 - 15, abs=1)
    for row in table.rows:
        assert [cell.width for cell in row.cells] == grid


def test_the_header_row_repeats_and_a_units_row_may_continue_on_the_next_page(seed_docx: DocxDocument) -> None:
    rows = only_table(seed_docx).rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
    assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:cantSplit")) is None for row in rows[1:])


def test_the_seed_table_is_the_cores_ranking_with_its_sentences(
    seed_docx: DocxDocument, result: EvaluationResult
) -> None:
    rows = only_table(seed_docx).rows
    assert [cell.text for cell in rows[0].cells] == SEED_HEADER
    assert len(rows) == 1 + len(result.units) == 21
    assert [unit.rank for unit in result.units] == sorted(unit.rank for unit in result.units)
    for position, (row, unit) in enumerate(zip(rows[1:], result.units, strict=True), start=1):
        cells = row.cells
        assert cells[0].text == str(position)
        assert cells[1].text == unit.unit.name
        assert without_dash(cell_lines(cells[2].paragraphs)) == unit.good
        assert without_dash(cell_lines(cells[3].paragraphs)) == unit.not_good
        assert cells[4].text == grade_cell(unit, result.evaluation.framework, "vi")
        assert cells[5].text == cells[6].text == ""


def test_reasons_and_notes_fill_their_columns(result: EvaluationResult) -> None:
    code = result.units[2].unit.code
    options = DocumentOptions(reasons={code: "Số liệu đã thẩm định"}, notes={code: "Đã\u0301 sửa"})
    row = only_table(open_docx(results_docx(result, options))).rows[3]
    assert (row.cells[5].text, row.cells[6].text) == (
        "Số liệu đã thẩm định",
        unicodedata.normalize("NFC", "Đã\u0301 sửa"),
    )


def test_the_footnote_names_the_decision_and_every_band(seed_docx: DocxDocument, evaluation: Evaluation) -> None:
    framework = evaluation.framework
    decision = framework.decision
    assert decision.date is not None
    note = paragraph_with(seed_docx, "Ghi chú:")
    assert f"Quyết định số {decision.number} ngày {short_date(decision.date)}" in note.text
    assert framework.title in note.text
    texts = [paragraph.text for paragraph in seed_docx.paragraphs]
    start = texts.index(next(text for text in texts if text.startswith("- Khung chấm điểm")))
    band_lines = texts[start + 1 : start + 1 + len(framework.grading.bands)]
    for band, line in zip(framework.grading.bands, band_lines, strict=True):
        assert line.startswith(f"{band.grade} ({band.label}): ")
        for bound in (band.lower, band.upper):
            if bound is not None:
                assert format_number(bound.value) in line
        assert line.endswith("điểm")
    assert "từ 160 đến dưới 180 điểm" in band_lines[1]


def test_the_signature_block_is_bold_and_in_the_decree_size(seed_docx: DocxDocument, evaluation: Evaluation) -> None:
    publication = evaluation.publication
    texts = [paragraph.text for paragraph in body_paragraphs(seed_docx)]
    assert texts[-2:] == [publication.signer_title, publication.signer_name]
    for paragraph in body_paragraphs(seed_docx)[-2:]:
        assert all(run.bold for run in paragraph.runs) and 13 <= size_of(paragraph, seed_docx) <= 14
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_page_numbers_are_a_centred_field_from_page_two(seed_docx: DocxDocument) -> None:
    section = seed_docx.sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.is_linked_to_previous
    assert "".join(p.text for p in section.first_page_header.paragraphs) == ""
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [element.text for element in header._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    kinds = [element.get(qn("w:fldCharType")) for element in header._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert all(run.font.size == Pt(13) for run in header.runs)


def test_every_text_is_nfc(seed_docx: DocxDocument) -> None:
    assert all(unicodedata.is_normalized("NFC", text) for text in all_texts(seed_docx))


def test_the_summary_layout_has_group_rows_and_restarts_numbering(
    summary_docx: DocxDocument, grouped_result: EvaluationResult
) -> None:
    rows = only_table(summary_docx).rows
    assert [cell.text for cell in rows[0].cells] == SUMMARY_HEADER
    framework = grouped_result.evaluation.framework
    expected: list[list[str]] = []
    for group, members in grouped_result.groups():
        expected.append([framework.group_name(group)] * len(SUMMARY_HEADER))  # a merged cell, read once per column
        for position, unit in enumerate(members, start=1):
            grade = unit.grade.grade if unit.grade else "?"
            percent = format_percent(unit.percent / 100, framework.rounding.percent_places)
            expected.append(
                [
                    str(position),
                    unit.unit.name,
                    format_number(unit.max_points),
                    format_number(unit.total),
                    percent,
                    grade,
                ]
            )
    assert [[cell.text for cell in row.cells] for row in rows[1:]] == expected
    numbers = [row.cells[0].text for row in rows[1:]]
    assert numbers.count("1") == 2 and len(grouped_result.groups()) == 2


def test_group_rows_are_one_merged_bold_cell(summary_docx: DocxDocument) -> None:
    group_row = only_table(summary_docx).rows[1]
    cells = group_row._tr.tc_lst
    assert len(cells) == 1 and cells[0].grid_span == len(SUMMARY_HEADER)
    assert all(run.bold for run in group_row.cells[0].paragraphs[0].runs)
    assert group_row.cells[0].paragraphs[0].paragraph_format.keep_with_next


@pytest.mark.parametrize("layout", ["seed", "summary"])
def test_one_group_means_no_group_rows(result: EvaluationResult, layout: str) -> None:
    table = only_table(open_docx(results_docx(result, DocumentOptions(layout=layout))))  # type: ignore[arg-type]
    assert len(table.rows) == 1 + len(result.units)
    assert all(len(row._tr.tc_lst) == len(table.columns) for row in table.rows)
