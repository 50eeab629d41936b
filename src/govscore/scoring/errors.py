"""Validation errors: where (file, line, criterion or unit), what is wrong, and how to fix it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from govscore.scoring.messages import render
from govscore.scoring.model import Location


@dataclass(frozen=True)
class Problem:
    location: Location
    key: str
    args: Mapping[str, object] = field(default_factory=dict)
    subject: str = ""

    def __post_init__(self) -> None:
        # Find the line now, inside the loader: in a file that turns out not to be valid YAML, finding it
        # raises the syntax error, which is then the problem to report.
        _ = self.location.line

    def message(self, lang: str = "vi") -> str:
        return render(self.key, lang, **self.args)

    def render(self, lang: str = "vi") -> str:
        where = str(self.location)
        if self.subject:
            where += f" [{self.subject}]"
        return f"{where}: {self.message(lang)}"


class ValidationFailed(Exception):
    """Raised with every problem found, never only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    def render(self, lang: str = "vi") -> str:
        return "\n".join(problem.render(lang) for problem in self.problems)
