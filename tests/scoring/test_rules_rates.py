"""linear_rate, normalized_to_best and survey: exact points, zero denominators, missing data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govscore.scoring.model import Ratio
from govscore.scoring.rules.rates import LinearRate, NormalizedToBest, Survey
from govscore.scoring.values import Percent

D = Decimal


# --- linear_rate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "target", "max_points", "expected"),
    [
        (Ratio(D(45), D(50)), D(1), D(10), D(9)),
        (Ratio(D(50), D(50)), D(1), D(10), D(10)),
        (Ratio(D(0), D(50)), D(1), D(10), D(0)),
        (Ratio(D(1), D(4)), D(1), D(15), D("3.75")),
        (Ratio(percent=D("97.5")), D(1), D(20), D("19.5")),
        (Ratio(percent=D(0)), D(1), D(20), D(0)),
        # Against a target rate of 80 %: 40 % earns half, 80 % or more earns the full max.
        (Ratio(D(40), D(100)), D("0.8"), D(10), D(5)),
        (Ratio(D(80), D(100)), D("0.8"), D(10), D(10)),
        (Ratio(D(95), D(100)), D("0.8"), D(10), D(10)),
    ],
)
def test_it_scales_the_max_by_the_rate(make_inp, ratio, target, max_points, expected):
    outcome = LinearRate("r", target=target).evaluate(make_inp(max_points, {"r": ratio}))
    assert outcome.points == expected
    assert outcome.applicable
    assert outcome.has_data


def test_it_keeps_the_rate_and_its_parts_as_facts(make_inp):
    outcome = LinearRate("r").evaluate(make_inp(10, {"r": Ratio(D(3), D(4))}))
    assert outcome.facts["rate"] == Percent(D("0.75"))
    assert outcome.facts["numerator"] == D(3)
    assert outcome.facts["denominator"] == D(4)
    assert outcome.steps[0].key == "explain.rate"


def test_it_explains_a_target_rate_with_its_own_step(make_inp):
    outcome = LinearRate("r", target=D("0.8")).evaluate(make_inp(10, {"r": Ratio(D(1), D(2))}))
    assert outcome.steps[0].key == "explain.rate_target"
    assert outcome.points == D("6.25")


@pytest.mark.parametrize(
    "ratio",
    [Ratio(D(60), D(50)), Ratio(D(1000), D(1)), Ratio(percent=D(150))],
)
def test_it_caps_a_rate_above_100_percent_at_the_max(make_inp, ratio):
    assert LinearRate("r").evaluate(make_inp(10, {"r": ratio})).points == D(10)


@pytest.mark.parametrize(
    ("policy", "points", "applicable", "outcome_key"),
    [
        ("zero", D(0), True, "outcome.zero"),
        ("full", D(10), True, "outcome.full"),
        ("not_applicable", D(0), False, "outcome.not_applicable"),
    ],
)
def test_it_follows_the_zero_denominator_policy(make_inp, policy, points, applicable, outcome_key):
    outcome = LinearRate("r", zero_denominator=policy).evaluate(make_inp(10, {"r": Ratio(D(0), D(0))}))
    assert outcome.points == points
    assert outcome.applicable is applicable
    assert outcome.has_data
    assert "rate" not in outcome.facts
    assert outcome.steps[0].key == "explain.zero_denominator"
    assert outcome.steps[0].args["outcome"].key == outcome_key


@pytest.mark.parametrize("policy", ["zero", "full", "not_applicable"])
def test_it_treats_a_zero_denominator_with_a_nonzero_numerator_by_the_policy_too(make_inp, policy):
    outcome = LinearRate("r", zero_denominator=policy).evaluate(make_inp(10, {"r": Ratio(D(5), D(0))}))
    assert outcome.points == (D(10) if policy == "full" else D(0))
    assert outcome.applicable is (policy != "not_applicable")


@pytest.mark.parametrize("facts", [{}, {"other": Ratio(D(1), D(1))}, {"r": D(5)}, {"r": True}])
def test_it_gives_no_points_without_a_ratio(make_inp, facts):
    outcome = LinearRate("r").evaluate(make_inp(10, facts))
    assert outcome.points == D(0)
    assert outcome.has_data is False
    assert outcome.applicable
    assert outcome.steps[0].key == "explain.no_data"


# --- normalized_to_best ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "peers", "expected", "best"),
    [
        (D(50), [D(100), D(50), D(25)], D(5), D(100)),
        (D(100), [D(100), D(50)], D(10), D(100)),
        (D(25), [D(100), D(25)], D("2.5"), D(100)),
        # The unit itself is the best when no peer is better (or there is no peer at all).
        (D(30), [D(10)], D(10), D(30)),
        (D(30), [], D(10), D(30)),
        # Non-numeric peers are ignored.
        (D(5), [D(10), "x", True], D(5), D(10)),
    ],
)
def test_it_normalizes_to_the_best_peer(make_inp, value, peers, expected, best):
    inp = make_inp(10, {"n": value}, peers={("n", "group"): peers})
    outcome = NormalizedToBest("n").evaluate(inp)
    assert outcome.points == expected
    assert outcome.facts["best"] == best
    assert outcome.facts["value"] == value


def test_it_reads_the_peers_of_its_scope(make_inp):
    peers = {("n", "group"): [D(20)], ("n", "all"): [D(20), D(40)]}
    assert NormalizedToBest("n", scope="group").evaluate(make_inp(10, {"n": D(10)}, peers=peers)).points == D(5)
    assert NormalizedToBest("n", scope="all").evaluate(make_inp(10, {"n": D(10)}, peers=peers)).points == D("2.5")


@pytest.mark.parametrize(("value", "peers"), [(D(0), [D(0)]), (D(0), []), (D(-3), [D(-1)])])
def test_it_gives_zero_when_the_best_is_not_positive(make_inp, value, peers):
    outcome = NormalizedToBest("n").evaluate(make_inp(10, {"n": value}, peers={("n", "group"): peers}))
    assert outcome.points == D(0)
    assert outcome.steps[0].key == "explain.normalized_zero"


def test_it_gives_zero_to_a_negative_value_among_positive_peers(make_inp):
    outcome = NormalizedToBest("n").evaluate(make_inp(10, {"n": D(-5)}, peers={("n", "group"): [D(10)]}))
    assert outcome.points == D(0)


def test_it_gives_no_points_to_a_unit_without_a_value(make_inp):
    outcome = NormalizedToBest("n").evaluate(make_inp(10, {}, peers={("n", "group"): [D(10)]}))
    assert (outcome.points, outcome.has_data) == (D(0), False)


def test_it_is_relative(make_inp):
    assert NormalizedToBest("n").is_relative
    assert not LinearRate("r").is_relative
    assert not Survey("s").is_relative


# --- survey ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "scale", "max_points", "expected"),
    [
        (D(80), D(100), D(10), D(8)),
        (D("72.5"), D(100), D(20), D("14.5")),
        (D(4), D(5), D(10), D(8)),
        (D(0), D(100), D(10), D(0)),
        (D(100), D(100), D(10), D(10)),
        # Above the scale caps at the max, below zero floors at zero.
        (D(120), D(100), D(10), D(10)),
        (D(-5), D(100), D(10), D(0)),
    ],
)
def test_it_scales_a_survey_result(make_inp, value, scale, max_points, expected):
    outcome = Survey("s", scale).evaluate(make_inp(max_points, {"s": value}))
    assert outcome.points == expected
    assert outcome.facts["scale"] == scale


def test_it_gives_no_points_without_a_survey_result(make_inp):
    outcome = Survey("s").evaluate(make_inp(10, {"s": "80"}))
    assert (outcome.points, outcome.has_data) == (D(0), False)
