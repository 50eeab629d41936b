"""Plain data read from a file, with the line of every value kept beside it.

Loaders turn YAML into plain Python (dict, list, str, int, Decimal, bool, date) plus a map from
each value's path to its line, so that validation can say exactly where a problem is without
depending on the parser's own node types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from govscore.scoring.model import Location

PathPart = str | int
Path = tuple[PathPart, ...]


@dataclass
class Source:
    file: str
    lines: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # Finds the lines when first asked, for a file read without them (`loading.yamlfile`).
    locate: Callable[[], dict[Path, tuple[int, int]]] | None = None

    def at(self, path: Path) -> Location:
        """The location of `path`, or of its nearest ancestor that has one; for a file read without its
        lines, found when the location's line is first read."""
        if not path:
            return Location(self.file)
        if self.locate is not None:
            return Location(self.file, find=lambda: self._line_of(path))
        line, column = self._line_of(path)
        return Location(self.file, line, column)

    def _line_of(self, path: Path) -> tuple[int | None, int | None]:
        if self.locate is not None:
            self.lines, self.locate = self.locate(), None
        probe = path
        while True:
            if probe in self.lines:
                return self.lines[probe]
            if not probe:
                return None, None
            probe = probe[:-1]
