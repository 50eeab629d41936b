"""additive and counted_items: partial credits, caps and the names of missing items."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govscore.scoring.model import Choice
from govscore.scoring.rules.items import Additive, Condition, CountedItems
from govscore.scoring.values import Titles

D = Decimal

MEETINGS = Additive(
    (
        Condition("attends", D("0.5"), "dự họp"),
        Condition("chairs", D("0.5"), "chủ trì"),
        Condition("reports", D(1), "báo cáo"),
    )
)


@pytest.mark.parametrize(
    ("facts", "expected", "met", "unmet"),
    [
        ({"attends": True, "chairs": True, "reports": True}, D(2), ("dự họp", "chủ trì", "báo cáo"), ()),
        ({"attends": True, "chairs": False, "reports": True}, D("1.5"), ("dự họp", "báo cáo"), ("chủ trì",)),
        ({"attends": True}, D("0.5"), ("dự họp",), ("chủ trì", "báo cáo")),
        ({"attends": False, "chairs": False, "reports": False}, D(0), (), ("dự họp", "chủ trì", "báo cáo")),
    ],
)
def test_it_adds_the_credit_of_every_condition_met(make_inp, facts, expected, met, unmet):
    outcome = MEETINGS.evaluate(make_inp(2, facts))
    assert outcome.points == expected
    assert outcome.has_data
    assert outcome.facts["met"] == Titles(met)
    assert outcome.facts["unmet"] == Titles(unmet)
    assert outcome.facts["met_count"] == len(met)
    assert outcome.facts["unmet_count"] == len(unmet)
    assert outcome.steps[-1].key == "explain.sum"


def test_it_caps_additive_credits_at_the_max(make_inp):
    outcome = MEETINGS.evaluate(make_inp("1.2", {"attends": True, "chairs": True, "reports": True}))
    assert outcome.points == D("1.2")
    assert MEETINGS.possible_max(D("1.2")) == D(2)


@pytest.mark.parametrize("facts", [{}, {"attends": "yes", "chairs": D(1)}])
def test_it_gives_no_additive_points_when_no_condition_is_answered(make_inp, facts):
    outcome = MEETINGS.evaluate(make_inp(2, facts))
    assert (outcome.points, outcome.has_data) == (D(0), False)


# --- counted_items ---------------------------------------------------------------------------

REGULATIONS = (
    Choice("attt", "quy định an toàn thông tin"),
    Choice("thu", "quy định thư điện tử"),
    Choice("vb", "quy định văn bản điện tử"),
    Choice("mang", "quy chế mạng chuyên dùng"),
)
ITEMS = CountedItems("regs", D(5), D(20), REGULATIONS)


@pytest.mark.parametrize(
    ("present", "expected", "missing"),
    [
        (("attt", "thu", "vb", "mang"), D(20), ()),
        (("attt", "vb"), D(10), ("quy định thư điện tử", "quy chế mạng chuyên dùng")),
        (("mang",), D(5), ("quy định an toàn thông tin", "quy định thư điện tử", "quy định văn bản điện tử")),
        ((), D(0), tuple(choice.title for choice in REGULATIONS)),
        # The same item twice counts once.
        (("thu", "thu"), D(5), ("quy định an toàn thông tin", "quy định văn bản điện tử", "quy chế mạng chuyên dùng")),
    ],
)
def test_it_counts_items_and_names_the_missing_ones(make_inp, present, expected, missing):
    outcome = ITEMS.evaluate(make_inp(20, {"regs": present}))
    assert outcome.points == expected
    assert outcome.facts["missing"] == Titles(missing)
    assert outcome.facts["missing_count"] == len(missing)
    assert outcome.facts["expected_count"] == 4
    assert outcome.facts["count"] == len(set(present))
    keys = [step.key for step in outcome.steps]
    assert ("explain.items_missing" in keys) is bool(missing)


def test_it_lists_present_items_in_the_indicator_order(make_inp):
    outcome = ITEMS.evaluate(make_inp(20, {"regs": ("mang", "attt")}))
    assert outcome.facts["present"] == Titles(("quy định an toàn thông tin", "quy chế mạng chuyên dùng"))


@pytest.mark.parametrize(
    ("rule", "max_points", "count", "expected"),
    [
        (CountedItems("n", D(5), D(20)), D(20), D(3), D(15)),
        (CountedItems("n", D(5), D(20)), D(20), D(4), D(20)),
        # Above the cap.
        (CountedItems("n", D(5), D(20)), D(20), D(9), D(20)),
        # The criterion's max caps too, when it is below the rule's cap.
        (CountedItems("n", D(5), D(20)), D(12), D(9), D(12)),
        # Without a cap the criterion's max is the cap.
        (CountedItems("n", D("2.5")), D(10), D(3), D("7.5")),
        (CountedItems("n", D("2.5")), D(10), D(30), D(10)),
        (CountedItems("n", D(1)), D(10), D(0), D(0)),
    ],
)
def test_it_counts_a_number_of_items_up_to_the_cap(make_inp, rule, max_points, count, expected):
    outcome = rule.evaluate(make_inp(max_points, {"n": count}))
    assert outcome.points == expected
    assert outcome.facts == {"count": int(count)}


def test_it_caps_counted_item_codes_above_the_cap(make_inp):
    rule = CountedItems("regs", D(8), D(20), REGULATIONS)
    outcome = rule.evaluate(make_inp(20, {"regs": ("attt", "thu", "vb")}))
    assert outcome.points == D(20)
    assert outcome.steps[0].args["cap"] == D(20)


def test_it_knows_the_most_counted_items_can_give():
    assert ITEMS.possible_max(D(50)) == D(20)
    assert CountedItems("n", D(1)).possible_max(D(7)) == D(7)


@pytest.mark.parametrize("facts", [{}, {"regs": "attt"}, {"regs": True}, {"regs": (1, 2)}])
def test_it_gives_no_points_without_items(make_inp, facts):
    outcome = ITEMS.evaluate(make_inp(20, facts))
    assert (outcome.points, outcome.has_data) == (D(0), False)
