"""The results document as plain data: every text already written, every row in its place.

Both writers (DOCX and PDF) render this one model and add nothing but typography, so the two
files cannot say different things.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "center", "right"]


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
class ResultsDocument:
    place_date: str
    title_lines: tuple[str, ...]
    attachment: str
    table: Table
    footnote: Footnote
    signature: Signature
    # Document properties (PDF metadata, DOCX core properties); never printed on the page.
    author: str = ""
