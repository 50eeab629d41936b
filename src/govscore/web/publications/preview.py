"""The document a publication would issue, shown before it is issued: every format marked as a draft,
made by the same scoring and the same document builder as the publication itself."""

from __future__ import annotations

from govscore.documents import build_results_document, results_xlsx
from govscore.documents.docx_writer import render_docx
from govscore.documents.letter import DEFAULT_BODY, LetterText, build_letter
from govscore.documents.letter_docx import render_letter_docx
from govscore.documents.letter_pdf import render_letter_pdf
from govscore.documents.pdf_writer import render_pdf
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import draft_for, scored_for_document
from govscore.web.uploads import DOCX, PDF, XLSX

PREVIEW_KINDS = {kind.extension: kind for kind in (PDF, DOCX, XLSX)}
LETTER_KINDS = {kind.extension: kind for kind in (PDF, DOCX)}


def can_preview(period: EvaluationPeriod) -> bool:
    """A published edition has its own files; a past year's table has no document to make."""
    return period.status != EvaluationPeriod.Status.PUBLISHED and not period.is_historical


def preview_file(period: EvaluationPeriod, extension: str) -> bytes:
    draft = draft_for(period)
    results, options = scored_for_document(period, draft, ("vi",), draft_mark=True)
    result = results["vi"]
    if extension == XLSX.extension:
        return results_xlsx(result, draft=True)
    document = build_results_document(result, options)
    return render_pdf(document) if extension == PDF.extension else render_docx(document)


def preview_name(period: EvaluationPeriod, extension: str) -> str:
    return f"du-thao-ket-qua-{period.year}.{extension}"


def letter_file(period: EvaluationPeriod, extension: str) -> bytes:
    """The covering letter: marked as a draft until the period is published (its number, date and signer
    are then the published edition's, which the draft keeps while the period stays published)."""
    draft = draft_for(period)
    results, options = scored_for_document(period, draft, ("vi",))
    assert options.publication is not None
    text = LetterText(
        parent_agency=draft.parent_agency,
        subject=draft.letter_subject,
        recipients=draft.recipients,
        body=draft.letter_body or DEFAULT_BODY,  # left empty: the usual wording
        copies_to=draft.copies_to,
    )
    published = period.status == EvaluationPeriod.Status.PUBLISHED
    letter = build_letter(results["vi"], options.publication, text, draft=not published)
    return render_letter_pdf(letter) if extension == PDF.extension else render_letter_docx(letter)


def letter_name(period: EvaluationPeriod, extension: str) -> str:
    prefix = "" if period.status == EvaluationPeriod.Status.PUBLISHED else "du-thao-"
    return f"{prefix}cong-van-{period.year}.{extension}"
