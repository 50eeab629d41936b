"""The results document as a Word file (python-docx), laid out per Nghị định 30/2020/NĐ-CP."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Mm, Pt
from docx.table import Table as WordTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

from govscore.documents import docx_xml
from govscore.documents.content import (
    DRAFT_LINE,
    Align,
    Cell,
    Footnote,
    GroupRow,
    ResultsDocument,
    Signature,
    Table,
    Verification,
)
from govscore.documents.page import (
    DOCX_FONT,
    LINE_SPACING,
    PAGE,
    PARAGRAPH_GAP_PT,
    QR_WIDTH_MM,
    SIGNATURE_SPACE_LINES,
    SIGNATURE_WIDTH_MM,
    SIZES,
)
from govscore.documents.qr import qr_png

TABLE_STYLE = "Table Text"
TABLE_STYLE_ID = "TableText"
# Where paragraphs go: the body, or a cell of the verified signature row.
Container = DocxDocument | _Cell
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def render_docx(document: ResultsDocument) -> bytes:
    word = Document()
    setup_styles(word)
    _setup_page(word)
    _front_matter(word, document)
    _table(word, document.table)
    _footnote(word, document.footnote)
    verification = document.verification
    if verification is None:
        signature_block(word, document.signature, indent=Mm(PAGE.text_width_mm - SIGNATURE_WIDTH_MM))
    else:
        _signature_with_verification(word, document.signature, verification)
    word.core_properties.title = " ".join(document.title_lines)
    word.core_properties.author = document.author
    if verification is not None:
        _verification_footer(word, verification)
        word.core_properties.identifier = verification.content_hash
        word.core_properties.keywords = verification.keywords
    if document.draft:
        draft_header(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def setup_styles(word: DocxDocument) -> None:
    normal = word.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(SIZES.body)
    rpr = normal.element.get_or_add_rPr()
    docx_xml.set_fonts(rpr, DOCX_FONT)
    docx_xml.set_language(rpr, "vi-VN")
    paragraph = normal.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(0)
    paragraph.line_spacing = LINE_SPACING
    # Table paragraphs get their size and spacing from one style rather than from every run: a
    # province's table has tens of thousands of them, and Word users restyle the table in one place.
    table_text = word.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.style_id = TABLE_STYLE_ID
    table_text.base_style = normal
    table_text.font.size = Pt(SIZES.table)
    table_text.paragraph_format.space_after = Pt(PARAGRAPH_GAP_PT)


def _setup_page(word: DocxDocument) -> None:
    section = word.sections[0]
    # Orientation alone does not turn the page: Word reads the width and height.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE.width_mm), Mm(PAGE.height_mm)
    section.top_margin, section.bottom_margin = Mm(PAGE.top_mm), Mm(PAGE.bottom_mm)
    section.left_margin, section.right_margin = Mm(PAGE.left_mm), Mm(PAGE.right_mm)
    section.header_distance = Mm(PAGE.header_mm)
    # Page numbers from page 2 on: page 1 gets its own, empty, header.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_xml.add_page_field(number)
    for run in number.runs:
        run.font.size = Pt(SIZES.page_number)


def _new_paragraph(container: Container) -> Paragraph:
    # A new table cell already holds one empty paragraph: the cell's first line goes there.
    if isinstance(container, _Cell):
        paragraphs: list[Paragraph] = container.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].runs:
            return paragraphs[0]
    paragraph: Paragraph = container.add_paragraph()
    return paragraph


def add_paragraph(
    container: Container,
    text: str,
    *,
    size: float,
    align: Align = "left",
    bold: bool = False,
    italic: bool = False,
    after: float = 0,
) -> Paragraph:
    paragraph = _new_paragraph(container)
    paragraph.alignment = ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return paragraph


def _front_matter(word: DocxDocument, document: ResultsDocument) -> None:
    add_paragraph(word, document.place_date, size=SIZES.place_date, align="right", italic=True, after=12)
    for line in document.title_lines:
        add_paragraph(word, line, size=SIZES.title, align="center", bold=True)
    add_paragraph(word, document.attachment, size=SIZES.attachment, align="center", italic=True, after=12)


def _table(word: DocxDocument, content: Table) -> None:
    columns = content.columns
    table = word.add_table(rows=1, cols=len(columns))
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for grid_column, column in zip(table.columns, columns, strict=True):
        grid_column.width = Mm(column.width_mm)
    header = table.rows[0]
    docx_xml.repeat_as_header(header)
    docx_xml.keep_row_on_one_page(header)
    for cell, column in zip(header.cells, columns, strict=True):
        # add_table gave the first row equal widths; later rows copy the grid set above.
        cell.width = Mm(column.width_mm)
        _fill(cell, Cell((column.title,)), "center", bold=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for row in content.rows:
        if isinstance(row, GroupRow):
            _group_row(table, row)
        else:
            # A unit's row may continue on the next page under the repeated header: keeping long
            # sentences whole left most pages half empty.
            cells = table.add_row().cells
            for cell, text, column in zip(cells, row.cells, columns, strict=True):
                _fill(cell, text, column.align)


def _add_row(table: WordTable) -> tuple[_Cell, ...]:
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]
    docx_xml.keep_row_on_one_page(row)
    return row.cells


def _group_row(table: WordTable, row: GroupRow) -> None:
    cells = _add_row(table)  # one line: kept whole
    merged = cells[0].merge(cells[-1])
    _fill(merged, Cell((row.title,)), "left", bold=True)
    # Word keeps a row whose paragraphs are "keep with next" on the page of the row below it,
    # so a group's name never ends a page alone.
    for paragraph in merged.paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def _fill(cell: _Cell, content: Cell, align: Align, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(content.lines):
        if index:
            paragraph = cell.add_paragraph()
        docx_xml.set_style_id(paragraph, TABLE_STYLE_ID)
        if align != "left":
            paragraph.alignment = ALIGN[align]
        run = paragraph.add_run(line)
        if bold:
            run.bold = True


def _footnote(word: DocxDocument, note: Footnote) -> None:
    paragraph = word.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    label = paragraph.add_run(note.label + " ")
    label.bold = label.italic = True
    paragraph.add_run(note.decision)
    if note.bands_heading:
        add_paragraph(word, note.bands_heading, size=SIZES.body, after=3)
    for line in note.bands:
        indented = add_paragraph(word, line, size=SIZES.body, after=3)
        indented.paragraph_format.left_indent = Mm(10)


def signature_block(container: Container, signature: Signature, *, indent: Length | None) -> None:
    lines = [*signature.title_lines, *([""] * SIGNATURE_SPACE_LINES), signature.name]
    for index, line in enumerate(lines):
        paragraph = add_paragraph(container, line, size=SIZES.signature, align="center", bold=True)
        if indent is not None:
            paragraph.paragraph_format.left_indent = indent
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(12)
        # The title, the space for the signature and the name stay on one page.
        paragraph.paragraph_format.keep_with_next = index < len(lines) - 1


def _signature_with_verification(word: DocxDocument, signature: Signature, verification: Verification) -> None:
    """The signature on the right as always, the QR code and the hash on its left, level with the
    signer's name, where a letter lists its recipients: the pages break where they do without them.
    A borderless one-row table is how Word keeps the two side by side without floating either."""
    table = word.add_table(rows=1, cols=2)
    table.autofit = False
    row = table.rows[0]
    docx_xml.keep_row_on_one_page(row)
    widths = (Mm(PAGE.text_width_mm - SIGNATURE_WIDTH_MM), Mm(SIGNATURE_WIDTH_MM))
    for grid_column, cell, width in zip(table.columns, row.cells, widths, strict=True):
        grid_column.width = cell.width = width
    mark_cell, signature_cell = row.cells
    signature_block(signature_cell, signature, indent=None)
    mark_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    code = _new_paragraph(mark_cell)
    code.paragraph_format.space_after = Pt(4)
    picture = code.add_run().add_picture(io.BytesIO(qr_png(verification.url)), width=Mm(QR_WIDTH_MM))
    # What a screen reader says for the picture.
    picture._inline.docPr.set("descr", f"Mã QR: {verification.url}")
    for line in (verification.hash_label, verification.content_hash):
        add_paragraph(mark_cell, line, size=SIZES.verification)


def draft_header(word: DocxDocument) -> None:
    """A preview says so at the top of every page, page 1 (which has a header of its own) included."""
    section = word.sections[0]
    for header in (section.first_page_header, section.header):
        paragraph = header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(DRAFT_LINE)
        run.bold = True
        run.font.size = Pt(SIZES.footer)


def _verification_footer(word: DocxDocument, verification: Verification) -> None:
    section = word.sections[0]
    section.footer_distance = Mm(PAGE.footer_mm)
    # Page 1 has a header and footer of its own (no page number there), so the line goes in both.
    for footer in (section.first_page_footer, section.footer):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(verification.footer_line).font.size = Pt(SIZES.footer)
