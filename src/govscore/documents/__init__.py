"""Official documents from scored results: the results document (DOCX, PDF) and the XLSX export.

Pure like the core (no Django): the web application calls the same functions with the same inputs.
Each entry point takes the core's `EvaluationResult` (scored with `lang="vi"`: the document is
Vietnamese) and returns the file's bytes. A published period's files carry a `Verification` (the
snapshot's hash and its public verification page): in `DocumentOptions` for DOCX and PDF, as an argument
for XLSX.
"""

from __future__ import annotations

from govscore.documents.build import build_results_document
from govscore.documents.content import ResultsDocument, Verification
from govscore.documents.docx_writer import render_docx
from govscore.documents.errors import DocumentError
from govscore.documents.options import LAYOUTS, DocumentOptions, Layout
from govscore.documents.pdf_writer import render_pdf
from govscore.documents.xlsx_writer import render_xlsx
from govscore.scoring.results import EvaluationResult

__all__ = [
    "LAYOUTS",
    "DocumentError",
    "DocumentOptions",
    "Layout",
    "ResultsDocument",
    "Verification",
    "build_results_document",
    "results_docx",
    "results_pdf",
    "results_xlsx",
]


def results_docx(result: EvaluationResult, options: DocumentOptions | None = None) -> bytes:
    """The results document as a Word file."""
    return render_docx(build_results_document(result, options))


def results_pdf(result: EvaluationResult, options: DocumentOptions | None = None) -> bytes:
    """The results document as PDF, with the same content as `results_docx`."""
    return render_pdf(build_results_document(result, options))


def results_xlsx(result: EvaluationResult, verification: Verification | None = None, *, draft: bool = False) -> bytes:
    """The results, criteria and monthly reports as a workbook; with `verification`, every printed page
    shows the verification line and a last sheet holds the hash and the URL; a `draft` says on every
    printed page that it is not the published result."""
    return render_xlsx(result, verification, draft=draft)
