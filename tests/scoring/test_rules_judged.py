"""manual and adjustments: points set by people, clamped to their bounds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govscore.scoring.model import Adjustment, Score
from govscore.scoring.rules.judged import Adjustments, Manual
from govscore.scoring.values import Titles

D = Decimal


@pytest.mark.parametrize(
    ("rule", "given", "max_points", "expected", "clamped"),
    [
        (Manual("s"), D(120), D(155), D(120), False),
        (Manual("s"), D("7.25"), D(10), D("7.25"), False),
        (Manual("s"), D(10), D(10), D(10), False),
        (Manual("s"), D(0), D(10), D(0), False),
        # Outside the bounds: clamped, with a step saying so.
        (Manual("s"), D(12), D(10), D(10), True),
        (Manual("s"), D(-2), D(10), D(0), True),
        (Manual("s", D(-5)), D(-2), D(10), D(-2), False),
        (Manual("s", D(-5)), D(-9), D(10), D(-5), True),
    ],
)
def test_it_takes_a_manual_score_within_bounds(make_inp, rule, given, max_points, expected, clamped):
    outcome = rule.evaluate(make_inp(max_points, {"s": Score(given, "hội đồng chấm")}))
    assert outcome.points == expected
    assert outcome.facts == {"reason": "hội đồng chấm"}
    assert outcome.steps[0].key == "explain.manual"
    assert (outcome.steps[-1].key == "explain.clamped") is clamped


@pytest.mark.parametrize("facts", [{}, {"s": D(5)}, {"s": "5"}])
def test_it_gives_no_points_without_a_manual_score(make_inp, facts):
    outcome = Manual("s").evaluate(make_inp(10, facts))
    assert (outcome.points, outcome.has_data) == (D(0), False)


def test_it_knows_the_manual_bounds():
    assert Manual("s", D(-5)).possible_min(D(10)) == D(-5)
    assert Manual("s").possible_max(D(10)) == D(10)


# --- adjustments -----------------------------------------------------------------------------


def adj(*points: str) -> tuple[Adjustment, ...]:
    return tuple(Adjustment(D(value), f"lý do {index}") for index, value in enumerate(points, start=1))


@pytest.mark.parametrize(
    ("rule", "items", "max_points", "expected"),
    [
        (Adjustments("a", D(-10)), adj("-2", "-1.5"), D(5), D("-3.5")),
        (Adjustments("a", D(-10)), adj("-2", "3"), D(5), D(1)),
        (Adjustments("a", D(-10)), adj("4", "3"), D(5), D(5)),
        (Adjustments("a", D(-10), D(2)), adj("4", "3"), D(5), D(2)),
        (Adjustments("a", D(-10), D(20)), adj("4", "3"), D(5), D(5)),
        # Deductions never go below `min`.
        (Adjustments("a", D(-10)), adj("-8", "-7"), D(5), D(-10)),
        (Adjustments("a", D(-3)), adj("-8"), D(0), D(-3)),
        (Adjustments("a", D(0)), adj("-8"), D(5), D(0)),
        (Adjustments("a", D(-10)), (), D(5), D(0)),
    ],
)
def test_it_sums_signed_adjustments_within_bounds(make_inp, rule, items, max_points, expected):
    outcome = rule.evaluate(make_inp(max_points, {"a": items}))
    assert outcome.points == expected
    assert outcome.steps[-1].key == "explain.adjustments_total"
    assert len(outcome.steps) == len(items) + 1


def test_it_separates_deductions_from_bonuses(make_inp):
    outcome = Adjustments("a", D(-10)).evaluate(make_inp(5, {"a": adj("-2", "3", "-1")}))
    assert outcome.facts["deductions"] == D(3)
    assert outcome.facts["bonuses"] == D(3)
    assert outcome.facts["count"] == 3
    assert outcome.facts["reasons"] == Titles(("lý do 1", "lý do 2", "lý do 3"))
    assert outcome.facts["deduction_reasons"] == Titles(("lý do 1", "lý do 3"))
    assert outcome.facts["bonus_reasons"] == Titles(("lý do 2",))
    assert [step.args["sign"] for step in outcome.steps[:-1]] == ["", "+", ""]


def test_it_treats_absent_adjustments_as_none_at_all(make_inp):
    # No adjustment recorded means no deduction and no bonus: 0 points (the rule still speaks).
    outcome = Adjustments("a", D(-10)).evaluate(make_inp(5, {}))
    assert outcome.points == D(0)
    assert outcome.facts["count"] == 0


def test_it_knows_the_adjustment_bounds():
    assert Adjustments("a", D(-10)).possible_min(D(5)) == D(-10)
    assert Adjustments("a", D(-10)).possible_max(D(5)) == D(5)
    assert Adjustments("a", D(-10), D(2)).possible_max(D(5)) == D(2)


def test_an_explanation_never_writes_out_a_quotient_that_does_not_end() -> None:
    from govscore.scoring.ledger import render_step
    from govscore.scoring.rules.base import Step

    endless = Decimal(40) / Decimal(3)
    assert render_step(Step("explain.manual", {"points": endless, "reason": "x"}), "vi") == (
        "Điểm chấm: ≈13,3333 điểm. Lý do: x"
    )
    assert "13.3333 points" in render_step(Step("explain.manual", {"points": endless, "reason": "x"}), "en")
    # Exact values keep their digits.
    assert "13,125 điểm" in render_step(Step("explain.manual", {"points": Decimal("13.125"), "reason": "x"}), "vi")
