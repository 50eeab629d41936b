"""Makes the request's user and address known to the audit trail, and records every file sent.

A download is any successful response sent as an attachment (Content-Disposition: attachment):
evidence, report attachments, XLSX templates and exports, publication files, the audit export itself.
Recording them here, by the response, covers every such view, including ones added later.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable

from django.apps import apps
from django.http import HttpRequest, HttpResponseBase

from govscore.web.audit.context import in_request
from govscore.web.audit.models import AuditEntry
from govscore.web.audit.record import Subject, jsonable, record, subject_of

# URL name → (model, URL parameter holding its id): what a download is of.
DOWNLOADS: dict[str, tuple[str, str]] = {
    "evidence_download": ("indicators.EvidenceFile", "evidence_id"),
    "report_attachment": ("reports.MonthlyReport", "report_id"),
    "public_file": ("publications.Publication", "publication_id"),
    "imports_template": ("periods.EvaluationPeriod", "period_id"),
    "history_template": ("frameworks.FrameworkVersion", "framework_id"),
    "framework_yaml": ("frameworks.FrameworkVersion", "framework_id"),
    "framework_xlsx": ("frameworks.FrameworkVersion", "framework_id"),
    "history_export": ("periods.EvaluationPeriod", "historical_period_id"),
}
_DETAILS = "_govscore_audit_download"
_FILENAME = re.compile(r"""filename\*=(?:UTF-8|utf-8)''(?P<encoded>[^;]+)|filename="?(?P<plain>[^";]+)"?""")


def note_download(request: HttpRequest, **details: object) -> None:
    """What a view wants the download's audit row to say besides the file (e.g. the filters of an export)."""
    setattr(request, _DETAILS, {**getattr(request, _DETAILS, {}), **details})


def _filename(disposition: str) -> str:
    match = _FILENAME.search(disposition)
    if match is None:
        return ""
    if match["encoded"]:
        return urllib.parse.unquote(match["encoded"].strip())
    return match["plain"].strip()


def _subject(request: HttpRequest, filename: str) -> Subject:
    resolved = request.resolver_match
    name = resolved.url_name if resolved is not None else ""
    kwargs = resolved.kwargs if resolved is not None else {}
    label, parameter = DOWNLOADS.get(name or "", ("", ""))
    if label and parameter in kwargs:
        found = apps.get_model(label)._base_manager.filter(pk=kwargs[parameter]).first()
        if found is not None:
            return subject_of(found)
    return Subject("", "", filename[:255], kwargs.get("unit_id"), kwargs.get("period_id"))


def record_download(request: HttpRequest, response: HttpResponseBase) -> None:
    filename = _filename(response.get("Content-Disposition", ""))
    resolved = request.resolver_match
    new: dict[str, object] = {"file": filename, "view": resolved.view_name if resolved is not None else ""}
    new.update({key: jsonable(value) for key, value in getattr(request, _DETAILS, {}).items()})
    record(AuditEntry.Action.DOWNLOAD, _subject(request, filename), new=new)


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with in_request(request):
            response = self.get_response(request)
            disposition = response.get("Content-Disposition", "")
            if response.status_code == 200 and disposition.lower().startswith("attachment"):
                record_download(request, response)
        return response
