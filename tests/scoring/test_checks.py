"""Consistency checks: the seed's own contradictions, and each kind of finding on altered data."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from govscore.examples import example_path
from govscore.scoring.checks import WITHOUT_FACTS, check
from govscore.scoring.findings import Finding
from govscore.scoring.model import Evaluation, Published, Ratio, Reports, UnitData

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(scope="module")
def seed() -> Evaluation:
    from govscore.scoring.loading.evaluation_file import load_evaluation

    path = example_path("dongnai-2012")
    assert path is not None
    return load_evaluation(path)


def _with_unit(evaluation: Evaluation, code: str, **changes: object) -> Evaluation:
    units = tuple(replace(unit, **changes) if unit.code == code else unit for unit in evaluation.units)
    return replace(evaluation, units=units)


def _with_facts(evaluation: Evaluation, code: str, **facts: object) -> Evaluation:
    unit = next(unit for unit in evaluation.units if unit.code == code)
    return _with_unit(evaluation, code, facts={**unit.facts, **facts})


def _with_published(evaluation: Evaluation, code: str, **changes: object) -> Evaluation:
    unit = next(unit for unit in evaluation.units if unit.code == code)
    assert unit.published is not None
    return _with_unit(evaluation, code, published=replace(unit.published, **changes))


def _kinds(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(finding.unit_code, finding.kind) for finding in findings}


def test_it_reports_every_inconsistency_of_the_published_document(seed: Evaluation) -> None:
    assert _kinds(check(seed)) == {
        ("STNMT", "grade_not_from_bands"),
        ("SXD", "late_and_missing"),
        ("VPUBND", "same_total_different_grade"),
    }


def test_it_gives_the_evidence_in_the_message(seed: Evaluation) -> None:
    messages = {finding.kind: finding.message() for finding in check(seed)}
    assert messages["grade_not_from_bands"] == (
        "Xếp loại công bố 'A' với 180 điểm, nhưng khung xếp loại cho 'A+' (từ 180 đến 220)."
    )
    assert "tháng 1, 4, 5" in messages["late_and_missing"]
    english = {finding.kind: finding.message("en") for finding in check(seed)}
    assert english["late_and_missing"] == "Criterion 4: months 1, 4, 5 recorded both as late and as missing."
    assert english["grade_not_from_bands"] == (
        "Published grade 'A' with 180 points, but the bands give 'A+' (from 180 to 220)."
    )


@pytest.mark.parametrize(
    ("facts", "kind"),
    [
        ({"edoc_sent": Ratio(percent=Decimal(130))}, "rate_above_100"),
        ({"email_accounts": Ratio(Decimal(130), Decimal(120))}, "numerator_above_denominator"),
        ({"monthly_reports": Reports(late=(11,), statuses_given=True)}, "month_outside_period"),
    ],
)
def test_it_finds_impossible_data(seed: Evaluation, facts: dict[str, object], kind: str) -> None:
    findings = check(_with_facts(seed, "SKHCN", **facts))
    assert ("SKHCN", kind) in _kinds(findings)


def test_it_finds_a_report_stamped_before_its_month_ended(seed: Evaluation) -> None:
    received = {month: datetime.datetime(2012, month + 1, 3, 9, tzinfo=VN) for month in range(1, 11)}
    received[3] = datetime.datetime(2012, 3, 20, 9, tzinfo=VN)
    findings = check(_with_facts(seed, "STTTT", monthly_reports=Reports(received=received)))
    assert [finding.kind for finding in findings if finding.unit_code == "STTTT"] == ["received_early"]


def test_it_finds_missing_data(seed: Evaluation) -> None:
    unit = next(unit for unit in seed.units if unit.code == "SNV")
    facts = {code: value for code, value in unit.facts.items() if code != "network_connected"}
    findings = check(_with_unit(seed, "SNV", facts=facts))
    assert ("SNV", "no_data") in _kinds(findings)


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        ({"total": Decimal(216)}, "total_mismatch"),
        ({"grade": "A"}, "grade_not_from_bands"),
        ({"rank": 3}, "rank_mismatch"),
        ({"criteria": {"1": Decimal(25)}}, "points_out_of_range"),
        (
            {"criteria": {"1": Decimal(19), "2": Decimal(20), "3": Decimal(14), "4": Decimal(7), "5": Decimal(150)}},
            "total_not_sum",
        ),
    ],
)
def test_it_checks_published_results_against_their_own_rules(
    seed: Evaluation, changes: dict[str, object], kind: str
) -> None:
    findings = check(_with_published(seed, "SKHCN", **changes))
    assert ("SKHCN", kind) in _kinds(findings)


def test_it_finds_a_published_order_that_is_not_by_total(seed: Evaluation) -> None:
    swapped = _with_published(_with_published(seed, "SKHCN", position=2), "BDT", position=1)
    assert ("BDT", "order_not_by_total") in _kinds(check(swapped))


def test_it_finds_two_units_with_one_name(seed: Evaluation) -> None:
    renamed = _with_unit(seed, "BDT", name="Sở Khoa học và Công nghệ")
    assert ("BDT", "duplicate_name") in _kinds(check(renamed))


def _published(seed: Evaluation, code: str) -> Published:
    unit: UnitData = next(unit for unit in seed.units if unit.code == code)
    assert unit.published is not None
    return unit.published


def test_it_finds_a_sentence_in_the_wrong_column(seed: Evaluation) -> None:
    published = _published(seed, "BDT")
    moved = "Gửi văn bản điện tử 9 tháng đầu năm đạt tỷ lệ 71%"
    altered = _with_published(
        seed,
        "BDT",
        good=(*published.good, moved),
        not_good=tuple(sentence for sentence in published.not_good if "71%" not in sentence),
    )
    findings = [finding for finding in check(altered) if finding.unit_code == "BDT"]
    assert [finding.kind for finding in findings] == ["text_column"]
    assert "Nội dung thực hiện chưa tốt" in findings[0].message()


def test_it_finds_one_criterion_in_both_columns(seed: Evaluation) -> None:
    published = _published(seed, "SKHCN")
    altered = _with_published(
        seed, "SKHCN", not_good=(*published.not_good, "Chưa kết nối mạng truyền số liệu chuyên dùng")
    )
    assert ("SKHCN", "text_both_columns") in _kinds(check(altered))


@pytest.mark.parametrize(
    ("column", "old", "new", "kind"),
    [
        ("good", "đạt 97%", "đạt 79%", "text_rate"),
        ("not_good", "báo cáo trễ tháng 2", "báo cáo trễ tháng 3", "text_months"),
        ("not_good", "không báo cáo tháng 1", "không báo cáo tháng 1, 2", "text_months"),
    ],
)
def test_it_finds_a_sentence_that_contradicts_the_data(
    seed: Evaluation, column: str, old: str, new: str, kind: str
) -> None:
    published = _published(seed, "SKHCN")
    sentences = getattr(published, column)
    assert any(old in sentence for sentence in sentences)
    altered = _with_published(seed, "SKHCN", **{column: tuple(s.replace(old, new) for s in sentences)})
    findings = [finding for finding in check(altered) if finding.unit_code == "SKHCN"]
    assert [finding.kind for finding in findings] == [kind]


def test_it_finds_a_wrong_count_of_regulations(seed: Evaluation) -> None:
    published = _published(seed, "SGDDT")
    altered = _with_published(
        seed, "SGDDT", not_good=tuple(s.replace("Chưa ban hành 03", "Chưa ban hành 02") for s in published.not_good)
    )
    assert ("SGDDT", "text_count") in _kinds(check(altered))


def test_it_finds_nothing_in_consistent_data(seed: Evaluation) -> None:
    fixed = _with_published(seed, "STNMT", grade="A+")
    fixed = _with_facts(
        fixed, "SXD", monthly_reports=Reports(late=(1, 4, 5), missing=(2, 3, 6, 7, 8, 9), statuses_given=True)
    )
    unit = next(unit for unit in fixed.units if unit.code == "SXD")
    assert unit.published is not None
    sentences = tuple(
        s.replace("không báo cáo từ tháng 1 đến tháng 9", "không báo cáo tháng 2,3,6,7,8,9")
        for s in unit.published.not_good
    )
    fixed = _with_published(fixed, "SXD", not_good=sentences)
    assert check(fixed) == []


def test_without_facts_it_keeps_only_what_the_published_results_support(seed: Evaluation) -> None:
    everything = check(seed)
    published = check(seed, facts=False)
    assert {finding.kind for finding in everything} - WITHOUT_FACTS == {"late_and_missing"}
    assert published == [finding for finding in everything if finding.kind in WITHOUT_FACTS]
    assert {finding.kind for finding in published} == {"grade_not_from_bands", "same_total_different_grade"}
