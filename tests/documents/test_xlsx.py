"""The workbook read back with openpyxl: sheets, numbers as numbers, frozen headers, the core's values."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from govscore.documents import results_xlsx
from govscore.documents.xlsx_style import sheet_name
from govscore.scoring.ledger import number
from govscore.scoring.results import EvaluationResult
from govscore.scoring.rules.reporting import PeriodicReporting
from govscore.scoring.values import Months

STATUS = {"on_time_months": "Đúng hạn", "late_months": "Trễ", "missing_months": "Không báo cáo"}


def workbook(result: EvaluationResult) -> Any:
    return load_workbook(io.BytesIO(results_xlsx(result)))


@pytest.fixture(scope="module")
def book(result: EvaluationResult) -> Any:
    return workbook(result)


def rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_sheets_are_the_groups_then_criteria_then_reports(book: Any, grouped_result: EvaluationResult) -> None:
    assert book.sheetnames[1:] == ["Tiêu chí", "Báo cáo định kỳ"]
    grouped = workbook(grouped_result)
    framework = grouped_result.evaluation.framework
    assert grouped.sheetnames[:2] == [framework.group_name(group) for group, _ in grouped_result.groups()]


def test_the_results_sheet_holds_the_cores_numbers_as_numbers(book: Any, result: EvaluationResult) -> None:
    sheet = book.worksheets[0]
    header, *body = rows(sheet)
    framework = result.evaluation.framework
    codes = [criterion.code for criterion in framework.walk() if criterion.substitute is None]
    assert header[3 : 3 + len(codes)] == tuple(f"{c}. {framework.criterion(c).title}" for c in codes)
    assert len(body) == len(result.units)
    for values, unit in zip(body, result.units, strict=True):
        assert values[:3] == (unit.rank, unit.unit.code, unit.unit.name)
        for code, value in zip(codes, values[3 : 3 + len(codes)], strict=True):
            item = next(c for c in unit.all_criteria() if (c.substitute_for or c.code) == code)
            assert value == number(item.points) and isinstance(value, int | float)
        total, maximum, percent, grade = values[3 + len(codes) :]
        assert (total, maximum) == (number(unit.total), number(unit.max_points))
        assert percent == pytest.approx(float(unit.percent) / 100)
        assert grade == (unit.grade.grade if unit.grade else None)


def test_number_formats_follow_the_frameworks_rounding(book: Any, result: EvaluationResult) -> None:
    sheet = book.worksheets[0]
    last = sheet.max_column
    assert sheet.cell(2, last - 3).number_format == "#,##0"  # total, rounded to whole points
    assert sheet.cell(2, last - 1).number_format == "0.0%"  # percent, one place
    # Criterion points are not rounded by this framework: they keep their decimals.
    assert sheet.cell(2, 5).value == 9.7 and sheet.cell(2, 5).number_format == "#,##0.0#"


def test_every_sheet_freezes_its_header_and_prints_landscape_with_titles(book: Any) -> None:
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("C2", "D2")
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.print_title_rows == "$1:$1"
        assert all(sheet.column_dimensions[letter].width >= 6 for letter in ("A", "B", "C"))


def test_the_substituted_criterion_is_marked(book: Any, result: EvaluationResult) -> None:
    sheet = book.worksheets[0]
    substituted = next(u for u in result.units if any(c.substitute_for for c in u.all_criteria()))
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == substituted.unit.code)
    comments = [cell.comment.text for cell in row if cell.comment is not None]
    assert len(comments) == 1 and "4T" in comments[0]


def test_the_criteria_sheet_lists_the_framework(book: Any, result: EvaluationResult) -> None:
    framework = result.evaluation.framework
    _header, *body = rows(book["Tiêu chí"])
    assert [(values[0], values[2]) for values in body] == [
        (criterion.code, number(criterion.max_points)) for criterion in framework.walk()
    ]
    assert all(values[3] for values in body)
    reporting = next(values for values in body if values[0] == "4")
    assert "0,5 điểm mỗi tháng báo cáo trễ" in reporting[3]


def test_the_reports_sheet_is_the_cores_monthly_statuses(book: Any, result: EvaluationResult) -> None:
    header, *body = rows(book["Báo cáo định kỳ"])
    framework = result.evaluation.framework
    rule = framework.criterion("4").rule
    assert isinstance(rule, PeriodicReporting)
    assert header[3 : 3 + len(rule.months)] == tuple(f"Tháng {month}" for month in rule.months)
    assert len(body) == len(result.units)
    for values, unit in zip(body, result.units, strict=True):
        assert values[1] == unit.unit.code
        item = next((c for c in unit.all_criteria() if c.code == "4"), None)
        if item is None:
            assert values[-1].startswith("Thay bằng tiêu chí 4T")
            continue
        expected: dict[int, str] = {}
        for fact, text in STATUS.items():
            months = item.facts[fact]
            assert isinstance(months, Months)
            expected.update(dict.fromkeys(months.months, text))
        assert values[3 : 3 + len(rule.months)] == tuple(expected.get(month) for month in rule.months)
        counts = values[3 + len(rule.months) : 6 + len(rule.months)]
        assert counts == tuple(item.facts[key] for key in ("on_time_count", "late_count", "missing_count"))


def test_sheet_names_are_legal_and_unique() -> None:
    taken: set[str] = set()
    names = [sheet_name(title, taken) for title in ("Khối [A]: xã/phường?", "Khối [A]: xã/phường?", "x" * 40)]
    assert names[0] != names[1] and all(len(name) <= 31 for name in names)
    assert not any(char in name for name in names for char in "[]:*?/\\")
