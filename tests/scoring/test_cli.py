"""The command line: output shapes, exit codes, languages, and no traceback on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govscore.cli.main import main
from govscore.examples import example_path

EXAMPLE = example_path("dongnai-2012")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_it_scores_the_bundled_example_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", "dongnai-2012", "--format", "json")
    assert code == 0
    units = json.loads(out)["units"]
    assert len(units) == 20
    first = units[0]
    assert {"name", "group", "total", "max", "grade", "rank", "good", "not_good", "criteria"} <= set(first)
    assert (first["name"], first["total"], first["max"], first["grade"], first["rank"]) == (
        "Sở Khoa học và Công nghệ",
        217,
        220,
        "A+",
        1,
    )
    email = next(item for item in first["criteria"] if item["code"] == "1.1")
    assert (email["points"], email["max"]) == (9.7, 10)
    assert email["explanation"] == "Tỷ lệ 97% (theo số liệu công bố) × 10 điểm = 9,7 điểm"


def test_it_scores_as_a_table_and_as_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", "dongnai-2012")
    assert code == 0
    assert "Sở Khoa học và Công nghệ" in out and "A+ (217 điểm)" in out
    code, out, _ = run(capsys, "score", "dongnai-2012", "--format", "csv")
    rows = out.splitlines()
    assert rows[0].startswith("Hạng,Mã,Đơn vị,Khối,Điểm,Tối đa,Tỷ lệ,Xếp loại,1,1.1,1.2,2,3,4,5")
    assert len(rows) == 21
    assert rows[1].startswith("1,SKHCN,Sở Khoa học và Công nghệ,so-nganh,217,220,98.6,A+")


def test_it_accepts_a_path_to_an_evaluation(capsys: pytest.CaptureFixture[str]) -> None:
    assert EXAMPLE is not None
    code, out, _ = run(capsys, "score", str(EXAMPLE), "--format", "json")
    assert code == 0 and len(json.loads(out)["units"]) == 20


def test_it_explains_a_unit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "dongnai-2012", "--unit", "Sở Xây dựng")
    assert code == 0
    assert "Tổng điểm: 112 / 220" in out
    assert "1, 4, 5 vừa ghi trễ vừa ghi không báo cáo; tính là báo cáo trễ" in out
    assert "10 − 3 × 0,5 − 6 × 1 = 2,5" in out
    assert "Xếp hạng trong khối: 19/20" in out


def test_it_explains_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "en", "explain", "dongnai-2012", "--unit", "SKHCN")
    assert code == 0
    assert "Rate 97% (as published) × 10 points = 9.7 points" in out
    assert "Total: 217 / 220" in out


def test_it_rejects_an_unknown_unit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", "dongnai-2012", "--unit", "Sở Không Có")
    assert code == 2
    assert "Không có đơn vị 'Sở Không Có'" in err
    assert out == ""


def test_it_exits_one_with_json_findings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "dongnai-2012", "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert {(item["unit"], item["kind"]) for item in findings} == {
        ("Sở Tài nguyên và Môi trường", "grade_not_from_bands"),
        ("Sở Xây dựng", "late_and_missing"),
        ("Văn phòng UBND tỉnh", "same_total_different_grade"),
    }
    assert all(set(item) >= {"unit", "kind", "message"} for item in findings)


def test_it_exits_zero_when_nothing_is_found(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    framework = tmp_path / "framework.yaml"
    assert EXAMPLE is not None
    framework.write_text((EXAMPLE.parent / "framework.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    evaluation = tmp_path / "evaluation.yaml"
    evaluation.write_text(
        "format: 1\nkind: evaluation\nframework: framework.yaml\nperiod: {year: 2012}\nunits:\n"
        "  - code: A\n    name: Sở A\n    group: so-nganh\n    facts:\n"
        "      email_accounts: {numerator: 9, denominator: 10}\n      network_connected: true\n"
        "      regulations: [attt]\n      edoc_sent: {percent: 50}\n      monthly_reports: {late: [], missing: []}\n"
        "      other_criteria: {points: 100, reason: Hội đồng chấm}\n"
        "  - code: DPTTH\n    name: Đài B\n    group: so-nganh\n    facts:\n      frequency_licensed: true\n"
        "      email_accounts: {percent: 100}\n      network_connected: false\n      regulations: []\n"
        "      edoc_sent: {numerator: 0, denominator: 0}\n      other_criteria: {points: 50, reason: Hội đồng chấm}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", str(evaluation))
    assert code == 0
    assert out.strip() == "Không phát hiện điểm nào không nhất quán."


def test_it_validates_the_bundled_framework(capsys: pytest.CaptureFixture[str]) -> None:
    assert EXAMPLE is not None
    code, out, _ = run(capsys, "framework", "validate", str(EXAMPLE.parent / "framework.yaml"))
    assert code == 0
    assert out.startswith("Hợp lệ:")


def test_it_lists_every_error_of_an_invalid_framework(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "format: 1\nkind: framework\ncode: x\nversion: '1'\ntitle: X\ndecision: {number: '1/QĐ'}\n"
        "max_points: 10\ngrading:\n  bands:\n    - {grade: A, from: 5}\n    - {grade: B, below: 4}\n"
        "criteria:\n  - code: '1'\n    title: Một\n    max: 10\n    rule: {type: magic}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "framework", "validate", str(path))
    assert code == 2
    assert out == ""
    assert err.startswith("Dữ liệu không hợp lệ (2 lỗi):")
    assert f"{path}:16 [1]: Loại quy tắc 'magic' không tồn tại." in err
    assert "Khung xếp loại bị hở" in err


def test_it_reports_a_missing_file_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "score", "khong-co")
    assert code == 2
    assert "Không tìm thấy 'khong-co'" in err
    assert "dongnai-2012" in err


def test_it_rejects_a_bad_command_line_with_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["score", "dongnai-2012", "--format", "pdf"])
    assert exit_info.value.code == 2
    assert "Lỗi cú pháp lệnh" in capsys.readouterr().err


def test_it_runs_as_a_program_and_never_shows_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"format: 1\nkind: [unclosed\n")
    completed = subprocess.run(
        [sys.executable, "-m", "govscore", "framework", "validate", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert f"{broken}:" in completed.stderr and "Lỗi cú pháp YAML" in completed.stderr
