"""The one document model both writers render: texts, drafts, normalisation, bands."""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import replace
from decimal import Decimal

import pytest

from govscore.documents import DocumentOptions, build_results_document
from govscore.documents.content import GroupRow, UnitRow
from govscore.documents.footnote import band_range
from govscore.scoring.engine import score
from govscore.scoring.model import Band, Bound, Evaluation, Publication
from govscore.scoring.results import EvaluationResult

D = Decimal


def test_a_draft_without_number_or_date_leaves_blanks(evaluation: Evaluation) -> None:
    draft = replace(
        evaluation, publication=replace(evaluation.publication, date=None, letter_number="", letter_date=None)
    )
    document = build_results_document(score(draft))
    assert document.place_date == "Đồng Nai, ngày … tháng … năm …"
    assert document.attachment == "(Kèm theo Công văn số … ngày … tháng … năm … của Sở TTTT)"


def test_missing_publication_fields_fall_back_to_the_organisation(evaluation: Evaluation) -> None:
    bare = replace(evaluation, publication=Publication(date=datetime.date(2013, 1, 5)))
    document = build_results_document(score(bare))
    assert document.place_date == "Đồng Nai, ngày 05 tháng 01 năm 2013"
    assert document.attachment.endswith(f"của {evaluation.organisation.short_name})")
    assert document.title_lines == (evaluation.period.title.upper(),)


def test_line_breaks_the_author_typed_are_kept_and_titles_are_upper_case(evaluation: Evaluation) -> None:
    publication = replace(
        evaluation.publication, title="Kết quả đánh giá\nnăm 2012", signer_title="kt. giám đốc\nphó giám đốc"
    )
    document = build_results_document(score(replace(evaluation, publication=publication)))
    assert document.title_lines == ("KẾT QUẢ ĐÁNH GIÁ", "NĂM 2012")
    assert document.signature.title_lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")


def test_decomposed_input_comes_out_composed(evaluation: Evaluation) -> None:
    name = unicodedata.normalize("NFD", "Sở Tư pháp tỉnh Đồng Nai")
    units = (replace(evaluation.units[0], name=name), *evaluation.units[1:])
    document = build_results_document(score(replace(evaluation, units=units)))
    names = [row.cells[1].text for row in document.table.unit_rows]
    assert unicodedata.normalize("NFC", name) in names and name not in names


def test_rows_follow_the_cores_order_and_carry_unit_codes(result: EvaluationResult) -> None:
    document = build_results_document(result)
    assert not any(isinstance(row, GroupRow) for row in document.table.rows)
    assert [row.unit_code for row in document.table.unit_rows] == [unit.unit.code for unit in result.units]


def test_group_rows_precede_their_units(grouped_result: EvaluationResult) -> None:
    rows = build_results_document(grouped_result).table.rows
    framework = grouped_result.evaluation.framework
    expected: list[str] = []
    for group, members in grouped_result.groups():
        expected += [f"group:{framework.group_name(group)}", *(unit.unit.code for unit in members)]
    assert [f"group:{row.title}" if isinstance(row, GroupRow) else row.unit_code for row in rows] == expected
    assert all(isinstance(row, UnitRow) for row in rows[1:] if not isinstance(row, GroupRow))


def test_column_widths_fill_the_text_width(result: EvaluationResult) -> None:
    for layout in ("seed", "summary"):
        columns = build_results_document(result, DocumentOptions(layout=layout)).table.columns  # type: ignore[arg-type]
        assert sum(column.width_mm for column in columns) == pytest.approx(297 - 30 - 15)


@pytest.mark.parametrize(
    ("band", "basis", "expected"),
    [
        (Band("A", lower=Bound(D(160), True), upper=Bound(D(180), False)), "points", "từ 160 đến dưới 180 điểm"),
        (Band("A+", lower=Bound(D(180), True), upper=Bound(D(220), True)), "points", "từ 180 đến 220 điểm"),
        (Band("C", upper=Bound(D(140), False)), "points", "dưới 140 điểm"),
        (Band("C", upper=Bound(D(139), True)), "points", "từ 139 điểm trở xuống"),
        (Band("A", lower=Bound(D("92.5"), True)), "percent", "từ 92,5% trở lên"),
        (Band("A", lower=Bound(D(90), False), upper=Bound(D(100), True)), "percent", "trên 90% đến 100%"),
        (Band("Tốt", lower=Bound(D(80), False)), "points", "trên 80 điểm"),
    ],
)
def test_band_ranges_read_as_the_decree_writes_them(band: Band, basis: str, expected: str) -> None:
    assert band_range(band, basis) == expected  # type: ignore[arg-type]


def test_a_decision_without_date_or_issuer_still_reads(evaluation: Evaluation) -> None:
    framework = evaluation.framework
    bare = replace(framework, decision=replace(framework.decision, date=None, issuer=""))
    document = build_results_document(score(replace(evaluation, framework=bare)))
    assert document.footnote.decision == f"Theo Quyết định số {framework.decision.number} ban hành {framework.title};"
