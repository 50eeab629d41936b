"""The covering letter as PDF (Typst, embedded Tinos / Liberation Serif), the same content as the DOCX.

Like the results document's template, it holds no text of its own: every string comes from
`sys.inputs.data` and is shown as a string value, never read as markup.
"""

from __future__ import annotations

import json
from typing import Any

import typst

from govscore.documents.content import DRAFT_LINE, DRAFT_MARK
from govscore.documents.errors import DocumentError
from govscore.documents.fonts import pdf_fonts
from govscore.documents.letter import MOTTO, MOTTO_LINE, CoveringLetter
from govscore.documents.letter_docx import AGENCY_WIDTH_MM, BODY_INDENT_MM, LETTER_SIGNATURE_WIDTH_MM
from govscore.documents.page import LETTER_PAGE, LETTER_SIZES, PDF_FONTS, SIGNATURE_SPACE_LINES

TEMPLATE = r"""
#let data = json(bytes(sys.inputs.data))
#let sizes = data.sizes
#let mm(value) = value * 1mm
#let pt(value) = value * 1pt
#let lines(items) = stack(spacing: 0.4em, ..items.map(item => [#item]))
#let draft = data.draft
#set document(title: data.title, author: data.author)
#set page(
  width: mm(data.page.width), height: mm(data.page.height),
  margin: (top: mm(data.page.top), bottom: mm(data.page.bottom), left: mm(data.page.left), right: mm(data.page.right)),
  footer: if draft != none { align(center, text(size: 10pt, weight: "bold", draft.line)) },
  background: if draft != none {
    place(center + horizon, rotate(-45deg, text(size: 96pt, fill: luma(225), weight: "bold", draft.mark)))
  },
)
#set text(
  font: data.fonts, size: pt(sizes.body), lang: "vi", hyphenate: false,
  top-edge: "ascender", bottom-edge: "descender",
)
#set par(leading: 0.5em, spacing: 0.6em)

#grid(
  columns: (mm(data.agency_width), 1fr),
  align(center, {
    text(size: pt(sizes.agency), lines(data.parents))
    text(size: pt(sizes.agency), weight: "bold", data.issuer)
    v(6pt)
    data.number
    linebreak()
    text(size: pt(sizes.subject), lines(data.subject_lines))
  }),
  align(center, {
    text(size: pt(sizes.motto), weight: "bold", data.motto)
    linebreak()
    underline(text(weight: "bold", data.motto_line))
    v(6pt)
    emph(data.place_date)
  }),
)
#v(12pt)
#if data.recipients.len() == 1 {
  align(center, "Kính gửi: " + data.recipients.first())
} else {
  align(center, "Kính gửi:")
  pad(left: 40%, lines(data.recipients))
}
#v(12pt)
#set par(justify: true, first-line-indent: (amount: mm(data.indent), all: true))
#for paragraph in data.paragraphs [#paragraph #parbreak()]
#set par(first-line-indent: 0pt)
#v(12pt)
#block(breakable: false, grid(
  columns: (1fr, mm(data.signature_width)),
  {
    text(size: pt(sizes.copies_heading), weight: "bold", style: "italic", "Nơi nhận:")
    linebreak()
    text(size: pt(sizes.copies), lines(data.copies_to))
  },
  align(center, {
    set text(weight: "bold")
    lines(data.signature_title)
    v(pt(sizes.body) * 1.2 * data.signature_space)
    data.signature_name
  }),
))
"""


def letter_data(letter: CoveringLetter) -> dict[str, Any]:
    *parents, issuer = letter.agency_lines
    page = LETTER_PAGE
    return {
        "page": {
            "width": page.width_mm,
            "height": page.height_mm,
            "top": page.top_mm,
            "bottom": page.bottom_mm,
            "left": page.left_mm,
            "right": page.right_mm,
        },
        "sizes": vars(LETTER_SIZES),
        "fonts": list(PDF_FONTS),
        "title": " ".join(letter.subject_lines),
        "author": letter.author,
        "agency_width": AGENCY_WIDTH_MM,
        "indent": BODY_INDENT_MM,
        "parents": parents,
        "issuer": issuer,
        "number": letter.number,
        "subject_lines": list(letter.subject_lines),
        "motto": MOTTO,
        "motto_line": MOTTO_LINE,
        "place_date": letter.place_date,
        "recipients": list(letter.recipients),
        "paragraphs": list(letter.paragraphs),
        "copies_to": list(letter.copies_to),
        "signature_width": LETTER_SIGNATURE_WIDTH_MM,
        "signature_space": SIGNATURE_SPACE_LINES,
        "signature_title": list(letter.signature.title_lines),
        "signature_name": letter.signature.name,
        "draft": {"mark": DRAFT_MARK, "line": DRAFT_LINE} if letter.draft else None,
    }


def render_letter_pdf(letter: CoveringLetter) -> bytes:
    data = json.dumps(letter_data(letter), ensure_ascii=False)
    try:
        return typst.compile(
            TEMPLATE.encode(), font_paths=pdf_fonts(), ignore_system_fonts=True, sys_inputs={"data": data}
        )
    except typst.TypstError as error:
        raise DocumentError(f"Không tạo được tệp PDF: {error}", f"The PDF could not be made: {error}") from error
