"""What must hold on the production database, PostgreSQL, checked on whichever backend the suite runs on.

`scripts/test` runs the suite twice: on SQLite, then on a throwaway PostgreSQL cluster (`scripts/postgres`).
Names sort in Vietnamese order when the app asks for it: PostgreSQL (built with ICU, as Debian's is)
orders with `Collate(field, "vi-x-icu")`; SQLite has no such collation, so there the order comes from the
core's key (`sort_vietnamese`). Both must give the order of `govscore.scoring.vietnamese.collation_key`,
which the ranking's stored `name_order` follows too.
"""

from __future__ import annotations

import os
import random
import unicodedata
from collections.abc import Iterable

import dj_database_url
import pytest
from django.db import connection
from django.db.models.functions import Collate
from django.test import TestCase

from govscore.scoring.collation import collation_key, sort_vietnamese
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.orgs.models import Unit, UnitGroup
from govscore.web.periods.actions import do_ensure_period
from govscore.web.scores.models import Result
from govscore.web.scores.rescoring import rescore_period

from .base import framework_text

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it


VIETNAMESE = "vi-x-icu"

# Vietnamese alphabetical order: a word ends before a longer one continues (An < Anh), tones come after the
# letters (Anh < Ảnh < Ao), ă and â are letters after a (Ao < Ăn < Ân), đ after d (Dương < Đặng), ô and ơ
# after o, ư after u; the tones run ngang < huyền < hỏi < ngã < sắc < nặng (Ma … Mạ).
IN_ORDER = [
    "An",
    "Anh",
    "Ảnh",
    "Ao",
    "Ăn",
    "Ân",
    "Bình",
    "Dương",
    "Đặng",
    "Ma",
    "Mà",
    "Mả",
    "Mã",
    "Má",
    "Mạ",
    "Ô",
    "Ơ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Y tế",
    "U",
    "Ư",
    "Yến",
]


def shuffled(names: Iterable[str], seed: int = 2012) -> list[str]:
    # Stored out of order, so an order that merely follows insertion (or the primary key) cannot pass.
    names = list(names)
    random.Random(seed).shuffle(names)
    return names


def require_vietnamese_collation() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT collname FROM pg_collation WHERE collname = %s", [VIETNAMESE])
        found = cursor.fetchall()
    if not found:
        raise AssertionError(
            f'PostgreSQL has no collation "{VIETNAMESE}": it must be built with ICU (Debian\'s postgresql is).'
        )


def ordered_by_database(names: list[str]) -> list[str]:
    """Store the names as units and read them back in Vietnamese order, as this backend gives it."""
    group = UnitGroup.objects.create(code="khoi-kiem-thu", name="Khối kiểm thử")
    Unit.objects.bulk_create(Unit(code=f"T{index:05}", name=name, group=group) for index, name in enumerate(names))
    units = Unit.objects.filter(group=group)
    if connection.vendor == "postgresql":
        require_vietnamese_collation()
        return list(units.order_by(Collate("name", VIETNAMESE), "code").values_list("name", flat=True))
    if connection.vendor == "sqlite":
        return sort_vietnamese(units.values_list("name", flat=True))
    raise AssertionError(f"no Vietnamese order is known for the {connection.vendor} backend")


# Random names from Vietnamese syllables: every letter, every tone (on either vowel of a pair, as the old and
# new spelling rules place it), three cases, one to four words. Letters and spaces only: the core's key
# treats every punctuation mark as a word break, ICU gives each its own weight, so with punctuation the two
# orders differ.
ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh"]
ONSETS += ["p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
NUCLEI = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ia", "iê", "ươ", "uô", "oa", "oe", "uy"]
NUCLEI += ["ai", "ao", "au", "ây", "eo", "ôi", "ơi", "ui", "ưu"]
CODAS = ["", "", "", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


def random_syllable(rng: random.Random) -> str:
    nucleus, tone = rng.choice(NUCLEI), rng.choice(TONES)
    marked = rng.randrange(len(nucleus))
    vowels = "".join(letter + (tone if index == marked else "") for index, letter in enumerate(nucleus))
    syllable = unicodedata.normalize("NFC", rng.choice(ONSETS) + vowels + rng.choice(CODAS))
    case = rng.random()
    if case < 0.7:
        return syllable[0].upper() + syllable[1:]
    if case < 0.75:
        return syllable.upper()
    return syllable


# Unit names carry commas, hyphens, dots and parentheses ("Sở Văn hóa, Thể thao và Du lịch", "Bà Rịa-Vũng Tàu").
SEPARATORS = [" "] * 8 + [", ", "-", " - ", ". ", " (", ") "]


def random_names(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        words = [random_syllable(rng) for _ in range(rng.randint(1, 4))]
        names.append(words[0] + "".join(rng.choice(SEPARATORS) + word for word in words[1:]))
    return names


class BackendTests(TestCase):
    def test_it_runs_on_the_database_that_DATABASE_URL_names(self) -> None:
        # Guards the second run of scripts/test: a PostgreSQL URL that silently fell back to SQLite would
        # make it a repeat of the first.
        url = os.environ.get("DATABASE_URL")
        expected = dj_database_url.parse(url)["ENGINE"] if url else "django.db.backends.sqlite3"
        self.assertEqual(connection.settings_dict["ENGINE"], expected)


class VietnameseOrderTests(TestCase):
    def test_names_sort_in_vietnamese_order(self) -> None:
        self.assertEqual(ordered_by_database(shuffled(IN_ORDER)), IN_ORDER)

    def test_the_order_is_the_cores_collation_key(self) -> None:
        self.assertEqual(sorted(IN_ORDER, key=collation_key), IN_ORDER)

    def test_thousands_of_random_names_sort_as_the_cores_key_sorts_them(self) -> None:
        names = random_names(3000, seed=2012)
        ordered = ordered_by_database(names)
        expected = sorted(names, key=collation_key)
        # The first difference, not a 3000-line diff.
        for index, (got, want) in enumerate(zip(ordered, expected, strict=True)):
            self.assertEqual(got, want, f"position {index}: {ordered[max(0, index - 2) : index + 3]}")


class RankingNameOrderTests(TestCase):
    """The ranking sorts by name in SQL through `Result.name_order`: that order must be Vietnamese too."""

    def test_the_stored_name_order_is_vietnamese(self) -> None:
        version = do_store_framework(framework_text())
        period = do_ensure_period(2012, version)
        group = do_ensure_group("so-nganh", "Sở, ban, ngành")
        for index, name in enumerate(shuffled(IN_ORDER)):
            do_ensure_unit(f"U{index:02}", name, group)
        rescore_period(period)
        results = Result.objects.filter(period=period)
        by_name_order = list(results.order_by("name_order", "unit__code").values_list("unit__name", flat=True))
        self.assertEqual(by_name_order, IN_ORDER)
        if connection.vendor == "postgresql":
            require_vietnamese_collation()
            by_collation = results.order_by(Collate("unit__name", VIETNAMESE), "unit__code")
            self.assertEqual(list(by_collation.values_list("unit__name", flat=True)), IN_ORDER)
