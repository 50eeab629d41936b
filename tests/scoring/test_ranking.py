"""Standard competition ranking (1, 2, 2, 4), within groups."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govscore.scoring.model import Rounding, Score
from govscore.scoring.ranking import competition_ranks, rank_within_groups
from govscore.scoring.rules.judged import Manual

D = Decimal


@pytest.mark.parametrize(
    ("values", "ranks"),
    [
        ([], []),
        (["5"], [1]),
        (["10", "9", "9", "8"], [1, 2, 2, 4]),
        (["8", "9", "10", "9"], [4, 2, 1, 2]),
        (["7", "7", "7"], [1, 1, 1]),
        (["1", "2", "3"], [3, 2, 1]),
        (["180", "180.0", "179.99"], [1, 1, 3]),
        (["-1", "0", "-1"], [2, 1, 2]),
    ],
)
def test_it_ranks_by_standard_competition(values, ranks):
    assert competition_ranks([D(value) for value in values]) == ranks


decimal_lists = st.lists(
    st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False, allow_infinity=False), max_size=30
)


@given(values=decimal_lists)
def test_it_ranks_one_plus_the_number_of_strictly_greater_values(values):
    ranks = competition_ranks(values)
    assert ranks == [1 + sum(other > value for other in values) for value in values]


@given(values=decimal_lists)
def test_it_ranks_regardless_of_the_input_order(values):
    ranks = dict(zip(values, competition_ranks(values), strict=True))
    reversed_ranks = dict(zip(values[::-1], competition_ranks(values[::-1]), strict=True))
    assert ranks == reversed_ranks


def test_it_ranks_within_each_group():
    items = [("a", D(10)), ("b", D(50)), ("a", D(30)), ("b", D(50)), ("a", D(30)), ("b", D(1))]
    ranks = rank_within_groups(items, lambda item: item[0], lambda item: item[1])
    assert ranks == {0: 3, 2: 1, 4: 1, 1: 1, 3: 1, 5: 3}


def test_it_ranks_units_on_their_rounded_totals_within_their_groups(build):
    units = [
        build.unit("a", {"s": Score(D("150.4"), "")}, group="so"),
        build.unit("b", {"s": Score(D("149.6"), "")}, group="so"),
        build.unit("c", {"s": Score(D(100), "")}, group="so"),
        build.unit("d", {"s": Score(D(90), "")}, group="huyen"),
    ]
    fw = build.framework([build.leaf("1", 220, Manual("s"))], groups=("so", "huyen"), rounding=Rounding(places=0))
    result = build.run(fw, units)
    ranks = {r.unit.code: (r.total, r.rank) for r in result.units}
    # 150.4 and 149.6 both round to 150 and share the first place; the next is third.
    assert ranks == {"a": (D(150), 1), "b": (D(150), 1), "c": (D(100), 3), "d": (D(90), 1)}
    assert [r.unit.code for r in result.units] == ["a", "b", "c", "d"]
