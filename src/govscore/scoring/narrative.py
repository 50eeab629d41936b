"""The generated "did well / did not do well" sentences.

Each criterion carries ordered entries: the first whose condition holds gives that criterion's one
sentence, in one column. A criterion therefore can never speak in both columns, which is how the
generated text avoids contradicting itself.

Conditions are a tiny, safe language over the criterion's facts: `rate >= 80`,
`late_count > 0 or missing_count > 0`, `value`, `not value`. Percentages compare in percent points
and lists compare by their length.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from govscore.scoring.values import Value, format_value, numeric

Column = Literal["good", "not_good"]
COLUMNS: tuple[Column, ...] = ("good", "not_good")
ALWAYS_AVAILABLE = frozenset({"points", "max", "has_data"})

_COMPARISON = re.compile(r"^\s*(not\s+)?(@?[a-z_][a-z0-9_]*)\s*(?:(==|!=|<=|>=|<|>)\s*(\S+))?\s*$")
_PLACEHOLDER = re.compile(r"\{(@?[a-z_][a-z0-9_]*)(?::(0\d))?\}")
_BRACED = re.compile(r"\{[^{}]*\}")


class NarrativeSyntaxError(ValueError):
    pass


@dataclass(frozen=True)
class Comparison:
    name: str
    op: str | None
    literal: Decimal | bool | str | None
    negate: bool = False

    def holds(self, facts: Mapping[str, Value]) -> bool:
        result = self._holds(facts)
        return not result if self.negate else result

    def _holds(self, facts: Mapping[str, Value]) -> bool:
        value = facts.get(self.name)
        if value is None:
            return False
        if self.op is None:
            number = numeric(value)
            return bool(value) if number is None else number != 0
        if isinstance(self.literal, str):
            left = value if isinstance(value, str) else format_value(value, "vi")
            return (left == self.literal) == (self.op == "==")
        number = numeric(value)
        if number is None:
            return False
        right = Decimal(int(self.literal)) if isinstance(self.literal, bool) else self.literal
        assert isinstance(right, Decimal)
        return _compare(number, self.op, right)


def _compare(left: Decimal, op: str, right: Decimal) -> bool:
    match op:
        case "==":
            return left == right
        case "!=":
            return left != right
        case "<":
            return left < right
        case "<=":
            return left <= right
        case ">":
            return left > right
        case _:
            return left >= right


@dataclass(frozen=True)
class Condition:
    """Disjunction of conjunctions of comparisons (`and` binds tighter than `or`)."""

    text: str
    alternatives: tuple[tuple[Comparison, ...], ...]

    def holds(self, facts: Mapping[str, Value]) -> bool:
        return any(all(term.holds(facts) for term in conjunction) for conjunction in self.alternatives)

    def names(self) -> set[str]:
        return {term.name for conjunction in self.alternatives for term in conjunction}


def parse_condition(text: str) -> Condition:
    alternatives = []
    for disjunct in re.split(r"\s+or\s+", text.strip()):
        terms = []
        for conjunct in re.split(r"\s+and\s+", disjunct):
            terms.append(_parse_comparison(conjunct, text))
        alternatives.append(tuple(terms))
    return Condition(text, tuple(alternatives))


def _parse_comparison(text: str, whole: str) -> Comparison:
    match = _COMPARISON.match(text)
    if match is None:
        raise NarrativeSyntaxError(whole)
    negate, name, op, literal = match.groups()
    if negate and op:
        raise NarrativeSyntaxError(whole)
    value = _literal(literal, whole) if literal else None
    if isinstance(value, str) and op not in ("==", "!="):
        raise NarrativeSyntaxError(whole)  # texts are equal or not; they have no order here
    return Comparison(name, op, value, bool(negate))


def _literal(text: str, whole: str) -> Decimal | bool | str:
    if text in ("true", "false"):
        return text == "true"
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    try:
        number = Decimal(text.rstrip("%"))
    except InvalidOperation as error:
        raise NarrativeSyntaxError(whole) from error
    if not number.is_finite():
        raise NarrativeSyntaxError(whole)
    return number


@dataclass(frozen=True)
class Template:
    text: str

    def names(self) -> set[str]:
        return {match.group(1) for match in _PLACEHOLDER.finditer(self.text)} - {"parts"}

    def malformed(self) -> list[str]:
        """The `{…}` in the text that are not placeholders, which `fill` would print as they are."""
        return [match.group(0) for match in _BRACED.finditer(self.text) if not _PLACEHOLDER.fullmatch(match.group(0))]

    def fill(self, facts: Mapping[str, Value], lang: str, parts: str = "") -> str:
        def replace(match: re.Match[str]) -> str:
            name, pad = match.group(1), match.group(2)
            if name == "parts":
                return parts
            value = facts.get(name)
            if value is None:
                return ""
            if pad and isinstance(value, int | Decimal) and not isinstance(value, bool):
                return str(int(value)).zfill(int(pad))
            return format_value(value, lang)

        return _PLACEHOLDER.sub(replace, self.text)


@dataclass(frozen=True)
class NarrativePart:
    text: Template
    when: Condition | None = None


@dataclass(frozen=True)
class NarrativeEntry:
    column: Column
    text: Template
    when: Condition | None = None
    parts: tuple[NarrativePart, ...] = ()
    separator: str = "; "

    def names(self) -> set[str]:
        names = self.text.names()
        if self.when is not None:
            names |= self.when.names()
        for part in self.parts:
            names |= part.text.names()
            if part.when is not None:
                names |= part.when.names()
        return names


@dataclass(frozen=True)
class Sentence:
    criterion: str
    column: Column
    text: str


def narrate(
    criterion: str,
    entries: tuple[NarrativeEntry, ...],
    facts: Mapping[str, Value],
    lang: str = "vi",
) -> Sentence | None:
    """The one sentence of a criterion: the first entry whose condition holds, or none."""
    for entry in entries:
        if entry.when is not None and not entry.when.holds(facts):
            continue
        chosen = [part.text.fill(facts, lang) for part in entry.parts if part.when is None or part.when.holds(facts)]
        text = entry.text.fill(facts, lang, entry.separator.join(chosen))
        return Sentence(criterion, entry.column, _tidy(text))
    return None


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
