"""The weighted index (pillars × weights, as the DTI publishes it) and relative scoring of a ratio."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govscore.scoring.checks import check
from govscore.scoring.engine import score
from govscore.scoring.errors import ValidationFailed
from govscore.scoring.ledger import ledger_text
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Evaluation

WEIGHTS = ("0.1", "0.1", "0.15", "0.1", "0.15", "0.2", "0.1", "0.1")


def dti_framework(weights: tuple[str, ...] = WEIGHTS) -> str:
    indicators = "\n".join(
        f'  - {{code: p{index}, title: "Trụ cột {index}", type: number, min: 0, max: 1}}'
        for index in range(1, len(weights) + 1)
    )
    pillars = "\n".join(
        f"        - {{indicator: p{index}, weight: {weight}}}" for index, weight in enumerate(weights, start=1)
    )
    return f"""\
format: 1
kind: framework
code: dti-thu
version: "2024"
title: "Chỉ số chuyển đổi số (thử)"
decision: {{number: "1/QĐ-THU", date: 2024-01-15}}
max_points: 1
rounding: {{at: total, places: 4}}
groups:
  - {{code: tinh, name: "Tỉnh, thành phố"}}
indicators:
{indicators}
criteria:
  - code: DTI
    title: "Chỉ số DTI"
    max: 1
    rule:
      type: weighted_index
      places: 4
      pillars:
{pillars}
"""


def dti(tmp_path: Path, units: dict[str, tuple[str, ...]], published: dict[str, tuple[int, str]]) -> Evaluation:
    (tmp_path / "framework.yaml").write_text(dti_framework(), encoding="utf-8")
    lines = ["format: 1", "kind: evaluation", "framework: framework.yaml", "period: {year: 2024}", "units:"]
    for code, values in units.items():
        facts = ", ".join(f"p{index}: {value}" for index, value in enumerate(values, start=1))
        rank, total = published[code]
        lines += [
            f'  - {{code: {code}, name: "Tỉnh {code}", group: tinh, facts: {{{facts}}},',
            f"     published: {{rank: {rank}, total: {total}}}}}",
        ]
    (tmp_path / "evaluation.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_evaluation(tmp_path / "evaluation.yaml")


# Two provinces whose exact indices differ in the fifth decimal (0.62312 and 0.62307): both are
# published as 0,6231 and share the first rank; the third is ranked 3rd.
UNITS = {
    "HN": ("0.8", "0.7", "0.6", "0.5", "0.6", "0.7", "0.5", "0.5312"),
    "HCM": ("0.8", "0.7", "0.6", "0.5", "0.6", "0.7", "0.5", "0.5307"),
    "DN": ("0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5"),
}
PUBLISHED = {"HN": (1, "0.6231"), "HCM": (1, "0.6231"), "DN": (3, "0.5000")}


def test_a_weighted_index_of_eight_pillars_ties_on_its_fourth_decimal(tmp_path: Path) -> None:
    evaluation = dti(tmp_path, UNITS, PUBLISHED)
    result = score(evaluation)
    assert {unit.unit.code: (unit.total, unit.rank) for unit in result.units} == {
        "HN": (Decimal("0.6231"), 1),
        "HCM": (Decimal("0.6231"), 1),
        "DN": (Decimal("0.5000"), 3),
    }
    assert check(evaluation) == []
    ledger = ledger_text(result.unit("HN"), result)
    assert "Chỉ số thành phần p8: 0,5312 × trọng số 0,1" in ledger
    assert "Chỉ số = 0,6231; 0,6231 × 1 = 0,6231 điểm" in ledger
    assert "Kết quả khảo sát" not in ledger


def test_check_reports_a_wrong_rank_and_a_wrong_index_of_a_published_table(tmp_path: Path) -> None:
    published = {"HN": (1, "0.6231"), "HCM": (2, "0.6231"), "DN": (3, "0.5001")}
    findings = check(dti(tmp_path, UNITS, published))
    assert sorted((finding.unit_code, finding.kind) for finding in findings) == [
        ("DN", "total_mismatch"),
        ("HCM", "rank_mismatch"),
    ]


def test_the_weights_of_an_index_add_up_to_one(tmp_path: Path) -> None:
    (tmp_path / "framework.yaml").write_text(dti_framework(("0.5", "0.4")), encoding="utf-8")
    from govscore.scoring.loading.framework_file import load_framework

    with pytest.raises(ValidationFailed) as caught:
        load_framework(tmp_path / "framework.yaml")
    assert [(problem.key, problem.location.line) for problem in caught.value.problems] == [("weights.sum", 21)]
    assert "0,9" in caught.value.problems[0].render()


def test_normalized_to_best_compares_a_ratio_on_its_quotient(tmp_path: Path) -> None:
    framework = """\
format: 1
kind: framework
code: bang-thong
version: "2024"
title: "Băng thông trên cán bộ"
decision: {number: "2/QĐ-THU", date: 2024-01-15}
max_points: 10
groups: [{code: so, name: "Sở"}]
grading: {bands: [{grade: A, from: 5}, {grade: B, below: 5}]}
indicators:
  - {code: bw, title: "Băng thông (Mbps) trên số cán bộ", type: ratio, share: false}
criteria:
  - {code: "1", title: "Băng thông", max: 10, rule: {type: normalized_to_best, indicator: bw}}
"""
    (tmp_path / "framework.yaml").write_text(framework, encoding="utf-8")
    (tmp_path / "evaluation.yaml").write_text(
        """\
format: 1
kind: evaluation
framework: framework.yaml
period: {year: 2024}
units:
  - {code: A, name: "Sở A", group: so, facts: {bw: {numerator: 200, denominator: 80}}}
  - {code: B, name: "Sở B", group: so, facts: {bw: {numerator: 100, denominator: 80}}}
  - {code: C, name: "Sở C", group: so, facts: {bw: {numerator: 10, denominator: 0}}}
""",
        encoding="utf-8",
    )
    result = score(load_evaluation(tmp_path / "evaluation.yaml"))
    assert {unit.unit.code: unit.total for unit in result.units} == {"A": 10, "B": 5, "C": 0}
    assert "1,25" in ledger_text(result.unit("B"), result) and "2,5" in ledger_text(result.unit("B"), result)


def test_a_tolerance_the_framework_states_lets_a_value_from_rounded_parts_differ_in_its_last_decimal(
    tmp_path: Path,
) -> None:
    published = {"HN": (1, "0.6232"), "HCM": (2, "0.6231"), "DN": (3, "0.5000")}
    assert sorted((f.unit_code, f.kind) for f in check(dti(tmp_path, UNITS, published))) == [("HN", "total_mismatch")]
    framework = dti_framework().replace("rounding:", "check: {tolerance: 0.0001}\nrounding:")
    (tmp_path / "framework.yaml").write_text(framework, encoding="utf-8")
    assert check(load_evaluation(tmp_path / "evaluation.yaml")) == []


def test_a_table_of_ranks_only_is_checked_against_the_computed_values(tmp_path: Path) -> None:
    evaluation = dti(tmp_path, UNITS, PUBLISHED)
    text = (tmp_path / "evaluation.yaml").read_text(encoding="utf-8")
    for _code, (_rank, total) in PUBLISHED.items():
        text = text.replace(f", total: {total}}}", "}")
    (tmp_path / "evaluation.yaml").write_text(text, encoding="utf-8")
    evaluation = load_evaluation(tmp_path / "evaluation.yaml")
    assert all(unit.published and unit.published.total is None for unit in evaluation.units)
    assert check(evaluation) == []
    (tmp_path / "evaluation.yaml").write_text(text.replace("rank: 3", "rank: 2"), encoding="utf-8")
    findings = check(load_evaluation(tmp_path / "evaluation.yaml"))
    assert [(f.unit_code, f.kind, f.args["expected"]) for f in findings] == [("DN", "rank_mismatch", 3)]
