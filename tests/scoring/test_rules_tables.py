"""step_table, yes_no and categorical: look-ups with exact points."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govscore.scoring.rules.tables import Categorical, StepTable, Threshold, YesNo
from govscore.scoring.values import Percent

D = Decimal

# 4 meetings → 20, 3 → 15, 2 → 10 (highest first, as the parser orders them).
MEETINGS = StepTable("m", (Threshold(D(4), D(20)), Threshold(D(3), D(15)), Threshold(D(2), D(10))))


@pytest.mark.parametrize(
    ("value", "expected", "step_key"),
    [
        (D(10), D(20), "explain.step"),
        (D(4), D(20), "explain.step"),
        (D("3.99"), D(15), "explain.step"),
        (D(3), D(15), "explain.step"),
        (D(2), D(10), "explain.step"),
        (D("1.99"), D(0), "explain.step_none"),
        (D(0), D(0), "explain.step_none"),
        (D(-1), D(0), "explain.step_none"),
    ],
)
def test_it_gives_the_points_of_the_highest_step_reached(make_inp, value, expected, step_key):
    outcome = MEETINGS.evaluate(make_inp(20, {"m": value}))
    assert outcome.points == expected
    assert outcome.facts == {"value": value}
    assert outcome.steps[0].key == step_key


def test_it_gives_the_otherwise_points_below_the_lowest_step(make_inp):
    table = StepTable("m", (Threshold(D(5), D(10)),), otherwise=D(2))
    assert table.evaluate(make_inp(10, {"m": D(4)})).points == D(2)
    assert table.evaluate(make_inp(10, {"m": D(5)})).points == D(10)
    assert table.possible_max(D(10)) == D(10)


def test_it_knows_the_most_a_step_table_can_give(make_inp):
    assert MEETINGS.possible_max(D(99)) == D(20)
    assert StepTable("m", (Threshold(D(1), D(1)),), otherwise=D(3)).possible_max(D(99)) == D(3)


@pytest.mark.parametrize("facts", [{}, {"m": "4"}, {"m": True}])
def test_it_gives_no_points_to_a_step_table_without_a_number(make_inp, facts):
    outcome = MEETINGS.evaluate(make_inp(20, facts))
    assert (outcome.points, outcome.has_data) == (D(0), False)


# --- yes_no ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "answer", "expected"),
    [
        (YesNo("b"), True, D(10)),
        (YesNo("b"), False, D(0)),
        (YesNo("b", yes=D(7)), True, D(7)),
        (YesNo("b", yes=D(7), no=D(2)), False, D(2)),
        (YesNo("b", no=D(3)), False, D(3)),
    ],
)
def test_it_gives_yes_or_no_points(make_inp, rule, answer, expected):
    outcome = rule.evaluate(make_inp(10, {"b": answer}))
    assert outcome.points == expected
    assert outcome.facts == {"value": answer}
    assert outcome.steps[0].args["answer"].key == ("answer.yes" if answer else "answer.no")


@pytest.mark.parametrize("facts", [{}, {"b": D(1)}, {"b": "yes"}])
def test_it_gives_no_points_to_an_unanswered_question(make_inp, facts):
    outcome = YesNo("b").evaluate(make_inp(10, facts))
    assert (outcome.points, outcome.has_data) == (D(0), False)


def test_it_knows_the_most_yes_no_can_give():
    assert YesNo("b").possible_max(D(10)) == D(10)
    assert YesNo("b", yes=D(4)).possible_max(D(10)) == D(4)
    assert YesNo("b", yes=D(4), no=D(6)).possible_max(D(10)) == D(6)


# --- categorical -----------------------------------------------------------------------------

ROLE = Categorical("role", (("chairman", D(1)), ("deputy", D("0.5")), ("none", D(0))))


@pytest.mark.parametrize(
    ("category", "max_points", "expected", "fraction"),
    [
        ("chairman", D(10), D(10), D(1)),
        ("deputy", D(10), D(5), D("0.5")),
        ("deputy", D(3), D("1.5"), D("0.5")),
        ("none", D(10), D(0), D(0)),
        # A category the table does not name earns nothing.
        ("janitor", D(10), D(0), D(0)),
        ("", D(10), D(0), D(0)),
    ],
)
def test_it_gives_the_fraction_of_the_category(make_inp, category, max_points, expected, fraction):
    outcome = ROLE.evaluate(make_inp(max_points, {"role": category}))
    assert outcome.points == expected
    assert outcome.has_data
    assert outcome.facts == {"category": category, "fraction": Percent(fraction)}


@pytest.mark.parametrize("facts", [{}, {"role": D(1)}, {"role": True}])
def test_it_gives_no_points_without_a_category(make_inp, facts):
    outcome = ROLE.evaluate(make_inp(10, facts))
    assert (outcome.points, outcome.has_data) == (D(0), False)
