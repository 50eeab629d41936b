"""A problem found in an uploaded workbook: where (sheet, row, column and its header) and what."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from govscore.scoring.messages import render


@dataclass(frozen=True)
class ImportProblem:
    """Rows are the spreadsheet's own numbers (1-based) and columns its letters, as the user sees them.

    A problem of the whole file (not an XLSX, another period's template) has no sheet; one of a
    whole row or of the header row has no column.
    """

    key: str
    args: Mapping[str, object] = field(default_factory=dict)
    sheet: str = ""
    row: int | None = None
    column: str = ""
    # The column's title as the template prints it, and the unit the row is about: what the user reads.
    header: str = ""
    unit: str = ""

    def message(self, lang: str = "vi") -> str:
        return render(self.key, lang, **self.args)

    def location(self) -> str:
        """`Số liệu!D7 (Sở Y tế · Số CBCC có hộp thư — tử số)`, `Số liệu!7`, `Số liệu`, or empty for the
        whole file."""
        if not self.sheet:
            return ""
        where = self.sheet
        if self.row is not None or self.column:
            where += f"!{self.column}{self.row if self.row is not None else ''}"
        named = " · ".join(part for part in (self.unit, self.header) if part)
        if named:
            where += f" ({named})"
        return where

    def table_row(self, lang: str = "vi") -> dict[str, object]:
        """The problem as a row of the pages' table of problems."""
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "unit": self.unit,
            "message": self.message(lang),
        }

    def render(self, lang: str = "vi", file_name: str = "") -> str:
        """One line: `location: message`; a whole-file problem is placed at `file_name` when given."""
        where = self.location() or file_name
        return f"{where}: {self.message(lang)}" if where else self.message(lang)
