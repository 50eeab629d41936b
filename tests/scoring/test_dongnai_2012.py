"""The 2012 Đồng Nai evaluation reproduced end to end, against facts read by hand from the seed.

The expectations below were transcribed independently of the example's data file, from the
published document (công văn 1186/STTT, 07/12/2012). Grades are those the bands give (the
document itself prints "A" for Sở Tài nguyên và Môi trường at 180 points, which the checker
reports). Sở Xây dựng's months 1, 4, 5 are printed both late and missing; the framework counts a
month received late as late, so its missing months are the remaining 2, 3, 6–9.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from govscore.examples import example_path
from govscore.scoring.engine import score
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.months import parse_month_list
from govscore.scoring.results import EvaluationResult, UnitResult

ALL = list(range(1, 11))
# name, total, grade, rank, (e-mail %, column), (e-documents %, column), regulations missing, late, missing
SEED = [
    ("Sở Khoa học và Công nghệ", 217, "A+", 1, (97, "good"), (94, "good"), 0, [2], [1]),
    ("Ban Dân tộc", 205, "A+", 2, (82, "good"), (71, "not_good"), 0, [2, 5, 6, 8, 9], []),
    ("Sở Giao thông - Vận tải", 200, "A+", 3, (94, "good"), (88, "good"), 1, [4, 6, 7, 9], [1, 2, 8]),
    ("Sở Nông nghiệp và Phát triển nông thôn", 194, "A+", 4, (100, "good"), (69, "not_good"), 1, [], [1, 2, 10]),
    ("Sở Thông tin và Truyền thông", 190, "A+", 5, (100, "good"), (37, "not_good"), 0, [], []),
    ("Sở Giáo dục và Đào tạo", 183, "A+", 6, (81, "good"), (100, "good"), 3, [2, 4, 8, 9, 10], [7]),
    ("Văn phòng UBND tỉnh", 180, "A+", 7, (83, "good"), (93, "good"), 2, [], ALL),
    ("Sở Tài nguyên và Môi trường", 180, "A+", 7, (100, "good"), (90, "good"), 3, [1, 3, 7, 10], [2, 8, 9]),
    ("Sở Tài chính", 175, "A", 9, (91, "good"), (50, "not_good"), 1, [5, 6, 7], [1, 2, 4, 8, 9, 10]),
    ("Sở Kế hoạch và Đầu tư", 173, "A", 10, (87, "good"), (63, "not_good"), 3, [1, 9, 10], [7, 8]),
    ("Sở Công thương", 168, "A", 11, (100, "good"), (48, "not_good"), 2, [], [1, 2, 6, 7, 8, 10]),
    ("Thanh tra tỉnh", 168, "A", 11, (84, "good"), (59, "not_good"), 2, [1, 4, 7, 8], [3, 5, 6, 9]),
    ("Sở Ngoại vụ", 165, "A", 13, (100, "good"), (1, "not_good"), 0, [4, 6, 7, 8, 9], []),
    ("Sở Lao động – Thương binh và Xã hội", 134, "C", 14, (69, "not_good"), (15, "not_good"), 2, [9, 10], [1, 8]),
    ("Sở Văn hoá - Thể thao và Du lịch", 130, "C", 15, (100, "good"), (0, "not_good"), 1, [], ALL),
    ("Đài Phát thanh – Truyền hình Đồng Nai", 120, "C", 16, (100, "good"), (0, "not_good"), 4, None, None),
    ("Sở Y tế", 119, "C", 17, (100, "good"), (0, "not_good"), 3, [1, 4, 5, 6, 7, 9, 10], [2, 8]),
    ("Sở Tư pháp", 117, "C", 18, (91, "good"), (16, "not_good"), 4, [1, 4, 5], [2, 7, 8, 9, 10]),
    ("Sở Xây dựng", 112, "C", 19, (84, "good"), (Decimal("0.3"), "not_good"), 4, [1, 4, 5], [2, 3, 6, 7, 8, 9]),
    ("Sở Nội vụ", 110, "C", 20, (98, "good"), (10, "not_good"), 4, [], ALL),
]
IDS = [row[0] for row in SEED]


@pytest.fixture(scope="module")
def result() -> EvaluationResult:
    path = example_path("dongnai-2012")
    assert path is not None
    return score(load_evaluation(path))


def _unit(result: EvaluationResult, name: str) -> UnitResult:
    return next(unit for unit in result.units if unit.unit.name == name)


def _sentence(unit: UnitResult, column: str, marker: str) -> str:
    sentences = unit.good if column == "good" else unit.not_good
    matching = [sentence for sentence in sentences if marker in sentence]
    assert len(matching) == 1, f"{unit.unit.name}: expected one '{marker}' sentence in {column}: {sentences}"
    other = unit.not_good if column == "good" else unit.good
    assert not [sentence for sentence in other if marker in sentence], "a fact must not appear in both columns"
    return matching[0]


def _percent_text(value: int | Decimal) -> str:
    return str(value).replace(".", ",") + "%"


def test_it_scores_all_twenty_units(result: EvaluationResult) -> None:
    assert [unit.unit.name for unit in result.units] == [
        name for name, *_ in sorted(SEED, key=lambda row: (row[3], row[0] != "Sở Tài nguyên và Môi trường"))
    ]


@pytest.mark.parametrize("row", SEED, ids=IDS)
def test_it_gives_each_unit_its_published_total_grade_and_rank(result: EvaluationResult, row: tuple) -> None:
    name, total, grade, rank, *_ = row
    unit = _unit(result, name)
    assert unit.total == total
    assert unit.grade is not None and unit.grade.grade == grade
    assert unit.rank == rank
    assert unit.max_points == 220


@pytest.mark.parametrize("row", SEED, ids=IDS)
def test_it_puts_the_email_and_edocument_rates_in_the_seeds_columns(result: EvaluationResult, row: tuple) -> None:
    name, _total, _grade, _rank, (email, email_column), (edoc, edoc_column), *_ = row
    unit = _unit(result, name)
    assert _percent_text(email) in _sentence(unit, email_column, "hộp thư điện tử")
    edoc_sentence = _sentence(unit, edoc_column, "9 tháng đầu năm")
    if edoc == 0:
        assert "chưa thực hiện gửi văn bản điện tử" in edoc_sentence
    else:
        assert _percent_text(edoc) in edoc_sentence


@pytest.mark.parametrize("row", SEED, ids=IDS)
def test_it_names_the_regulations_not_issued(result: EvaluationResult, row: tuple) -> None:
    name, *_, missing_regulations, _late, _missing = row
    unit = _unit(result, name)
    if missing_regulations == 0:
        assert "Xây dựng 4 quy chế về ứng dụng CNTT" in _sentence(unit, "good", "quy chế về ứng dụng CNTT")
    else:
        sentence = _sentence(unit, "not_good", "Chưa ban hành")
        assert f"Chưa ban hành {missing_regulations:02d} quy định" in sentence
        assert sentence.count(";") == missing_regulations - 1


def _months_after(sentence: str, words: str) -> list[int]:
    match = re.search(words + r" ((?:từ )?tháng [\d, ]+(?:đến tháng \d+)?)", sentence)
    return list(parse_month_list(match.group(1).strip(" ,"))) if match else []


@pytest.mark.parametrize("row", SEED, ids=IDS)
def test_it_lists_months_late_and_missing_in_the_seeds_column(result: EvaluationResult, row: tuple) -> None:
    name, *_, late, missing = row
    unit = _unit(result, name)
    if late is None:  # the radio-TV station answers the frequency criterion instead
        assert "tần số vô tuyến điện" in _sentence(unit, "good", "tần số vô tuyến điện")
        assert not any("báo cáo định kỳ hàng tháng" in s and "thay" not in s for s in unit.good + unit.not_good)
        return
    if not late and not missing:
        assert _sentence(unit, "good", "chế độ báo cáo").startswith("Đảm bảo")
        return
    sentence = _sentence(unit, "not_good", "chế độ báo cáo")
    assert _months_after(sentence, "trễ") == late
    assert _months_after(sentence, "không báo cáo") == missing


def test_it_writes_a_full_year_of_missing_reports_as_a_range(result: EvaluationResult) -> None:
    sentence = _sentence(_unit(result, "Văn phòng UBND tỉnh"), "not_good", "chế độ báo cáo")
    assert sentence.endswith("không báo cáo từ tháng 1 đến tháng 10")


def test_it_writes_a_mixed_month_list_plainly(result: EvaluationResult) -> None:
    sentence = _sentence(_unit(result, "Ban Dân tộc"), "not_good", "chế độ báo cáo")
    assert sentence.endswith("báo cáo trễ tháng 2, 5, 6, 8, 9")


def test_it_explains_the_substitute_criterion_in_the_ledger(result: EvaluationResult) -> None:
    station = _unit(result, "Đài Phát thanh – Truyền hình Đồng Nai")
    substitute = station.criterion("4T")
    assert substitute.substitute_for == "4"
    assert substitute.points == 10
    assert all(item.code != "4" for item in station.all_criteria())


def test_it_keeps_every_point_traceable(result: EvaluationResult) -> None:
    for unit in result.units:
        applicable = [criterion for criterion in unit.criteria if criterion.applicable]
        assert sum(criterion.points for criterion in applicable) == unit.exact_total
        for criterion in unit.all_criteria():
            assert criterion.steps, f"{unit.unit.name} {criterion.code} has no explanation"
            if criterion.children:
                assert criterion.points == sum(child.points for child in criterion.children if child.applicable)
