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
    header: str = ""

    def message(self, lang: str = "vi") -> str:
        return render(self.key, lang, **self.args)

    def location(self) -> str:
        """`Số liệu!D7 (email_accounts.tu_so)`, `Số liệu!7`, `Số liệu`, or empty for the whole file."""
        if not self.sheet:
            return ""
        where = self.sheet
        if self.row is not None or self.column:
            where += f"!{self.column}{self.row if self.row is not None else ''}"
        if self.header:
            where += f" ({self.header})"
        return where

    def render(self, lang: str = "vi", file_name: str = "") -> str:
        """One line: `location: message`; a whole-file problem is placed at `file_name` when given."""
        where = self.location() or file_name
        return f"{where}: {self.message(lang)}" if where else self.message(lang)
