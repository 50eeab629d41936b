"""Every sentence govscore says outside its web pages, in Vietnamese first and in English, through gettext.

The catalog is `govscore/locale/<lang>/LC_MESSAGES/govscore.po`, compiled to `.mo` when the package is
built (`setup.py`). Message ids are keys (`field.required`, `cli.invalid`), translated in both
languages, with `{name}` placeholders. Arguments are formatted for the language (decimal comma, month
lists, percentages) before they are put into the sentence, so callers pass values, not strings; a
`Phrase` argument is itself a message, and `Shown` describes what a user typed.

The core stays free of Django: the web pages use Django's own catalog, this one uses the standard
library's `gettext`.
"""

from __future__ import annotations

import datetime
import functools
import gettext
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from govscore.scoring.grading import describe_band
from govscore.scoring.model import Band
from govscore.scoring.values import Fixed, Months, Percent, Titles, format_value

LANGUAGES = ("vi", "en")
DOMAIN = "govscore"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
# Texts quoted back to the user are cut: a whole pasted paragraph helps no one in an error list.
QUOTE_LIMIT = 60


class CatalogMissing(RuntimeError):
    """The compiled catalog is absent: the package was not built (an editable checkout needs scripts/setup)."""


@functools.cache
def catalog(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang if lang in LANGUAGES else "vi"])
    except FileNotFoundError:
        raise CatalogMissing(f"{LOCALE_DIR}/{lang}/LC_MESSAGES/{DOMAIN}.mo is missing: run scripts/setup") from None


def template(key: str, lang: str = "vi") -> str:
    """The sentence of `key` before its arguments are put in; KeyError for a key the catalog lacks."""
    text = catalog(lang).gettext(key)
    if text == key:
        raise KeyError(key)
    return text


@dataclass(frozen=True)
class Phrase:
    """A catalog entry used as an argument of another message ("a whole number" in "must be …")."""

    key: str

    def text(self, lang: str) -> str:
        return render(self.key, lang)


@dataclass(frozen=True)
class Shown:
    """What a user typed or a file held, quoted back in the message's language."""

    raw: object

    def text(self, lang: str) -> str:
        value = self.raw
        if isinstance(value, bool):
            return render("actual.boolean", lang, value="TRUE" if value else "FALSE")
        if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
            return render("actual.date", lang)
        if isinstance(value, int | Decimal):
            return format_value(value, lang)
        if isinstance(value, float) and math.isfinite(value):
            return format_value(Decimal(format(value, ".15g")), lang)
        if isinstance(value, list | tuple):
            return render("actual.list", lang)
        if isinstance(value, dict):
            return render("actual.mapping", lang)
        if value is None:
            return render("actual.nothing", lang)
        text = str(value)
        if len(text) > QUOTE_LIMIT:
            text = text[: QUOTE_LIMIT - 1] + "…"
        return render("actual.text", lang, value=text)


# A tuple, not a union: isinstance with a tuple is several times faster, and this runs for every argument.
_VALUE_TYPES = (Decimal, int, bool, Percent, Months, Titles, Fixed)


def _format(value: object, lang: str) -> str:
    if type(value) is str:  # most arguments are already text
        return value
    if isinstance(value, Phrase | Shown):
        return value.text(lang)
    if isinstance(value, _VALUE_TYPES):
        return format_value(value, lang)
    if isinstance(value, Band):
        return describe_band(value, lang)
    return str(value)


def render(key: str, lang: str = "vi", **args: object) -> str:
    """The sentence for `key` in `lang`, arguments formatted for that language."""
    return template(key, lang).format(**{name: _format(value, lang) for name, value in args.items()})
