"""Uploaded files: the type is read from the content, never from the name; the size is limited;
Office documents are refused when they carry macros, embedded programs, links Office follows on
opening, or unpack to more than a limit; files are stored under generated names, served only by views
that check the reader's rights, and downloaded under the user's name with the extension of the type
the content was recognised as.

A report attachment or an evidence file decides an agency's points, and it is opened by staff on
their own machines: an executable renamed `bao-cao.pdf` must not get in, a PDF named `bao-cao.pdf.hta`
must not be saved by a browser as an HTML application, and a stored file's name must not let anyone
guess another unit's documents.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

import filetype
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext, gettext_lazy

from govscore.scoring.vietnamese import format_number, nfc
from govscore.web import packages
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
PACKAGES = (DOCX, XLSX, ODT)
UNKNOWN_MIME = "application/octet-stream"

# A download name keeps this much of the user's name, without what Windows or a browser would read
# as something else: control and direction characters (`‮` turns `fdp.exe` into `exe.pdf`),
# characters not allowed in Windows names, device names.
NAME_CHARACTERS = 120
LAST_EXTENSION = re.compile(r"\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$")
NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*]')
DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)})
FALLBACK_NAME = "tep"


def allowed_labels() -> str:
    return ", ".join(kind.label for kind in ALLOWED_KINDS)


def max_upload_bytes() -> int:
    return int(settings.GOVSCORE_UPLOAD_MAX_BYTES)


def max_unpacked_bytes() -> int:
    return int(settings.GOVSCORE_UPLOAD_MAX_UNPACKED_BYTES)


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
    """The file's kind by content, and what is wrong with it (its size, a kind not allowed, or what an
    Office document holds)."""
    limit = max_upload_bytes()
    if file.size is not None and file.size > limit:
        return None, [
            gettext("Tệp “%(name)s” quá lớn (%(size)s); giới hạn là %(limit)s.")
            % {"name": file.name, "size": file_size(file.size), "limit": file_size(limit)}
        ]
    members = packages.too_many_members(file)
    if members is not None:
        return None, [_package_message(packages.Finding("count", str(members)), None, str(file.name))]
    kind = sniff(file)
    if kind is None:
        return None, [
            gettext("Tệp “%(name)s” không phải là tệp %(kinds)s (kiểm tra theo nội dung tệp, không theo tên).")
            % {"name": file.name, "kinds": allowed_labels()}
        ]
    if kind in PACKAGES:
        problems = package_problems(file, kind)
        if problems:
            return None, problems
    return kind, []


def package_problems(file: IO[bytes], kind: FileKind, name: str | None = None) -> list[str]:
    """What an Office document holds that may not be stored: one message per kind of problem."""
    findings = packages.inspect(file, kind.extension, max_unpacked_bytes())
    shown = name if name is not None else str(getattr(file, "name", "") or "")
    messages: dict[str, str] = {}
    for finding in findings:
        if finding.category not in messages:
            messages[finding.category] = _package_message(finding, kind, shown)
    return list(messages.values())


def _package_message(finding: packages.Finding, kind: FileKind | None, name: str) -> str:
    args = {"name": name, "kind": kind.label if kind else "", "part": packages.shorten(finding.detail)}
    match finding.category:
        case "size":
            sizes = {"size": file_size(int(finding.detail)), "limit": file_size(max_unpacked_bytes())}
            return gettext("Tệp “%(name)s” khi giải nén có dung lượng %(size)s, quá giới hạn %(limit)s.") % {
                "name": name,
                **sizes,
            }
        case "count":
            return gettext("Tệp “%(name)s” gồm %(count)s thành phần nén, quá giới hạn %(limit)s.") % {
                "name": name,
                "count": format_number(Decimal(finding.detail), lang=current_language()),
                "limit": format_number(Decimal(packages.MAX_MEMBERS), lang=current_language()),
            }
        case "invalid" if not finding.detail:
            return gettext("Tệp “%(name)s” không phải tệp %(kind)s hợp lệ: không giải nén được.") % args
        case "invalid":
            return (
                gettext(
                    "Tệp “%(name)s” không phải tệp %(kind)s hợp lệ: thành phần “%(part)s” bị thiếu, rỗng hoặc hỏng. "
                    "Hãy mở tệp bằng Office rồi lưu lại."
                )
                % args
            )
        case "macro":
            return (
                gettext(
                    "Tệp “%(name)s” chứa macro hoặc mã tự chạy (%(part)s); không nhận tệp có macro. "
                    "Hãy lưu lại thành tệp %(kind)s thường, không có macro."
                )
                % args
            )
        case "external":
            return (
                gettext(
                    "Tệp “%(name)s” liên kết tới nội dung bên ngoài mà Office tự tải về khi mở tệp (%(part)s). "
                    "Hãy bỏ liên kết đó (mẫu, đối tượng hoặc dữ liệu liên kết) hoặc gửi bản PDF; "
                    "siêu liên kết thông thường thì được phép."
                )
                % args
            )
        case "embedded":
            return (
                gettext(
                    "Tệp “%(name)s” chứa đối tượng nhúng có thể chứa chương trình (%(part)s). "
                    "Hãy chèn nội dung đó dưới dạng hình ảnh hoặc gửi thành tệp riêng."
                )
                % args
            )
        case _:
            return (
                gettext(
                    "Tệp “%(name)s” chứa “%(part)s”, không phải thành phần của tệp %(kind)s. "
                    "Hãy lưu lại tệp bằng Office hoặc gửi bản PDF."
                )
                % args
            )


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


def original_name(file: UploadedFile, kind: FileKind) -> str:
    """The name the user gave, made safe and ending in the content's extension: the download's name
    only, never used to store or serve."""
    return download_name(str(file.name or ""), kind)


def download_name(name: str, kind: FileKind | None) -> str:
    """The user's base name, made safe, with the extension of the type the content was recognised as
    (`.bin` when it is unknown): `bao-cao.pdf.hta` holding a PDF is downloaded as `bao-cao.pdf`."""
    text = nfc(name).replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(character for character in text if unicodedata.category(character)[0] != "C")
    text = " ".join(NOT_IN_NAMES.sub("_", text).split())
    extension = kind.extension if kind is not None else "bin"
    own = (f".{extension}", ".jpeg") if kind is JPEG else (f".{extension}",)
    stem = LAST_EXTENSION.sub("", text).strip(" .")
    while stem.casefold().endswith(own):
        stem = stem.rsplit(".", 1)[0].strip(" .")
    stem = stem[:NAME_CHARACTERS].strip(" .") or FALLBACK_NAME
    if stem.split(".", 1)[0].strip().casefold() in DEVICE_NAMES:
        stem = f"_{stem}"
    return f"{stem}.{extension}"


def stored_file_response(field: FieldFile, name: str, mime: str) -> FileResponse:
    """A stored upload as a download: the type recorded at upload (read from the content of files stored
    before types were recorded) gives the content type and the name's extension."""
    handle = field.open("rb")
    kind = BY_MIME.get(mime) or sniff(handle)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(name, kind),
        content_type=kind.mime if kind is not None else UNKNOWN_MIME,
    )


def generated_name(folder: str, kind: FileKind | None) -> str:
    """A random name in `folder`; files stored before types were recorded keep a neutral extension."""
    return f"{folder}/{uuid.uuid4().hex}.{kind.extension if kind else 'bin'}"
