"""The two table layouts: the seed's seven columns, and the summary of points by group."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from govscore.documents.content import Align, Cell, Column
from govscore.documents.options import DocumentOptions, Layout
from govscore.documents.page import PAGE
from govscore.scoring.display import percent_text, points_text
from govscore.scoring.ledger import grade_cell, standing_notes
from govscore.scoring.model import Framework
from govscore.scoring.previous import rank_move
from govscore.scoring.results import Change, UnitResult
from govscore.scoring.vietnamese import format_number, nfc

# (title, relative width, alignment). Widths are shares of the text width, so a change of margins
# keeps the proportions.
ColumnSpec = tuple[str, float, Align]
RowBuilder = Callable[[int, UnitResult, Framework, DocumentOptions], tuple[Cell, ...]]


def _columns(specs: Sequence[ColumnSpec]) -> tuple[Column, ...]:
    total = sum(weight for _title, weight, _align in specs)
    return tuple(Column(title, PAGE.text_width_mm * weight / total, align) for title, weight, align in specs)


def _cell(*lines: str) -> Cell:
    return Cell(tuple(text for line in lines if (text := nfc(line))))


def _sentences(sentences: Sequence[str]) -> Cell:
    # One paragraph per sentence, each led by a dash as the published table writes them.
    return Cell(tuple(f"- {nfc(sentence)}" for sentence in sentences))


def grade_list(framework: Framework) -> str:
    return ", ".join(band.grade for band in framework.grading.bands)


def seed_columns(framework: Framework) -> tuple[Column, ...]:
    return _columns(
        [
            ("STT", 11, "center"),
            ("Tên đơn vị", 34, "left"),
            ("Nội dung thực hiện tốt", 68, "left"),
            ("Nội dung thực hiện chưa tốt", 82, "left"),
            # Wide enough for "A+ (217 điểm)" on one line.
            (
                f"Đánh giá xếp loại (Mức {grade_list(framework)})" if framework.grading.enabled else "Tổng điểm",
                30,
                "center",
            ),
            ("Lý do đánh giá", 16, "left"),
            ("Ghi chú", 11, "left"),
        ]
    )


def seed_row(position: int, result: UnitResult, framework: Framework, options: DocumentOptions) -> tuple[Cell, ...]:
    code = result.unit.code
    return (
        _cell(str(position)),
        _cell(result.unit.name),
        _sentences(result.good),
        _sentences(result.not_good),
        _cell(grade_cell(result, framework, "vi")),
        _cell(options.reasons.get(code, ""), *standing_notes(result, framework, "vi")),
        _cell(options.notes.get(code, "")),
    )


def summary_columns(framework: Framework, compared: bool = False) -> tuple[Column, ...]:
    """The summary's columns; `compared` adds last year's total and the move in rank."""
    specs: list[ColumnSpec] = [
        ("STT", 14, "center"),
        ("Tên cơ quan", 108 if not compared else 84, "left"),
        ("Điểm tối đa", 30, "center"),
        ("Điểm đạt", 30, "center"),
        ("Tỷ lệ đạt", 30, "center"),
        ("Xếp loại" if framework.grading.enabled else "Xếp hạng", 40, "center"),
    ]
    if compared:
        specs.append(("So với năm trước", 36, "center"))
    return _columns(specs)


def previous_cell(change: Change | None, framework: Framework) -> Cell:
    """Last year's total and the move in rank: `150 (▲ 2)`."""
    if change is None:
        return _cell("")
    before = change.previous
    total = "" if before.total is None else points_text(framework, before.total, "vi")
    move = rank_move(change)
    return _cell(f"{total} ({move})" if total and move else total or move)


def summary_row(position: int, result: UnitResult, framework: Framework, options: DocumentOptions) -> tuple[Cell, ...]:
    percent = percent_text(framework, result.percent, "vi")
    return (
        _cell(str(position)),
        _cell(result.unit.name),
        _cell(format_number(result.max_points, None, "vi")),
        _cell(points_text(framework, result.total, "vi")),
        _cell(percent),
        _cell(result.grade.grade if result.grade else (str(result.rank) if result.rank else "-")),
    )


LAYOUT_COLUMNS: dict[Layout, Callable[[Framework], tuple[Column, ...]]] = {
    "seed": seed_columns,
    "summary": summary_columns,
}
LAYOUT_ROWS: dict[Layout, RowBuilder] = {"seed": seed_row, "summary": summary_row}
