"""Changes are values whose canonical JSON differs from what is stored; blanks change nothing."""

from __future__ import annotations

import pytest

from govscore.imports import compute_changes, fingerprint
from govscore.imports.changes import Change
from govscore.scoring.describing import describe_json

from .workbooks import framework


def stored(values: dict[str, dict[str, object]]) -> dict[tuple[str, str], object]:
    return {(unit, code): value for unit, items in values.items() for code, value in items.items()}


def test_the_values_stored_are_not_changes() -> None:
    values = {
        "email": {"numerator": "40", "denominator": "50"},
        "meetings": "3",
        "satisfaction": "87.5",
        "regulations": ["attt", "van_ban"],
        "connected": True,
        "role": "deputy",
    }
    assert compute_changes(framework(), stored({"SYT": values}), {"SYT": dict(values)}) == []


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
        describe_json(indicators["email"], {"numerator": "1234", "denominator": 2000}),
        describe_json(indicators["email"], {"percent": "97.5"}),
        describe_json(indicators["connected"], True),
        describe_json(indicators["connected"], False, "en"),
        describe_json(indicators["role"], "deputy"),
        describe_json(indicators["regulations"], []),
        describe_json(indicators["satisfaction"], "87.5", "en"),
        describe_json(indicators["meetings"], None),
    ]
    assert shown == ["1.234/2.000", "97,5%", "Có", "No", "Phó ban", "(không có)", "87.5", "—"]


def test_the_fingerprint_follows_the_changes() -> None:
    one = [Change("SYT", "meetings", None, "2")]
    assert fingerprint(one) == fingerprint([Change("SYT", "meetings", None, "2")])
    assert fingerprint(one) != fingerprint([Change("SYT", "meetings", None, "3")])
    assert fingerprint([]) != fingerprint(one)
