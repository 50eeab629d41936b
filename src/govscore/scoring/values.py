"""Small typed values carried in explanations and narrative facts, formatted per language."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

from govscore.scoring.months import month_list
from govscore.scoring.vietnamese import format_number, format_percent, join_items

_MODES = {
    "half_up": ROUND_HALF_UP,
    "half_even": ROUND_HALF_EVEN,
    "down": ROUND_DOWN,
    "up": ROUND_UP,
}


@dataclass(frozen=True)
class Percent:
    """A share (0.97) that prints as a percentage (97%)."""

    fraction: Decimal
    places: int = 1


@dataclass(frozen=True)
class Months:
    months: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.months)


@dataclass(frozen=True)
class Titles:
    """A list of item titles, printed joined with semicolons."""

    items: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Fixed:
    """A number printed with exactly `places` decimals, as it is published (an index `0,6400`)."""

    number: Decimal
    places: int


Value = Decimal | int | bool | str | Percent | Months | Titles | Fixed


def quantize(value: Decimal, places: int, mode: str = "half_up") -> Decimal:
    """Round once, exactly, the way the framework says."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=_MODES[mode])


@functools.lru_cache(maxsize=65536)
def plain(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (for display and JSON).

    Cached: a national period repeats the same few numbers hundreds of thousands of times. Decimals
    equal in value share an entry (`5` and `5.0`), which is right, since both give the same plain form."""
    normalized = value.normalize()
    if normalized == normalized.to_integral_value():
        # Through int, not quantize: a whole number of more digits than the context's precision (a cell
        # holding 1E+28) cannot be quantized, and int is exact at any size.
        return Decimal(int(normalized))
    return normalized


# More fractional digits than this in a sentence are not written out.
READABLE_PLACES = 6


def format_value(value: Value, lang: str) -> str:
    if isinstance(value, bool):
        if lang == "vi":
            return "có" if value else "không"
        return "yes" if value else "no"
    if isinstance(value, Percent):
        return format_percent(value.fraction, value.places, lang)
    if isinstance(value, Fixed):
        return format_number(value.number, value.places, lang)
    if isinstance(value, Months):
        return month_list(value.months, lang)
    if isinstance(value, Titles):
        return join_items(value.items)
    if isinstance(value, Decimal) and value.is_finite() and value.as_tuple().exponent < -READABLE_PLACES:  # type: ignore[operator]
        # A quotient that does not end (40/3) is exact inside; a reader gets four places and a sign that says so.
        return "≈" + format_number(quantize(value, 4).normalize(), None, lang)
    if isinstance(value, (Decimal, int)):
        return format_number(value, None, lang)
    return value


def numeric(value: Value) -> Decimal | None:
    """The number a condition compares: counts of lists, percentages in percent points."""
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Percent):
        return value.fraction * 100
    if isinstance(value, Fixed):
        return value.number
    if isinstance(value, Months | Titles):
        return Decimal(len(value))
    if isinstance(value, Decimal | int):
        return Decimal(value)
    return None


def as_date(value: object) -> datetime.date | None:
    """A date from a YAML date or datetime, or from its ISO text (`2024-02-05`); None for anything else."""
    if isinstance(value, str):
        value = _iso(value)
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else None


def as_stamp(value: object) -> datetime.datetime | None:
    """A moment from a YAML datetime or its ISO text (`2024-02-05 09:30:00+07:00`); None for anything else."""
    if isinstance(value, str):
        value = _iso(value)
    return value if isinstance(value, datetime.datetime) else None


def _iso(text: str) -> datetime.date | None:
    try:
        stamp = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    # A date alone stays a date, as YAML reads it.
    return stamp.date() if len(text.strip()) == 10 else stamp
