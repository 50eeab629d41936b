"""Changes are judged by meaning: `40`, `"40"` and `"40.0"` are one value; blanks change nothing."""

from __future__ import annotations

import re

import pytest

from govscore.imports import compute_changes, display_value, fingerprint
from govscore.imports.changes import Change
from govscore.imports.messages import CATALOG

from .workbooks import framework


def stored(values: dict[str, dict[str, object]]) -> dict[tuple[str, str], object]:
    return {(unit, code): value for unit, items in values.items() for code, value in items.items()}


def test_values_equal_in_meaning_are_not_changes() -> None:
    old = stored(
        {
            "SYT": {
                "email": {"numerator": 40, "denominator": 50},
                "meetings": 3,
                "satisfaction": "87.50",
                "regulations": ["van_ban", "attt"],
                "connected": True,
                "role": "deputy",
            }
        }
    )
    new = {
        "SYT": {
            "email": {"numerator": "40", "denominator": "50"},
            "meetings": "3",
            "satisfaction": "87.5",
            "regulations": ["attt", "van_ban"],
            "connected": True,
            "role": "deputy",
        }
    }
    assert compute_changes(framework(), old, new) == []


def test_it_lists_added_and_changed_values_and_leaves_blanks_alone() -> None:
    old = stored({"SYT": {"email": {"percent": "97"}, "connected": False, "remark": "cũ"}})
    new = {"SYT": {"email": {"numerator": "40", "denominator": "50"}, "meetings": "2"}, "STP": {"connected": True}}
    changes = compute_changes(framework(), old, new)
    assert changes == [
        Change("SYT", "email", {"percent": "97"}, {"numerator": "40", "denominator": "50"}),
        Change("SYT", "meetings", None, "2"),
        Change("STP", "connected", None, True),
    ]
    assert [change.added for change in changes] == [False, True, True]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ({"meetings": "abc"}, {"meetings": "3"}),
        ({"connected": "true"}, {"connected": True}),
        ({"email": {"numerator": "x", "denominator": 5}}, {"email": {"numerator": "4", "denominator": "5"}}),
        ({"regulations": ["attt", "attt"]}, {"regulations": ["attt"]}),
    ],
)
def test_a_malformed_stored_value_is_always_replaced(old: dict[str, object], new: dict[str, object]) -> None:
    assert len(compute_changes(framework(), stored({"SYT": old}), {"SYT": new})) == 1


def test_values_are_shown_as_people_read_them() -> None:
    indicators = {indicator.code: indicator for indicator in framework().indicators}
    shown = [
        display_value(indicators["email"], {"numerator": "1234", "denominator": 2000}),
        display_value(indicators["email"], {"percent": "97.5"}),
        display_value(indicators["connected"], True),
        display_value(indicators["connected"], False, "en"),
        display_value(indicators["role"], "deputy"),
        display_value(indicators["regulations"], []),
        display_value(indicators["satisfaction"], "87.5", "en"),
        display_value(indicators["meetings"], None),
    ]
    assert shown == ["1.234/2.000", "97,5%", "Có", "No", "Phó ban", "-", "87.5", "—"]


def test_the_fingerprint_follows_the_changes() -> None:
    one = [Change("SYT", "meetings", None, "2")]
    assert fingerprint(one) == fingerprint([Change("SYT", "meetings", None, "2")])
    assert fingerprint(one) != fingerprint([Change("SYT", "meetings", None, "3")])
    assert fingerprint([]) != fingerprint(one)


def test_every_message_has_both_languages_and_the_same_placeholders() -> None:
    placeholder = re.compile(r"\{(\w+)\}")
    for key, (vi, en) in CATALOG.items():
        assert vi and en, key
        assert sorted(placeholder.findall(vi)) == sorted(placeholder.findall(en)), key
