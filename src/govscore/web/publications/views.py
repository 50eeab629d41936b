"""The administrator's publication page, and the public pages that need no log-in."""

from __future__ import annotations

import datetime
import json
from typing import Any

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from govscore.web import access
from govscore.web.actions import Refused
from govscore.web.audit.versions import Notice, VersionConflict, notices
from govscore.web.i18n import current_language
from govscore.web.limits import parse_id
from govscore.web.periods.actions import BadTransition, do_close, do_reopen
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications import actions
from govscore.web.publications.forms import AmendmentForm, DocumentDraftForm, PublishConfirmForm
from govscore.web.publications.models import DocumentDraft, Publication, PublicationFile
from govscore.web.publications.preview import (
    LETTER_KINDS,
    PREVIEW_KINDS,
    can_preview,
    letter_file,
    letter_name,
    preview_file,
    preview_name,
)
from govscore.web.publications.snapshot import content_hash
from govscore.web.uploads import DOCX, PDF, XLSX

MIME_BY_KIND = {kind.extension: kind.mime for kind in (DOCX, PDF, XLSX)}

Status = EvaluationPeriod.Status


@login_required
@require_GET
def publication_manage(request: HttpRequest, period_id: int) -> HttpResponse:
    """The period's way to publication: close, the document's details, publish, amend."""
    period = _period(request, period_id)
    if period.is_historical:
        return redirect("history_period", historical_period_id=period.pk)
    draft = actions.draft_for(period)
    return _page(request, period, DocumentDraftForm(instance=draft, initial={"version": draft.version}))


def _period(request: HttpRequest, period_id: int) -> EvaluationPeriod:
    access.require_administrator(request.user)
    return access.get_period_for(request.user, period_id)


def _page(
    request: HttpRequest,
    period: EvaluationPeriod,
    draft_form: DocumentDraftForm | None = None,
    amendment_form: AmendmentForm | None = None,
    confirm_form: PublishConfirmForm | None = None,
    conflicts: list[Notice] | None = None,
    status: int = 200,
) -> HttpResponse:
    draft = actions.draft_for(period)
    context = {
        "period": period,
        "conflicts": conflicts or [],
        "draft_form": draft_form or DocumentDraftForm(instance=draft, initial={"version": draft.version}),
        "amendment_form": amendment_form or AmendmentForm(),
        "confirm_form": confirm_form or PublishConfirmForm(),
        "can_preview": can_preview(period),
        "missing": [str(draft._meta.get_field(name).verbose_name) for name in actions.missing_fields(draft)],
        "publications": period.publications.order_by("-edition"),
    }
    return render(request, "publications/manage.html", context, status=status)


def _done(request: HttpRequest, period: EvaluationPeriod, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("publication_manage", period_id=period.pk)


def _refused(request: HttpRequest, period: EvaluationPeriod, refused: Refused, **forms: Any) -> HttpResponse:
    for message in refused.messages:
        messages.error(request, message)
    return _page(request, period, status=409 if isinstance(refused, BadTransition) else 400, **forms)


@login_required
@require_POST
def publication_draft(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    form = DocumentDraftForm(request.POST, instance=actions.draft_for(period))
    if not form.is_valid():
        return _page(request, period, draft_form=form, status=400)
    values = {name: form.cleaned_data[name] for name in DocumentDraftForm.Meta.fields}
    try:
        actions.do_save_draft(period, values, form.cleaned_data["version"], request.user)
    except Refused as refused:
        return _refused(request, period, refused, draft_form=form)
    except VersionConflict as conflict:
        # Nothing was saved: the user's input again, at the version stored now, to save over it.
        draft = actions.draft_for(period)
        posted = request.POST.copy()
        posted["version"] = str(draft.version)
        form = DocumentDraftForm(posted, instance=draft)
        form.is_valid()
        shown = notices(conflict.conflicts, lambda _item: gettext("Thông tin văn bản"), _draft_summary)
        return _page(request, period, draft_form=form, conflicts=shown, status=409)
    return _done(request, period, gettext("Đã lưu thông tin văn bản."))


@login_required
@require_POST
def publication_close(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    try:
        do_close(period, request.user)
    except Refused as refused:
        return _refused(request, period, refused)
    return _done(request, period, gettext("Đã khoá số liệu kỳ đánh giá."))


@login_required
@require_POST
def publication_reopen(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    try:
        do_reopen(period, request.user)
    except Refused as refused:
        return _refused(request, period, refused)
    return _done(request, period, gettext("Đã mở lại việc thu thập số liệu."))


@login_required
@require_GET
@xframe_options_sameorigin
# The page frames the PDF, and Chromium's PDF viewer is a plugin inside the framed response.
@csp_replace({"frame-ancestors": [SELF], "object-src": [SELF]})
def publication_preview(request: HttpRequest, period_id: int, kind: str) -> HttpResponse:
    """The document the next publication would issue, marked as a draft: PDF shown in the page,
    DOCX and XLSX downloaded."""
    period = _period(request, period_id)
    if kind not in PREVIEW_KINDS or not can_preview(period):
        raise Http404
    response = HttpResponse(preview_file(period, kind), content_type=PREVIEW_KINDS[kind].mime)
    disposition = "inline" if kind == PDF.extension else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{preview_name(period, kind)}"'
    return response


@login_required
@require_GET
def publication_letter(request: HttpRequest, period_id: int, kind: str) -> HttpResponse:
    """The covering letter (công văn), for printing and signing: PDF or DOCX."""
    period = _period(request, period_id)
    if kind not in LETTER_KINDS or period.is_historical:
        raise Http404
    response = HttpResponse(letter_file(period, kind), content_type=LETTER_KINDS[kind].mime)
    response["Content-Disposition"] = f'attachment; filename="{letter_name(period, kind)}"'
    return response


@login_required
@require_POST
def publication_publish(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    confirm = PublishConfirmForm(request.POST)
    if not confirm.is_valid():
        return _page(request, period, confirm_form=confirm, status=400)
    try:
        publication = actions.do_publish(period, request.user)
    except Refused as refused:
        return _refused(request, period, refused)
    return _done(request, period, gettext("Đã công bố lần %(edition)s.") % {"edition": publication.edition})


@login_required
@require_POST
def publication_amend(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        return _page(request, period, amendment_form=form, status=400)
    try:
        actions.do_open_amendment(period, form.cleaned_data["reason"], request.user)
    except Refused as refused:
        return _refused(request, period, refused, amendment_form=form)
    return _done(request, period, gettext("Đã mở đính chính; số liệu sửa được đến khi công bố lại."))


def _draft_summary(draft: DocumentDraft) -> str:
    """The stored details as the form names them, e.g. "số công văn: 1186/STTT; …"."""
    parts = []
    for name in DocumentDraftForm.Meta.fields:
        value = getattr(draft, f"get_{name}_display")() if name == "layout" else getattr(draft, name)
        if isinstance(value, datetime.date):
            value = value.strftime("%d/%m/%Y")
        parts.append(f"{DocumentDraft._meta.get_field(name).verbose_name}: {value or '—'}")
    return "; ".join(parts)


# ------------------------------------------------------------------ public pages (no log-in)


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    latest: dict[int, Publication] = {}
    for publication in Publication.objects.select_related("period").defer("snapshot_json").order_by("edition"):
        latest[publication.period_id] = publication
    rows = sorted(latest.values(), key=lambda item: (-item.period.year, item.period_id))
    return render(request, "publications/public_index.html", {"publications": rows})


@require_GET
def public_period(request: HttpRequest, period_id: int) -> HttpResponse:
    editions = list(Publication.objects.filter(period_id=period_id).select_related("period").order_by("-edition"))
    if not editions:
        raise Http404
    shown = editions[0]
    wanted = parse_id(request.GET.get("edition", ""))
    if wanted is not None:
        shown = next((item for item in editions if item.edition == wanted), shown)
    snapshot = json.loads(shown.snapshot_json)
    context = {
        "period": shown.period,
        "framework": shown.period.framework.parsed(),
        "publication": shown,
        "editions": editions,
        "groups": _groups(snapshot["results"][current_language()]["units"]),
        "files": shown.files.only("kind", "size", "sha256", "publication_id"),
    }
    return render(request, "publications/public_period.html", context)


def _groups(units: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for unit in units:
        grouped.setdefault(unit["group_name"], []).append(unit)
    return list(grouped.items())


@require_GET
def public_file(request: HttpRequest, publication_id: int, kind: str) -> HttpResponse:
    item = get_object_or_404(
        PublicationFile.objects.select_related("publication__period"), publication_id=publication_id, kind=kind
    )
    publication = item.publication
    filename = f"ket-qua-{publication.period.year}-lan-{publication.edition}.{item.kind}"
    response = HttpResponse(bytes(item.content), content_type=MIME_BY_KIND[item.kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def public_verify(request: HttpRequest, digest: str) -> HttpResponse:
    """Whether a hash printed on a document belongs to an edition, and whether its record is intact."""
    publication = Publication.objects.select_related("period").filter(content_hash=digest.lower()).first()
    intact = publication is not None and content_hash(publication.snapshot_json) == publication.content_hash
    context = {"digest": digest, "publication": publication, "intact": intact}
    return render(request, "publications/public_verify.html", context, status=200 if publication else 404)
