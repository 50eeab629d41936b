"""Every framework the tests use (files, and the web tests' own) survives YAML → workbook → YAML: the same
framework, field for field."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from govscore.frameworks.files import framework_from_bytes
from govscore.frameworks.workbook_layout import CRITERIA, META
from govscore.frameworks.workbook_reader import load_framework_workbook, read_framework_workbook
from govscore.frameworks.workbook_writer import framework_workbook
from govscore.frameworks.yaml_text import yaml_text
from govscore.scoring.errors import ValidationFailed
from govscore.scoring.loading.framework_file import framework_from_data
from govscore.scoring.loading.yamlfile import parse_yaml_text
from govscore.scoring.model import Framework

from .base import framework_text
from .test_framework_shapes import FRAMEWORK as RANKS_ONLY
from .test_rescoring import FRAMEWORK as RESCORING

ROOT = Path(__file__).resolve().parents[2]


def _valid_framework_files() -> list[Path]:
    found = []
    for path in sorted([*ROOT.glob("tests/**/*.yaml"), *ROOT.glob("src/govscore/examples/*/framework.yaml")]):
        text = path.read_text(encoding="utf-8")
        if "kind: framework" not in text:
            continue
        try:
            framework_from_bytes(text.encode(), path.name)
        except ValidationFailed:
            continue  # the broken examples of the YAML loader's own tests
        found.append(path)
    return found


FILES = _valid_framework_files()
TEXTS = {
    **{str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in FILES},
    "tests/web/base.py framework_text()": framework_text(),
    "tests/web/test_framework_shapes.py FRAMEWORK": RANKS_ONLY,
    "tests/web/test_rescoring.py FRAMEWORK": RESCORING,
}


def _from_yaml(text: str) -> tuple[Framework, dict[str, object]]:
    data, source = parse_yaml_text(text, "khung.yaml")
    assert isinstance(data, dict)
    return framework_from_data(data, source), data


def test_the_round_trip_covers_the_tests_frameworks() -> None:
    names = {path.name for path in FILES}
    assert {"all-rules.yaml", "valid.yaml", "framework.yaml", "every-field.yaml", "kiem-thu-nhap.yaml"} <= names
    assert len(TEXTS) >= 10


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_yaml_to_workbook_to_yaml_gives_the_same_framework(name: str) -> None:
    original, data = _from_yaml(TEXTS[name])
    workbook = framework_workbook(data)
    assert load_framework_workbook(workbook, "khung.xlsx") == original
    read, _source, problems = read_framework_workbook(workbook, "khung.xlsx")
    assert problems == []
    again, again_data = _from_yaml(yaml_text(read))
    assert again == original
    # …and the workbook of the YAML read back is the same workbook, cell for cell.
    assert _cells(framework_workbook(again_data)) == _cells(workbook)


def test_every_field_of_the_widest_framework_arrives() -> None:
    original, data = _from_yaml((ROOT / "tests/frameworks/files/every-field.yaml").read_text(encoding="utf-8"))
    framework = load_framework_workbook(framework_workbook(data), "khung.xlsx")
    assert framework == original
    assert framework.decision.date is not None and framework.decision.date.isoformat() == "2026-02-03"
    assert [cap.reason for cap in framework.grading.caps][1] == "Thiếu băng thông"
    assert framework.grading.quota is not None and framework.grading.quota.ties == "drop"
    assert framework.criterion("1").keywords == ("Ban chỉ đạo, chủ trì", "tham gia")
    assert framework.criterion("1").narrative[0].separator == " "
    assert framework.criterion("2.2T").substitute is not None


def test_a_changed_cell_gives_another_framework() -> None:
    """The comparison above is no formality: one parameter changed in the workbook is a different framework."""
    original, data = _from_yaml((ROOT / "tests/scoring/files/framework/all-rules.yaml").read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(io.BytesIO(framework_workbook(data)))
    sheet = book[CRITERIA]
    params = next(cell for cell in sheet["H"] if isinstance(cell.value, str) and "each: " in cell.value)
    params.value = params.value.replace("each: ", "each: 1", 1)
    stream = io.BytesIO()
    book.save(stream)
    assert load_framework_workbook(stream.getvalue(), "khung.xlsx") != original


def test_a_workbook_typed_by_hand_reads_numbers_dates_and_yes_no_as_people_type_them() -> None:
    _original, data = _from_yaml((ROOT / "tests/frameworks/files/every-field.yaml").read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(io.BytesIO(framework_workbook(data)))
    meta = {row[0].value: row[2] for row in book[META].iter_rows(min_row=2)}
    meta["decision.date"].value = "03/02/2026"
    meta["total_may_leave_bounds"].value = "Có"
    meta["version"].value = "2026.1"
    codes = [cell for cell in book[CRITERIA]["A"][1:] if cell.value == "1"]
    codes[0].value = 1  # a criterion code typed as a number
    stream = io.BytesIO()
    book.save(stream)
    framework = load_framework_workbook(stream.getvalue(), "khung.xlsx")
    assert framework.decision.date is not None and framework.decision.date.isoformat() == "2026-02-03"
    assert framework.total_may_leave_bounds is True
    assert framework.criterion("1").title == "Tham gia Ban chỉ đạo"


def _cells(workbook: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
