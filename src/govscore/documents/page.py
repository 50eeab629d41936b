"""Page geometry and type sizes of the results document, shared by the DOCX and PDF writers.

Nghị định 30/2020/NĐ-CP, Phụ lục I: A4; top and bottom margins 20–25 mm, left 30–35 mm, right
15–20 mm; Times New Roman; body 13–14 pt; place-and-date line, title, attachment line and the
signer's title and name 13–14 pt; page numbers 13–14 pt. A wide table goes on a landscape page.
The decree gives no size for the text inside a table; 12 pt, as attachments commonly use, keeps a
row of the seven-column layout to a few lines.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSetup:
    width_mm: float = 297.0
    height_mm: float = 210.0
    top_mm: float = 20.0
    bottom_mm: float = 20.0
    left_mm: float = 30.0
    right_mm: float = 15.0
    # Distance of the page-number header from the top edge: inside the top margin.
    header_mm: float = 10.0
    # Distance of the verification line's foot from the bottom edge: inside the bottom margin.
    footer_mm: float = 10.0

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm


@dataclass(frozen=True)
class TypeSizes:
    body: float = 13.0
    table: float = 12.0
    place_date: float = 14.0
    title: float = 14.0
    attachment: float = 14.0
    signature: float = 14.0
    page_number: float = 13.0
    # The verification mark is for checking, not reading: it stays out of the way of the text.
    footer: float = 10.0
    verification: float = 9.0


PAGE = PageSetup()
SIZES = TypeSizes()
# Times New Roman is named for Word; the PDF uses metric-compatible faces that have every
# Vietnamese letter (the first Liberation Serif release lacks most of them).
DOCX_FONT = "Times New Roman"
PDF_FONTS = ("Tinos", "Liberation Serif")
# Line pitch as a multiple of single spacing (the decree allows single to 1.5 lines).
LINE_SPACING = 1.15
# Single spacing of Times New Roman and its metric twins, in em: ascender 0.891 + descender 0.216
# + line gap 0.042, which is how Word sets a "single" line.
SINGLE_LINE_EM = 1.149
FONT_ASCENDER_EM = 0.891
FONT_DESCENDER_EM = 0.216
# Space after each paragraph inside a table cell (one sentence each), in points.
PARAGRAPH_GAP_PT = 3.0
# The signature block is centred over the right part of the page, as the decree draws it.
SIGNATURE_WIDTH_MM = 100.0
# Empty lines left for the handwritten signature and the seal.
SIGNATURE_SPACE_LINES = 4
# Width of the verification QR code, its quiet zone included: a phone reads its modules (about
# 0.5 mm for a verification URL) from a printed page without the code crowding the signature.
QR_WIDTH_MM = 24.0


# The covering letter (công văn): A4 portrait with the same margins; the decree's sizes per element.
LETTER_PAGE = PageSetup(width_mm=210.0, height_mm=297.0)


@dataclass(frozen=True)
class LetterSizes:
    agency: float = 13.0  # cơ quan chủ quản, cơ quan ban hành
    motto: float = 12.0  # quốc hiệu: the decree's 12–13 pt; at 12 it fits its half of the page on one line
    body: float = 14.0  # số, tiêu ngữ, địa danh và ngày, kính gửi, nội dung
    subject: float = 12.0  # trích yếu "V/v …"
    copies_heading: float = 12.0  # "Nơi nhận:"
    copies: float = 11.0


LETTER_SIZES = LetterSizes()
