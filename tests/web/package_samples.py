"""Office documents that must not be stored, and ones that must, built from real documents the libraries
write: macros, links Office follows on opening, embedded programs, foreign members, a ZIP bomb."""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Mapping

import docx
from docx.opc.constants import RELATIONSHIP_TYPE

from . import samples

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
# The start of every OLE compound file (what vbaProject.bin and embedded objects are).
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
EXECUTABLE = b"MZ\x90\x00\x03" + b"\x00" * 200


def repacked(data: bytes, add: Mapping[str, bytes]) -> bytes:
    """The package with members added or replaced (a replaced member keeps its place)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, add.get(info.filename, source.read(info)))
        for name, content in add.items():
            if name not in source.namelist():
                target.writestr(name, content)
    return buffer.getvalue()


def relationships(*entries: tuple[str, str, str]) -> bytes:
    """A .rels part of (id, type, target) relationships, all of them to targets outside the package."""
    rows = "".join(
        f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}" TargetMode="External"/>'
        for rid, kind, target in entries
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{RELS}">{rows}</Relationships>'.encode()


def with_relationship(data: bytes, part: str, kind: str, target: str) -> bytes:
    """The package with one more external relationship in the existing .rels `part`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        existing = archive.read(part).decode()
    row = f'<Relationship Id="rId99" Type="{REL}/{kind}" Target="{target}" TargetMode="External"/>'
    return repacked(data, {part: existing.replace("</Relationships>", row + "</Relationships>").encode()})


def docx_with_hyperlink() -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph("Cổng thông tin: ")
    rid = document.part.relate_to("https://dongnai.gov.vn/", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(paragraph._p.makeelement(docx.oxml.ns.qn("w:hyperlink"), {docx.oxml.ns.qn("r:id"): rid}))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_with_picture() -> bytes:
    document = docx.Document()
    document.add_picture(io.BytesIO(samples.png()))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def macro_docx() -> bytes:
    return repacked(samples.docx_bytes(), {"word/vbaProject.bin": OLE})


def macro_xlsx() -> bytes:
    return repacked(samples.xlsx_bytes(), {"xl/vbaProject.bin": OLE})


def external_template_docx() -> bytes:
    """Remote template injection: Word fetches (and runs the macros of) the template when it opens."""
    return repacked(
        samples.docx_bytes(),
        {"word/_rels/settings.xml.rels": relationships(("rId1", "attachedTemplate", "http://mau.example/bc.dotm"))},
    )


def external_object_docx() -> bytes:
    return with_relationship(
        samples.docx_bytes(), "word/_rels/document.xml.rels", "oleObject", "\\\\may-chu\\chia-se\\bang.xlsx"
    )


def external_link_xlsx() -> bytes:
    """A formula reading another workbook: Excel opens the link target to update it."""
    return repacked(
        samples.xlsx_bytes(),
        {
            "xl/externalLinks/externalLink1.xml": b'<externalLink xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"/>',
            "xl/externalLinks/_rels/externalLink1.xml.rels": relationships(
                ("rId1", "externalLinkPath", "http://may-chu.example/so-lieu.xlsx")
            ),
        },
    )


def ole_object_docx() -> bytes:
    return repacked(samples.docx_bytes(), {"word/embeddings/oleObject1.bin": OLE})


def executable_zip() -> bytes:
    """What the probe sent: a ZIP holding a program beside an empty `word/document.xml`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", b"")
        archive.writestr("setup.exe", EXECUTABLE)
    return buffer.getvalue()


def executable_in_docx() -> bytes:
    return repacked(samples.docx_bytes(), {"word/media/setup.exe": EXECUTABLE})


def empty_main_docx() -> bytes:
    return repacked(samples.docx_bytes(), {"word/document.xml": b""})


def docx_with_chart_workbook(workbook: bytes) -> bytes:
    """A chart's data travels as an embedded workbook: allowed, and held to the same rules."""
    return repacked(samples.docx_bytes(), {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": workbook})


@functools.cache
def zip_bomb(megabytes: int = 300) -> bytes:
    """A real workbook with a 'picture' of `megabytes` MB of zeros: about a megabyte packed."""
    buffer = io.BytesIO(samples.xlsx_bytes())
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/media/image1.png", "w") as member,
    ):
        for _ in range(megabytes):
            member.write(bytes(1024 * 1024))
    return buffer.getvalue()


def many_members(count: int = 10_001, name_length: int = 0) -> bytes:
    """A document whose ZIP directory lists `count` more (empty) members: opening it costs per entry."""
    buffer = io.BytesIO(samples.docx_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        for number in range(count):
            archive.writestr(f"word/p{number:0{name_length}}.xml", b"")
    return buffer.getvalue()


def understated_directory() -> bytes:
    """Fewer members than the limit but a directory of 1.3 MB (long names), and an end record that
    declares one: zipfile reads the whole directory whatever the record says."""
    data = bytearray(many_members(8_000, name_length=120))
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = (1).to_bytes(2, "little") * 2  # entries on this disk, entries in all
    return bytes(data)


def macro_odt() -> bytes:
    return samples.odt_bytes(extra={"Basic/Standard/Module1.xml": b"<script:module/>"})


def linked_odt() -> bytes:
    """A section whose text LibreOffice reads from another server when the document opens."""
    section = (
        '<text:section text:name="S1"><text:section-source xlink:href="http://may-chu.example/phan.odt"/>'
        "</text:section>"
    )
    return samples.odt_bytes(section)


def odt_with_hyperlink() -> bytes:
    return samples.odt_bytes('<text:p><text:a xlink:href="https://dongnai.gov.vn/">Cổng</text:a></text:p>')
