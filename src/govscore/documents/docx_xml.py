"""The WordprocessingML python-docx has no API for: repeated header rows, unsplittable rows,
page-number fields, every font slot, and the document language."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import _Row
from docx.text.paragraph import Paragraph


def _flag(parent: BaseOxmlElement, tag: str) -> None:
    if parent.find(qn(tag)) is None:
        parent.append(OxmlElement(tag))


def repeat_as_header(row: _Row) -> None:
    """Word repeats this row at the top of every page the table runs onto."""
    _flag(row._tr.get_or_add_trPr(), "w:tblHeader")


def keep_row_on_one_page(row: _Row) -> None:
    """The row moves whole to the next page rather than breaking across two (headers, group names)."""
    _flag(row._tr.get_or_add_trPr(), "w:cantSplit")


def set_style_id(paragraph: Paragraph, style_id: str) -> None:
    """`paragraph.style = name` looks the name up among all styles each time; the id is enough."""
    paragraph._p.style = style_id


def set_fonts(rpr: BaseOxmlElement, name: str) -> None:
    """Name the font in every slot: Word picks the East Asian or complex-script slot for some
    characters, and would fall back to another face for them."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def set_language(rpr: BaseOxmlElement, tag: str) -> None:
    """The proofing language, so Word checks the spelling as Vietnamese."""
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def _field_char(kind: str) -> BaseOxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def add_page_field(paragraph: Paragraph) -> None:
    """A PAGE field: Word computes the number; the "1" is only the value shown before it does."""
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    cached = OxmlElement("w:t")
    cached.text = "1"
    # One run per part, the way Word itself writes a complex field.
    for element in (_field_char("begin"), instruction, _field_char("separate"), cached, _field_char("end")):
        paragraph.add_run()._r.append(element)
