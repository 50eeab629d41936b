"""A value's text (a text indicator, a score's or an adjustment's reason) has a most length, whichever way
it comes in (a form, a workbook, an evaluation file); values stored before the limit still count."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govscore.scoring.facts import Score, from_json, read_value
from govscore.scoring.limits import TEXT_MAX
from govscore.scoring.model import Indicator

NOTE = Indicator("ghi_chu", "Ghi chú của đơn vị", "text")
COUNCIL = Indicator("diem_hd", "Điểm hội đồng chấm", "score")
PENALTY = Indicator("diem_tru", "Điểm trừ", "adjustments")


def test_a_text_up_to_the_limit_is_taken() -> None:
    assert read_value(NOTE, "x" * TEXT_MAX) == ("x" * TEXT_MAX, [])
    fact, problems = read_value(COUNCIL, {"points": 5, "reason": " " + "lý do " * 333})
    assert problems == []
    assert isinstance(fact, Score) and fact.points == Decimal(5)


@pytest.mark.parametrize(
    ("indicator", "raw", "part"),
    [
        (NOTE, "x" * (TEXT_MAX + 1), ()),
        (COUNCIL, {"points": 5, "reason": "x" * (TEXT_MAX + 1)}, ("reason",)),
        (PENALTY, [{"points": -1, "reason": "ngắn"}, {"points": -2, "reason": "x" * (TEXT_MAX + 1)}], (1, "reason")),
    ],
)
def test_a_longer_text_is_refused_saying_how_long_it_may_be(indicator: Indicator, raw: object, part: tuple) -> None:
    fact, [problem] = read_value(indicator, raw)
    assert fact is None
    assert (problem.key, problem.part) == ("value.too_long", part)
    assert problem.message("vi") == f"{indicator.title}: dài quá, tối đa 2.000 ký tự (đang có 2.001 ký tự)."
    assert problem.message("en") == f"{indicator.title}: too long, at most 2,000 characters (it has 2,001)."


def test_a_stored_text_counts_as_it_was_stored() -> None:
    assert from_json(NOTE, "x" * 5000) == ("x" * 5000, [])
