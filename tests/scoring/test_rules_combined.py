"""composite and best_of: rules made of parts, each part with its own max."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govscore.scoring.model import Adjustment, Ratio
from govscore.scoring.rules.combined import BestOf, Case, Composite, Part
from govscore.scoring.rules.items import CountedItems
from govscore.scoring.rules.judged import Adjustments
from govscore.scoring.rules.rates import LinearRate, NormalizedToBest
from govscore.scoring.rules.tables import YesNo

D = Decimal

# Connection rate × 45 + applications (1 each, at most 5).
CONNECTION = Composite(
    (
        Part("kết nối", D(45), LinearRate("conn")),
        Part("ứng dụng", D(5), CountedItems("apps", D(1))),
    )
)


@pytest.mark.parametrize(
    ("facts", "max_points", "expected"),
    [
        ({"conn": Ratio(D(4), D(5)), "apps": D(3)}, D(50), D(39)),
        ({"conn": Ratio(D(1), D(1)), "apps": D(9)}, D(50), D(50)),
        ({"conn": Ratio(D(1), D(2))}, D(50), D("22.5")),
        ({"apps": D(2)}, D(50), D(2)),
        # The sum of the parts is capped at the criterion's max.
        ({"conn": Ratio(D(1), D(1)), "apps": D(5)}, D(40), D(40)),
    ],
)
def test_it_sums_the_parts_of_a_composite(make_inp, facts, max_points, expected):
    outcome = CONNECTION.evaluate(make_inp(max_points, facts))
    assert outcome.points == expected
    assert outcome.facts["parts_points"] == expected
    assert outcome.has_data
    part_steps = [step for step in outcome.steps if step.key == "explain.part"]
    assert [step.args["title"] for step in part_steps] == ["kết nối", "ứng dụng"]


def test_it_evaluates_each_part_against_its_own_max(make_inp):
    composite = Composite((Part("a", D(3), YesNo("x")), Part("b", D(7), YesNo("y"))))
    assert composite.evaluate(make_inp(10, {"x": True, "y": False})).points == D(3)
    assert composite.evaluate(make_inp(10, {"x": False, "y": True})).points == D(7)
    assert composite.possible_max(D(10)) == D(10)


def test_it_has_no_composite_data_when_no_part_has_data(make_inp):
    outcome = CONNECTION.evaluate(make_inp(50, {}))
    assert (outcome.points, outcome.has_data) == (D(0), False)


def test_it_knows_composite_indicators_and_relativity():
    assert CONNECTION.indicators() == ("conn", "apps")
    assert not CONNECTION.is_relative
    assert Composite((Part("a", D(1), NormalizedToBest("n")),)).is_relative


def test_it_keeps_a_composite_with_a_signed_part_within_its_possible_min(make_inp):
    composite = Composite((Part("thưởng/trừ", D(5), Adjustments("adj", D(-5))),))
    outcome = composite.evaluate(make_inp(5, {"adj": (Adjustment(D(-3), "nộp trễ"),)}))
    assert outcome.points >= composite.possible_min(D(5))


# --- best_of ---------------------------------------------------------------------------------

# Either a connection rate × 10, or a dedicated line (8) plus a plan (2).
EITHER = BestOf(
    (
        Case("tỷ lệ", (Part("kết nối", D(10), LinearRate("conn")),)),
        Case("đường riêng", (Part("đường riêng", D(8), YesNo("line")), Part("kế hoạch", D(2), YesNo("plan")))),
    )
)


@pytest.mark.parametrize(
    ("facts", "expected", "best_case"),
    [
        ({"conn": Ratio(D(9), D(10)), "line": True, "plan": False}, D(9), "tỷ lệ"),
        ({"conn": Ratio(D(5), D(10)), "line": True, "plan": False}, D(8), "đường riêng"),
        ({"conn": Ratio(D(5), D(10)), "line": True, "plan": True}, D(10), "đường riêng"),
        ({"line": False, "plan": True}, D(2), "đường riêng"),
        ({"conn": Ratio(D(3), D(10))}, D(3), "tỷ lệ"),
        # A tie goes to the first case.
        ({"conn": Ratio(D(8), D(10)), "line": True}, D(8), "tỷ lệ"),
    ],
)
def test_it_picks_the_best_case(make_inp, facts, expected, best_case):
    outcome = EITHER.evaluate(make_inp(10, facts))
    assert outcome.points == expected
    assert outcome.facts["best_case"] == best_case
    assert outcome.has_data
    assert outcome.steps[-1].key == "explain.best_case"
    assert [step.args["title"] for step in outcome.steps if step.key == "explain.case"] == ["tỷ lệ", "đường riêng"]


def test_it_caps_the_best_case_at_the_max(make_inp):
    outcome = EITHER.evaluate(make_inp(6, {"line": True, "plan": True}))
    assert outcome.points == D(6)
    assert EITHER.possible_max(D(6)) == D(10)


def test_it_keeps_the_facts_of_the_best_case(make_inp):
    outcome = EITHER.evaluate(make_inp(10, {"conn": Ratio(D(9), D(10)), "line": True}))
    assert outcome.facts["rate"].fraction == D("0.9")


def test_it_has_no_best_of_data_when_no_case_has_data(make_inp):
    outcome = EITHER.evaluate(make_inp(10, {}))
    assert (outcome.points, outcome.has_data) == (D(0), False)


def test_it_gives_nothing_for_a_best_of_without_cases(make_inp):
    outcome = BestOf(()).evaluate(make_inp(10, {}))
    assert (outcome.points, outcome.has_data) == (D(0), False)
    assert BestOf(()).possible_max(D(10)) == D(0)
