"""The results document as plain data: every text already written, every row in its place.

Both writers (DOCX and PDF) render this one model and add nothing but typography, so the two
files cannot say different things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "center", "right"]

# SHA-256 in hexadecimal.
_HASH = re.compile(r"[0-9a-f]{64}")
# Only the characters a URL may carry unencoded (RFC 3986), less the brackets of IPv6 hosts: the URL is
# printed as is and goes into a QR code and an Excel footer, where `&[Page]` and the like are codes.
# Spaces and Vietnamese letters must come percent-encoded, a Vietnamese domain name as punycode.
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+")
# Enough of the hash for a reader to compare by eye; the full one is beside the QR code.
SHORT_HASH_DIGITS = 16


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float
    align: Align = "left"


@dataclass(frozen=True)
class Cell:
    """One table cell: its lines are separate paragraphs (one per sentence in the seed layout)."""

    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class GroupRow:
    """A header row naming a group (khối); it spans the whole table."""

    title: str


@dataclass(frozen=True)
class UnitRow:
    unit_code: str
    cells: tuple[Cell, ...]


Row = GroupRow | UnitRow


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def unit_rows(self) -> tuple[UnitRow, ...]:
        return tuple(row for row in self.rows if isinstance(row, UnitRow))


@dataclass(frozen=True)
class Footnote:
    """`Ghi chú:` the framework's decision, then the band table."""

    label: str
    decision: str
    bands_heading: str
    bands: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    title_lines: tuple[str, ...]
    name: str


@dataclass(frozen=True)
class Verification:
    """The published snapshot's SHA-256 and the public page that confirms it.

    Every file made with it shows both, so that whoever holds a printed or forwarded copy can check it
    against what was published.
    """

    content_hash: str
    url: str

    def __post_init__(self) -> None:
        # A frozen dataclass normalises through object.__setattr__; hexdigest() is lower case already.
        object.__setattr__(self, "content_hash", self.content_hash.strip().lower())
        if not _HASH.fullmatch(self.content_hash):
            raise ValueError(f"content_hash must be a SHA-256 in hexadecimal, not {self.content_hash!r}")
        if not _URL.fullmatch(self.url):
            raise ValueError(f"url must be an absolute, percent-encoded http(s) URL, not {self.url!r}")

    @property
    def short_hash(self) -> str:
        return self.content_hash[:SHORT_HASH_DIGITS]

    @property
    def footer_line(self) -> str:
        """The line at the foot of every page."""
        return f"Mã xác thực: {self.short_hash} · Kiểm tra tại: {self.url}"

    @property
    def short_line(self) -> str:
        """The footer line without the URL, where a footer has no room for it."""
        return f"Mã xác thực: {self.short_hash}"

    @property
    def hash_label(self) -> str:
        """What the full hash beside the QR code is."""
        return "Mã xác thực (SHA-256):"

    @property
    def keywords(self) -> str:
        """The file's keywords property: the hash is findable without opening the document."""
        return f"sha256:{self.content_hash}"


@dataclass(frozen=True)
class ResultsDocument:
    place_date: str
    title_lines: tuple[str, ...]
    attachment: str
    table: Table
    footnote: Footnote
    signature: Signature
    # Document properties (PDF metadata, DOCX core properties); never printed on the page.
    author: str = ""
    # The mark of a published document: a footer line on every page and a QR code after the signature.
    verification: Verification | None = None
    # A preview before publication says so on every page, so a printed copy is never taken for the
    # published one.
    draft: bool = False


DRAFT_MARK = "DỰ THẢO"
DRAFT_LINE = "DỰ THẢO – chưa công bố, không có giá trị sử dụng"
