"""The generated sentences: the condition language, templates, and one sentence per criterion."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govscore.scoring.model import Reports, Score
from govscore.scoring.narrative import (
    NarrativeEntry,
    NarrativePart,
    NarrativeSyntaxError,
    Template,
    narrate,
    parse_condition,
)
from govscore.scoring.rules.judged import Manual
from govscore.scoring.rules.reporting import PeriodicReporting
from govscore.scoring.values import Months, Percent, Titles

D = Decimal


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        # `and` binds tighter than `or`: a or (b and c).
        ("a or b and c", {"a": True, "b": False, "c": False}, True),
        ("a or b and c", {"a": False, "b": True, "c": False}, False),
        ("a or b and c", {"a": False, "b": True, "c": True}, True),
        ("a and b or c", {"a": False, "b": True, "c": True}, True),
        ("a and b or c", {"a": True, "b": False, "c": False}, False),
        ("a and b and c", {"a": True, "b": True, "c": True}, True),
        ("a or b or c", {"a": False, "b": False, "c": False}, False),
        # A bare name is true when the value is true or non-zero.
        ("value", {"value": True}, True),
        ("value", {"value": False}, False),
        ("value", {"value": D(0)}, False),
        ("value", {"value": D("0.1")}, True),
        ("value", {"value": "x"}, True),
        ("value", {"value": ""}, False),
        ("not value", {"value": True}, False),
        ("not value", {"value": False}, True),
        ("not value and other", {"value": False, "other": True}, True),
        # An absent fact makes a comparison false (and its negation true).
        ("value", {}, False),
        ("not value", {}, True),
        ("rate >= 80", {}, False),
        # Percentages compare in percent points.
        ("rate >= 80", {"rate": Percent(D("0.8"))}, True),
        ("rate >= 80", {"rate": Percent(D("0.7999"))}, False),
        ("rate >= 80%", {"rate": Percent(D("0.85"))}, True),
        ("rate == 0", {"rate": Percent(D(0))}, True),
        ("rate < 50", {"rate": Percent(D("0.49"))}, True),
        # Lists compare by their length.
        ("late_months > 0", {"late_months": Months((1, 4))}, True),
        ("late_months == 2", {"late_months": Months((1, 4))}, True),
        ("late_months > 0", {"late_months": Months(())}, False),
        ("missing == 0", {"missing": Titles(())}, True),
        ("missing >= 3", {"missing": Titles(("a", "b"))}, False),
        ("not missing", {"missing": Titles(())}, True),
        # Numbers, booleans and text.
        ("count != 4", {"count": 3}, True),
        ("points <= 9.5", {"points": D("9.5")}, True),
        ("points > 9.5", {"points": D("9.5")}, False),
        ("value == true", {"value": True}, True),
        ("value == false", {"value": True}, False),
        ("@staff_term == 'CBCC'", {"@staff_term": "CBCC"}, True),
        ('@staff_term != "CBCC"', {"@staff_term": "CBCCVC"}, True),
        ("category == 'x'", {"category": "y"}, False),
        # A number compared with text is not a number: false.
        ("category >= 3", {"category": "y"}, False),
    ],
)
def test_it_evaluates_conditions(text, facts, expected):
    assert parse_condition(text).holds(facts) is expected


def test_it_lists_the_names_a_condition_uses():
    assert parse_condition("late_count > 0 or missing_count > 0 and not @x").names() == {
        "late_count",
        "missing_count",
        "@x",
    }


@pytest.mark.parametrize(
    "text",
    ["", "rate >=", ">= 80", "rate => 80", "Rate >= 80", "rate >= eighty", "not rate >= 80", "a and", "a or", "a b"],
)
def test_it_rejects_malformed_conditions(text):
    with pytest.raises(NarrativeSyntaxError):
        parse_condition(text)


@pytest.mark.parametrize("literal", ["nan", "NaN", "snan"])
def test_it_rejects_a_not_a_number_literal(literal):
    # A NaN literal would parse as a Decimal and make every later comparison raise.
    with pytest.raises(NarrativeSyntaxError):
        parse_condition(f"rate >= {literal}")


@pytest.mark.parametrize(
    ("text", "value"), [("category >= 'b'", "a"), ("category < 'b'", "c"), ("category <= 'a'", "b")]
)
def test_it_does_not_treat_a_text_ordering_as_inequality(text, value):
    # Either the condition is refused as a syntax error, or it is not true for these values.
    try:
        condition = parse_condition(text)
    except NarrativeSyntaxError:
        return
    assert condition.holds({"category": value}) is False


@given(
    a=st.booleans(),
    b=st.booleans(),
    c=st.booleans(),
    d=st.booleans(),
)
def test_it_matches_python_precedence(a, b, c, d):
    facts = {"a": a, "b": b, "c": c, "d": d}
    assert parse_condition("a and b or c and not d").holds(facts) is ((a and b) or (c and not d))
    assert parse_condition("a or not b and c or d").holds(facts) is (a or ((not b) and c) or d)


# --- templates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "facts", "expected"),
    [
        ("Chưa ban hành {missing_count:02} quy định", {"missing_count": 2}, "Chưa ban hành 02 quy định"),
        ("{n:02}", {"n": D(12)}, "12"),
        ("{n:03}", {"n": 7}, "007"),
        ("đạt {rate}", {"rate": Percent(D("0.975"))}, "đạt 97,5%"),
        ("trễ {late_months}", {"late_months": Months((1, 4, 5))}, "trễ tháng 1, 4, 5"),
        ("thiếu: {missing}", {"missing": Titles(("a", "b"))}, "thiếu: a; b"),
        ("{@staff_term}", {"@staff_term": "CBCC"}, "CBCC"),
        ("trống {nothing}.", {}, "trống ."),
    ],
)
def test_it_fills_templates(template, facts, expected):
    assert Template(template).fill(facts, "vi") == expected


def test_it_lists_the_names_a_template_uses():
    assert Template("{a} {b:02} {parts} {@c}").names() == {"a", "b", "@c"}


# --- narrate ---------------------------------------------------------------------------------

RATE_ENTRIES = (
    NarrativeEntry("good", Template("đạt {rate}"), parse_condition("rate >= 80")),
    NarrativeEntry("not_good", Template("chưa gửi"), parse_condition("rate == 0")),
    NarrativeEntry("not_good", Template("chỉ đạt {rate}")),
)


@pytest.mark.parametrize(
    ("fraction", "column", "text"),
    [
        ("0.9", "good", "đạt 90%"),
        ("0.8", "good", "đạt 80%"),
        ("0", "not_good", "chưa gửi"),
        ("0.5", "not_good", "chỉ đạt 50%"),
    ],
)
def test_it_picks_the_first_matching_entry_only(fraction, column, text):
    sentence = narrate("3", RATE_ENTRIES, {"rate": Percent(D(fraction))})
    assert sentence is not None
    assert (sentence.criterion, sentence.column, sentence.text) == ("3", column, text)


def test_it_says_nothing_when_no_entry_matches():
    entries = (NarrativeEntry("good", Template("tốt"), parse_condition("value")),)
    assert narrate("1", entries, {"value": False}) is None
    assert narrate("1", (), {"value": True}) is None


REPORT_ENTRY = NarrativeEntry(
    "not_good",
    Template("Chưa đảm bảo chế độ báo cáo: {parts}"),
    None,
    (
        NarrativePart(Template("báo cáo trễ {late_months}"), parse_condition("late_count > 0")),
        NarrativePart(Template("không báo cáo {missing_months}"), parse_condition("missing_count > 0")),
    ),
)


@pytest.mark.parametrize(
    ("late", "missing", "expected"),
    [
        ((1, 4), (7,), "Chưa đảm bảo chế độ báo cáo: báo cáo trễ tháng 1, 4; không báo cáo tháng 7"),
        ((1,), (), "Chưa đảm bảo chế độ báo cáo: báo cáo trễ tháng 1"),
        ((), (9, 10), "Chưa đảm bảo chế độ báo cáo: không báo cáo tháng 9, 10"),
        ((), (), "Chưa đảm bảo chế độ báo cáo:"),
    ],
)
def test_it_joins_the_matching_parts(late, missing, expected):
    facts = {
        "late_months": Months(late),
        "missing_months": Months(missing),
        "late_count": len(late),
        "missing_count": len(missing),
    }
    assert narrate("4", (REPORT_ENTRY,), facts).text == expected


def test_it_joins_parts_with_the_entry_separator_and_keeps_parts_without_condition():
    entry = NarrativeEntry(
        "good",
        Template("[{parts}]"),
        parts=(
            NarrativePart(Template("a")),
            NarrativePart(Template("b"), parse_condition("x")),
            NarrativePart(Template("c")),
        ),
        separator=" / ",
    )
    assert narrate("1", (entry,), {"x": False}).text == "[a / c]"
    assert narrate("1", (entry,), {"x": True}).text == "[a / b / c]"


def test_it_tidies_whitespace():
    entry = NarrativeEntry("good", Template("  a   {x}  b  "))
    assert narrate("1", (entry,), {}).text == "a b"


# --- in the engine: one sentence per criterion, never in both columns ------------------------

BOTH_TRUE = (
    NarrativeEntry("good", Template("tốt {points}"), parse_condition("points >= 5")),
    NarrativeEntry("not_good", Template("chưa tốt {points}"), parse_condition("points >= 0")),
)


@given(points=st.decimals(min_value=0, max_value=10, places=2, allow_nan=False, allow_infinity=False))
def test_it_gives_each_criterion_at_most_one_sentence(build, points):
    fw = build.framework([build.leaf("1", 10, Manual("s"), narrative=BOTH_TRUE)])
    result = build.run(fw, [build.unit("a", {"s": Score(points, "")})]).units[0]
    assert len(result.sentences) == 1
    assert (result.good, result.not_good) == (
        ([result.sentences[0].text], []) if points >= 5 else ([], [result.sentences[0].text])
    )


def test_it_speaks_only_for_criteria_with_data(build):
    fw = build.framework([build.leaf("1", 10, Manual("s"), narrative=BOTH_TRUE)])
    result = build.run(fw, [build.unit("a", {})]).units[0]
    assert result.sentences == ()


def test_it_narrates_the_reporting_criterion_with_its_parts(build):
    rule = PeriodicReporting("rep", tuple(range(1, 11)), 5, late=D("0.5"), missing=D(1))
    good = NarrativeEntry(
        "good", Template("Đảm bảo chế độ báo cáo"), parse_condition("late_count == 0 and missing_count == 0")
    )
    fw = build.framework([build.leaf("4", 10, rule, narrative=(good, REPORT_ENTRY))])
    reports = Reports(late=(1, 4, 5), missing=(1, 4, 5, 7), statuses_given=True)
    result = build.run(fw, [build.unit("a", {"rep": reports})]).units[0]
    assert result.good == []
    assert result.not_good == ["Chưa đảm bảo chế độ báo cáo: báo cáo trễ tháng 1, 4, 5; không báo cáo tháng 7"]
