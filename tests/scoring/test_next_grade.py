"""The path to the next grade: the changes it proposes, applied to the unit's inputs and scored by the
engine, give at least the next grade, and none of them can be left out."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from govscore.examples import example_path
from govscore.scoring.engine import score
from govscore.scoring.grading import ordered_bands
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import (
    Band,
    Bound,
    Choice,
    Criterion,
    Decision,
    Evaluation,
    FactValue,
    Framework,
    Grading,
    GradingBasis,
    Indicator,
    Period,
    Ratio,
    Reports,
    Rounding,
    Score,
    UnitData,
    UnitGroup,
)
from govscore.scoring.next_grade import NextGrade, next_grade, paths
from govscore.scoring.rules.base import Rule
from govscore.scoring.rules.combined import Composite, Part
from govscore.scoring.rules.indices import Pillar, WeightedIndex
from govscore.scoring.rules.items import Additive, Condition, CountedItems
from govscore.scoring.rules.judged import Manual
from govscore.scoring.rules.rates import LinearRate, NormalizedToBest, Survey
from govscore.scoring.rules.reporting import PeriodicReporting
from govscore.scoring.rules.tables import Categorical, StepTable, Threshold, YesNo

D = Decimal
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def leaf(code: str, max_points: int, rule: Rule) -> Criterion:
    return Criterion(code, f"Tiêu chí {code}", D(max_points), rule=rule)


def framework(
    criteria: Sequence[Criterion],
    *,
    bands: tuple[Band, ...],
    indicators: Sequence[Indicator],
    rounding: Rounding | None = None,
    basis: GradingBasis = "points",
) -> Framework:
    total = sum((criterion.max_points for criterion in criteria), D(0))
    return Framework(
        "test",
        "1",
        "Bộ tiêu chí thử",
        Decision("1/QĐ", None),
        total,
        tuple(criteria),
        Grading(basis, bands),
        rounding or Rounding(),
        tuple(indicators),
        (UnitGroup("g", "G"),),
    )


def unit(code: str, facts: dict[str, FactValue]) -> UnitData:
    return UnitData(code, f"Đơn vị {code}", "g", facts)


def _with_changes(evaluation: Evaluation, path: NextGrade, leave_out: str | None = None) -> Evaluation:
    changes = {change.indicator.code: change.after for change in path.changes if change.indicator.code != leave_out}
    units = tuple(
        replace(each, facts={**each.facts, **changes}) if each.code == path.unit.code else each
        for each in evaluation.units
    )
    return replace(evaluation, units=units)


def _position(evaluation: Evaluation, unit_code: str, grade: str | None) -> int:
    group = evaluation.unit(unit_code).group
    grades = [band.grade for band in ordered_bands(evaluation.framework.grading, group)]
    return grades.index(grade) if grade in grades else len(grades)


def _grade_with(evaluation: Evaluation, path: NextGrade, leave_out: str | None = None) -> str | None:
    # The whole evaluation scored again by the engine, ranks and relative rules included.
    changed = score(_with_changes(evaluation, path, leave_out), narrate=False).unit(path.unit.code)
    return changed.grade.grade if changed.grade is not None else None


def assert_minimal_path(evaluation: Evaluation, path: NextGrade) -> None:
    assert path.status == "path", path.summary()
    assert path.target is not None and path.changes
    wanted = _position(evaluation, path.unit.code, path.target.grade)
    reached = _grade_with(evaluation, path)
    assert _position(evaluation, path.unit.code, reached) <= wanted, path.summary()
    for change in path.changes:
        assert evaluation.framework.indicator(change.indicator.code).type not in {"score", "adjustments"}
        assert change.points > 0, path.summary()
        without = _grade_with(evaluation, path, leave_out=change.indicator.code)
        assert _position(evaluation, path.unit.code, without) > wanted, (change.change(), path.summary())


def test_every_unit_of_the_example_below_the_top_grade_gets_a_minimal_path() -> None:
    path_file = example_path("dongnai-2012")
    assert path_file is not None
    evaluation = load_evaluation(path_file)
    found = paths(evaluation)
    results = score(evaluation, narrate=False)
    below_top = [result for result in results.units if result.grade is not None and result.grade.grade != "A+"]
    assert len(below_top) >= 10
    for result in results.units:
        path = found[result.unit.code]
        if result in below_top:
            assert_minimal_path(evaluation, path)
        else:
            assert path.status == "top"
            assert "cao nhất" in path.headline("vi") and "top grade" in path.headline("en")


def test_the_sentences_name_the_indicator_the_value_and_the_points_in_both_languages() -> None:
    path_file = example_path("dongnai-2012")
    assert path_file is not None
    evaluation = load_evaluation(path_file)
    path = next_grade(evaluation, "SNGV")  # 165 points: electronic documents at 1% are what it lacks
    assert path.target is not None and path.target.grade == "A+"
    (line,) = path.lines("vi")
    assert line == (
        "Văn bản gửi bằng điện tử / tổng số văn bản đi (9 tháng đầu năm) đạt 100% (hiện nay 1%): +14,85 điểm"
    )
    assert path.lines("en") == [
        "Văn bản gửi bằng điện tử / tổng số văn bản đi (9 tháng đầu năm) reaching 100% (now 1%): +14.85 points"
    ]
    assert path.headline("vi") == "Để đạt xếp loại A+ – Hoàn thành xuất sắc (từ 180 đến 220 điểm), đơn vị cần:"


# --- every rule family, on a framework of their own -----------------------------------------------

INDICATORS = (
    Indicator("rate", "Tỷ lệ hồ sơ trực tuyến", "ratio"),
    Indicator("meetings", "Số cuộc họp trực tuyến", "count"),
    Indicator("portal", "Có cổng thông tin", "boolean"),
    Indicator("level", "Cấp chủ trì", "category", choices=(Choice("chair", "Chủ tịch"), Choice("deputy", "Phó"))),
    Indicator("plan", "Có kế hoạch", "boolean"),
    Indicator("budget", "Có kinh phí", "boolean"),
    Indicator("systems", "Số hệ thống dùng chung", "count"),
    Indicator("reports", "Báo cáo tháng", "reports"),
    Indicator("speed", "Băng thông", "number"),
    Indicator("survey", "Mức hài lòng", "number"),
    Indicator("p1", "Chỉ số thành phần 1", "number"),
    Indicator("p2", "Chỉ số thành phần 2", "number"),
    Indicator("council", "Điểm hội đồng", "score"),
)
# 10 + 10 + 5 + 5 + 5 + 10 + 10 + 10 + 10 + 10 + 15 = 100 points.
CRITERIA = (
    leaf("1", 10, LinearRate("rate")),
    leaf("2", 10, StepTable("meetings", (Threshold(D(12), D(10)), Threshold(D(6), D(5))))),
    leaf("3", 5, YesNo("portal")),
    leaf("4", 5, Categorical("level", (("chair", D(1)), ("deputy", D("0.5"))))),
    leaf(
        "5", 5, Additive((Condition("plan", D(3), "Ban hành kế hoạch"), Condition("budget", D(2), "Bố trí kinh phí")))
    ),
    leaf("6", 10, CountedItems("systems", D(2), D(10))),
    leaf("7", 10, PeriodicReporting("reports", tuple(range(1, 11)), 5, late=D(1), missing=D(2))),
    leaf("8", 10, NormalizedToBest("speed")),
    leaf("9", 10, Survey("survey")),
    leaf(
        "10",
        10,
        Composite((Part("a", D(5), WeightedIndex((Pillar("p1", D("0.5")), Pillar("p2", D("0.5"))))),)),
    ),
    leaf("11", 15, Manual("council")),
)
BANDS = (
    Band("A", "Tốt", lower=Bound(D(90), True)),
    Band("B", "Khá", lower=Bound(D(75), True), upper=Bound(D(90), False)),
    Band("C", "Trung bình", lower=Bound(D(50), True), upper=Bound(D(75), False)),
    Band("D", "Yếu", upper=Bound(D(50), False)),
)


def _received(*months: int, late: tuple[int, ...] = ()) -> Reports:
    stamps = {
        month: datetime.datetime(2012 + (month == 12), month % 12 + 1, 20 if month in late else 3, 9, tzinfo=VN)
        for month in months
    }
    return Reports(received=stamps)


def _facts(**overrides: FactValue) -> dict[str, FactValue]:
    facts: dict[str, FactValue] = {
        "rate": Ratio(D(30), D(60)),
        "meetings": D(4),
        "portal": False,
        "level": "deputy",
        "plan": False,
        "budget": True,
        "systems": D(2),
        "reports": _received(1, 2, 3, 4, 5, 6, 7, late=(2, 3)),
        "speed": D(40),
        "survey": D(62),
        "p1": D("0.4"),
        "p2": D("0.9"),
        "council": Score(D(8), "Hội đồng chấm"),
    }
    facts.update(overrides)
    return facts


def _evaluation(basis: GradingBasis = "points") -> Evaluation:
    fw = framework(CRITERIA, bands=BANDS, indicators=INDICATORS, rounding=Rounding(places=1), basis=basis)
    units = (
        unit("U1", _facts()),
        unit("U2", _facts(rate=Ratio(percent=D(95)), portal=True, level="chair", meetings=D(12), speed=D(80))),
        unit("U3", _facts(speed=D(100), systems=D(0), reports=Reports(late=(4,), missing=(1, 2), statuses_given=True))),
        unit("U4", _facts(plan=True, portal=True, survey=D(95), reports=_received(*range(1, 11)))),
    )
    return Evaluation(fw, Period(2012, as_of=datetime.date(2012, 12, 31)), units)


@pytest.mark.parametrize("basis", ["points", "percent"])
def test_on_a_framework_of_every_rule_family_each_path_is_minimal(basis: GradingBasis) -> None:
    evaluation = _evaluation(basis)
    results = score(evaluation, narrate=False)
    for result in results.units:
        path = next_grade(evaluation, result.unit.code)
        if result.grade is not None and result.grade.grade == "A":
            assert path.status == "top"
        elif path.status == "path":
            assert_minimal_path(evaluation, path)
        else:
            assert path.status == "none"


# Each family alone beside a council's 80 points: the unit, at 80 + its points, needs 86; a value that
# scales the points is raised just as far as the gap needs.
FAMILIES = [
    (LinearRate("rate"), {"rate": Ratio(percent=D(20))}, "Tỷ lệ hồ sơ trực tuyến đạt 60% (hiện nay 20%): +4 điểm"),
    (
        StepTable("meetings", (Threshold(D(12), D(10)), Threshold(D(6), D(5)))),
        {"meetings": D(3)},
        "Số cuộc họp trực tuyến đạt 12 (hiện nay 3): +10 điểm",
    ),
    (YesNo("portal"), {"portal": False}, "Có cổng thông tin: Có (hiện nay: Không): +10 điểm"),
    (
        Categorical("level", (("chair", D(1)), ("deputy", D("0.1")))),
        {"level": "deputy"},
        "Cấp chủ trì: Chủ tịch (hiện nay: Phó): +9 điểm",
    ),
    (
        Additive((Condition("plan", D(8), "Ban hành kế hoạch"), Condition("budget", D(2), "Bố trí kinh phí"))),
        {"plan": False, "budget": True},
        "Ban hành kế hoạch: Có (hiện nay: Không): +8 điểm",
    ),
    (CountedItems("systems", D(2), D(10)), {"systems": D(1)}, "Số hệ thống dùng chung đạt 3 (hiện nay 1): +4 điểm"),
    (Survey("survey"), {"survey": D(15)}, "Mức hài lòng đạt 60 (hiện nay 15): +4,5 điểm"),
    (
        WeightedIndex((Pillar("p1", D("0.5")), Pillar("p2", D("0.5")))),
        {"p1": D("0.2"), "p2": D("0.4")},
        "Chỉ số thành phần 1 đạt 0,8 (hiện nay 0,2): +3 điểm",
    ),
]


@pytest.mark.parametrize(("rule", "facts", "line"), FAMILIES, ids=lambda item: type(item).__name__)
def test_each_rule_family_proposes_its_own_change(rule: Rule, facts: dict[str, FactValue], line: str) -> None:
    bands = (Band("A", "Tốt", lower=Bound(D(86), True)), Band("B", "Khá", upper=Bound(D(86), False)))
    fw = framework((leaf("1", 10, rule), leaf("2", 80, Manual("council"))), bands=bands, indicators=INDICATORS)
    evaluation = Evaluation(fw, Period(2012), (unit("U", {**facts, "council": Score(D(80), "x")}),))
    path = next_grade(evaluation, "U")
    assert_minimal_path(evaluation, path)
    assert path.lines("vi") == [line]


def test_a_unit_far_below_gets_changes_of_several_rule_families() -> None:
    evaluation = _evaluation()
    fw = evaluation.framework
    low = unit("LOW", _facts(portal=False, level="deputy", plan=False, systems=D(0), survey=D(10)))
    evaluation = replace(evaluation, units=(*evaluation.units, low), framework=fw)
    path = next_grade(evaluation, "LOW")
    assert_minimal_path(evaluation, path)
    assert len(path.changes) >= 2


def test_reports_sent_on_time_are_proposed_in_words() -> None:
    only_reports = (
        leaf("1", 20, PeriodicReporting("reports", tuple(range(1, 11)), 5, late=D(2), missing=D(2))),
        leaf("2", 80, Manual("council")),
    )
    bands = (Band("A", "Tốt", lower=Bound(D(90), True)), Band("B", "Khá", upper=Bound(D(90), False)))
    fw = framework(only_reports, bands=bands, indicators=INDICATORS)
    units = (
        unit("U", {"reports": _received(*range(1, 11), late=(2, 5)), "council": Score(D(70), "Hội đồng chấm")}),
        unit("V", {"reports": Reports(late=(3,), missing=(7,), statuses_given=True), "council": Score(D(80), "x")}),
    )
    evaluation = Evaluation(fw, Period(2012, as_of=datetime.date(2012, 12, 31)), units)
    every = next_grade(evaluation, "U")  # 16 + 70 = 86 needs both late months on time
    assert_minimal_path(evaluation, every)
    assert every.lines("vi") == ["Báo cáo tháng: không trễ, không thiếu báo cáo tháng nào: +4 điểm"]
    assert every.lines("en") == ["Báo cáo tháng: no month's report late or missing: +4 points"]
    one = next_grade(evaluation, "V")  # 16 + 80 = 96 already
    assert one.status == "top"
    lower = replace(units[1], facts={**units[1].facts, "council": Score(D(72), "x")})  # 88: one month is enough
    alone = replace(evaluation, units=(lower,))
    fewer = next_grade(alone, "V")
    assert_minimal_path(alone, fewer)
    assert fewer.lines("vi") == ["Báo cáo tháng: gửi đúng hạn báo cáo tháng 3: +2 điểm"]


def test_a_relative_rule_is_raised_at_most_to_the_best_of_the_group() -> None:
    only_speed = (leaf("1", 50, NormalizedToBest("speed")), leaf("2", 50, Manual("council")))
    bands = (Band("A", "Tốt", lower=Bound(D(90), True)), Band("B", "Khá", upper=Bound(D(90), False)))
    fw = framework(only_speed, bands=bands, indicators=INDICATORS)
    units = (
        unit("SLOW", {"speed": D(20), "council": Score(D(50), "x")}),
        unit("FAST", {"speed": D(100), "council": Score(D(50), "x")}),
    )
    evaluation = Evaluation(fw, Period(2012), units)
    path = next_grade(evaluation, "SLOW")  # 10 + 50: needs 80 of the best's 100 for 40 points
    assert_minimal_path(evaluation, path)
    assert [change.after for change in path.changes] == [D(80)]


def test_a_gap_only_people_can_close_has_no_path_and_says_so() -> None:
    only_council = (leaf("1", 10, YesNo("portal")), leaf("2", 90, Manual("council")))
    bands = (Band("A", "Tốt", lower=Bound(D(90), True)), Band("B", "Khá", upper=Bound(D(90), False)))
    fw = framework(only_council, bands=bands, indicators=INDICATORS)
    evaluation = Evaluation(fw, Period(2012), (unit("U", {"portal": True, "council": Score(D(60), "x")}),))
    path = next_grade(evaluation, "U")
    assert path.status == "none" and not path.changes
    assert "điểm chấm tay" in path.headline("vi") and "manual scores" in path.headline("en")


def test_a_framework_that_grades_nobody_has_no_next_grade() -> None:
    fw = framework((leaf("1", 10, YesNo("portal")),), bands=(), indicators=INDICATORS)
    evaluation = Evaluation(fw, Period(2012), (unit("U", {"portal": False}),))
    path = next_grade(evaluation, "U")
    assert path.status == "ungraded" and "không xếp loại" in path.headline("vi")
