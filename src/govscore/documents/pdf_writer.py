"""The results document as PDF, compiled by Typst with embedded Tinos / Liberation Serif fonts."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import typst

from govscore.documents.content import DRAFT_LINE, DRAFT_MARK, GroupRow, ResultsDocument, Verification
from govscore.documents.errors import DocumentError
from govscore.documents.fonts import pdf_fonts
from govscore.documents.page import (
    FONT_ASCENDER_EM,
    FONT_DESCENDER_EM,
    LINE_SPACING,
    PAGE,
    PARAGRAPH_GAP_PT,
    PDF_FONTS,
    QR_WIDTH_MM,
    SIGNATURE_SPACE_LINES,
    SIGNATURE_WIDTH_MM,
    SINGLE_LINE_EM,
    SIZES,
)
from govscore.documents.qr import qr_png
from govscore.documents.typst_template import TEMPLATE

# Typst's leading is the gap between one line's descender and the next one's ascender.
LEADING_EM = LINE_SPACING * SINGLE_LINE_EM - FONT_ASCENDER_EM - FONT_DESCENDER_EM


def typst_data(document: ResultsDocument) -> dict[str, Any]:
    """Everything the template shows, as JSON-ready values."""
    rows: list[dict[str, Any]] = [
        {"group": row.title} if isinstance(row, GroupRow) else {"cells": [list(cell.lines) for cell in row.cells]}
        for row in document.table.rows
    ]
    return {
        "page": {
            "width": PAGE.width_mm,
            "height": PAGE.height_mm,
            "top": PAGE.top_mm,
            "bottom": PAGE.bottom_mm,
            "left": PAGE.left_mm,
            "right": PAGE.right_mm,
            "header": PAGE.header_mm,
            "footer": PAGE.footer_mm,
        },
        "sizes": asdict(SIZES),
        "fonts": list(PDF_FONTS),
        "line_gap": PARAGRAPH_GAP_PT,
        "leading_em": LEADING_EM,
        "signature_width": SIGNATURE_WIDTH_MM,
        "signature_space": SIGNATURE_SPACE_LINES,
        "title": " ".join(document.title_lines),
        "author": document.author,
        "place_date": document.place_date,
        "title_lines": list(document.title_lines),
        "attachment": document.attachment,
        "table": {
            "columns": [asdict(column) for column in document.table.columns],
            "rows": rows,
        },
        "footnote": asdict(document.footnote),
        "signature": {"title_lines": list(document.signature.title_lines), "name": document.signature.name},
        "verification": _verification_data(document.verification),
        "draft": {"mark": DRAFT_MARK, "line": DRAFT_LINE} if document.draft else None,
    }


def _verification_data(verification: Verification | None) -> dict[str, Any] | None:
    if verification is None:
        return None
    return {
        "footer": verification.footer_line,
        "hash_label": verification.hash_label,
        "content_hash": verification.content_hash,
        "keywords": verification.keywords,
        "alt": f"Mã QR: {verification.url}",
        # sys.inputs carries strings only; Typst's bytes() turns the list of byte values back into the PNG.
        "qr_png": list(qr_png(verification.url)),
        "qr_width": QR_WIDTH_MM,
    }


def render_pdf(document: ResultsDocument) -> bytes:
    data = json.dumps(typst_data(document), ensure_ascii=False)
    try:
        pdf = typst.compile(
            TEMPLATE.encode(), font_paths=pdf_fonts(), ignore_system_fonts=True, sys_inputs={"data": data}
        )
    except typst.TypstError as error:
        raise DocumentError(f"Không tạo được tệp PDF: {error}", f"The PDF could not be made: {error}") from error
    return pdf
