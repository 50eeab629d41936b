"""What relative rules take from the other units follows each change as a fresh reading of every unit would."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from govscore.scoring.peers import RESCAN, moved, relative_rules, summary_from_json, summary_to_json
from govscore.scoring.rules.combined import BestOf, Case, Composite, Part
from govscore.scoring.rules.items import CountedItems
from govscore.scoring.rules.rates import LinearRate, NormalizedToBest

D = Decimal
BEST = NormalizedToBest("v")
facts = st.one_of(st.none(), st.decimals(min_value=-5, max_value=50, places=1, allow_nan=False))


@given(st.lists(facts, min_size=1, max_size=8), st.lists(st.tuples(st.integers(0, 7), facts), max_size=12))
def test_the_best_value_moves_with_each_change_as_a_fresh_reading_finds_it(
    start: list[Decimal | None], changes: list[tuple[int, Decimal | None]]
) -> None:
    values = list(start)
    summary = BEST.peer_summary("v", [value for value in values if value is not None])
    for index, new in changes:
        index %= len(values)
        old, values[index] = values[index], new
        present = [value for value in values if value is not None]
        summary = moved(BEST, "v", summary, [(old, new)], lambda present=present: present)
        assert summary == BEST.peer_summary("v", present)


def test_the_best_value_needs_every_unit_only_when_it_went_down() -> None:
    assert BEST.moved_summary("v", D(10), D(4), D(12)) == D(12)
    assert BEST.moved_summary("v", D(10), D(4), D(6)) == D(10)
    assert BEST.moved_summary("v", D(10), None, None) == D(10)
    assert BEST.moved_summary("v", None, None, D(3)) == D(3)
    assert BEST.moved_summary("v", D(10), D(10), D(6)) is RESCAN
    assert BEST.moved_summary("v", D(10), D(10), None) is RESCAN


def test_a_rule_that_cannot_tell_reads_every_unit(build) -> None:  # type: ignore[no-untyped-def]
    rule = LinearRate("r")
    read: list[str] = []

    def peers() -> list[Decimal]:
        read.append("all")
        return []

    assert rule.moved_summary("r", (), D(1), D(2)) is RESCAN
    assert moved(rule, "r", (), [(D(1), D(2))], peers) == ()
    assert read == ["all"]


def test_the_relative_rules_inside_combined_rules_are_found_once_each(build) -> None:  # type: ignore[no-untyped-def]
    group, everyone = NormalizedToBest("v"), NormalizedToBest("v", scope="all")
    composite = Composite((Part("a", D(5), group), Part("b", D(5), CountedItems("items", D(1)))))
    best_of = BestOf((Case("x", (Part("a", D(5), NormalizedToBest("v")),)), Case("y", (Part("b", D(5), everyone),))))
    framework = build.framework([build.leaf("1", 5, composite), build.leaf("2", 5, best_of), build.leaf("3", 5, group)])
    assert relative_rules(framework) == {("v", "group"): (group,), ("v", "all"): (everyone,)}


@given(
    st.recursive(
        st.one_of(
            st.none(), st.booleans(), st.integers(), st.text(), st.decimals(allow_nan=False, allow_infinity=False)
        ),
        lambda inner: st.lists(inner, max_size=4).map(tuple),
        max_leaves=10,
    )
)
def test_a_summary_reads_back_as_it_was_stored(summary: object) -> None:
    back = summary_from_json(summary_to_json(summary))  # type: ignore[arg-type]
    assert back == summary
    assert type(back) is type(summary)
