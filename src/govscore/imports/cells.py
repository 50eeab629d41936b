"""One cell's content → the value in the stored shape (numbers as exact decimal text), or a CellError.

The stored shape is what `parse_fact` reads once the web app has turned number texts back into
Decimals: counts and numbers as text, booleans, a choice code, a list of item codes, text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from govscore.imports.layout import NO, NO_ITEMS, YES, choice_labels
from govscore.imports.messages import Phrase, Shown
from govscore.scoring.model import Indicator
from govscore.scoring.values import plain
from govscore.scoring.vietnamese import nfc

# Text that is unmistakably a number: digits, with a decimal comma as Vietnamese writes it. "1.234"
# is refused: it is 1234 to a Vietnamese reader and 1.234 to an English one.
_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:,\d+)?")
_ITEM_SEPARATORS = re.compile(r"[,;]")
# Excel keeps 15 significant digits; more are binary noise (0.1 + 0.2 = 0.30000000000000004).
_FLOAT_DIGITS = ".15g"
PERCENT_MAX = Decimal(100)

Parser = Callable[[object], object]


class CellError(Exception):
    """A cell that cannot be used; `key` and `args` make the message."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.details = args


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def decimal_text(value: Decimal) -> str:
    """The stored form of a number: exact, no exponent, no trailing zeros (`40`, `0.5`)."""
    return format(plain(value), "f")


def to_decimal(raw: object, field: str, expected: str = "expected.number") -> Decimal:
    number = _decimal_or_none(raw)
    if number is None:
        raise CellError("field.type", field=field, expected=Phrase(expected), actual=Shown(raw))
    return number


def _decimal_or_none(raw: object) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(format(raw, _FLOAT_DIGITS)) if math.isfinite(raw) else None
    if isinstance(raw, str) and _NUMBER_TEXT.fullmatch(text := raw.strip()):
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation:
            return None
    return None


def check_range(number: Decimal, field: str, low: Decimal, high: Decimal | None) -> Decimal:
    if number < low and low == 0:
        raise CellError("field.negative", field=field, actual=number)
    if number < low or (high is not None and number > high):
        raise CellError("field.range", field=field, low=low, high="∞" if high is None else high, actual=number)
    return number


def number_parser(indicator: Indicator, field: str) -> Parser:
    whole = indicator.type == "count"
    low = indicator.minimum if indicator.minimum is not None else Decimal(0)
    high = indicator.maximum

    def parse(raw: object) -> object:
        number = to_decimal(raw, field, "expected.whole" if whole else "expected.number")
        if whole and number != number.to_integral_value():
            raise CellError("field.type", field=field, expected=Phrase("expected.whole"), actual=Shown(raw))
        return decimal_text(check_range(number, field, low, high))

    return parse


_ANSWERS = {YES.casefold(): True, NO.casefold(): False}


def boolean_parser(field: str) -> Parser:
    def parse(raw: object) -> object:
        if isinstance(raw, bool):
            return raw
        answer = _ANSWERS.get(nfc(raw).casefold()) if isinstance(raw, str) else None
        if answer is None:
            raise CellError("field.choice", field=field, allowed=f"{YES}, {NO}", actual=_text(raw))
        return answer

    return parse


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


def category_parser(indicator: Indicator, field: str) -> Parser:
    lookup = _choice_lookup(indicator)
    allowed = ", ".join(choice_labels(indicator))

    def parse(raw: object) -> object:
        text = _text(raw)
        code = lookup.get(text) or lookup.get(text.casefold())
        if code is None:
            raise CellError("field.choice", field=field, allowed=allowed, actual=text)
        return code

    return parse


def items_parser(indicator: Indicator, field: str) -> Parser:
    """Codes separated by commas (or semicolons), in any order; `-` alone means none of the items."""
    order = {choice.code: index for index, choice in enumerate(indicator.choices)}
    lookup = {choice.code.casefold(): choice.code for choice in indicator.choices}
    allowed = ", ".join(order)

    def parse(raw: object) -> object:
        text = _text(raw)
        if text == NO_ITEMS:
            return []
        codes: list[str] = []
        for part in _ITEM_SEPARATORS.split(text):
            item = nfc(part)
            if not item:
                continue
            code = item if item in order else lookup.get(item.casefold())
            if code is None:
                raise CellError("fact.item_unknown", indicator=field, item=item, allowed=allowed)
            if code in codes:
                raise CellError("items.duplicate", item=code)
            codes.append(code)
        return sorted(codes, key=order.__getitem__)

    return parse


def text_parser() -> Parser:
    return _text


def value_parser(indicator: Indicator, field: str) -> Parser:
    match indicator.type:
        case "number" | "count":
            return number_parser(indicator, field)
        case "boolean":
            return boolean_parser(field)
        case "category":
            return category_parser(indicator, field)
        case "items":
            return items_parser(indicator, field)
        case _:
            return text_parser()


def ratio_part_parser(field: str, percent: bool) -> Parser:
    high = PERCENT_MAX if percent else None

    def parse(raw: object) -> object:
        return check_range(to_decimal(raw, field), field, Decimal(0), high)

    return parse
