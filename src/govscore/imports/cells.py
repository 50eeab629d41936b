"""One cell's content → the value it writes, in the plain shape the core's `read_value` checks.

A cell is read as a person filled it: a number typed or formatted by the spreadsheet, `Có` / `Không`,
a choice by its title or its code, items separated by commas. What the value must be (its bounds, a
whole count, a numerator not above its denominator, a known item) is the core's rule, checked
afterwards for every way a value comes in (`fields.py`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from govscore.imports.layout import NO, NO_ITEMS, YES
from govscore.scoring.facts import ValueProblem, number_from_text, type_problem
from govscore.scoring.messages import Phrase, Shown
from govscore.scoring.model import Indicator
from govscore.scoring.vietnamese import nfc

_ITEM_SEPARATORS = re.compile(r"[,;]")
# Excel keeps 15 significant digits; more are binary noise (0.1 + 0.2 = 0.30000000000000004).
_FLOAT_DIGITS = ".15g"
# Text that is unmistakably a number in a table of past results: digits with a decimal comma.
_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:,\d+)?")

Lexer = Callable[[object], object]


class CellError(Exception):
    """A cell that cannot be read; `key` and `details` make the message."""

    def __init__(self, key: str, **details: object) -> None:
        super().__init__(key)
        self.key = key
        self.details = details

    @classmethod
    def of(cls, problem: ValueProblem) -> CellError:
        return cls(problem.key, **problem.args)


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _cell_number(raw: object) -> Decimal | None:
    """A number the spreadsheet itself holds (not text)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(format(raw, _FLOAT_DIGITS)) if math.isfinite(raw) else None
    return None


def to_decimal(raw: object, field: str, expected: str = "expected.number") -> Decimal:
    """A number of a past results table (a total, a rank): a number cell, or digits with a decimal comma."""
    number = _cell_number(raw)
    if number is None and isinstance(raw, str) and _NUMBER_TEXT.fullmatch(text := raw.strip()):
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            number = None
    if number is None:
        raise CellError("field.type", field=field, expected=Phrase(expected), actual=Shown(raw))
    return number


def number_lexer(indicator: Indicator) -> Lexer:
    def lex(raw: object) -> object:
        number = _cell_number(raw)
        if number is not None:
            return number
        if isinstance(raw, str):
            number, problems = number_from_text(indicator, raw)
            if number is not None:
                return number
            raise CellError.of(problems[0])
        expected = "expected.whole" if indicator.type == "count" else "expected.number"
        raise CellError.of(type_problem(indicator, expected, raw))

    return lex


_ANSWERS = {YES.casefold(): True, NO.casefold(): False}


def boolean_lexer(raw: object) -> object:
    """`Có` / `Không` (or the spreadsheet's TRUE / FALSE); anything else is passed on for the core to refuse."""
    if isinstance(raw, str):
        return _ANSWERS.get(nfc(raw).casefold(), _text(raw))
    return raw


def _text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return nfc(str(raw))


def _choice_lookup(indicator: Indicator) -> dict[str, str]:
    """Exact codes first, then codes and titles whatever their case, to the choice's code."""
    lookup: dict[str, str] = {}
    for choice in indicator.choices:
        lookup.setdefault(choice.title.casefold(), choice.code)
    for choice in indicator.choices:
        lookup[choice.code.casefold()] = choice.code
    for choice in indicator.choices:
        lookup[choice.code] = choice.code
    return lookup


def category_lexer(indicator: Indicator) -> Lexer:
    """A choice by its code or its title, whatever the case; an unknown one is passed on as written."""
    lookup = _choice_lookup(indicator)

    def lex(raw: object) -> object:
        text = _text(raw)
        return lookup.get(text) or lookup.get(text.casefold()) or text

    return lex


def items_lexer(indicator: Indicator) -> Lexer:
    """Codes separated by commas (or semicolons), in any order; `-` alone means none of the items. An
    unknown item is passed on as written, for the core to name it."""
    lookup = {choice.code.casefold(): choice.code for choice in indicator.choices}

    def lex(raw: object) -> object:
        text = _text(raw)
        if text == NO_ITEMS:
            return []
        items = (nfc(part) for part in _ITEM_SEPARATORS.split(text))
        return [lookup.get(item.casefold(), item) for item in items if item]

    return lex


def value_lexer(indicator: Indicator) -> Lexer:
    match indicator.type:
        case "number" | "count":
            return number_lexer(indicator)
        case "boolean":
            return boolean_lexer
        case "category":
            return category_lexer(indicator)
        case "items":
            return items_lexer(indicator)
        case _:
            return _text
