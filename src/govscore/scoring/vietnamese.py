"""Vietnamese text conventions: numbers, percentages, sizes and dates (month lists: `months`; order: `collation`).

Pure standard library. Nothing here reads the machine's locale, so a report prints the
same on every server. Every function that takes ``lang`` accepts ``"vi"`` and ``"en"``
only and raises ``ValueError`` for anything else, so a typo never silently switches the
decimal separator.
"""

from __future__ import annotations

import datetime
import functools
import unicodedata
from collections.abc import Sequence
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal

__all__ = [
    "admin_date",
    "check_language",
    "format_number",
    "format_percent",
    "format_size",
    "join_items",
    "nfc",
    "place_date_line",
    "short_date",
]


# --------------------------------------------------------------------------- text


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, trimmed, with each run of whitespace made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def join_items(items: Sequence[str], sep: str = "; ") -> str:
    """Join item titles for a narrative sentence."""
    # A bare str is a Sequence[str] too; joining its characters is always a caller bug.
    if isinstance(items, str):
        raise TypeError("join_items expects a sequence of strings, not a single string")
    return sep.join(items)


# ------------------------------------------------------------------------ numbers

# (decimal mark, thousands separator) per language.
_NUMBER_MARKS = {"vi": (",", "."), "en": (".", ",")}


def check_language(lang: str) -> tuple[str, str]:
    """The language's (decimal mark, thousands separator); ValueError for a language govscore does not speak."""
    try:
        return _NUMBER_MARKS[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}; expected 'vi' or 'en'") from None


def _as_decimal(value: object) -> Decimal:
    # bool and float pass a loose isinstance(int) / duck-typing check but are always
    # mistakes here: True is not a count, and a float has already lost its digits.
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    else:
        raise TypeError(f"expected Decimal or int, got {type(value).__name__}")
    if not number.is_finite():
        raise ValueError(f"cannot format non-finite number {number}")
    return number


def _round_half_up(value: Decimal, places: int) -> Decimal:
    """Round to exactly ``places`` fractional digits, ties away from zero.

    Uses its own context so the result depends neither on the thread's decimal context
    nor on the size of the number (the default 28 digits would raise for large values).
    """
    if places < 0:
        raise ValueError(f"places must be >= 0, got {places}")
    context = Context(
        prec=max(28, value.adjusted() + places + 2),
        rounding=ROUND_HALF_UP,
        Emax=MAX_EMAX,
        Emin=MIN_EMIN,
    )
    return value.quantize(Decimal((0, (1,), -places)), context=context)


def _shift_point(value: Decimal, places: int) -> Decimal:
    """Multiply by 10**places exactly."""
    # scaleb rounds to the context precision: give it room for every digit.
    digits = len(value.as_tuple().digits)
    context = Context(prec=max(28, digits), Emax=MAX_EMAX, Emin=MIN_EMIN)
    return value.scaleb(places, context=context)


def _group_thousands(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


def _render(value: Decimal, lang: str, strip_zeros: bool) -> str:
    decimal_mark, thousands = check_language(lang)
    # format(..., "f") is exact and never scientific: Decimal("1E+2") -> "100".
    text = format(value, "f")
    negative = text.startswith("-")
    integer, _, fraction = text.lstrip("-").partition(".")
    if strip_zeros:
        fraction = fraction.rstrip("0")
    body = _group_thousands(integer, thousands)
    if fraction:
        body += decimal_mark + fraction
    # A value that is (or rounds to) zero prints as "0", never "-0".
    if negative and (integer + fraction).strip("0"):
        return "-" + body
    return body


# typed: 1.5 == Decimal("1.5") in Python, but a float must still be refused.
@functools.lru_cache(maxsize=8192, typed=True)
def format_number(value: Decimal | int, places: int | None = None, lang: str = "vi") -> str:
    """Format a number the way the language writes it: vi ``1.234.567,5``, en ``1,234,567.5``.

    ``places=None`` prints the value's own digits without trailing fractional zeros
    (``Decimal("9.70")`` -> ``9,7``). ``places=N`` rounds half-up (ties away from zero)
    and keeps exactly N fractional digits.

    Cached: a national ledger prints the same few point values hundreds of thousands of times, and
    numbers that compare equal (``1.50`` and ``1.5``, ``10`` and ``Decimal(10)``) print alike.
    """
    number = _as_decimal(value)
    if places is None:
        return _render(number, lang, strip_zeros=True)
    return _render(_round_half_up(number, places), lang, strip_zeros=False)


def format_percent(fraction: Decimal, places: int = 1, lang: str = "vi") -> str:
    """Format a share as a percentage: 0.97 -> ``97%``, 0.96666 -> ``96,7%``.

    The percentage is rounded half-up to ``places`` decimals, then trailing zeros are
    dropped, so 0.970 prints ``97%`` rather than ``97,0%``.
    """
    percent = _shift_point(_as_decimal(fraction), 2)
    return _render(_round_half_up(percent, places), lang, strip_zeros=True) + "%"


def format_size(size: int, lang: str = "vi") -> str:
    """A byte count for people: `512 B`, `20 KB`, `1,5 MB`, `2,3 GB` (whole kilobytes, tenths above)."""
    if size < 1024:
        return f"{format_number(size, None, lang)} B"
    if size < 1024 * 1024:
        return f"{format_number(Decimal(size) / 1024, 0, lang)} KB"
    for unit, scale in (("MB", 1024**2), ("GB", 1024**3)):
        if size < scale * 1024 or unit == "GB":
            tenths = (Decimal(size) / scale).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            return f"{format_number(tenths, None, lang)} {unit}"
    raise AssertionError("unreachable")


# -------------------------------------------------------------------------- dates


def admin_date(d: datetime.date) -> str:
    """The date of an administrative document, e.g. ``ngày 05 tháng 01 năm 2020``.

    Nghị định 30/2020/NĐ-CP, Phụ lục I: days below 10 and the months 1 and 2 take a
    leading zero; months 3 to 12 are written without one (``ngày 29 tháng 6 năm 2019``).
    """
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def place_date_line(place: str, d: datetime.date) -> str:
    """The place-and-date line: ``Đồng Nai, ngày 07 tháng 12 năm 2012``."""
    name = nfc(place)
    if not name:
        raise ValueError("place_date_line needs a place name")
    return f"{name}, {admin_date(d)}"


def short_date(d: datetime.date, lang: str = "vi") -> str:
    """A compact date: vi ``07/12/2012``, en ISO ``2012-12-07``."""
    check_language(lang)  # validates lang
    # Built by hand rather than d.isoformat(): a datetime would add its time part.
    if lang == "vi":
        return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
