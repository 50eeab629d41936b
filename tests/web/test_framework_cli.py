"""`govscore framework validate | load | export`: a workbook or YAML alike, located problems, exit 2, nothing
written on refusal."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import openpyxl
import pytest

from govscore.cli.main import main
from govscore.frameworks.files import framework_from_path
from govscore.scoring.loading.framework_file import load_framework
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.periods.actions import do_ensure_period

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "src/govscore/examples/dongnai-2012/framework.yaml"


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_the_bundled_example_exported_as_a_workbook_validates_and_exports_back(tmp_path: Path) -> None:
    workbook = tmp_path / "dongnai.xlsx"
    code, out, _err = run_cli("framework", "export", "dongnai-2012", "--format", "xlsx", "--output", str(workbook))
    assert code == 0
    assert out == f"Đã xuất bộ tiêu chí dongnai-ud-cntt-so-nganh phiên bản 2012 vào {workbook}.\n"
    code, out, _err = run_cli("--lang", "en", "framework", "validate", str(workbook))
    assert (code, out) == (0, f"Valid: {workbook} — framework dongnai-ud-cntt-so-nganh version 2012, 8 criteria.\n")
    code, out, _err = run_cli("framework", "export", "dongnai-ud-cntt-so-nganh:2012")
    assert (code, out.rstrip("\n")) == (0, EXAMPLE.read_text(encoding="utf-8").rstrip("\n"))


def test_a_broken_workbook_exits_2_with_every_problem_located(tmp_path: Path) -> None:
    workbook = tmp_path / "khung.xlsx"
    run_cli("framework", "export", "dongnai-2012", "--format", "xlsx", "--output", str(workbook))
    book = openpyxl.load_workbook(workbook)
    book["Tiêu chí"]["D2"] = 99
    book["Tiêu chí"]["B3"] = "Z"
    book.save(workbook)
    code, out, err = run_cli("framework", "validate", str(workbook))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "Dữ liệu không hợp lệ (3 lỗi):",
        f"{workbook}, Tiêu chí!B3 (Tiêu chí cha) [1.1]: Tiêu chí cha “Z” phải là mã của một tiêu chí ở dòng phía trên.",
        f"{workbook}, Tiêu chí!2 [1]: Điểm tối đa của '1' là 99 nhưng tổng điểm tối đa các tiêu chí con là 10.",
        f"{workbook}, Khung!C11 (Giá trị): Điểm tối đa của bộ tiêu chí là 220 nhưng tổng các nhóm tiêu chí là 299.",
    ]


def test_xlsx_needs_an_output_file_and_an_unknown_framework_is_named(tmp_path: Path) -> None:
    code, out, err = run_cli("framework", "export", "dongnai-2012", "--format", "xlsx")
    assert (code, out) == (2, "")
    assert err == "Tệp XLSX không in ra màn hình được; hãy thêm --output TỆP.\n"
    target = tmp_path / "x.yaml"
    code, _out, err = run_cli("--lang", "en", "framework", "export", "khong-co", "--output", str(target))
    assert code == 2
    assert err.startswith("No framework “khong-co”. Known: ")
    assert "dongnai-ud-cntt-so-nganh:2012" in err
    assert not target.exists()


def test_the_yaml_export_of_a_workbook_reads_as_the_same_framework(tmp_path: Path) -> None:
    workbook, text = tmp_path / "k.xlsx", tmp_path / "k.yaml"
    run_cli("framework", "export", "dongnai-2012", "--format", "xlsx", "--output", str(workbook))
    framework, yaml_text = framework_from_path(workbook)
    text.write_text(yaml_text, encoding="utf-8")
    assert load_framework(text) == load_framework(EXAMPLE) == framework


def test_load_stores_a_workbook_as_yaml_and_export_gives_it_back(tmp_path: Path) -> None:
    workbook = tmp_path / "k.xlsx"
    run_cli("framework", "export", "dongnai-2012", "--format", "xlsx", "--output", str(workbook))
    book = openpyxl.load_workbook(workbook)
    version_row = next(row for row in book["Khung"].iter_rows(min_row=2) if row[0].value == "version")
    version_row[2].value = "2026"
    book.save(workbook)
    code, out, _err = run_cli("framework", "load", str(workbook))
    assert code == 0
    assert out.startswith("Đã lưu bộ tiêu chí “Tiêu chí giám sát – đánh giá")
    assert out.endswith("(dongnai-ud-cntt-so-nganh) phiên bản 2026: 8 tiêu chí.\n")
    stored = FrameworkVersion.objects.get(code="dongnai-ud-cntt-so-nganh", version="2026")
    exported = tmp_path / "again.xlsx"
    code, _out, _err = run_cli(
        "framework", "export", "dongnai-ud-cntt-so-nganh:2026", "--format", "xlsx", "--output", str(exported)
    )
    assert code == 0
    assert framework_from_path(exported)[0] == stored.parsed() == framework_from_path(workbook)[0]
    code, out, _err = run_cli("framework", "export", "dongnai-ud-cntt-so-nganh")
    assert out.rstrip("\n") == stored.yaml_text.rstrip("\n")  # the latest version, as stored


def test_load_refuses_a_broken_file_and_a_changed_version_in_use(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nkind: framework\n", encoding="utf-8")
    code, _out, err = run_cli("--lang", "en", "framework", "load", str(broken))
    assert code == 2
    assert err.startswith("Invalid input (")
    assert FrameworkVersion.objects.count() == 0
    original = tmp_path / "f.yaml"
    original.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("framework", "load", str(original))[0] == 0
    do_ensure_period(2012, FrameworkVersion.objects.get())
    original.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("Tiêu chí giám sát", "Bộ tiêu chí", 1), encoding="utf-8"
    )
    code, _out, err = run_cli("framework", "load", str(original))
    assert code == 2
    assert err.startswith("Không lưu được bộ tiêu chí: ")
    assert FrameworkVersion.objects.get().yaml_text.rstrip() == EXAMPLE.read_text(encoding="utf-8").rstrip()
