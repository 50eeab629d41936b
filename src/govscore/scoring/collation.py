"""Vietnamese alphabetical order, as ICU's "vi" collation sorts (and PostgreSQL's "vi-x-icu")."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TypeAlias

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


def search_key(text: str) -> str:
    """Text as people type it to search: no tone or other marks, đ as d, case folded, spaces single
    (`Sở Y tế`, `SỞ Y TẾ` and `so y te` are one key)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if not _is_mark(char))
    return " ".join(bare.casefold().split())
