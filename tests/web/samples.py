"""Small but real files of every allowed upload type, built by the libraries that write them."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping

import docx
import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def jpeg() -> bytes:
    # A JFIF header is what identifies JPEG content; the image data itself is never decoded.
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Quyết định ban hành quy chế sử dụng thư điện tử")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Đơn vị", "Số hộp thư"])  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODF_NAMESPACES = (
    f'xmlns:office="{ODF_OFFICE}" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
    'office:version="1.3"'
)
ODF_TEXT = "<text:p>Báo cáo tháng 3</text:p>"


def odt_bytes(body: str = ODF_TEXT, extra: Mapping[str, bytes] | None = None) -> bytes:
    """An OpenDocument text with the members LibreOffice writes (`body` goes into <office:text>)."""
    content = f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NAMESPACES}>'
    content += f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    members = {
        "content.xml": content.encode(),
        "styles.xml": f"<office:document-styles {ODF_NAMESPACES}/>".encode(),
        "meta.xml": f"<office:document-meta {ODF_NAMESPACES}/>".encode(),
        "settings.xml": f"<office:document-settings {ODF_NAMESPACES}/>".encode(),
        "manifest.rdf": b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
        "Configurations2/accelerator/current.xml": b"",
        "Thumbnails/thumbnail.png": png(),
        "META-INF/manifest.xml": manifest.encode(),
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr(zipfile.ZipInfo("Configurations2/"), b"")
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải văn bản Office")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def pdf_upload(name: str = "minh-chung.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)
