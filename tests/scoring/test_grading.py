"""Grades from bands: inclusive and exclusive bounds, percent basis, gaps and overlaps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govscore.scoring.grading import band_issues, describe_band, grade_for
from govscore.scoring.model import Band, Bound, Grading, Score
from govscore.scoring.rules.judged import Manual
from govscore.scoring.values import plain

D = Decimal


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("220", "A+"),
        ("200", "A+"),
        ("180", "A+"),
        ("179.99", "A"),
        ("179.999999", "A"),
        ("170", "A"),
        ("160", "A"),
        ("159.99", "B"),
        ("140", "B"),
        ("139.99", "C"),
        ("139", "C"),
        ("0", "C"),
        ("-5", "C"),
    ],
)
def test_it_grades_at_the_exact_boundaries(dongnai_bands, total, grade):
    band = grade_for(Grading("points", dongnai_bands), D(total))
    assert band is not None
    assert band.grade == grade


def test_it_gives_no_grade_outside_every_band(dongnai_bands):
    assert grade_for(Grading("points", dongnai_bands), D("220.01")) is None
    assert grade_for(Grading("points", ()), D(100)) is None


PERCENT = (
    Band("Tốt", lower=Bound(D(80), True)),
    Band("Khá", lower=Bound(D(65), True), upper=Bound(D(80), False)),
    Band("Trung bình", lower=Bound(D(50), True), upper=Bound(D(65), False)),
    Band("Yếu", upper=Bound(D(50), False)),
)


@pytest.mark.parametrize(
    ("percent", "grade"),
    [
        ("100", "Tốt"),
        ("80", "Tốt"),
        ("79.9", "Khá"),
        ("65", "Khá"),
        ("64.9", "Trung bình"),
        ("50", "Trung bình"),
        ("49.9", "Yếu"),
    ],
)
def test_it_grades_on_the_percent_basis(percent, grade):
    assert grade_for(Grading("percent", PERCENT), D(percent)).grade == grade


def test_it_grades_a_unit_on_the_percent_of_its_own_max(build):
    # Criterion 2 does not apply to group g: the unit's own max is 40, and 32 of 40 is 80 %.
    criteria = [build.leaf("1", 40, Manual("s")), build.leaf("2", 60, Manual("t"), applies_to=("x",))]
    fw = build.framework(criteria, bands=PERCENT, basis="percent", groups=("g", "x"))
    result = build.run(fw, [build.unit("a", {"s": Score(D(32), "ok")})])
    only = result.units[0]
    assert (only.total, only.max_points, only.percent) == (D(32), D(40), D("80.0"))
    assert only.grade.grade == "Tốt"


@pytest.mark.parametrize(
    ("lower", "upper", "inside", "outside"),
    [
        (Bound(D(10), True), Bound(D(20), True), ["10", "20", "15"], ["9.99", "20.01"]),
        (Bound(D(10), False), Bound(D(20), False), ["10.01", "19.99"], ["10", "20"]),
        (None, Bound(D(20), False), ["-1000", "19.99"], ["20"]),
        (Bound(D(10), False), None, ["10.01", "1e9"], ["10"]),
    ],
)
def test_it_honours_inclusive_and_exclusive_bounds(lower, upper, inside, outside):
    band = Band("X", lower=lower, upper=upper)
    assert all(band.contains(D(value)) for value in inside)
    assert not any(band.contains(D(value)) for value in outside)


# --- band_issues -----------------------------------------------------------------------------


def test_it_finds_no_issue_in_the_dongnai_bands(dongnai_bands):
    assert band_issues(Grading("points", dongnai_bands), D(0), D(220)) == []


@given(total=st.decimals(min_value=0, max_value=220, places=2, allow_nan=False, allow_infinity=False))
def test_it_grades_every_dongnai_total_by_exactly_one_band(dongnai_bands, total):
    assert sum(band.contains(total) for band in dongnai_bands) == 1


def test_it_finds_a_gap_between_bands():
    bands = (
        Band("A+", lower=Bound(D(181), True), upper=Bound(D(220), True)),
        Band("A", lower=Bound(D(160), True), upper=Bound(D(180), False)),
        Band("C", upper=Bound(D(160), False)),
    )
    issues = band_issues(Grading("points", bands), D(0), D(220))
    assert len(issues) == 1
    gap = issues[0]
    assert gap.kind == "gap"
    assert (gap.first.grade, gap.second.grade) == ("A", "A+")
    assert gap.value == D(180)
    assert gap.between == "[180; 181)"
    # 180 and 180.5 are in no band.
    assert grade_for(Grading("points", bands), D(180)) is None
    assert grade_for(Grading("points", bands), D("180.5")) is None


def test_it_finds_a_gap_between_two_exclusive_bounds():
    bands = (Band("A", lower=Bound(D(180), False)), Band("B", upper=Bound(D(180), False)))
    issues = band_issues(Grading("points", bands), D(0), D(220))
    assert [(issue.kind, issue.value, issue.between) for issue in issues] == [("gap", D(180), "[180; 180]")]


def test_it_finds_an_overlap_between_bands():
    bands = (
        Band("A+", lower=Bound(D(180), True), upper=Bound(D(220), True)),
        Band("A", lower=Bound(D(160), True), upper=Bound(D(180), True)),
        Band("C", upper=Bound(D(160), False)),
    )
    issues = band_issues(Grading("points", bands), D(0), D(220))
    assert [(issue.kind, issue.first.grade, issue.second.grade, issue.value) for issue in issues] == [
        ("overlap", "A", "A+", D(180))
    ]


def test_it_finds_an_overlap_of_two_open_ended_bands():
    bands = (Band("A", lower=Bound(D(100), True)), Band("B", upper=Bound(D(200), True)))
    issues = band_issues(Grading("points", bands), D(0), D(220))
    assert [issue.kind for issue in issues] == ["overlap"]


@pytest.mark.parametrize(
    ("bands", "value", "between"),
    [
        # Nothing covers [0; 10).
        ((Band("A", lower=Bound(D(10), True), upper=Bound(D(220), True)),), D(0), "[0; 10)"),
        # Nothing covers (200; 220].
        ((Band("A", lower=Bound(D(0), True), upper=Bound(D(200), True)),), D(220), "(200; 220]"),
        # 220 itself is left out by an exclusive upper bound.
        ((Band("A", lower=Bound(D(0), True), upper=Bound(D(220), False)),), D(220), "[220; 220]"),
    ],
)
def test_it_finds_a_gap_at_the_edges_of_the_range(bands, value, between):
    issues = band_issues(Grading("points", bands), D(0), D(220))
    assert [(issue.kind, issue.value, issue.between) for issue in issues] == [("gap", value, between)]


@pytest.mark.parametrize(
    ("lower", "upper"),
    [(Bound(D(20), True), Bound(D(10), True)), (Bound(D(10), True), Bound(D(10), False))],
)
def test_it_finds_an_empty_band(lower, upper):
    bands = (Band("C", upper=Bound(D(10), False)), Band("X", lower=lower, upper=upper))
    issues = band_issues(Grading("points", bands), D(0), D(10))
    assert "empty" in [issue.kind for issue in issues]


def test_it_accepts_a_single_point_band():
    bands = (
        Band("C", upper=Bound(D(10), False)),
        Band("X", lower=Bound(D(10), True), upper=Bound(D(10), True)),
        Band("A", lower=Bound(D(10), False)),
    )
    assert band_issues(Grading("points", bands), D(0), D(20)) == []
    assert grade_for(Grading("points", bands), D(10)).grade == "X"


@pytest.mark.parametrize(
    ("band", "vi", "en"),
    [
        (
            Band("A", lower=Bound(D(160), True), upper=Bound(D(180), False)),
            "từ 160 đến dưới 180",
            "from 160 to below 180",
        ),
        (Band("A+", lower=Bound(D(180), True), upper=Bound(D(220), True)), "từ 180 đến 220", "from 180 to 220"),
        (Band("A+", lower=Bound(D(180), True)), "từ 180 trở lên", "from 180 up"),
        (Band("B", lower=Bound(D("59.5"), False)), "trên 59,5", "above 59.5"),
        (Band("C", upper=Bound(D(140), False)), "dưới 140", "below 140"),
        (Band("C", upper=Bound(D(140), True)), "không quá 140", "up to 140"),
    ],
)
def test_a_band_is_described_in_words_as_a_document_writes_it(band: Band, vi: str, en: str) -> None:
    assert (describe_band(band, "vi"), describe_band(band, "en")) == (vi, en)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12.50", "12.5"), ("1E+2", "100"), ("9.999999999999995E+27", "9999999999999995000000000000"), ("-0.0", "0")],
)
def test_plain_drops_trailing_zeros_at_any_size(value: str, expected: str) -> None:
    assert format(plain(D(value)), "f") == expected
