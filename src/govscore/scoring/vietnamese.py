"""Vietnamese text conventions: numbers, percentages, dates, month lists and sorting.

Pure standard library. Nothing here reads the machine's locale, so a report prints the
same on every server. Every function that takes ``lang`` accepts ``"vi"`` and ``"en"``
only and raises ``ValueError`` for anything else, so a typo never silently switches the
decimal separator.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from typing import NoReturn, TypeAlias

__all__ = [
    "CollationKey",
    "admin_date",
    "collation_key",
    "format_number",
    "format_percent",
    "join_items",
    "month_list",
    "nfc",
    "parse_month_list",
    "place_date_line",
    "short_date",
    "sort_vietnamese",
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


def _number_marks(lang: str) -> tuple[str, str]:
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
    decimal_mark, thousands = _number_marks(lang)
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
    _number_marks(lang)  # validates lang
    # Built by hand rather than d.isoformat(): a datetime would add its time part.
    if lang == "vi":
        return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


# --------------------------------------------------------------------- month lists


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
    _number_marks(lang)  # validates lang
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


# ---------------------------------------------------------------------- collation
#
# A pure-Python stand-in for ICU's "vi" collation (CLDR tailoring):
#   &\u0300 << \u0309 << \u0303 << \u0301 << \u0323   (tone marks)
#   &a < ă < â   &d < đ   &e < ê   &o < ô < ơ   &u < ư
# Level 1 (primary): letters, with ă â đ ê ô ơ ư as letters of their own.
# Level 2 (secondary): tone marks, ngang < huyền < hỏi < ngã < sắc < nặng.
# Level 3 (tertiary): case, lower before upper.
# Level 4: the normalised NFD text itself, so distinct strings never tie and sorting
# does not depend on the input order.
# Each level is compared over the whole string before the next one, as ICU does.

CollationKey: TypeAlias = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]

# Latin letters Vietnamese does not use (f, j, w, z) keep their Latin place, as in ICU.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Digits come before letters, as in ICU (and so in PostgreSQL's "vi-x-icu" collation).
_DIGITS = "0123456789"
_LETTER_WEIGHT = {letter: weight for weight, letter in enumerate(_DIGITS + _ALPHABET, start=1)}
# Spaces, punctuation and symbols weigh below digits and letters, each by its place in the CLDR root
# order as ICU uses it (space lowest), so "An Bình" < "Anh" and "Văn hóa Thông tin" < "Văn hóa, Thể thao".
_SEPARATOR_ORDER = " _-‐–—,;:!¡?¿.…'‘’\"“”()[]{}§¶@*/\\&#%‰†‡•`´˜^¯+±÷×<=>¬|¦~¤¢$£¥€"
_SEPARATOR_WEIGHT = {char: index - len(_SEPARATOR_ORDER) - 1 for index, char in enumerate(_SEPARATOR_ORDER)}
# Any other separator: after the listed ones, still before the digits.
_OTHER_SEPARATOR = -1
# Characters outside the alphabet sort after z, by code point.
_OTHER_WEIGHT = len(_DIGITS + _ALPHABET) + 1

# Marks that make a new letter rather than a tone (NFD of ă, â, ê, ô, ơ, ư).
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_NO_MARK = 0
_TONE_WEIGHT = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}
# Other combining marks (ü, ç, ...) come after the tones, by code point.
_OTHER_MARK_WEIGHT = len(_TONE_WEIGHT) + 1


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def _is_separator(char: str) -> bool:
    """Whitespace, punctuation and symbols: ignored, except that they end a word."""
    return char.isspace() or unicodedata.category(char)[0] in ("P", "S")


def _is_ignorable(char: str) -> bool:
    """Control and format characters (soft hyphen, zero-width joiner) weigh nothing."""
    return unicodedata.category(char) in ("Cc", "Cf")


def _clusters(text: str) -> Iterator[tuple[str, list[str]]]:
    """Split NFD text into (starter, combining marks after it); the starter may be ""."""
    starter = ""
    marks: list[str] = []
    for char in text:
        if _is_mark(char):
            marks.append(char)
            continue
        if starter or marks:
            yield starter, marks
        starter, marks = char, []
    if starter or marks:
        yield starter, marks


def _mark_weight(mark: str) -> int:
    return _TONE_WEIGHT.get(mark, _OTHER_MARK_WEIGHT + ord(mark))


class _KeyBuilder:
    def __init__(self) -> None:
        self.primary: list[int] = []
        self.secondary: list[int] = []
        self.tertiary: list[int] = []

    def add(self, starter: str, marks: list[str]) -> None:
        # starter is "" only for marks at the very start of the text: they weigh as
        # accents alone.
        if starter and _is_separator(starter):
            self._append(_SEPARATOR_WEIGHT.get(starter, _OTHER_SEPARATOR), _NO_MARK, 0)
        elif starter and not _is_ignorable(starter):
            marks = self._add_character(starter, marks)
        self.secondary.extend(_mark_weight(mark) for mark in marks)

    def _add_character(self, char: str, marks: list[str]) -> list[str]:
        """Add one collation element; return the marks left over as tones/accents."""
        lower = char.lower()
        if len(lower) != 1:  # e.g. "İ".lower() is two characters: keep the original
            lower = char
        letter, marks = _apply_letter_mark(lower, marks)
        weight = _LETTER_WEIGHT.get(letter, _OTHER_WEIGHT + ord(lower))
        self._append(weight, _NO_MARK, 0 if char == lower else 1)
        return marks

    def _append(self, primary: int, secondary: int, tertiary: int) -> None:
        self.primary.append(primary)
        self.secondary.append(secondary)
        self.tertiary.append(tertiary)


def _apply_letter_mark(base: str, marks: list[str]) -> tuple[str, list[str]]:
    """Fold the first letter-making mark into the base: ("a", [breve, acute]) -> ("ă", [acute])."""
    for index, mark in enumerate(marks):
        letter = _LETTER_MARKS.get((base, mark))
        if letter is not None:
            return letter, marks[:index] + marks[index + 1 :]
    return base, marks


# Unit names are sorted again at every rescoring and ranking: building a key costs some 30 µs.
@functools.lru_cache(maxsize=16384)
def collation_key(text: str) -> CollationKey:
    """A sort key giving Vietnamese alphabetical order, like ICU's ``vi`` collation.

    Built from the NFD decomposition with whitespace collapsed, so NFC and NFD spellings
    of the same text (and ``nfc(text)``) get the same key. Spaces, punctuation and
    symbols sort below digits, digits below letters, and other scripts after the letters
    by code point, as in ICU.
    """
    decomposed = " ".join(unicodedata.normalize("NFD", text).split())
    builder = _KeyBuilder()
    for starter, marks in _clusters(decomposed):
        builder.add(starter, marks)
    return (
        tuple(builder.primary),
        tuple(builder.secondary),
        tuple(builder.tertiary),
        decomposed,
    )


def sort_vietnamese(items: Iterable[str]) -> list[str]:
    """Return ``items`` in Vietnamese alphabetical order (see ``collation_key``)."""
    return sorted(items, key=collation_key)
