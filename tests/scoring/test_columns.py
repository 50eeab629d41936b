"""Scoring column by column gives the same Decimals, to the last digit, as scoring each unit alone."""

from __future__ import annotations

import datetime
from collections.abc import Hashable
from dataclasses import replace
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from govscore.scoring.engine import score
from govscore.scoring.model import (
    Adjustment,
    Choice,
    Criterion,
    Evaluation,
    FactValue,
    Override,
    Period,
    Ratio,
    Reports,
    Rounding,
    Score,
    Substitution,
)
from govscore.scoring.rules.base import ZERO, Cells, Rule, RuleInput
from govscore.scoring.rules.combined import BestOf, Case, Composite, Part
from govscore.scoring.rules.indices import Pillar, WeightedIndex
from govscore.scoring.rules.items import Additive, Condition, CountedItems
from govscore.scoring.rules.judged import Adjustments, Manual
from govscore.scoring.rules.rates import LinearRate, NormalizedToBest, Survey
from govscore.scoring.rules.reporting import PeriodicReporting
from govscore.scoring.rules.tables import Categorical, StepTable, Threshold, YesNo

GROUPS = ("g", "h")
PERIOD = Period(2024, as_of=datetime.date(2024, 9, 20))
ZONE = datetime.timezone(datetime.timedelta(hours=7))


def decimals(low: int, high: int, places: int) -> st.SearchStrategy[D]:
    return st.integers(low * 10**places, high * 10**places).map(lambda n: D(n).scaleb(-places))


ratios = st.one_of(
    st.builds(Ratio, decimals(0, 50, 1), decimals(0, 50, 0)),
    st.builds(lambda percent: Ratio(percent=percent), decimals(0, 100, 2)),
)
stamps = st.dictionaries(
    st.integers(1, 12),
    st.builds(
        lambda month, day: datetime.datetime(2024, month, day, 10, tzinfo=ZONE), st.integers(2, 12), st.integers(1, 28)
    ),
)
reports = st.one_of(
    st.builds(Reports, stamps),
    st.builds(
        lambda late, missing: Reports(late=tuple(sorted(late)), missing=tuple(sorted(missing)), statuses_given=True),
        st.sets(st.integers(1, 12)),
        st.sets(st.integers(1, 12)),
    ),
)
# Every kind of fact, whatever the rule expects: a rule must treat a fact of another type as no data.
facts_of_any_type: st.SearchStrategy[FactValue | None] = st.one_of(
    st.none(),
    st.booleans(),
    decimals(-10, 200, 2),
    ratios,
    st.sampled_from(["chair", "deputy", "none", "other"]),
    st.lists(st.sampled_from(["a", "b", "c", "x"]), max_size=4).map(tuple),
    st.builds(Score, decimals(-10, 30, 2), st.just("hội đồng")),
    st.lists(st.builds(Adjustment, decimals(-5, 5, 1), st.just("lý do")), max_size=3).map(tuple),
    reports,
)

CHOICES = tuple(Choice(code, f"việc {code}") for code in "abc")
LEAVES: tuple[Rule, ...] = (
    LinearRate("f"),
    LinearRate("f", "full", D("0.8")),
    LinearRate("f", "not_applicable"),
    NormalizedToBest("f"),
    NormalizedToBest("f", "all"),
    Survey("f", D(80)),
    StepTable("f", (Threshold(D(10), D(6)), Threshold(D(3), D(2))), D("0.5")),
    YesNo("f"),
    YesNo("f", D(3), D(1)),
    Categorical("f", (("chair", D(1)), ("deputy", D("0.5")))),
    CountedItems("f", D("1.5"), D(4), CHOICES),
    CountedItems("f", D(2)),
    Manual("f", D(-2)),
    Adjustments("f", D(-5), D(1)),
    PeriodicReporting("f", tuple(range(1, 11)), 5, late=D("0.5"), missing=D(1), floor=D(-2)),
    PeriodicReporting(
        "f", tuple(range(3, 13)), 10, mode="per_period", on_time=D(1), late=D("0.5"), late_and_missing="missing"
    ),
)
SEVERAL: tuple[Rule, ...] = (
    Additive((Condition("f", D(2), "dự họp"), Condition("g", D("3.5"), "chủ trì"), Condition("f", D(1), "lại"))),
    Composite((Part("tỷ lệ", D(6), LinearRate("f")), Part("việc", D(4), CountedItems("g", D(1))))),
    BestOf(
        (
            Case("một", (Part("tỷ lệ", D(7), NormalizedToBest("f")),)),
            Case("hai", (Part("điểm", D(7), Manual("g")), Part("có", D(3), YesNo("f")))),
        )
    ),
    WeightedIndex((Pillar("f", D("0.4")), Pillar("g", D("0.6"))), 3, D(100)),
)


def summary_of(units: list[tuple[str, dict[str, FactValue | None]]]):
    def summary(rule: Rule, code: str, scope: str, group: str) -> Hashable:
        peers = [facts[code] for g, facts in units if (scope == "all" or g == group) and facts.get(code) is not None]
        return rule.peer_summary(code, peers)  # type: ignore[arg-type]

    return summary


@settings(deadline=None, max_examples=300)
@given(
    rule=st.sampled_from(LEAVES + SEVERAL),
    units=st.lists(
        st.tuples(st.sampled_from(GROUPS), st.fixed_dictionaries({"f": facts_of_any_type, "g": facts_of_any_type})),
        min_size=1,
        max_size=6,
    ),
    max_points=decimals(0, 30, 1),
    active=st.one_of(st.none(), st.sets(st.integers(1, 12)).map(lambda months: tuple(sorted(months)))),
)
def test_a_column_holds_what_each_unit_is_given(rule, units, max_points, active):
    facts = [{code: value for code, value in unit_facts.items() if value is not None} for _g, unit_facts in units]
    summary = summary_of([(group, fact) for (group, _raw), fact in zip(units, facts, strict=True)])
    groups = [group for group, _facts in units]
    cells = Cells(facts, groups, [active] * len(units), max_points, PERIOD, summary)
    points, excluded = rule.column(cells)
    for index, (unit_facts, group) in enumerate(zip(facts, groups, strict=True)):
        inp = RuleInput(
            max_points,
            unit_facts,
            PERIOD,
            active_months=active,
            summaries=lambda r, code, scope, group=group: summary(r, code, scope, group),
        )
        outcome = rule.evaluate(inp)
        assert str(points[index]) == str(outcome.points)
        assert (index in excluded) is (not outcome.applicable)


@st.composite
def evaluations(draw, build) -> Evaluation:
    """A framework of every rule kind in a tree, with substitutes, criteria for one group only,
    units excused from criteria and overridden points."""
    rules = draw(st.lists(st.sampled_from(LEAVES + SEVERAL), min_size=2, max_size=6))
    leaves = [
        Criterion(
            f"1.{index}",
            f"Tiêu chí 1.{index}",
            draw(decimals(1, 20, 1)),
            rule=replace(rule, indicator=f"f{index}") if hasattr(rule, "indicator") else rule,
            applies_to=draw(st.sampled_from([(), (), ("g",)])),
        )
        for index, rule in enumerate(rules)
    ]
    substitute = Criterion(
        "1.0T", "Thay tiêu chí 1.0", leaves[0].max_points, rule=YesNo("g"), substitute=Substitution("1.0", ("u0",))
    )
    top = Criterion("1", "Mục 1", sum((leaf.max_points for leaf in leaves), ZERO), children=(*leaves, substitute))
    other = Criterion("2", "Mục 2", D(10), rule=Manual("g"))
    rounding = Rounding(draw(st.sampled_from(["criterion", "total"])), draw(st.integers(0, 3)))
    fw = build.framework([top, other], rounding=rounding, groups=GROUPS)
    codes = [criterion.code for criterion in fw.walk()]
    units = []
    for index in range(draw(st.integers(1, 6))):
        facts = {f"f{n}": draw(facts_of_any_type) for n in range(len(rules))} | {"f": draw(facts_of_any_type)}
        facts["g"] = draw(facts_of_any_type)
        excused = draw(st.lists(st.sampled_from(codes), max_size=2))
        overridden = draw(st.lists(st.sampled_from([leaf.code for leaf in leaves]), max_size=2))
        made = build.unit(
            f"u{index}",
            {code: value for code, value in facts.items() if value is not None},
            group=draw(st.sampled_from(GROUPS)),
            not_applicable=dict.fromkeys(excused, "không áp dụng"),
        )
        overrides = {code: Override(draw(decimals(0, 1, 2)), "hội đồng") for code in overridden}
        units.append(replace(made, overrides=overrides))
    return Evaluation(fw, PERIOD, tuple(units))


@settings(deadline=None, max_examples=150)
@given(data=st.data())
def test_the_table_holds_the_criteria_made_one_unit_at_a_time(build, data):
    evaluation = data.draw(evaluations(build))
    for result in score(evaluation).units:
        applicable = [criterion for criterion in result.criteria if criterion.applicable]
        assert str(result.exact_total) == str(sum((criterion.points for criterion in applicable), ZERO))
        assert str(result.max_points) == str(sum((criterion.max_points for criterion in applicable), ZERO))
        made = {
            item.code: (str(item.points), str(item.max_points)) for item in result.all_criteria() if item.applicable
        }
        table = {code: (str(points), str(maximum)) for code, (points, maximum) in result.criteria_points().items()}
        assert table == made
        assert list(table) == list(made)
