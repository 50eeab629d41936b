"""The Đồng Nai 2012 published table as a historical results file, built from the bundled example."""

from __future__ import annotations

import io
from collections.abc import Mapping

import openpyxl

from govscore.examples import example_path
from govscore.imports.history_layout import HistoryRow
from govscore.imports.history_template import build_history_template
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Framework, Published
from govscore.web.frameworks.models import FrameworkVersion

SHEET = "Kết quả"


def seed_rows() -> list[HistoryRow]:
    """The 2012 table as published, in the printed order."""
    path = example_path("dongnai-2012")
    assert path is not None
    units = sorted(load_evaluation(path).units, key=lambda unit: unit.published.position if unit.published else 0)
    return [HistoryRow(unit.code, unit.name, unit.group, unit.published or Published()) for unit in units]


def seed_file(framework: Framework | FrameworkVersion, count: int | None = None) -> bytes:
    """The seed's table (or its first `count` rows) in the historical template of `framework`."""
    parsed = framework.parsed() if isinstance(framework, FrameworkVersion) else framework
    return build_history_template(parsed, (), seed_rows()[:count])


def edited(data: bytes, cells: Mapping[str, object], sheet: str = SHEET) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for ref, value in cells.items():
        workbook[sheet][ref] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
