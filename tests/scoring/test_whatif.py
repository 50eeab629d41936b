"""A draft framework replayed on a period's data: ranks, grades, Kendall's tau-b and the criteria behind moves."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from govscore.cli.main import main
from govscore.examples import example_path
from govscore.scoring.errors import ValidationFailed
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.loading.framework_file import load_framework
from govscore.scoring.whatif import compare, kendall_tau_b

EXAMPLE = example_path("dongnai-2012")
assert EXAMPLE is not None
FRAMEWORK = EXAMPLE.parent / "framework.yaml"

# Weights moved from the mailboxes and the network (10 + 10 → 5 + 5) to documents sent electronically
# (15 → 25); the maximum stays 220.
WEIGHTS = (
    ('version: "2012"', 'version: "2013-du-thao"'),
    ('    title: "Hạ tầng và thư điện tử"\n    max: 20', '    title: "Hạ tầng và thư điện tử"\n    max: 10'),
    ('cho CBCC"\n        max: 10', 'cho CBCC"\n        max: 5'),
    ('chuyên dùng"\n        max: 10', 'chuyên dùng"\n        max: 5'),
    ('(9 tháng đầu năm)"\n    max: 15', '(9 tháng đầu năm)"\n    max: 25'),
)


def draft_file(tmp_path: Path, changes: tuple[tuple[str, str], ...] = WEIGHTS) -> Path:
    text = FRAMEWORK.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "du-thao.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_tau_b_of_a_small_ranking_computed_by_hand() -> None:
    # Pairs (a,b) reversed, (c,d) tied in the second ranking, the other four in the same order:
    # C = 4, D = 1, P = 6, T1 = 0, T2 = 1 → (4 − 1) / √(6 × 5) = 3 / √30.
    tau = kendall_tau_b([("g", 1, 2), ("g", 2, 1), ("g", 3, 3), ("g", 4, 3)])
    assert (tau.pairs, tau.concordant, tau.discordant, tau.tied_before, tau.tied_after) == (6, 4, 1, 0, 1)
    assert tau.value == pytest.approx(3 / math.sqrt(30))
    assert f"{tau.value:.3f}" == "0.548"


def test_tau_b_counts_only_pairs_within_a_group_and_is_undefined_when_all_tied() -> None:
    tau = kendall_tau_b([("a", 1, 2), ("a", 2, 1), ("b", 1, 1), ("b", 2, 2)])
    assert (tau.pairs, tau.concordant, tau.discordant) == (2, 1, 1)
    assert tau.value == 0
    assert kendall_tau_b([("a", 1, 1), ("a", 1, 2)]).value is None
    assert kendall_tau_b([("a", 1, 2), ("a", 2, 1), ("a", 3, 3)]).value == pytest.approx(1 / 3)


def test_changed_weights_on_the_example(tmp_path: Path) -> None:
    assert EXAMPLE is not None
    result = compare(load_evaluation(EXAMPLE), load_framework(draft_file(tmp_path)), "2012")
    by_code = {unit.code: unit for unit in result.units}
    # Sở Tài nguyên và Môi trường loses 1 point (180 → 179) and falls below A+ at 180.
    stnmt = by_code["STNMT"]
    assert (stnmt.before.total, stnmt.after.total, stnmt.before.grade, stnmt.after.grade) == (180, 179, "A+", "A")
    assert (stnmt.before.rank, stnmt.after.rank, stnmt.move) == (7, 8, -1)
    assert [unit.code for unit in result.grade_changes] == ["STNMT", "SNGV"]
    assert by_code["SGDDT"].move == 1
    # Hand count over the 20 units of one group: 190 pairs; tied before (ranks 7, 11): 2; tied after
    # (ranks 5, 9, 17): 3; none reversed, so C = 185: tau-b = 185 / √(188 × 187) = 0.98667…
    tau = result.tau
    assert (tau.pairs, tau.concordant, tau.discordant, tau.tied_before, tau.tied_after) == (190, 185, 0, 2, 3)
    assert tau.value == pytest.approx(185 / math.sqrt(188 * 187))
    assert [effect.code for effect in result.criteria] == ["3", "1.2", "1.1"]
    documents = result.criteria[0]
    assert (documents.max_before, documents.max_after, documents.moved_units) == (15, 25, 6)
    assert documents.moved_change > 0 and result.criteria[1].moved_change < 0


def test_a_draft_needing_data_the_period_lacks_is_refused_with_its_line(tmp_path: Path) -> None:
    assert EXAMPLE is not None
    changes = (
        *WEIGHTS[:1],
        ("indicators:\n", 'indicators:\n  - code: website_live\n    title: "Có cổng thông tin"\n    type: boolean\n'),
        ("rule: {type: yes_no, indicator: network_connected}", "rule: {type: yes_no, indicator: website_live}"),
    )
    draft = draft_file(tmp_path, changes)
    with pytest.raises(ValidationFailed) as failed:
        compare(load_evaluation(EXAMPLE), load_framework(draft), "2012")
    [problem] = failed.value.problems
    assert problem.key == "whatif.fact_missing"
    assert problem.location.line is not None
    assert "website_live" in problem.render("vi") and "kỳ 2012 không có" in problem.render("vi")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_prints_rank_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = str(draft_file(tmp_path))
    code, out, _ = run(capsys, "whatif", "dongnai-2012", draft)
    assert code == 0
    assert "Sở Tài nguyên và Môi trường: hạng 7 → 8 (▼ 1)" in out
    assert "Sở Tài nguyên và Môi trường: A+ → A" in out
    assert "Kendall (tau-b) giữa hai bảng xếp hạng: 0,987" in out
    assert "- 3 Gửi văn bản điện tử (9 tháng đầu năm): điểm tối đa 15 → 25" in out
    code, out, _ = run(capsys, "--lang", "en", "whatif", "dongnai-2012", draft, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["kendall_tau_b"] == 0.987 and data["grade_changes"] == ["STNMT", "SNGV"]
    assert data["draft"]["version"] == "2013-du-thao"


def test_the_command_refuses_bad_input_with_located_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nkind: framework\ncode: [x\n", encoding="utf-8")
    code, out, err = run(capsys, "whatif", "dongnai-2012", str(broken))
    assert code == 2 and not out and "broken.yaml:4: " in err
    code, _out, err = run(capsys, "--lang", "en", "whatif", "no-such-example", str(draft_file(tmp_path)))
    assert code == 2 and "no-such-example" in err and "Traceback" not in err
