"""Properties of every rule (bounds, monotonicity) and of whole-framework scoring (the ledger)."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govscore.scoring.engine import score_unit
from govscore.scoring.grading import grade_for
from govscore.scoring.ledger import explanation
from govscore.scoring.model import (
    Adjustment,
    Criterion,
    Evaluation,
    Override,
    Period,
    Ratio,
    Reports,
    Rounding,
    Score,
    Substitution,
)
from govscore.scoring.rules.base import Rule
from govscore.scoring.rules.combined import BestOf, Case, Composite, Part
from govscore.scoring.rules.items import Additive, Condition, CountedItems
from govscore.scoring.rules.judged import Adjustments, Manual
from govscore.scoring.rules.rates import LinearRate, NormalizedToBest, Survey
from govscore.scoring.rules.reporting import PeriodicReporting
from govscore.scoring.rules.tables import Categorical, StepTable, Threshold, YesNo
from govscore.scoring.values import quantize

D = Decimal
ZERO = D(0)


def decimals(low: object = 0, high: object = 10**6, places: int = 3) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=low, max_value=high, places=places, allow_nan=False, allow_infinity=False)


maxes = decimals(0, 1000, 2)
positive = decimals(D("0.001"), 10**6)
fractions = decimals(0, 1, 3)
months = st.lists(st.integers(1, 12), unique=True, max_size=12).map(lambda ms: tuple(sorted(ms)))


def within(rule: Rule, inp) -> Decimal:
    """Evaluate and check the bounds every rule keeps: [possible_min, criterion max]."""
    outcome = rule.evaluate(inp)
    assert rule.possible_min(inp.max_points) <= outcome.points <= inp.max_points
    return outcome.points


# --- bounds ----------------------------------------------------------------------------------

ratios = st.one_of(
    st.builds(Ratio, decimals(), decimals()),
    st.builds(lambda p: Ratio(percent=p), decimals(0, 1000)),
)


@given(
    max_points=maxes,
    ratio=st.one_of(st.none(), ratios),
    policy=st.sampled_from(["zero", "full", "not_applicable"]),
    target=decimals(D("0.01"), 1, 2),
)
def test_it_keeps_linear_rate_within_bounds(make_inp, max_points, ratio, policy, target):
    facts = {} if ratio is None else {"r": ratio}
    within(LinearRate("r", policy, target), make_inp(max_points, facts))


@given(max_points=maxes, value=decimals(-1000), peers=st.lists(decimals(-1000), max_size=5))
def test_it_keeps_normalized_to_best_within_bounds(make_inp, max_points, value, peers):
    within(NormalizedToBest("n"), make_inp(max_points, {"n": value}, peers={("n", "group"): peers}))


@given(max_points=maxes, value=decimals(-1000), scale=positive)
def test_it_keeps_survey_within_bounds(make_inp, max_points, value, scale):
    within(Survey("s", scale), make_inp(max_points, {"s": value}))


@st.composite
def step_tables(draw, max_points: Decimal, *, monotone: bool = False) -> StepTable:
    points = st.decimals(min_value=0, max_value=max_points, places=2, allow_nan=False, allow_infinity=False)
    thresholds = draw(st.lists(decimals(0, 100, 1), unique=True, max_size=5))
    awarded = draw(st.lists(points, min_size=len(thresholds), max_size=len(thresholds)))
    otherwise = draw(points)
    if monotone:
        # Higher thresholds earn at least as much, and below every step earns the least.
        awarded = sorted(awarded)
        thresholds = sorted(thresholds)
        otherwise = min([otherwise, *awarded])
    steps = sorted(
        (Threshold(t, p) for t, p in zip(thresholds, awarded, strict=True)), key=lambda s: s.at_least, reverse=True
    )
    return StepTable("m", tuple(steps), otherwise)


@given(data=st.data(), max_points=maxes, value=decimals(-10, 200, 1))
def test_it_keeps_step_table_within_bounds(make_inp, data, max_points, value):
    table = data.draw(step_tables(max_points))
    assert table.possible_max(max_points) <= max_points
    within(table, make_inp(max_points, {"m": value}))


@given(data=st.data(), max_points=maxes, answer=st.one_of(st.none(), st.booleans()))
def test_it_keeps_yes_no_within_bounds(make_inp, data, max_points, answer):
    points = decimals(0, max_points, 2)
    rule = YesNo("b", data.draw(st.one_of(st.none(), points)), data.draw(points))
    within(rule, make_inp(max_points, {} if answer is None else {"b": answer}))


@given(
    max_points=maxes,
    table=st.dictionaries(st.sampled_from("abcde"), fractions, max_size=5),
    category=st.sampled_from("abcdefg"),
)
def test_it_keeps_categorical_within_bounds(make_inp, max_points, table, category):
    within(Categorical("c", tuple(table.items())), make_inp(max_points, {"c": category}))


conditions = st.lists(st.tuples(st.sampled_from("abcd"), decimals(0, 100, 2)), max_size=4)


@given(max_points=maxes, spec=conditions, answers=st.dictionaries(st.sampled_from("abcd"), st.booleans()))
def test_it_keeps_additive_within_bounds(make_inp, max_points, spec, answers):
    rule = Additive(tuple(Condition(code, points, code) for code, points in spec))
    within(rule, make_inp(max_points, answers))


@given(
    max_points=maxes,
    each=decimals(0, 100, 2),
    cap=st.one_of(st.none(), decimals(0, 1000, 2)),
    count=st.one_of(st.integers(0, 10**4).map(D), st.lists(st.sampled_from("abcdef"), max_size=8).map(tuple)),
)
def test_it_keeps_counted_items_within_bounds(make_inp, max_points, each, cap, count):
    within(CountedItems("n", each, cap), make_inp(max_points, {"n": count}))


@given(max_points=maxes, minimum=decimals(-100, 0, 2), given_points=decimals(-(10**4), 10**4, 2))
def test_it_keeps_manual_within_bounds(make_inp, max_points, minimum, given_points):
    within(Manual("s", minimum), make_inp(max_points, {"s": Score(given_points, "lý do")}))


@given(
    max_points=maxes,
    minimum=decimals(-100, 0, 2),
    maximum=st.one_of(st.none(), decimals(0, 100, 2)),
    items=st.lists(decimals(-100, 100, 2), max_size=6),
)
def test_it_keeps_adjustments_within_bounds(make_inp, max_points, minimum, maximum, items):
    adjustments = tuple(Adjustment(points, "lý do") for points in items)
    within(Adjustments("a", minimum, maximum), make_inp(max_points, {"a": adjustments}))


reports = st.one_of(
    st.none(),
    st.builds(lambda late, missing: Reports(late=late, missing=missing, statuses_given=True), months, months),
    st.dictionaries(
        st.integers(1, 12),
        st.datetimes(datetime.datetime(2012, 1, 1), datetime.datetime(2013, 3, 1), timezones=st.just(datetime.UTC)),
    ).map(lambda received: Reports(received=received)),
)


@given(
    max_points=maxes,
    late=decimals(0, 50, 2),
    missing=decimals(0, 50, 2),
    floor=decimals(-50, 0, 2),
    policy=st.sampled_from(["late", "missing"]),
    value=reports,
    active=st.one_of(st.none(), months),
    as_of=st.one_of(st.none(), st.dates(datetime.date(2012, 1, 1), datetime.date(2013, 2, 1))),
)
def test_it_keeps_periodic_deductions_within_bounds(
    make_inp, max_points, late, missing, floor, policy, value, active, as_of
):
    rule = PeriodicReporting(
        "p", tuple(range(1, 13)), 5, late=late, missing=missing, floor=floor, late_and_missing=policy
    )
    facts = {} if value is None else {"p": value}
    points = within(rule, make_inp(max_points, facts, as_of=as_of, active_months=active))
    assert points >= floor


@given(
    max_points=maxes,
    each=st.tuples(decimals(0, 5, 2), decimals(0, 5, 2), decimals(0, 5, 2)),
    value=reports,
)
def test_it_keeps_periodic_points_per_period_within_bounds(make_inp, max_points, each, value):
    on_time, late, missing = each
    rule = PeriodicReporting(
        "p", tuple(range(1, 13)), 5, mode="per_period", on_time=on_time, late=late, missing=missing
    )
    within(rule, make_inp(max_points, {} if value is None else {"p": value}))


simple_parts = st.sampled_from(
    [
        lambda m: Part("có", m, YesNo("b")),
        lambda m: Part("tỷ lệ", m, LinearRate("r")),
        lambda m: Part("đếm", m, CountedItems("n", D(1))),
        lambda m: Part("khảo sát", m, Survey("s")),
    ]
)
part_lists = st.lists(st.tuples(simple_parts, decimals(0, 100, 1)).map(lambda pm: pm[0](pm[1])), min_size=1, max_size=3)
combined_facts = st.fixed_dictionaries(
    {},
    optional={
        "b": st.booleans(),
        "r": st.builds(Ratio, decimals(0, 100), decimals(0, 100)),
        "n": st.integers(0, 200).map(D),
        "s": decimals(-10, 200, 1),
    },
)


@given(max_points=maxes, parts=part_lists, facts=combined_facts)
def test_it_keeps_composite_within_bounds(make_inp, max_points, parts, facts):
    points = within(Composite(tuple(parts)), make_inp(max_points, facts))
    assert points == min(sum((p.rule.evaluate(make_inp(p.max_points, facts)).points for p in parts), ZERO), max_points)


@given(max_points=maxes, cases=st.lists(part_lists, min_size=1, max_size=3), facts=combined_facts)
def test_it_keeps_best_of_within_bounds(make_inp, max_points, cases, facts):
    rule = BestOf(tuple(Case(f"case {i}", tuple(parts)) for i, parts in enumerate(cases)))
    points = within(rule, make_inp(max_points, facts))
    sums = [sum((p.rule.evaluate(make_inp(p.max_points, facts)).points for p in parts), ZERO) for parts in cases]
    assert points == min(max(sums), max_points)


# --- monotonicity ----------------------------------------------------------------------------


@given(max_points=maxes, denominator=positive, a=decimals(), b=decimals(), target=decimals(D("0.01"), 1, 2))
def test_it_never_lowers_linear_rate_when_the_numerator_rises(make_inp, max_points, denominator, a, b, target):
    low, high = sorted((a, b))
    rule = LinearRate("r", target=target)
    assert (
        rule.evaluate(make_inp(max_points, {"r": Ratio(low, denominator)})).points
        <= rule.evaluate(make_inp(max_points, {"r": Ratio(high, denominator)})).points
    )


@given(max_points=maxes, a=decimals(-100), b=decimals(-100), peers=st.lists(decimals(-100), max_size=5))
def test_it_never_lowers_normalized_to_best_when_the_value_rises(make_inp, max_points, a, b, peers):
    low, high = sorted((a, b))
    rule = NormalizedToBest("n")

    def points(value: Decimal) -> Decimal:
        return rule.evaluate(make_inp(max_points, {"n": value}, peers={("n", "group"): peers})).points

    assert points(low) <= points(high)


@given(max_points=maxes, a=decimals(-100), b=decimals(-100), scale=positive)
def test_it_never_lowers_survey_when_the_value_rises(make_inp, max_points, a, b, scale):
    low, high = sorted((a, b))
    rule = Survey("s", scale)
    assert (
        rule.evaluate(make_inp(max_points, {"s": low})).points
        <= rule.evaluate(make_inp(max_points, {"s": high})).points
    )


@given(data=st.data(), max_points=maxes, a=decimals(-10, 200, 1), b=decimals(-10, 200, 1))
def test_it_never_lowers_a_monotone_step_table_when_the_value_rises(make_inp, data, max_points, a, b):
    low, high = sorted((a, b))
    table = data.draw(step_tables(max_points, monotone=True))
    assert (
        table.evaluate(make_inp(max_points, {"m": low})).points
        <= table.evaluate(make_inp(max_points, {"m": high})).points
    )


@given(data=st.data(), max_points=maxes)
def test_it_never_lowers_yes_no_from_no_to_yes(make_inp, data, max_points):
    no = data.draw(decimals(0, max_points, 2))
    yes = data.draw(st.one_of(st.none(), decimals(no, max_points, 2)))
    rule = YesNo("b", yes, no)
    assert (
        rule.evaluate(make_inp(max_points, {"b": False})).points
        <= rule.evaluate(make_inp(max_points, {"b": True})).points
    )


@given(
    max_points=maxes,
    each=decimals(0, 100, 2),
    cap=st.one_of(st.none(), decimals(0, 1000, 2)),
    a=st.integers(0, 1000),
    b=st.integers(0, 1000),
)
def test_it_never_lowers_counted_items_when_the_count_rises(make_inp, max_points, each, cap, a, b):
    low, high = sorted((a, b))
    rule = CountedItems("n", each, cap)
    assert (
        rule.evaluate(make_inp(max_points, {"n": D(low)})).points
        <= rule.evaluate(make_inp(max_points, {"n": D(high)})).points
    )


@given(
    max_points=maxes,
    spec=conditions.filter(bool),
    answers=st.dictionaries(st.sampled_from("abcd"), st.booleans()),
    index=st.integers(0, 3),
)
def test_it_never_lowers_additive_when_a_condition_is_met(make_inp, max_points, spec, answers, index):
    rule = Additive(tuple(Condition(code, points, code) for code, points in spec))
    code = spec[index % len(spec)][0]
    before = rule.evaluate(make_inp(max_points, answers)).points
    after = rule.evaluate(make_inp(max_points, {**answers, code: True})).points
    assert before <= after


@given(
    max_points=maxes,
    late=decimals(0, 5, 2),
    extra=decimals(0, 5, 2),
    floor=decimals(-50, 0, 2),
    late_months=months,
    missing_months=months,
    month=st.integers(1, 12),
)
def test_it_never_lowers_periodic_deductions_when_a_report_improves(
    make_inp, max_points, late, extra, floor, late_months, missing_months, month
):
    # A late report is deducted at most as much as a missing one.
    rule = PeriodicReporting("p", tuple(range(1, 13)), 5, late=late, missing=late + extra, floor=floor)
    missing_months = tuple(m for m in missing_months if m not in late_months)

    def points(late_: tuple[int, ...], missing_: tuple[int, ...]) -> Decimal:
        value = Reports(late=tuple(sorted(late_)), missing=tuple(sorted(missing_)), statuses_given=True)
        return rule.evaluate(make_inp(max_points, {"p": value})).points

    others_late = tuple(m for m in late_months if m != month)
    others_missing = tuple(m for m in missing_months if m != month)
    was_missing = points(others_late, (*others_missing, month))
    was_late = points((*others_late, month), others_missing)
    on_time = points(others_late, others_missing)
    assert was_missing <= was_late <= on_time


@given(
    max_points=maxes,
    each=st.lists(decimals(0, 5, 2), min_size=3, max_size=3).map(sorted),
    received=st.dictionaries(st.integers(1, 12), st.booleans()),
    month=st.integers(1, 12),
)
def test_it_never_lowers_points_per_period_when_a_report_improves(make_inp, max_points, each, received, month):
    missing, late, on_time = each
    rule = PeriodicReporting(
        "p", tuple(range(1, 13)), 5, mode="per_period", on_time=on_time, late=late, missing=missing
    )

    def stamp(m: int, in_time: bool) -> datetime.datetime:
        due_month, due_year = (m % 12 + 1, 2012 + (m == 12))
        return datetime.datetime(due_year, due_month, 5 if in_time else 6, 12, tzinfo=datetime.UTC)

    def points(statuses: dict[int, bool]) -> Decimal:
        value = Reports(received={m: stamp(m, in_time) for m, in_time in statuses.items()})
        return rule.evaluate(make_inp(max_points, {"p": value})).points

    others = {m: v for m, v in received.items() if m != month}
    assert points(others) <= points({**others, month: False}) <= points({**others, month: True})


# --- whole frameworks: the ledger ------------------------------------------------------------

GROUPS = ("g", "h")


@st.composite
def leaf_rules(draw) -> tuple[Rule, object]:
    """A rule and a strategy for its fact (None: the fact is absent)."""
    kind = draw(st.sampled_from(["yes_no", "linear_rate", "manual", "adjustments", "counted_items", "survey"]))
    if kind == "yes_no":
        return YesNo("f"), st.booleans()
    if kind == "linear_rate":
        policy = draw(st.sampled_from(["zero", "full", "not_applicable"]))
        return LinearRate("f", policy), st.builds(Ratio, decimals(0, 100, 1), decimals(0, 100, 1))
    if kind == "manual":
        return Manual("f", draw(decimals(-5, 0, 1))), st.builds(Score, decimals(-10, 60, 2), st.just("lý do"))
    if kind == "adjustments":
        items = st.lists(st.builds(Adjustment, decimals(-20, 20, 2), st.just("lý do")), max_size=3).map(tuple)
        return Adjustments("f", draw(decimals(-10, 0, 1))), items
    if kind == "counted_items":
        return CountedItems("f", draw(decimals(0, 10, 1))), st.integers(0, 20).map(D)
    return Survey("f"), decimals(0, 120, 1)


@st.composite
def criteria_trees(draw, code: str, depth: int) -> tuple[Criterion, dict[str, object]]:
    """A criterion (leaf or parent) and, per leaf code, the strategy of its fact."""
    applies_to = draw(st.sampled_from([(), (), ("g",), ("h",)]))
    if depth == 0 or draw(st.booleans()):
        rule, fact = draw(leaf_rules())
        fact_code = f"f{code}"
        rule = replace(rule, indicator=fact_code)
        max_points = draw(decimals(1, 50, 1))
        return Criterion(code, code, max_points, rule=rule, applies_to=applies_to), {fact_code: fact}
    children, facts = [], {}
    for index in range(draw(st.integers(1, 3))):
        child, child_facts = draw(criteria_trees(f"{code}.{index + 1}", depth - 1))
        children.append(child)
        facts.update(child_facts)
    total = sum((child.max_points for child in children), ZERO)
    return Criterion(code, code, total, children=tuple(children), applies_to=applies_to), facts


@st.composite
def evaluations(draw, build):
    trees = [draw(criteria_trees(str(index + 1), 2)) for index in range(draw(st.integers(1, 4)))]
    criteria = [tree for tree, _ in trees]
    fact_strategies = {code: strategy for _, facts in trees for code, strategy in facts.items()}
    codes = [criterion.code for top in criteria for criterion in top.walk()]
    rounding = Rounding(
        at=draw(st.sampled_from(["criterion", "total"])),
        places=draw(st.integers(0, 2)),
        mode=draw(st.sampled_from(["half_up", "half_even", "down", "up"])),
    )
    fw = build.framework(criteria, groups=GROUPS, rounding=rounding, total_may_leave_bounds=draw(st.booleans()))
    units = []
    for index in range(draw(st.integers(1, 4))):
        facts = {}
        for code, strategy in fact_strategies.items():
            if draw(st.booleans()):
                facts[code] = draw(strategy)
        not_applicable = dict.fromkeys(draw(st.lists(st.sampled_from(codes), max_size=2)), "không áp dụng")
        units.append(build.unit(f"u{index}", facts, group=draw(st.sampled_from(GROUPS)), not_applicable=not_applicable))
    return fw, units


def check_parent(result) -> None:
    for child in result.children:
        check_parent(child)
    if result.children:
        applicable = [child for child in result.children if child.applicable]
        assert result.points == sum((child.points for child in applicable), ZERO)
        assert result.max_points == sum((child.max_points for child in applicable), ZERO)
        assert result.applicable is bool(applicable)
    if not result.applicable:
        assert result.points == ZERO


@settings(deadline=None)
@given(data=st.data())
def test_it_keeps_the_ledger_of_random_frameworks(build, data):
    fw, units = data.draw(evaluations(build))
    result = build.run(fw, units)
    assert sorted(r.unit.code for r in result.units) == sorted(u.code for u in units)
    for unit_result in result.units:
        applicable = [c for c in unit_result.criteria if c.applicable]
        assert unit_result.exact_total == sum((c.points for c in applicable), ZERO)
        assert unit_result.max_points == sum((c.max_points for c in applicable), ZERO)
        for top in unit_result.criteria:
            check_parent(top)
        for item in unit_result.all_criteria():
            if item.children or not item.applicable:
                continue
            # Each leaf holds its rule's points, rounded once if the framework rounds criteria.
            criterion = fw.criterion(item.code)
            points = criterion.rule.evaluate(build.input(criterion.max_points, unit_result.unit.facts)).points
            if fw.rounding.at == "criterion":
                points = quantize(points, fw.rounding.places, fw.rounding.mode)
            assert item.points == points
        expected = unit_result.exact_total
        if not fw.total_may_leave_bounds:
            expected = max(ZERO, min(unit_result.max_points, expected))
        if fw.rounding.at == "total":
            expected = quantize(expected, fw.rounding.places, fw.rounding.mode)
        assert unit_result.total == expected
        assert unit_result.grade == grade_for(fw.grading, unit_result.total)
        peers = [other.total for other in result.units if other.unit.group == unit_result.unit.group]
        assert unit_result.rank == 1 + sum(total > unit_result.total for total in peers)


# --- whole frameworks: worked examples -------------------------------------------------------


def dongnai(build, narrative: bool = False):
    """The Đồng Nai 2012 criteria (illustrative weights, as in examples/dongnai-2012)."""
    from govscore.scoring.model import Choice

    regulations = tuple(Choice(code, f"quy định {code}") for code in ("attt", "thu", "vb", "mang"))
    criteria = [
        build.parent(
            "1",
            [build.leaf("1.1", 10, LinearRate("email_accounts")), build.leaf("1.2", 10, YesNo("network_connected"))],
        ),
        build.leaf("2", 20, CountedItems("regulations", D(5), D(20), regulations)),
        build.leaf("3", 15, LinearRate("edoc_sent")),
        build.leaf("4", 10, PeriodicReporting("monthly_reports", tuple(range(1, 11)), 5, late=D("0.5"), missing=D(1))),
        Criterion("4T", "tần số", D(10), rule=YesNo("frequency_licensed"), substitute=Substitution("4", ("DPTTH",))),
        build.leaf("5", 155, Manual("other_criteria")),
    ]
    return build.framework(criteria, rounding=Rounding(at="total", places=0), groups=("so-nganh",))


def full_marks(other: str) -> dict[str, object]:
    return {
        "email_accounts": Ratio(D(45), D(50)),
        "network_connected": True,
        "regulations": ("attt", "thu", "vb"),
        "edoc_sent": Ratio(D(0), D(0)),
        "monthly_reports": Reports(late=(1, 4, 5), missing=(1, 4, 5, 7), statuses_given=True),
        "frequency_licensed": True,
        "other_criteria": Score(D(other), "hội đồng"),
    }


def test_it_scores_a_dongnai_unit(build):
    result = build.run(dongnai(build), [build.unit("SXD", full_marks("140.6"), group="so-nganh")])
    unit = result.units[0]
    # 9 + 10 + 15 + 0 (0/0 → zero) + 7.5 (3 late) + 140.6 = 182.1 → 182 → A+.
    assert unit.criterion("1.1").points == D(9)
    assert unit.criterion("1").points == D(19)
    assert unit.criterion("2").points == D(15)
    assert unit.criterion("3").points == D(0)
    assert unit.criterion("4").points == D("7.5")
    assert unit.exact_total == D("182.1")
    assert (unit.total, unit.max_points, unit.percent) == (D(182), D(220), D("82.7"))
    assert unit.grade.grade == "A+"
    assert unit.rank == 1
    assert [c.code for c in unit.criteria] == ["1", "2", "3", "4", "5"]


def test_it_scores_a_substitute_criterion_in_the_place_of_the_one_it_replaces(build):
    result = build.run(dongnai(build), [build.unit("DPTTH", full_marks("100"), group="so-nganh")])
    unit = result.units[0]
    assert [c.code for c in unit.criteria] == ["1", "2", "3", "4T", "5"]
    replaced = unit.criterion("4T")
    assert replaced.substitute_for == "4"
    assert replaced.points == D(10)
    assert replaced.steps[0].key == "explain.substitute"
    with pytest.raises(KeyError):
        unit.criterion("4")


@pytest.mark.parametrize(
    ("other", "grade"),
    [
        ("138.5", "A+"),  # 180
        ("138", "A+"),  # 179.5 → 180
        ("137.99", "A"),  # 179.49 → 179
        ("118", "A"),  # 159.5 → 160
        ("117.99", "B"),  # 159.49 → 159
        ("98", "B"),  # 139.5 → 140
        ("97.99", "C"),  # 139.49 → 139
    ],
)
def test_it_grades_the_rounded_total(build, other, grade):
    # The other criteria add 41.5; the total is rounded half-up to a whole point before grading.
    result = build.run(dongnai(build), [build.unit("X", full_marks(other), group="so-nganh")])
    unit = result.units[0]
    assert unit.exact_total == D(other) + D("41.5")
    assert unit.total == quantize(unit.exact_total, 0)
    assert unit.grade.grade == grade


def test_it_leaves_not_applicable_criteria_out_of_the_max(build):
    unit = build.unit("X", full_marks("100"), group="so-nganh", not_applicable={"3": "không có văn bản đi"})
    result = build.run(dongnai(build), [unit]).units[0]
    assert result.criterion("3").applicable is False
    assert result.max_points == D(205)
    assert result.exact_total == D("141.5")


def test_it_leaves_a_zero_denominator_not_applicable_out_of_the_max(build):
    fw = build.framework([build.leaf("1", 10, LinearRate("r", "not_applicable")), build.leaf("2", 10, YesNo("b"))])
    result = build.run(fw, [build.unit("a", {"r": Ratio(D(0), D(0)), "b": True})]).units[0]
    assert (result.total, result.max_points, result.percent) == (D(10), D(10), D("100.0"))


def test_it_applies_an_override_with_its_reason(build):
    fw = build.framework([build.leaf("1", 10, YesNo("b"))])
    unit = replace(build.unit("a", {"b": False}), overrides={"1": Override(D(6), "hội đồng xem xét lại")})
    result = build.run(fw, [unit]).units[0]
    item = result.criterion("1")
    assert (item.points, item.computed_points) == (D(6), D(0))
    assert item.steps[-1].key == "explain.override"
    assert result.total == D(6)


@pytest.mark.parametrize(("may_leave", "expected"), [(False, D(10)), (True, D(15))])
def test_it_clamps_a_total_above_the_max_unless_allowed(build, may_leave, expected):
    fw = build.framework([build.leaf("1", 10, YesNo("b"))], total_may_leave_bounds=may_leave)
    unit = replace(build.unit("a", {"b": True}), overrides={"1": Override(D(15), "thưởng")})
    result = build.run(fw, [unit]).units[0]
    assert result.exact_total == D(15)
    assert result.total == expected


@pytest.mark.parametrize(
    ("mode", "expected"),
    # Three criteria of 10 points at 6.65 %, 6.251 % and 6.201 %: 0.665, 0.6251 and 0.6201 points.
    [("half_up", D("1.92")), ("half_even", D("1.91")), ("down", D("1.90")), ("up", D("1.93"))],
)
def test_it_rounds_each_criterion_with_the_framework_mode(build, mode, expected):
    percents = {"1": D("6.65"), "2": D("6.251"), "3": D("6.201")}
    fw = build.framework(
        [build.leaf(code, 10, LinearRate(f"r{code}")) for code in percents],
        rounding=Rounding(at="criterion", places=2, mode=mode),
    )
    unit = build.unit("a", {f"r{code}": Ratio(percent=percent) for code, percent in percents.items()})
    result = build.run(fw, [unit]).units[0]
    assert result.total == expected
    assert result.criterion("1").steps[-1].key == "explain.rounded"


@pytest.mark.parametrize(("may_leave", "expected"), [(False, D(0)), (True, D(-5))])
def test_it_clamps_a_negative_total_unless_allowed(build, may_leave, expected):
    fw = build.framework([build.leaf("1", 10, Adjustments("a", D(-10)))], total_may_leave_bounds=may_leave)
    unit = build.unit("a", {"a": (Adjustment(D(-5), "vi phạm"),)})
    assert build.run(fw, [unit]).units[0].total == expected


@pytest.mark.parametrize(
    ("at", "expected"),
    # Three criteria of 1/3 each: rounded each to 0.33 → 0.99, or rounded once → 1.00.
    [("criterion", D("0.99")), ("total", D("1.00"))],
)
def test_it_rounds_once_where_the_framework_says(build, at, expected):
    fw = build.framework(
        [build.leaf(str(i), 1, LinearRate(f"r{i}")) for i in (1, 2, 3)], rounding=Rounding(at=at, places=2)
    )
    unit = build.unit("a", {f"r{i}": Ratio(D(1), D(3)) for i in (1, 2, 3)})
    assert build.run(fw, [unit]).units[0].total == expected


def test_it_gives_normalized_to_best_the_peers_of_the_group(build):
    fw = build.framework([build.leaf("1", 10, NormalizedToBest("n"))], groups=("g", "h"))
    units = [
        build.unit("a", {"n": D(50)}, group="g"),
        build.unit("b", {"n": D(100)}, group="g"),
        build.unit("c", {"n": D(25)}, group="h"),
        build.unit("d", {}, group="h"),
    ]
    result = build.run(fw, units)
    assert {r.unit.code: r.total for r in result.units} == {"a": D(5), "b": D(10), "c": D(10), "d": D(0)}


def test_it_scores_the_same_evaluation_the_same_way(build):
    fw = dongnai(build)
    units = [build.unit(code, full_marks(other), group="so-nganh") for code, other in [("A", "100"), ("B", "120")]]
    first = build.run(fw, units)
    second = build.run(fw, units)
    assert [(r.unit.code, r.total, r.rank) for r in first.units] == [
        (r.unit.code, r.total, r.rank) for r in second.units
    ]
    assert first.unit("B").rank == 1
    assert first.unit("Đơn vị A").rank == 2


def test_it_scores_in_a_period_with_a_cut_off(build):
    rule = PeriodicReporting("rep", tuple(range(1, 13)), 5, late=D(1), missing=D(1))
    fw = build.framework([build.leaf("1", 12, rule)])
    period = Period(2012, as_of=datetime.date(2012, 7, 1))  # January..May are due
    result = build.run(fw, [build.unit("a", {})], period).units[0]
    assert result.criterion("1").facts["expected_count"] == 5
    assert result.total == D(7)


# --- units sharing inputs: each criterion is scored once per distinct input ---------------------


def test_it_scores_units_with_the_same_inputs_alike_and_each_unit_as_if_alone(build):
    fw = dongnai(build)
    same = full_marks("100")
    units = [
        build.unit("A", same, group="so-nganh"),
        build.unit("B", same, group="so-nganh"),
        # Substitute criterion, other months, another ratio: each must get its own result.
        build.unit("DPTTH", same, group="so-nganh"),
        build.unit("C", same, group="so-nganh", active_months=(1, 2, 3)),
        build.unit("D", {**same, "email_accounts": Ratio(D(20), D(50))}, group="so-nganh"),
    ]
    together = build.run(fw, units)
    for unit in units:
        alone = score_unit(Evaluation(fw, Period(2012), tuple(units)), unit.code).units[0]
        assert together.unit(unit.code).criteria == alone.criteria
    assert together.unit("A").criterion("1.1") is together.unit("B").criterion("1.1")
    assert [c.code for c in together.unit("DPTTH").criteria] == ["1", "2", "3", "4T", "5"]
    assert together.unit("C").criterion("4").facts != together.unit("A").criterion("4").facts
    assert together.unit("D").criterion("1.1").points == D(4)


def test_equal_numbers_however_written_score_and_read_alike(build):
    # Facts are canonical when read (`facts.read_value`); 5 and 5.0 given to the engine directly are still
    # one number: the same points, and the same explanation in words.
    fw = build.framework([build.leaf("1", 10, StepTable("n", (Threshold(D(5), D(10)),)))])
    result = build.run(fw, [build.unit("a", {"n": D("5")}), build.unit("b", {"n": D("5.0")})])
    first, second = (result.unit(code).criterion("1") for code in ("a", "b"))
    assert first.points == second.points == D(10)
    assert explanation(first) == explanation(second) == "Giá trị 5 đạt mức ≥ 5 → 10 điểm"


def test_it_applies_an_override_to_its_unit_only_when_inputs_are_shared(build):
    fw = build.framework([build.leaf("1", 10, YesNo("b"))])
    plain = build.unit("a", {"b": False})
    overridden = replace(build.unit("b", {"b": False}), overrides={"1": Override(D(6), "hội đồng")})
    result = build.run(fw, [overridden, plain, replace(plain, code="c", name="Đơn vị c")])
    assert result.unit("b").criterion("1").points == D(6)
    assert result.unit("a").criterion("1").points == result.unit("c").criterion("1").points == D(0)
    assert result.unit("a").criterion("1").override is None
