"""Rules built from framework-file mappings: every rule type, and every problem collected."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govscore.scoring.model import Choice, Indicator
from govscore.scoring.rules.combined import BestOf, Case, Composite, Part
from govscore.scoring.rules.items import Additive, Condition, CountedItems
from govscore.scoring.rules.judged import Adjustments, Manual
from govscore.scoring.rules.params import ParseContext
from govscore.scoring.rules.rates import LinearRate, NormalizedToBest, Survey
from govscore.scoring.rules.registry import RULE_TYPES, parse_rule
from govscore.scoring.rules.reporting import PeriodicReporting
from govscore.scoring.rules.tables import Categorical, StepTable, Threshold, YesNo
from govscore.scoring.source import Source

D = Decimal

ROLES = (Choice("chairman", "Chủ tịch"), Choice("deputy", "Phó chủ tịch"))
REGS = (Choice("attt", "An toàn thông tin"), Choice("thu", "Thư điện tử"))
INDICATORS = {
    "ratio": Indicator("ratio", "Tỷ lệ", "ratio"),
    "num": Indicator("num", "Số", "number"),
    "cnt": Indicator("cnt", "Đếm", "count"),
    "flag": Indicator("flag", "Có/không", "boolean"),
    "flag2": Indicator("flag2", "Có/không 2", "boolean"),
    "cat": Indicator("cat", "Loại", "category", choices=ROLES),
    "items": Indicator("items", "Mục", "items", choices=REGS),
    "reports": Indicator("reports", "Báo cáo", "reports"),
    "score": Indicator("score", "Điểm", "score"),
    "adj": Indicator("adj", "Điều chỉnh", "adjustments"),
    "text": Indicator("text", "Ghi chú", "text"),
}
YES = {"type": "yes_no", "indicator": "flag"}
REP = {"type": "periodic_reporting", "indicator": "reports", "due_day": 5, "late": 1, "missing": 1}


def parse(raw, lines=None):
    ctx = ParseContext(Source("t.yaml", dict(lines or {})), indicators=INDICATORS, criterion="1")
    return parse_rule(raw, ("rule",), ctx), ctx


def test_it_registers_every_rule_type():
    assert set(RULE_TYPES) == {
        "linear_rate",
        "normalized_to_best",
        "step_table",
        "yes_no",
        "categorical",
        "additive",
        "counted_items",
        "best_of",
        "composite",
        "periodic_reporting",
        "adjustments",
        "survey",
        "manual",
        "weighted_index",
    }


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"type": "linear_rate", "indicator": "ratio"}, LinearRate("ratio", "zero", D(1))),
        (
            {"type": "linear_rate", "indicator": "ratio", "zero_denominator": "full", "target_percent": 80},
            LinearRate("ratio", "full", D("0.8")),
        ),
        ({"type": "normalized_to_best", "indicator": "num"}, NormalizedToBest("num", "group")),
        ({"type": "normalized_to_best", "indicator": "cnt", "scope": "all"}, NormalizedToBest("cnt", "all")),
        (
            # Steps are ordered highest first whatever the file's order.
            {
                "type": "step_table",
                "indicator": "cnt",
                "steps": [{"at_least": 2, "points": 10}, {"at_least": 4, "points": 20}, {"at_least": 3, "points": 15}],
                "otherwise": 1,
            },
            StepTable("cnt", (Threshold(D(4), D(20)), Threshold(D(3), D(15)), Threshold(D(2), D(10))), D(1)),
        ),
        (YES, YesNo("flag", None, D(0))),
        ({"type": "yes_no", "indicator": "flag", "yes": 7, "no": D("1.5")}, YesNo("flag", D(7), D("1.5"))),
        (
            {"type": "categorical", "indicator": "cat", "fractions": {"chairman": 1, "deputy": D("0.5")}},
            Categorical("cat", (("chairman", D(1)), ("deputy", D("0.5")))),
        ),
        (
            {
                "type": "additive",
                "conditions": [
                    {"indicator": "flag", "points": D("0.5"), "title": "dự họp"},
                    {"indicator": "flag2", "points": D("0.5")},
                ],
            },
            Additive((Condition("flag", D("0.5"), "dự họp"), Condition("flag2", D("0.5"), "flag2"))),
        ),
        (
            {"type": "counted_items", "indicator": "items", "each": 5, "cap": 20},
            CountedItems("items", D(5), D(20), REGS),
        ),
        ({"type": "counted_items", "indicator": "cnt", "each": 1}, CountedItems("cnt", D(1), None, ())),
        (
            {"type": "composite", "parts": [{"title": "a", "max": 5, "rule": YES}]},
            Composite((Part("a", D(5), YesNo("flag")),)),
        ),
        (
            {
                "type": "best_of",
                "cases": [
                    {"title": "x", "parts": [{"title": "a", "max": 5, "rule": YES}]},
                    {"title": "y", "parts": [{"title": "b", "max": 3, "rule": {"type": "survey", "indicator": "num"}}]},
                ],
            },
            BestOf(
                (
                    Case("x", (Part("a", D(5), YesNo("flag")),)),
                    Case("y", (Part("b", D(3), Survey("num", D(100))),)),
                )
            ),
        ),
        (
            {
                "type": "periodic_reporting",
                "indicator": "reports",
                "from_month": 1,
                "to_month": 10,
                "due_day": 5,
                "timezone": "Asia/Ho_Chi_Minh",
                "late": D("0.5"),
                "missing": 1,
                "floor": 0,
                "late_and_missing": "late",
            },
            PeriodicReporting("reports", tuple(range(1, 11)), 5, late=D("0.5"), missing=D(1)),
        ),
        (
            {"type": "periodic_reporting", "indicator": "reports", "due_day": 10, "mode": "per_period", "on_time": 1},
            PeriodicReporting("reports", tuple(range(1, 13)), 10, mode="per_period", on_time=D(1)),
        ),
        ({"type": "adjustments", "indicator": "adj", "min": -10}, Adjustments("adj", D(-10), None)),
        ({"type": "adjustments", "indicator": "adj", "min": -10, "max": 5}, Adjustments("adj", D(-10), D(5))),
        ({"type": "survey", "indicator": "num", "scale": 5}, Survey("num", D(5))),
        ({"type": "manual", "indicator": "score"}, Manual("score", D(0))),
        ({"type": "manual", "indicator": "score", "min": -5}, Manual("score", D(-5))),
    ],
)
def test_it_parses_every_rule_type(raw, expected):
    rule, ctx = parse(raw)
    assert ctx.problems == []
    assert rule == expected
    assert rule.type_name == raw["type"]


@pytest.mark.parametrize(
    ("raw", "keys"),
    [
        # Unknown parameters.
        ({"type": "linear_rate", "indicator": "ratio", "bogus": 1}, ["rule.param_unknown"]),
        ({"type": "yes_no", "indicator": "flag", "points": 3}, ["rule.param_unknown"]),
        (
            # `on_time` is a parameter of per-period mode only.
            {**REP, "on_time": 1},
            ["rule.param_unknown"],
        ),
        (
            {"type": "step_table", "indicator": "cnt", "steps": [{"at_least": 1, "points": 1, "pts": 2}]},
            ["rule.param_unknown"],
        ),
        (
            {"type": "composite", "parts": [{"title": "a", "max": 5, "rule": {**YES, "bogus": True}}]},
            ["rule.param_unknown"],
        ),
        # Unknown indicator codes.
        ({"type": "linear_rate", "indicator": "nope"}, ["indicator.unknown"]),
        ({"type": "additive", "conditions": [{"indicator": "ghost", "points": 1}]}, ["indicator.unknown"]),
        # Indicators of the wrong type.
        ({"type": "linear_rate", "indicator": "num"}, ["indicator.type"]),
        ({"type": "yes_no", "indicator": "ratio"}, ["indicator.type"]),
        ({"type": "normalized_to_best", "indicator": "text"}, ["indicator.type"]),
        ({"type": "survey", "indicator": "flag"}, ["indicator.type"]),
        ({"type": "counted_items", "indicator": "num", "each": 1}, ["indicator.type"]),
        ({"type": "categorical", "indicator": "items", "fractions": {}}, ["indicator.type"]),
        ({**REP, "indicator": "cnt"}, ["indicator.type"]),
        ({"type": "adjustments", "indicator": "score", "min": 0}, ["indicator.type"]),
        ({"type": "manual", "indicator": "adj"}, ["indicator.type"]),
        # Parameters of the wrong type.
        ({"type": "yes_no", "indicator": "flag", "yes": "ten"}, ["field.type"]),
        ({"type": "yes_no", "indicator": "flag", "yes": True}, ["field.type"]),
        ({"type": "counted_items", "indicator": "items", "each": 0.5}, ["field.type"]),
        ({"type": "linear_rate", "indicator": 5}, ["field.type"]),
        ({"type": "step_table", "indicator": "cnt", "steps": {"at_least": 1}}, ["field.type"]),
        ({"type": "step_table", "indicator": "cnt", "steps": [3]}, ["field.type"]),
        ({"type": "categorical", "indicator": "cat", "fractions": ["chairman"]}, ["field.type"]),
        ({"type": "categorical", "indicator": "cat", "fractions": {"chairman": "all"}}, ["field.type"]),
        ({**REP, "due_day": "5"}, ["field.type"]),
        # Required parameters.
        ({"type": "linear_rate"}, ["field.required"]),
        ({"type": "counted_items", "indicator": "items"}, ["field.required"]),
        ({"type": "adjustments", "indicator": "adj"}, ["field.required"]),
        ({"type": "periodic_reporting", "indicator": "reports", "late": 1, "missing": 1}, ["field.required"]),
        ({"type": "additive", "conditions": []}, ["field.required"]),
        ({"type": "composite", "parts": [{"title": "a", "max": 5}]}, ["field.required"]),
        (
            {"type": "best_of", "cases": [{"title": "x", "parts": [{"title": "a", "max": 5, "rule": YES}]}]},
            ["field.required"],
        ),
        # Values out of range.
        ({"type": "linear_rate", "indicator": "ratio", "zero_denominator": "maybe"}, ["field.choice"]),
        ({"type": "linear_rate", "indicator": "ratio", "target_percent": -5}, ["field.negative"]),
        ({"type": "counted_items", "indicator": "items", "each": -1}, ["field.negative"]),
        ({**REP, "due_day": 31}, ["field.range"]),
        (
            {**REP, "to_month": 13},
            ["field.range"],
        ),
        (
            {**REP, "timezone": "Mars/Base"},
            ["field.choice"],
        ),
        ({"type": "categorical", "indicator": "cat", "fractions": {"chairman": 2}}, ["field.range"]),
        ({"type": "categorical", "indicator": "cat", "fractions": {"janitor": 1}}, ["fact.item_unknown"]),
        # Several problems at once are all collected.
        (
            {"type": "linear_rate", "indicator": "num", "zero_denominator": "maybe", "extra": 1},
            ["indicator.type", "field.choice", "rule.param_unknown"],
        ),
    ],
)
def test_it_collects_a_problem_for_every_bad_parameter(raw, keys):
    _rule, ctx = parse(raw)
    assert [problem.key for problem in ctx.problems] == keys
    assert all(problem.subject == "1" for problem in ctx.problems)
    assert all(problem.location.file == "t.yaml" for problem in ctx.problems)


@pytest.mark.parametrize(
    ("raw", "key"),
    [({"type": "magic"}, "rule.unknown"), ({"type": 5}, "rule.unknown"), ({"indicator": "flag"}, "field.required")],
)
def test_it_gives_no_rule_for_an_unknown_or_missing_type(raw, key):
    rule, ctx = parse(raw)
    assert rule is None
    assert [problem.key for problem in ctx.problems] == [key]


def test_it_names_the_allowed_rule_types_and_parameters():
    _rule, ctx = parse({"type": "magic"})
    assert "linear_rate" in ctx.problems[0].args["allowed"]
    _rule, ctx = parse({"type": "linear_rate", "indicator": "ratio", "bogus": 1})
    problem = ctx.problems[0]
    assert problem.args["param"] == "bogus"
    assert problem.args["allowed"] == "indicator, target_percent, zero_denominator"
    assert problem.message("en")


def test_it_locates_a_problem_in_a_nested_rule():
    raw = {"type": "composite", "parts": [{"title": "a", "max": 5, "rule": {**YES, "bogus": 1}}]}
    lines = {("rule",): (10, 3), ("rule", "parts", 0, "rule"): (12, 7), ("rule", "parts", 0, "rule", "bogus"): (14, 9)}
    _rule, ctx = parse(raw, lines)
    assert [(problem.key, problem.location.line) for problem in ctx.problems] == [("rule.param_unknown", 14)]


def test_it_locates_a_problem_at_the_nearest_known_line():
    _rule, ctx = parse({"type": "linear_rate", "indicator": "nope"}, {("rule",): (10, 3)})
    assert ctx.problems[0].location.line == 10
    assert ctx.problems[0].render().startswith("t.yaml:10 [1]: ")


@pytest.mark.parametrize(
    "raw",
    [
        {"type": "counted_items", "indicator": "items", "each": None},
        {"type": "yes_no", "indicator": "flag", "yes": None},
        {"type": "adjustments", "indicator": "adj", "min": -5, "max": None},
        {"type": "composite", "parts": [{"title": "a", "max": None, "rule": YES}]},
    ],
)
def test_it_reports_a_number_parameter_left_empty(raw):
    _rule, ctx = parse(raw)
    assert [problem.key for problem in ctx.problems] in (["field.required"], ["field.type"])
