"""Where a value came from: the file, line and column a problem points at, found only when needed."""

from __future__ import annotations

from collections.abc import Callable


class Location:
    """Where a value came from, so that every message can point at it.

    The line may be found only when it is first read: a file read fast is parsed again for its lines
    only when something has to be located in it (`loading.yamlfile`).
    """

    __slots__ = ("_column", "_find", "_line", "file")

    def __init__(
        self,
        file: str,
        line: int | None = None,
        column: int | None = None,
        *,
        find: Callable[[], tuple[int | None, int | None]] | None = None,
    ) -> None:
        self.file, self._line, self._column, self._find = file, line, column, find

    def _found(self) -> None:
        if self._find is not None:
            (self._line, self._column), self._find = self._find(), None

    @property
    def line(self) -> int | None:
        self._found()
        return self._line

    @property
    def column(self) -> int | None:
        self._found()
        return self._column

    def _key(self) -> tuple[str, int | None, int | None]:
        return self.file, self.line, self.column

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Location) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Location({self.file!r}, {self.line!r}, {self.column!r})"

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}"


NO_LOCATION = Location("<memory>")
