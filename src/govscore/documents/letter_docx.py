"""The covering letter as a Word file: A4 portrait, Nghị định 30/2020/NĐ-CP, Phụ lục I."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import _Cell

from govscore.documents import docx_xml
from govscore.documents.docx_writer import add_paragraph, draft_header, setup_styles, signature_block
from govscore.documents.letter import MOTTO, MOTTO_LINE, CoveringLetter
from govscore.documents.page import LETTER_PAGE, LETTER_SIZES

# The agency's column at the top-left, the motto's on the right, as the decree draws them.
AGENCY_WIDTH_MM = 68.0
BODY_INDENT_MM = 10.0
# The signer's block on the right of a portrait page, "Nơi nhận" on its left.
LETTER_SIGNATURE_WIDTH_MM = 80.0


def render_letter_docx(letter: CoveringLetter) -> bytes:
    word = Document()
    setup_styles(word)
    _setup_page(word)
    _heading(word, letter)
    _recipients(word, letter.recipients)
    for text in letter.paragraphs:
        paragraph = add_paragraph(word, text, size=LETTER_SIZES.body, after=6)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(BODY_INDENT_MM)
    _closing(word, letter)
    word.core_properties.title = " ".join(letter.subject_lines)
    word.core_properties.author = letter.author
    if letter.draft:
        draft_header(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _setup_page(word: DocxDocument) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(LETTER_PAGE.width_mm), Mm(LETTER_PAGE.height_mm)
    section.top_margin, section.bottom_margin = Mm(LETTER_PAGE.top_mm), Mm(LETTER_PAGE.bottom_mm)
    section.left_margin, section.right_margin = Mm(LETTER_PAGE.left_mm), Mm(LETTER_PAGE.right_mm)
    section.different_first_page_header_footer = True


def _two_columns(word: DocxDocument, left_mm: float) -> tuple[_Cell, _Cell]:
    """A borderless one-row table: how Word keeps two blocks side by side without floating either."""
    table = word.add_table(rows=1, cols=2)
    table.autofit = False
    row = table.rows[0]
    docx_xml.keep_row_on_one_page(row)
    widths = (Mm(left_mm), Mm(LETTER_PAGE.text_width_mm - left_mm))
    for column, cell, width in zip(table.columns, row.cells, widths, strict=True):
        column.width = cell.width = width
    left, right = row.cells
    return left, right


def _heading(word: DocxDocument, letter: CoveringLetter) -> None:
    agency, motto = _two_columns(word, AGENCY_WIDTH_MM)
    *parents, issuer = letter.agency_lines
    for line in parents:
        add_paragraph(agency, line, size=LETTER_SIZES.agency, align="center")
    add_paragraph(agency, issuer, size=LETTER_SIZES.agency, align="center", bold=True, after=6)
    add_paragraph(agency, letter.number, size=LETTER_SIZES.body, align="center")
    for line in letter.subject_lines:
        add_paragraph(agency, line, size=LETTER_SIZES.subject, align="center")
    add_paragraph(motto, MOTTO, size=LETTER_SIZES.motto, align="center", bold=True)
    underlined = add_paragraph(motto, MOTTO_LINE, size=LETTER_SIZES.body, align="center", bold=True, after=6)
    underlined.runs[0].underline = True
    add_paragraph(motto, letter.place_date, size=LETTER_SIZES.body, align="center", italic=True)


def _recipients(word: DocxDocument, recipients: tuple[str, ...]) -> None:
    if len(recipients) == 1:
        add_paragraph(word, f"Kính gửi: {recipients[0]}", size=LETTER_SIZES.body, align="center", after=12)
        return
    first = add_paragraph(word, "Kính gửi:", size=LETTER_SIZES.body, align="center")
    first.paragraph_format.space_before = Pt(12)
    for index, line in enumerate(recipients):
        paragraph = add_paragraph(word, line, size=LETTER_SIZES.body, after=12 if index == len(recipients) - 1 else 0)
        paragraph.paragraph_format.left_indent = Mm(LETTER_PAGE.text_width_mm / 2 - 20)


def _closing(word: DocxDocument, letter: CoveringLetter) -> None:
    copies, signature = _two_columns(word, LETTER_PAGE.text_width_mm - LETTER_SIGNATURE_WIDTH_MM)
    add_paragraph(
        copies, "Nơi nhận:", size=LETTER_SIZES.copies_heading, bold=True, italic=True
    ).paragraph_format.space_before = Pt(12)
    for line in letter.copies_to:
        add_paragraph(copies, line, size=LETTER_SIZES.copies)
    signature_block(signature, letter.signature, indent=None)
