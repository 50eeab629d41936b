"""Month lists as Vietnamese documents write them, and reading them back.

`month_list((1, 2, 3, 6), "vi")` writes ``từ tháng 1 đến tháng 3 và tháng 6``; `parse_month_list` reads
that and the looser forms published tables use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NoReturn

from govscore.scoring.vietnamese import check_language, nfc


@dataclass(frozen=True)
class _Segment:
    """Months written together: a range ``từ tháng A đến tháng B`` or plain numbers."""

    months: tuple[int, ...]
    is_range: bool


def _checked_months(months: Iterable[int]) -> list[int]:
    unique = sorted(set(months))
    for month in unique:
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise ValueError(f"months must be integers 1 to 12, got {month!r}")
    return unique


def _runs(months: list[int]) -> list[list[int]]:
    """Split sorted, distinct months into runs of consecutive months."""
    runs: list[list[int]] = []
    for month in months:
        if runs and runs[-1][-1] + 1 == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return runs


def _segments(months: list[int]) -> list[_Segment]:
    # Documents write a range only when it covers the whole list ("từ tháng 1 đến tháng 10");
    # a mixed list reads more plainly as numbers ("tháng 1, 2, 6, 7, 8, 10").
    runs = _runs(months)
    if len(runs) == 1 and len(runs[0]) >= 3:
        return [_Segment((runs[0][0], runs[0][-1]), is_range=True)]
    return [_Segment(tuple(months), is_range=False)]


def _join_natural(parts: list[str], conjunction: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {conjunction} " + parts[-1]


def _numbers(months: tuple[int, ...]) -> str:
    return ", ".join(str(month) for month in months)


def _vi_segment(segment: _Segment) -> str:
    if segment.is_range:
        first, last = segment.months
        return f"từ tháng {first} đến tháng {last}"
    return f"tháng {_numbers(segment.months)}"


def _en_segment(segment: _Segment) -> str:
    if segment.is_range:
        first, last = segment.months
        return f"{first} to {last}"
    return _numbers(segment.months)


def month_list(months: Iterable[int], lang: str = "vi") -> str:
    """Write months as a natural list, sorted and de-duplicated.

    A list that is one run of three or more consecutive months becomes a range
    (``từ tháng 1 đến tháng 10``); any other list is plain numbers: [1, 3, 4, 5, 6, 11] ->
    ``tháng 1, 3, 4, 5, 6, 11`` (vi), ``months 1, 3, 4, 5, 6, 11`` (en). An empty list gives ``""``.
    """
    check_language(lang)
    checked = _checked_months(months)
    if not checked:
        return ""
    segments = _segments(checked)
    if lang == "vi":
        return _join_natural([_vi_segment(s) for s in segments], "và")
    label = "month" if len(checked) == 1 else "months"
    return f"{label} {_join_natural([_en_segment(s) for s in segments], 'and')}"


# A token is a number, a comma or a word; anything else in the text is an error.
_MONTH_TOKEN = re.compile(r"\s*(?:([0-9]+)|(,)|([^\W\d_]+))")


def _month_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    while position < len(text):
        match = _MONTH_TOKEN.match(text, position)
        if match is None:
            raise ValueError(f"cannot parse month list {text!r}: unexpected {text[position:].strip()[0]!r}")
        tokens.append(match.group(match.lastindex or 0))
        position = match.end()
    return tokens


class _MonthListParser:
    """Recursive-descent parser for the month lists found in real documents.

    Grammar (words case-insensitive)::

        list      = item { separator item }
        separator = "," [ "và" ] | "và"
        item      = "từ" month "đến" month | month
        month     = [ "tháng" ] NUMBER

    The list itself must open with "tháng" or "từ", so a bare "2, 5" is rejected.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._tokens = _month_tokens(nfc(text).lower())
        self._position = 0

    def parse(self) -> tuple[int, ...]:
        if not self._tokens:
            return ()
        if self._peek() not in ("tháng", "từ"):
            self._fail("'tháng' or 'từ' at the start")
        months: set[int] = set()
        while True:
            months.update(self._item())
            if self._position == len(self._tokens):
                return tuple(sorted(months))
            self._separator()

    def _item(self) -> Iterable[int]:
        if not self._accept("từ"):
            return (self._month(),)
        first = self._month()
        if not self._accept("đến"):
            self._fail("'đến'")
        last = self._month()
        if first > last:
            raise ValueError(f"cannot parse month list {self._text!r}: range from {first} to {last} runs backwards")
        return range(first, last + 1)

    def _month(self) -> int:
        self._accept("tháng")
        token = self._peek()
        # isascii: "²" is a digit to str.isdigit but no month number.
        if not (token.isascii() and token.isdigit()):
            self._fail("a month number")
        self._position += 1
        month = int(token)
        if not 1 <= month <= 12:
            raise ValueError(f"cannot parse month list {self._text!r}: {month} is not a month (1 to 12)")
        return month

    def _separator(self) -> None:
        if self._accept(","):
            self._accept("và")
        elif not self._accept("và"):
            self._fail("',' or 'và'")

    def _peek(self) -> str:
        if self._position < len(self._tokens):
            return self._tokens[self._position]
        return ""

    def _accept(self, token: str) -> bool:
        if self._peek() == token:
            self._position += 1
            return True
        return False

    def _fail(self, expected: str) -> NoReturn:
        found = repr(self._peek()) if self._peek() else "the end of the text"
        raise ValueError(f"cannot parse month list {self._text!r}: expected {expected}, found {found}")


def parse_month_list(text: str) -> tuple[int, ...]:
    """Read a month list such as ``tháng 2, 3 và từ tháng 6 đến tháng 9`` -> (2, 3, 6, 7, 8, 9).

    Accepts what ``month_list(..., "vi")`` writes plus the looser forms documents use
    ("tháng 2,5,6", "từ 1 đến tháng 10", "tháng 01"). Returns sorted, distinct months;
    an empty or blank text gives ``()``. Raises ``ValueError`` naming what was expected.
    """
    return _MonthListParser(text).parse()
