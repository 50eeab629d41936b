"""The Typst program that lays out the results document.

It holds no text of its own: every string comes from `sys.inputs.data` (JSON) and is shown as a
string value, which Typst never reads as markup, so no unit name can inject formatting or code.
"""

from __future__ import annotations

TEMPLATE = r"""
#let data = json(bytes(sys.inputs.data))
#let geometry = data.page
#let sizes = data.sizes
#let mm(value) = value * 1mm
#let pt(value) = value * 1pt
#let aligned(name) = if name == "center" { center } else if name == "right" { right } else { left }
#let lines(items) = stack(spacing: pt(data.line_gap), ..items.map(item => [#item]))
#let verification = data.verification
#let draft = data.draft

#set document(title: data.title, author: data.author)
#set document(keywords: (verification.keywords,)) if verification != none
#set page(
  width: mm(geometry.width),
  height: mm(geometry.height),
  margin: (top: mm(geometry.top), bottom: mm(geometry.bottom), left: mm(geometry.left), right: mm(geometry.right)),
  header-ascent: mm(geometry.top - geometry.header) - pt(sizes.page_number),
  header: context {
    let number = counter(page).get().first()
    if number > 1 { align(center, text(size: pt(sizes.page_number), str(number))) }
  },
  footer-descent: mm(geometry.bottom - geometry.footer) - pt(sizes.footer),
  footer: if verification != none { align(center, text(size: pt(sizes.footer), verification.footer)) }
    else if draft != none { align(center, text(size: pt(sizes.footer), weight: "bold", draft.line)) },
  // Grey letters behind the text, still legible on a black-and-white printout.
  background: if draft != none {
    place(center + horizon, rotate(-30deg, text(size: 96pt, fill: luma(225), weight: "bold", draft.mark)))
  },
)
// Line boxes from the font's ascender to its descender, as Word measures single spacing: the
// stacked marks of Vietnamese (ế, Ở) then never touch the line above.
#set text(
  font: data.fonts, size: pt(sizes.body), lang: "vi", hyphenate: false,
  top-edge: "ascender", bottom-edge: "descender",
)
#set par(leading: data.leading_em * 1em, spacing: pt(data.line_gap) * 2)
#set table.cell(breakable: true)  // a long row continues on the next page under the repeated header

#align(right, text(size: pt(sizes.place_date), style: "italic", data.place_date))
#v(12pt)
#align(center, text(size: pt(sizes.title), weight: "bold", lines(data.title_lines)))
#align(center, text(size: pt(sizes.attachment), style: "italic", data.attachment))
#v(12pt)

#let columns = data.table.columns
#let unit-row(row) = row.cells.map(cell => lines(cell))
#let group-row(row) = (table.cell(colspan: columns.len(), align: left, strong(row.group)),)
#text(size: pt(sizes.table), table(
  columns: columns.map(column => mm(column.width_mm)),
  align: columns.map(column => aligned(column.align) + top),
  inset: (x: 4pt, y: 4pt),
  table.header(..columns.map(column => table.cell(align: center + horizon, strong(column.title)))),
  ..data.table.rows.map(row => if "group" in row { group-row(row) } else { unit-row(row) }).flatten(),
))

#v(12pt)
#par(justify: true)[#strong(emph(data.footnote.label)) #data.footnote.decision]
#data.footnote.bands_heading
#pad(left: 10mm, lines(data.footnote.bands))

#let signature-block = block(width: mm(data.signature_width), align(center, {
  set text(size: pt(sizes.signature), weight: "bold")
  lines(data.signature.title_lines)
  v(pt(sizes.signature) * 1.2 * data.signature_space)
  data.signature.name
}))

#v(12pt)
#block(breakable: false, width: 100%, if verification == none {
  align(right, signature-block)
} else {
  // The QR code and the hash go left of the signature, level with the signer's name, where a letter
  // lists its recipients: the page keeps the layout it has without them.
  let mark = stack(
    spacing: 4pt,
    image(
      bytes(verification.qr_png), format: "png", width: mm(verification.qr_width), scaling: "pixelated",
      alt: verification.alt,
    ),
    text(size: pt(sizes.verification), lines((verification.hash_label, verification.content_hash))),
  )
  grid(columns: (1fr, mm(data.signature_width)), align: (left + bottom, left + top), mark, signature-block)
})
"""
