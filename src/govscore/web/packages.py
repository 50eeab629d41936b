"""What an Office document (DOCX, XLSX, ODT: a ZIP package) holds, and what of it may not be stored.

Having the right main part does not make a package harmless. Office runs the macros it carries, opens
the template, object or frame a relationship points to on another server as soon as the file is
opened, and starts the program an embedded OLE object packs; a ZIP of a few hundred kilobytes can
unpack to gigabytes. A package is refused for any of these, and for a member that is no part of its
format (an executable beside an empty `word/document.xml`). Plain hyperlinks are allowed: they are
followed only when clicked.

Only the central directory and the small XML parts that say what the package is and where it points
are read, in a streaming parser that refuses DTDs; sizes are judged from the directory before any
member is unpacked.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Literal

from govscore.zipxml import READ_ERRORS, StopReading, stream_xml

Category = Literal["size", "count", "invalid", "macro", "external", "embedded", "member"]
# The order in which the user reads what is wrong: the gravest first.
CATEGORIES: tuple[Category, ...] = ("size", "count", "invalid", "macro", "external", "embedded", "member")
MAX_MEMBERS = 10_000
# An embedded package (a chart's workbook in a report) may embed one more level; deeper is refused.
MAX_DEPTH = 2
DETAIL_CHARACTERS = 120


@dataclass
class _Budget:
    """The unpacked bytes a package may hold, embedded packages included."""

    limit: int
    spent: int = 0


@dataclass(frozen=True)
class Finding:
    category: Category
    # The member, relationship target or size at fault, for the message.
    detail: str = ""


# --- Office Open XML (DOCX, XLSX) ---

# The main part of each accepted kind, its root element and its content type.
MAIN_PARTS = {"docx": ("word/document.xml", "document"), "xlsx": ("xl/workbook.xml", "workbook")}
MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
OOXML_ROOTS = ("_rels/", "docProps/", "customXml/", "_xmlsignatures/")
# Roots of an embedded package: the object may be a document, a workbook or a presentation.
EMBEDDED_ROOTS = ("word/", "xl/", "ppt/")
PART_EXTENSIONS = frozenset(
    {"xml", "rels", "vml", "sigs", "odttf", "fntdata"}
    | {"png", "jpeg", "jpg", "jpe", "jfif", "gif", "bmp", "tif", "tiff", "emf", "wmf", "svg", "wdp", "webp"}
)
EMBEDDED_PACKAGES = frozenset({"docx", "xlsx", "pptx"})
MACRO_MEMBERS = frozenset(
    {"vbaproject.bin", "vbadata.xml", "attachedtoolbars.bin", "vbaprojectsignature.bin"}
    | {"vbaprojectsignatureagile.bin", "vbaprojectsignaturev3.bin"}
)
MACRO_FOLDERS = ("activex/", "macrosheets/")
MACRO_TYPES = ("macroenabled", "vbaproject", "activex", "macrosheet")
# External relationships Office follows only when the reader clicks them.
FOLLOWED_ON_CLICK = frozenset({"hyperlink"})

# --- OpenDocument (ODT) ---

ODF_FILES = frozenset(
    {"mimetype", "content.xml", "styles.xml", "meta.xml", "settings.xml", "manifest.rdf", "layout-cache"}
)
ODF_FOLDERS = ("META-INF/", "Thumbnails/", "Pictures/", "Configurations2/", "ObjectReplacements/")
ODF_MACRO_FOLDERS = ("Basic/", "Scripts/", "Dialogs/")
ODF_OBJECT = re.compile(r"Object \d+(/|$)")
ODF_EXTENSIONS = PART_EXTENSIONS | {"rdf", "svm"}
ODF_XML = ("content.xml", "styles.xml")
XLINK_HREF = "http://www.w3.org/1999/xlink href"
ODF_SCRIPT = "urn:oasis:names:tc:opendocument:xmlns:script:1.0"
ODF_DDE = frozenset({"dde-source", "dde-connection-decl", "dde-link"})
MACRO_SCHEMES = ("vnd.sun.star.script:", "macro:")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


# The ZIP records that say how large the central directory is, read before zipfile turns every entry of
# it into an object (200,000 entries: 5 s and 100 MB): end of central directory, its ZIP64 locator and
# record. An Office package's entries take well under this many bytes each on average.
END_RECORD = struct.Struct("<4s4H2LH")
ZIP64_LOCATOR = struct.Struct("<4sLQL")
ZIP64_END_RECORD = struct.Struct("<4sQ2H2L4Q")
ENTRY_BYTES = 128


def too_many_members(file: IO[bytes]) -> int | None:
    """The members a ZIP declares, or its central directory has room for, when they pass MAX_MEMBERS;
    None otherwise, and for what is no ZIP. Leaves the file at its start."""
    file.seek(0)
    if file.read(4) != b"PK\x03\x04":
        file.seek(0)
        return None
    try:
        entries, directory = _directory(file)
    finally:
        file.seek(0)
    count = max(entries, directory // ENTRY_BYTES)
    return count if count > MAX_MEMBERS else None


def _directory(file: IO[bytes]) -> tuple[int, int]:
    """(entries, bytes) of the central directory as its end records declare them; (0, 0) when unreadable
    (zipfile then refuses the file itself)."""
    size = file.seek(0, io.SEEK_END)
    start = max(0, size - END_RECORD.size - 0xFFFF)  # the record, then a comment of up to 64 KB
    file.seek(start)
    tail = file.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < END_RECORD.size:
        return 0, 0
    entries, directory = END_RECORD.unpack_from(tail, at)[4:6]
    if (entries == 0xFFFF or directory == 0xFFFFFFFF) and at >= ZIP64_LOCATOR.size:
        signature, _disk, offset, _disks = ZIP64_LOCATOR.unpack_from(tail, at - ZIP64_LOCATOR.size)
        if signature == b"PK\x06\x07":
            file.seek(offset)
            record = file.read(ZIP64_END_RECORD.size)
            if len(record) == ZIP64_END_RECORD.size and record.startswith(b"PK\x06\x06"):
                entries, directory = ZIP64_END_RECORD.unpack(record)[7:9]
    return int(entries), int(directory)


def unpacked_size(file: IO[bytes]) -> int | None:
    """The sum of the members' sizes the ZIP's directory declares (zipfile never unpacks more), or None
    when it is no readable ZIP. Leaves the file at its start."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return sum(info.file_size for info in archive.infolist())
    except READ_ERRORS:
        return None
    finally:
        file.seek(0)


def inspect(file: IO[bytes], extension: str, limit: int) -> list[Finding]:
    """What is wrong with the package of the given kind (`docx`, `xlsx`, `odt`), gravest first; empty
    when it may be stored. `limit` bounds the unpacked size. Leaves the file at its start."""
    count = too_many_members(file)
    if count is not None:
        return [Finding("count", str(count))]
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            findings = list(_inspect(archive, extension, _Budget(limit), 1))
    except READ_ERRORS:
        findings = [Finding("invalid")]
    finally:
        file.seek(0)
    rank = {category: index for index, category in enumerate(CATEGORIES)}
    return sorted(findings, key=lambda finding: rank[finding.category])


def _inspect(archive: zipfile.ZipFile, extension: str, budget: _Budget, depth: int) -> Iterator[Finding]:
    infos = archive.infolist()
    budget.spent += sum(info.file_size for info in infos)
    if budget.spent > budget.limit:
        yield Finding("size", str(budget.spent))
        return
    names = [info.filename for info in infos]
    repeated = [name for name, count in Counter(names).items() if count > 1]
    if repeated:
        # Two members of one name: Office and this check could each read a different one.
        yield Finding("invalid", repeated[0])
        return
    if extension == "odt":
        yield from _odf(archive, names)
    else:
        yield from _ooxml(archive, extension, names, budget, depth)


def _ooxml(
    archive: zipfile.ZipFile, extension: str, names: list[str], budget: _Budget, depth: int
) -> Iterator[Finding]:
    main = MAIN_PARTS.get(extension)
    roots = (*OOXML_ROOTS, main[0].split("/")[0] + "/") if main else (*OOXML_ROOTS, *EMBEDDED_ROOTS)
    for name in names:
        yield from _ooxml_member(archive, name, roots, budget, depth)
    if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
        yield Finding("invalid", "[Content_Types].xml" if "_rels/.rels" in names else "_rels/.rels")
        return
    yield from _content_types(archive, extension)
    for name in names:
        if name.endswith(".rels"):
            yield from _relationships(archive, name)
    if main is not None:
        yield from _main_part(archive, *main)


def _ooxml_member(
    archive: zipfile.ZipFile, name: str, roots: tuple[str, ...], budget: _Budget, depth: int
) -> Iterator[Finding]:
    if name.endswith("/"):
        return  # a folder entry: some ZIP tools write them
    folded, base = name.casefold(), name.rsplit("/", 1)[-1].casefold()
    suffix = base.rsplit(".", 1)[-1] if "." in base else ""
    if base in MACRO_MEMBERS or any(f"/{folder}" in f"/{folded}" for folder in MACRO_FOLDERS):
        yield Finding("macro", name)
    elif "/embeddings/" in f"/{folded}":
        if suffix in EMBEDDED_PACKAGES and depth < MAX_DEPTH:
            yield from _embedded(archive, name, suffix, budget, depth)
        else:
            yield Finding("embedded", name)
    elif not _is_part(name, folded, suffix, roots):
        yield Finding("member", name)


def _is_part(name: str, folded: str, suffix: str, roots: tuple[str, ...]) -> bool:
    """A part of the format: under one of its folders, with an extension its parts have (printer
    settings are the one binary part Office writes into ordinary documents)."""
    if not _safe_path(name) or not (name == "[Content_Types].xml" or name.startswith(roots)):
        return False
    return suffix in PART_EXTENSIONS or (suffix == "bin" and "/printersettings/" in folded)


def _safe_path(name: str) -> bool:
    return not (name.startswith("/") or "\\" in name or ".." in name.split("/") or ":" in name)


def _embedded(archive: zipfile.ZipFile, name: str, suffix: str, budget: _Budget, depth: int) -> Iterator[Finding]:
    """A chart's workbook or an embedded document: a package of its own, held to the same rules."""
    try:
        data = io.BytesIO(archive.read(name))  # its size is counted in the budget already
        count = too_many_members(data)
        if count is not None:
            yield Finding("count", str(count))
            return
        with zipfile.ZipFile(data) as inner:
            findings = list(_inspect(inner, suffix, budget, depth + 1))
    except READ_ERRORS:
        findings = [Finding("invalid")]
    for finding in findings:
        if finding.category in ("size", "count"):
            yield finding  # sizes are the whole file's
        else:
            yield Finding(finding.category, f"{name} → {finding.detail}" if finding.detail else name)


def _content_types(archive: zipfile.ZipFile, extension: str) -> Iterator[Finding]:
    types: dict[str, str] = {}

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag.endswith(" Override"):
            types[attributes.get("PartName", "").lstrip("/")] = attributes.get("ContentType", "")
        elif tag.endswith(" Default"):
            types["*." + attributes.get("Extension", "").casefold()] = attributes.get("ContentType", "")

    if not stream_xml(archive, "[Content_Types].xml", start):
        yield Finding("invalid", "[Content_Types].xml")
        return
    for part, content_type in types.items():
        if any(word in content_type.casefold() for word in MACRO_TYPES):
            yield Finding("macro", f"{part} ({content_type})")
    main = MAIN_PARTS.get(extension)
    if main is not None and types.get(main[0]) != MAIN_TYPES[extension]:
        yield Finding("invalid", f"{main[0]} ({types.get(main[0], '')})")


def _relationships(archive: zipfile.ZipFile, name: str) -> Iterator[Finding]:
    found: list[Finding] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        if not tag.endswith(" Relationship") or attributes.get("TargetMode", "").casefold() != "external":
            return
        kind = attributes.get("Type", "").rsplit("/", 1)[-1]
        if kind.casefold() not in FOLLOWED_ON_CLICK:
            found.append(Finding("external", f"{kind}: {attributes.get('Target', '')}"))

    if not stream_xml(archive, name, start):
        yield Finding("invalid", name)
    yield from found


def _main_part(archive: zipfile.ZipFile, part: str, root: str) -> Iterator[Finding]:
    """The main part is there and is the format's document, not an empty or foreign file."""
    seen: list[str] = []

    def start(tag: str, _attributes: dict[str, str]) -> None:
        seen.append(tag.rsplit(" ", 1)[-1])
        raise StopReading

    if part not in archive.namelist() or not stream_xml(archive, part, start) or seen != [root]:
        yield Finding("invalid", part)


def _odf(archive: zipfile.ZipFile, names: list[str]) -> Iterator[Finding]:
    for name in names:
        base = name.rsplit("/", 1)[-1]
        suffix = base.rsplit(".", 1)[-1].casefold() if "." in base else ""
        if name.endswith("/"):
            continue
        if name.startswith(ODF_MACRO_FOLDERS) or base.casefold() == "macrosignatures.xml":
            yield Finding("macro", name)
        elif ODF_OBJECT.match(name) and "/" not in name:
            yield Finding("embedded", name)  # an OLE object's own binary stream
        elif not _safe_path(name):
            yield Finding("member", name)
        elif name in ODF_FILES or (name.startswith("ObjectReplacements/") and suffix in ("", *ODF_EXTENSIONS)):
            continue
        elif not (name.startswith(ODF_FOLDERS) or ODF_OBJECT.match(name)) or suffix not in ODF_EXTENSIONS:
            yield Finding("member", name)
    for part in ODF_XML:
        if part in names:
            yield from _odf_links(archive, part)
    if "content.xml" not in names:
        yield Finding("invalid", "content.xml")


def _odf_links(archive: zipfile.ZipFile, part: str) -> Iterator[Finding]:
    """Macros bound to events or links, DDE, and sections, images or objects read from outside the file."""
    found: list[Finding] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        namespace, _space, local = tag.rpartition(" ")
        href = attributes.get(XLINK_HREF, "").strip()
        if (namespace == ODF_SCRIPT and local == "event-listener") or href.casefold().startswith(MACRO_SCHEMES):
            found.append(Finding("macro", f"{part}: {local}"))
        elif local in ODF_DDE:
            found.append(Finding("external", f"{local}: {' '.join(attributes.values())}"))
        elif href and local != "a" and (SCHEME.match(href) or href.startswith(("/", "../", "\\"))):
            found.append(Finding("external", f"{local}: {href}"))

    if not stream_xml(archive, part, start):
        yield Finding("invalid", part)
    yield from found


def shorten(text: str) -> str:
    return text if len(text) <= DETAIL_CHARACTERS else text[: DETAIL_CHARACTERS - 1] + "…"
