"""From the core's result to the one document model both writers render."""

from __future__ import annotations

from govscore.documents.content import GroupRow, ResultsDocument, Row, Signature, Table, UnitRow
from govscore.documents.footnote import footnote
from govscore.documents.layouts import LAYOUT_COLUMNS, LAYOUT_ROWS, previous_cell, summary_columns
from govscore.documents.options import DocumentOptions
from govscore.scoring.collector import collector_paused
from govscore.scoring.model import Evaluation, Publication
from govscore.scoring.results import EvaluationResult
from govscore.scoring.vietnamese import admin_date, nfc, place_date_line

# A draft goes out before it is numbered and signed: blanks are left where the clerk writes.
BLANK = "…"
BLANK_DATE = "ngày … tháng … năm …"


def typed_lines(text: str) -> tuple[str, ...]:
    """Lines the author broke on purpose (a two-line title, `KT. GIÁM ĐỐC` over `PHÓ GIÁM ĐỐC`)."""
    return tuple(line for part in text.splitlines() if (line := nfc(part)))


def place_date(evaluation: Evaluation, publication: Publication) -> str:
    place = nfc(publication.place or evaluation.organisation.province) or BLANK
    if publication.date is None:
        return f"{place}, {BLANK_DATE}"
    return place_date_line(place, publication.date)


def title_lines(evaluation: Evaluation, publication: Publication) -> tuple[str, ...]:
    title = publication.title or evaluation.period.title or f"Kết quả đánh giá năm {evaluation.period.year}"
    return tuple(line.upper() for line in typed_lines(title))


def attachment_line(evaluation: Evaluation, publication: Publication) -> str:
    organisation = evaluation.organisation
    number = nfc(publication.letter_number) or BLANK
    dated = admin_date(publication.letter_date) if publication.letter_date else BLANK_DATE
    issuer = nfc(publication.issuer or organisation.short_name or organisation.name) or BLANK
    return f"(Kèm theo Công văn số {number} {dated} của {issuer})"


def table(result: EvaluationResult, options: DocumentOptions) -> Table:
    framework = result.evaluation.framework
    # Last year beside this year in the summary, when the result carries it; the seed layout is the
    # published 2012 table's and keeps its seven columns.
    compared = options.layout == "summary" and bool(result.changes)
    with_group_rows = len(framework.groups) > 1
    rows: list[Row] = []
    with collector_paused():  # every unit's criteria and sentences are made here: a bulk job like scoring
        _rows(result, options, rows, compared, with_group_rows)
    columns = summary_columns(framework, compared=True) if compared else LAYOUT_COLUMNS[options.layout](framework)
    return Table(columns, tuple(rows))


def _rows(result: EvaluationResult, options: DocumentOptions, rows: list[Row], compared: bool, groups: bool) -> None:
    framework = result.evaluation.framework
    build_row = LAYOUT_ROWS[options.layout]
    for group, members in result.groups():
        if groups:
            rows.append(GroupRow(nfc(framework.group_name(group))))
        # Ranks are within a group, so the numbering restarts with each group too.
        for position, unit in enumerate(members, start=1):
            cells = build_row(position, unit, framework, options)
            if compared:
                cells = (*cells, previous_cell(result.changes.get(unit.unit.code), framework))
            rows.append(UnitRow(unit.unit.code, cells))


def build_results_document(result: EvaluationResult, options: DocumentOptions | None = None) -> ResultsDocument:
    """The results document for `result`, which must have been scored in Vietnamese (`lang="vi"`)."""
    options = options or DocumentOptions()
    evaluation = result.evaluation
    publication = options.publication or evaluation.publication
    return ResultsDocument(
        place_date=place_date(evaluation, publication),
        title_lines=title_lines(evaluation, publication),
        attachment=attachment_line(evaluation, publication),
        table=table(result, options),
        footnote=footnote(evaluation.framework),
        signature=Signature(
            tuple(line.upper() for line in typed_lines(publication.signer_title)), nfc(publication.signer_name)
        ),
        author=nfc(evaluation.organisation.name),
        verification=options.verification,
        draft=options.draft,
    )
