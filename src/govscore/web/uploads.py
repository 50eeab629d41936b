"""Uploaded files: the type is read from the content, never from the name; the size is limited;
files are stored under generated names and served only by views that check the reader's rights.

A report attachment or an evidence file decides an agency's points, and it is opened by staff on
their own machines: an executable renamed `bao-cao.pdf` must not get in, and a stored file's name
must not let anyone guess another unit's documents.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

import filetype
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext, gettext_lazy

from govscore.scoring.vietnamese import format_number, nfc
from govscore.web.i18n import current_language

# How much of a file the signature sniffer reads; the ZIP-based formats are opened as archives instead.
HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    extension: str
    mime: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX")
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", "ODT")
PNG = FileKind("png", "image/png", "PNG")
JPEG = FileKind("jpg", "image/jpeg", "JPEG")
ALLOWED_KINDS = (PDF, DOCX, XLSX, ODT, PNG, JPEG)
BY_MIME = {kind.mime: kind for kind in ALLOWED_KINDS}
# Office files are ZIP archives: the member that only that format has says which one it is.
ZIP_MEMBERS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}


def allowed_labels() -> str:
    return ", ".join(kind.label for kind in ALLOWED_KINDS)


def max_upload_bytes() -> int:
    return int(settings.GOVSCORE_UPLOAD_MAX_BYTES)


def sniff(file: IO[bytes]) -> FileKind | None:
    """The allowed kind the content shows, or None. Leaves the file positioned at its start."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(file)
    guess = filetype.guess(head)
    kind = BY_MIME.get(guess.mime) if guess is not None else None
    return kind if kind in (PDF, PNG, JPEG) else None


def _zip_kind(file: IO[bytes]) -> FileKind | None:
    # filetype only looks at the first few KB of an archive; opening it also rejects a truncated file.
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.mime.encode():
                return ODT
            for member, kind in ZIP_MEMBERS.items():
                if member in names:
                    return kind
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        # zipfile raises NotImplementedError for an unknown method or version, RuntimeError when encrypted.
        return None
    finally:
        file.seek(0)
    return None


def upload_problems(file: UploadedFile) -> list[str]:
    """What is wrong with an uploaded file, in the user's language; empty when it may be stored."""
    return _checked(file)[1]


def _checked(file: UploadedFile) -> tuple[FileKind | None, list[str]]:
    """The file's kind by content, and what is wrong with it (its size, or a kind not allowed)."""
    limit = max_upload_bytes()
    if file.size is not None and file.size > limit:
        return None, [
            gettext("Tệp “%(name)s” quá lớn (%(size)s); giới hạn là %(limit)s.")
            % {"name": file.name, "size": file_size(file.size), "limit": file_size(limit)}
        ]
    kind = sniff(file)
    if kind is None:
        return None, [
            gettext("Tệp “%(name)s” không phải là tệp %(kinds)s (kiểm tra theo nội dung tệp, không theo tên).")
            % {"name": file.name, "kinds": allowed_labels()}
        ]
    return kind, []


def file_size(size: int) -> str:
    """`20 MB`, `1,5 MB`, `2 KB`: whole kilobytes below a megabyte, tenths of a megabyte above."""
    lang = current_language()
    if size < 1024 * 1024:
        return f"{format_number(Decimal(size) / 1024, places=0, lang=lang)} KB"
    megabytes = (Decimal(size) / (1024 * 1024)).quantize(Decimal("0.1"))
    return f"{format_number(megabytes, lang=lang)} MB"


class UploadField(forms.FileField):
    """A file field that accepts only the allowed kinds, by content, up to the size limit."""

    default_error_messages = {
        "required": gettext_lazy("Phải chọn tệp."),
        "empty": gettext_lazy("Tệp đã chọn rỗng."),
        "invalid": gettext_lazy("Không đọc được tệp đã gửi."),
    }

    def to_python(self, data: Any) -> Any:
        file = super().to_python(data)
        if file is not None:
            problems = upload_problems(file)
            if problems:
                raise forms.ValidationError(problems)
        return file


def kind_of(file: UploadedFile) -> FileKind:
    """The file's kind, for callers that store a file without a form (imports, scripts)."""
    kind, problems = _checked(file)
    if kind is None:
        raise ValueError(problems)
    return kind


def original_name(file: UploadedFile) -> str:
    """The name the user gave, for the download's file name only: never used to store or serve."""
    return nfc(str(file.name or "")).replace("/", "_").replace("\\", "_")[:255]


def generated_name(folder: str, kind: FileKind | None) -> str:
    """A random name in `folder`; files stored before types were recorded keep a neutral extension."""
    return f"{folder}/{uuid.uuid4().hex}.{kind.extension if kind else 'bin'}"
