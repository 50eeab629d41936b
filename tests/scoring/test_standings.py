"""Grading and ranking as provinces publish them: quotas, conditions that cap a grade, dense ranks, units
left out of the ranking, bands per group, no grading at all, ranking by percent of a unit's own max;
and `check` judging published tables under each of these rules."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govscore.cli.main import main
from govscore.scoring.checks import check
from govscore.scoring.engine import score
from govscore.scoring.errors import ValidationFailed
from govscore.scoring.ledger import ledger_text
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Evaluation
from govscore.scoring.ranking import ranks_of

BANDS = """\
  bands:
    - {grade: A, label: "Xuất sắc", from: 80}
    - {grade: B, label: "Tốt", from: 50, below: 80}
    - {grade: C, label: "Trung bình", below: 50}
"""


def framework_text(grading: str | None = BANDS, *, ranking: str = "", criteria: str = "") -> str:
    """A 100-point framework: the survey value `s` (up to 90) plus the mandatory reports `bc` (up to 10)."""
    text = """\
format: 1
kind: framework
code: thu-xep-hang
version: "2025"
title: "Bộ tiêu chí thử xếp loại, xếp hạng"
decision: {number: "9/QĐ-THU", date: 2025-01-15}
max_points: 100
groups:
  - {code: so, name: "Sở, ban, ngành"}
  - {code: huyen, name: "UBND cấp huyện"}
indicators:
  - {code: s, title: "Điểm khảo sát", type: number, min: 0, max: 90}
  - {code: vi_pham, title: "Có vi phạm nghiêm trọng về an toàn thông tin", type: boolean}
  - {code: bc, title: "Báo cáo bắt buộc", type: number, min: 0, max: 10}
criteria:
  - {code: "1", title: "Khảo sát", max: 90, rule: {type: survey, indicator: s, scale: 90}}
  - {code: "2", title: "Báo cáo", max: 10, rule: {type: survey, indicator: bc, scale: 10}}
"""
    if grading is not None:
        text += "grading:\n" + grading
    if ranking:
        text += "ranking:\n" + ranking
    return text + criteria


def write(tmp_path: Path, framework: str, units: list[dict[str, object]]) -> Evaluation:
    (tmp_path / "framework.yaml").write_text(framework, encoding="utf-8")
    lines = ["format: 1", "kind: evaluation", "framework: framework.yaml", "period: {year: 2025}", "units:"]
    for index, unit in enumerate(units):
        code = unit.get("code", f"U{index + 1:02}")
        lines.append(f'  - code: {code}\n    name: "{unit.get("name", f"Đơn vị {code}")}"')
        lines.append(f"    group: {unit.get('group', 'so')}")
        facts = unit.get("facts", {"s": unit.get("s", 0), "bc": unit.get("bc", 10)})
        lines.append(f"    facts: {_flow(facts)}")
        for key in ("not_ranked",):
            if key in unit:
                lines.append(f'    {key}: "{unit[key]}"')
        if "own_max" in unit:
            lines.append(f"    own_max: {_flow(unit['own_max'])}")
        if "published" in unit:
            lines.append(f"    published: {_flow(unit['published'])}")
    (tmp_path / "evaluation.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_evaluation(tmp_path / "evaluation.yaml")


def _flow(mapping: object) -> str:
    assert isinstance(mapping, dict)
    return "{" + ", ".join(f"{key}: {_scalar(value)}" for key, value in mapping.items()) + "}"


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def table(evaluation: Evaluation) -> dict[str, tuple[int, str]]:
    """Each unit's rank and grade."""
    return {
        result.unit.code: (result.rank, result.grade.grade if result.grade else "")
        for result in score(evaluation).units
    }


# --- rank styles ---


def test_it_ranks_in_competition_or_dense_style() -> None:
    values = [Decimal(v) for v in ("90", "80", "80", "80", "70")]
    assert ranks_of(values, "competition") == [1, 2, 2, 2, 5]
    assert ranks_of(values, "dense") == [1, 2, 2, 2, 3]


def test_a_dense_framework_gives_a_three_way_tie_the_next_rank_after_it(tmp_path: Path) -> None:
    units = [{"s": 80}, {"s": 70}, {"s": 70}, {"s": 70}, {"s": 60}]
    dense = table(write(tmp_path, framework_text(ranking="  style: dense\n"), units))
    assert [dense[f"U0{i}"][0] for i in range(1, 6)] == [1, 2, 2, 2, 3]
    competition = table(write(tmp_path, framework_text(), units))
    assert [competition[f"U0{i}"][0] for i in range(1, 6)] == [1, 2, 2, 2, 5]


# --- quotas ---

QUOTA = BANDS + "  quota: {grade: A, share: 20, ties: %s}\n"


def quota_units(tie_at_cut_off: bool) -> list[dict[str, object]]:
    """13 units, five of them reaching A (80 points and more); a quota of 20% lets two keep it."""
    top = [95, 88, 88, 85, 82] if tie_at_cut_off else [95, 90, 88, 85, 82]
    rest = [75, 70, 65, 60, 55, 50, 45, 40]
    return [{"s": total - 10} for total in top + rest]


@pytest.mark.parametrize(
    ("tie", "ties", "kept"),
    [
        (False, "keep", ["U01", "U02"]),
        (False, "drop", ["U01", "U02"]),
        (True, "keep", ["U01", "U02", "U03"]),  # U02 and U03 tie at the cut-off: both keep A
        (True, "drop", ["U01"]),  # ... or neither does
    ],
)
def test_a_quota_of_20_percent_over_13_units_keeps_the_top_grade_by_rank(
    tmp_path: Path, tie: bool, ties: str, kept: list[str]
) -> None:
    evaluation = write(tmp_path, framework_text(QUOTA % ties), quota_units(tie))
    result = score(evaluation)
    graded = {unit.unit.code: unit for unit in result.units}
    assert sorted(code for code, unit in graded.items() if unit.grade and unit.grade.grade == "A") == kept
    lowered = sorted(code for code, unit in graded.items() if unit.quota_from)
    assert lowered == sorted({"U01", "U02", "U03", "U04", "U05"} - set(kept))
    for code in lowered:
        assert graded[code].grade is not None and graded[code].grade.grade == "B"
    # The ledger says why a unit reaching A is graded B.
    text = ledger_text(graded[lowered[0]], result)
    assert "chỉ 20% số đơn vị của khối được loại A" in text


def test_check_reports_a_published_grade_the_quota_does_not_allow(tmp_path: Path) -> None:
    units = quota_units(tie_at_cut_off=False)
    grades = ["A", "A", "A", "B", "B", "B", "B", "B", "B", "B", "B", "C", "C"]
    for index, (unit, grade) in enumerate(zip(units, grades, strict=True)):
        unit["published"] = {"rank": index + 1, "total": unit["s"] + 10, "grade": grade}
    findings = check(write(tmp_path, framework_text(QUOTA % "keep"), units))
    assert [(f.unit_code, f.kind) for f in findings] == [("U03", "grade_quota")]
    assert "hạn mức loại 'A'" in findings[0].message("vi")
    units[2]["published"] = {"rank": 3, "total": 88, "grade": "B"}
    assert check(write(tmp_path, framework_text(QUOTA % "keep"), units)) == []


# --- conditions that cap a grade ---

CAPS = (
    BANDS
    + """\
  caps:
    - {grade: B, indicator: vi_pham, equals: true, reason: "Để xảy ra sự cố mất an toàn thông tin nghiêm trọng"}
    - {grade: C, criterion: "2", below: 5, reason: "Thiếu báo cáo bắt buộc"}
"""
)


def test_a_unit_with_the_top_points_is_capped_by_a_failed_condition(tmp_path: Path) -> None:
    units = [
        {"facts": {"s": 90, "bc": 10, "vi_pham": True}},
        {"facts": {"s": 80, "bc": 10, "vi_pham": False}},
        {"facts": {"s": 90, "bc": 2}},
    ]
    evaluation = write(tmp_path, framework_text(CAPS), units)
    result = score(evaluation)
    assert table(evaluation) == {"U01": (1, "B"), "U02": (3, "A"), "U03": (2, "C")}
    capped = result.unit("U01")
    assert capped.total == 100 and capped.cap is not None
    assert "Để xảy ra sự cố mất an toàn thông tin nghiêm trọng" in ledger_text(result.unit("U01"), result)
    # The published grade above the cap is reported with the condition's reason.
    units[0]["published"] = {"rank": 1, "total": 100, "grade": "A"}
    findings = check(write(tmp_path, framework_text(CAPS), units))
    assert [(f.unit_code, f.kind) for f in findings] == [("U01", "grade_capped")]
    assert "Để xảy ra sự cố" in findings[0].message("vi")


def test_a_condition_names_what_the_framework_has(tmp_path: Path) -> None:
    broken = BANDS + '  caps:\n    - {grade: Z, criterion: "9", below: 5, reason: "x"}\n    - {grade: B, reason: "y"}\n'
    (tmp_path / "framework.yaml").write_text(framework_text(broken), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        write(tmp_path, framework_text(broken), [{"s": 1}])
    keys = sorted(problem.key for problem in caught.value.problems)
    assert keys == ["cap.condition", "cap.unknown_criterion", "grade.unknown"]


# --- units left out of the ranking ---


def test_a_unit_not_ranked_is_graded_and_the_others_close_up(tmp_path: Path) -> None:
    units = [
        {"s": 85, "not_ranked": "Thành lập từ tháng 7/2025"},
        {"s": 80},
        {"s": 50},
        {"s": 50},
    ]
    evaluation = write(tmp_path, framework_text(), units)
    assert table(evaluation) == {"U01": (0, "A"), "U02": (1, "A"), "U03": (2, "B"), "U04": (2, "B")}
    result = score(evaluation)
    assert [unit.unit.code for unit in result.units][-1] == "U01"  # listed after the ranked units
    assert "Không xếp hạng: Thành lập từ tháng 7/2025" in ledger_text(result.unit("U01"), result)
    units[0]["published"] = {"rank": 1, "total": 95, "grade": "A"}
    findings = check(write(tmp_path, framework_text(), units))
    assert [(f.unit_code, f.kind) for f in findings] == [("U01", "rank_of_unranked")]


# --- bands per group ---

BY_GROUP = (
    BANDS
    + """\
  groups:
    huyen:
      bands:
        - {grade: A, label: "Xuất sắc", from: 85}
        - {grade: B, label: "Tốt", from: 50, below: 85}
        - {grade: C, label: "Trung bình", below: 50}
"""
)


def test_a_group_with_bands_of_its_own_grades_by_them(tmp_path: Path) -> None:
    units = [{"s": 72, "group": "so"}, {"s": 72, "group": "huyen"}, {"s": 77, "group": "huyen"}]
    assert table(write(tmp_path, framework_text(BY_GROUP), units)) == {
        "U01": (1, "A"),  # 82 points: A from 80 for departments
        "U02": (2, "B"),  # 82 points: A only from 85 for districts
        "U03": (1, "A"),
    }


def test_each_group_s_bands_are_checked_like_the_framework_s(tmp_path: Path) -> None:
    own = "    huyen:\n      bands:\n        - {grade: A, from: 85}\n        - {grade: B, below: 80}\n"
    gap = BANDS + "  groups:\n" + own
    (tmp_path / "framework.yaml").write_text(framework_text(gap), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        write(tmp_path, framework_text(gap), [{"s": 1}])
    assert [problem.key for problem in caught.value.problems] == ["bands.gap"]


# --- no grading ---


def test_a_framework_without_grading_ranks_and_prints_no_grade(tmp_path: Path, capsys) -> None:
    units = [{"s": 80, "published": {"rank": 1, "total": 90}}, {"s": 70, "published": {"rank": 2, "total": 80}}]
    evaluation = write(tmp_path, framework_text(grading=None), units)
    assert table(evaluation) == {"U01": (1, ""), "U02": (2, "")}
    assert check(evaluation) == []
    assert main(["score", str(tmp_path / "evaluation.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Xếp loại" not in out and "Không xếp loại" not in out
    assert "Đơn vị U01" in out


# --- a unit's own max, ranked by percent ---

OWN_MAX = """\
  basis: percent
  bands:
    - {grade: A, from: 90}
    - {grade: B, from: 70, below: 90}
    - {grade: C, below: 70}
"""


def own_max_units() -> list[dict[str, object]]:
    # U02 has no mandatory report to make: its max is 90, and 81/90 = 90% ranks above U01's 85/100
    # (by points it would rank below).
    return [
        {"facts": {"s": 75, "bc": 10}, "published": {"rank": 2, "total": 85, "percent": 85, "grade": "B"}},
        {"facts": {"s": 81}, "published": {"rank": 1, "total": 81, "percent": 90, "grade": "A"}},
        {"facts": {"s": 50, "bc": 10}, "published": {"rank": 3, "total": 60, "percent": 60, "grade": "C"}},
    ]


def test_a_unit_s_own_max_ranks_and_grades_by_percent_and_check_agrees(tmp_path: Path) -> None:
    evaluation = _own_max(tmp_path, own_max_units())
    assert table(evaluation) == {"U01": (2, "B"), "U02": (1, "A"), "U03": (3, "C")}
    assert check(evaluation) == []
    assert check(evaluation, facts=False) == []


def test_check_reports_exactly_one_wrong_rank_one_wrong_percent_and_one_wrong_grade(tmp_path: Path) -> None:
    units = own_max_units()
    units[0]["published"] = {"rank": 3, "total": 85, "percent": 85, "grade": "B"}  # wrong rank
    units[1]["published"] = {"rank": 1, "total": 81, "percent": 91, "grade": "A"}  # wrong percent
    units[2]["published"] = {"rank": 3, "total": 60, "percent": 60, "grade": "B"}  # wrong grade
    findings = check(_own_max(tmp_path, units), facts=False)
    assert sorted((f.unit_code, f.kind) for f in findings) == [
        ("U01", "rank_mismatch"),
        ("U02", "percent_mismatch"),
        ("U03", "grade_not_from_bands"),
    ]
    messages = {f.kind: f.message("vi") for f in findings}
    assert "theo tỷ lệ % điểm tối đa" in messages["rank_mismatch"]
    assert "60%" in messages["grade_not_from_bands"] and "điểm," not in messages["grade_not_from_bands"]
    assert "91%" in messages["percent_mismatch"] and "81/90" in messages["percent_mismatch"]


def _own_max(tmp_path: Path, units: list[dict[str, object]]) -> Evaluation:
    evaluation = write(tmp_path, framework_text(OWN_MAX), units)
    text = (tmp_path / "evaluation.yaml").read_text(encoding="utf-8")
    marker = "  - code: U02\n"
    reason = '    not_applicable: {"2": "Đơn vị không phải gửi báo cáo tháng"}\n'
    start = text.index(marker)
    end = text.index("  - code: U03")
    block = text[start:end].replace("    facts:", reason + "    facts:")
    (tmp_path / "evaluation.yaml").write_text(text[:start] + block + text[end:], encoding="utf-8")
    del evaluation
    return load_evaluation(tmp_path / "evaluation.yaml")


def test_a_unit_s_own_maximum_is_declared_with_its_reason_and_the_percent_uses_it(tmp_path: Path) -> None:
    reason = "Đơn vị không có bộ phận một cửa"
    units = [
        {"facts": {"s": 75, "bc": 10}, "published": {"rank": 2, "total": 85, "percent": 85, "grade": "B"}},
        {"facts": {"s": 72, "bc": 0}, "own_max": {"points": 80, "reason": reason}},
    ]
    units[1]["published"] = {"rank": 1, "total": 72, "percent": 90, "max_points": 80, "grade": "A"}
    evaluation = write(tmp_path, framework_text(OWN_MAX), units)
    result = score(evaluation)
    own = result.unit("U02")
    assert (own.max_points, own.percent, own.rank, own.grade and own.grade.grade) == (80, 90, 1, "A")
    assert f"Điểm tối đa của đơn vị là 80 (các tiêu chí áp dụng cộng lại 100): {reason}" in ledger_text(own, result)
    assert check(evaluation) == []


def test_a_unit_s_own_maximum_needs_a_reason(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed) as caught:
        write(tmp_path, framework_text(), [{"s": 1, "own_max": {"points": 80, "reason": " "}}])
    assert [problem.key for problem in caught.value.problems] == ["fact.reason_required"]


# --- the official document ---


def test_the_document_states_the_quota_and_the_conditions_where_grades_are(tmp_path: Path) -> None:
    from govscore.documents.build import build_results_document

    units = [*quota_units(tie_at_cut_off=False)[:12], {"facts": {"s": 85, "bc": 10, "vi_pham": True}}]
    grading = QUOTA % "keep" + CAPS.removeprefix(BANDS)
    document = build_results_document(score(write(tmp_path, framework_text(grading), units)))
    reasons = {row.unit_code: row.cells[5].text for row in document.table.unit_rows}
    assert "chỉ 20% số đơn vị của khối được loại A" in reasons["U03"]
    assert "Để xảy ra sự cố mất an toàn thông tin nghiêm trọng" in reasons["U13"]
    assert reasons["U01"] == ""
    assert "Số đơn vị xếp loại A không quá 20% số đơn vị của khối, theo thứ hạng" in document.footnote.bands


def test_a_document_without_grading_has_no_grade_column_and_no_bands(tmp_path: Path) -> None:
    from govscore.documents.build import build_results_document

    document = build_results_document(score(write(tmp_path, framework_text(grading=None), [{"s": 80}, {"s": 70}])))
    assert [column.title for column in document.table.columns][4] == "Tổng điểm"
    assert [row.cells[4].text for row in document.table.unit_rows] == ["90 điểm", "80 điểm"]
    assert document.footnote.bands == () and document.footnote.bands_heading == ""


# --- numbers as published ---


def test_results_print_with_the_decimals_the_framework_publishes_them_with(tmp_path: Path, capsys) -> None:
    from govscore.documents.build import build_results_document

    text = framework_text().replace("criteria:\n", "display: {points: 2, percent: 2}\ncriteria:\n", 1)
    evaluation = write(tmp_path, text, [{"s": 59, "bc": 10}, {"s": 86.5, "bc": 10}])
    assert main(["score", str(tmp_path / "evaluation.yaml")]) == 0
    out = capsys.readouterr().out
    assert "69,00/100" in out and "69,00%" in out and "B (69,00 điểm)" in out and "96,50%" in out
    assert main(["score", str(tmp_path / "evaluation.yaml"), "--format", "csv"]) == 0
    assert ",69.00," in capsys.readouterr().out
    document = build_results_document(score(evaluation))
    assert "B (69,00 điểm)" in [row.cells[4].text for row in document.table.unit_rows]


def test_without_display_decimals_a_value_prints_its_own_digits(tmp_path: Path, capsys) -> None:
    write(tmp_path, framework_text(), [{"s": 59, "bc": 10}])
    assert main(["score", str(tmp_path / "evaluation.yaml")]) == 0
    out = capsys.readouterr().out
    assert "69/100" in out and "69%" in out and "B (69 điểm)" in out


# --- last year beside this year ---


def test_last_year_s_total_and_rank_stand_beside_this_year_s_through_a_rename(tmp_path: Path, capsys) -> None:
    import json

    last, this = tmp_path / "2024", tmp_path / "2025"
    last.mkdir()
    this.mkdir()
    write(last, framework_text(), [{"code": "A", "s": 60}, {"code": "OLD", "s": 70}, {"code": "C", "s": 50}])
    past = (last / "evaluation.yaml").read_text(encoding="utf-8")
    (last / "evaluation.yaml").write_text(past.replace("year: 2025", "year: 2024"), encoding="utf-8")
    units = [{"code": "A", "s": 80}, {"code": "NEW", "s": 60}, {"code": "C", "s": 40}]
    write(this, framework_text(), units)
    text = (this / "evaluation.yaml").read_text(encoding="utf-8")
    renamed = text.replace('name: "Đơn vị NEW"\n', 'name: "Đơn vị NEW"\n    formerly: [OLD]\n')
    (this / "evaluation.yaml").write_text(renamed, encoding="utf-8")
    assert load_evaluation(this / "evaluation.yaml").unit("NEW").formerly == ("OLD",)

    args = ["score", str(this / "evaluation.yaml"), "--previous", str(last / "evaluation.yaml")]
    assert main([*args, "--format", "json"]) == 0
    previous = {unit["code"]: unit["previous"] for unit in json.loads(capsys.readouterr().out)["units"]}
    assert previous["A"] == {"year": 2024, "total": 70, "rank": 2, "total_change": 20, "rank_change": 1}
    assert previous["NEW"] == {"year": 2024, "total": 80, "rank": 1, "total_change": -10, "rank_change": -1}
    assert previous["C"]["rank_change"] == 0
    assert main(args) == 0
    table = capsys.readouterr().out
    assert "Năm trước" in table and "▲ 1" in table and "▼ 1" in table
    assert main([*args, "--format", "csv"]) == 0
    assert "Hạng năm trước" in capsys.readouterr().out.splitlines()[0]


def test_the_workbook_and_the_summary_document_show_last_year_when_asked(tmp_path: Path) -> None:
    import io

    from openpyxl import load_workbook

    from govscore.documents.build import build_results_document
    from govscore.documents.options import DocumentOptions
    from govscore.documents.xlsx_writer import render_xlsx
    from govscore.scoring.previous import previous_of, with_previous

    last, this = tmp_path / "2024", tmp_path / "2025"
    last.mkdir()
    this.mkdir()
    before = score(write(last, framework_text(), [{"code": "A", "s": 60}, {"code": "B", "s": 70}]))
    result = with_previous(
        score(write(this, framework_text(), [{"code": "A", "s": 80}, {"code": "B", "s": 60}])), previous_of(before)
    )
    sheet = load_workbook(io.BytesIO(render_xlsx(result))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[-3:] == ["Tổng điểm năm trước", "Hạng năm trước", "Thay đổi hạng"]
    assert [cell.value for cell in sheet[2]][-3:] == [70, 2, "▲ 1"]
    document = build_results_document(result, DocumentOptions(layout="summary"))
    assert document.table.columns[-1].title == "So với năm trước"
    assert [row.cells[-1].text for row in document.table.unit_rows] == ["70 (▲ 1)", "80 (▼ 1)"]
    plain = build_results_document(score(load_evaluation(this / "evaluation.yaml")), DocumentOptions(layout="summary"))
    assert plain.table.columns[-1].title == "Xếp loại"


def test_check_judges_published_ranks_in_the_framework_s_rank_style(tmp_path: Path) -> None:
    totals, dense = [80, 70, 70, 70, 60], [1, 2, 2, 2, 3]
    units = [
        {"s": total - 10, "published": {"rank": rank, "total": total}}
        for total, rank in zip(totals, dense, strict=True)
    ]
    framework = framework_text(grading=None, ranking="  style: dense\n")
    assert check(write(tmp_path, framework, units)) == []
    units[4]["published"] = {"rank": 5, "total": 60}  # a competition rank in a dense table
    findings = check(write(tmp_path, framework, units))
    assert [(f.unit_code, f.kind, f.args["expected"]) for f in findings] == [("U05", "rank_mismatch", 3)]


def test_check_judges_a_published_grade_by_the_bands_of_the_unit_s_group(tmp_path: Path) -> None:
    units = [
        {"s": 72, "group": "so", "published": {"rank": 1, "total": 82, "grade": "A"}},
        {"s": 72, "group": "huyen", "published": {"rank": 1, "total": 82, "grade": "A"}},
    ]
    findings = check(write(tmp_path, framework_text(BY_GROUP), units))
    assert [(f.unit_code, f.kind, f.args["expected"]) for f in findings] == [("U02", "grade_not_from_bands", "B")]
