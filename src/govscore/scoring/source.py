"""Plain data read from a file, with the line of every value kept beside it.

Loaders turn YAML into plain Python (dict, list, str, int, Decimal, bool, date) plus a map from
each value's path to its line, so that validation can say exactly where a problem is without
depending on the parser's own node types.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govscore.scoring.model import Location

PathPart = str | int
Path = tuple[PathPart, ...]


@dataclass
class Source:
    file: str
    lines: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: Path) -> Location:
        """The location of `path`, or of its nearest ancestor that has one."""
        probe = path
        while True:
            if probe in self.lines:
                line, column = self.lines[probe]
                return Location(self.file, line, column)
            if not probe:
                return Location(self.file)
            probe = probe[:-1]
