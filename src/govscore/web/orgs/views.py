"""The unit register's pages: the register with each unit's history (staff readers), its XLSX workbook
(upload, preview, confirm) and the reorganisations (the administrator's alone; 403 for everyone else).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govscore.imports.problems import ImportProblem
from govscore.web import access
from govscore.web.actions import PeriodLocked, Refused
from govscore.web.i18n import current_language
from govscore.web.imports import pending
from govscore.web.imports.views import problems_table, xlsx_upload_problems
from govscore.web.orgs import lineage, register
from govscore.web.orgs.actions import UnitsOutcome, do_dissolve, do_import_units, do_merge, do_rename, do_split
from govscore.web.orgs.forms import FORMS, DecisionForm, MergeForm, RenameForm, SplitForm
from govscore.web.orgs.models import Unit, UnitGroup
from govscore.web.uploads import XLSX

# Pending files of the units workbook belong to no period; the session's own list names them.
PENDING_SLOT = 0
SESSION_KEY = "govscore_units_import"


class UnitsUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp danh mục đơn vị (XLSX theo mẫu)"),
        error_messages={
            "required": gettext_lazy("Phải chọn tệp."),
            "empty": gettext_lazy("Tệp đã chọn rỗng."),
            "invalid": gettext_lazy("Không đọc được tệp đã gửi."),
        },
    )


@login_required
@require_GET
def units_register(request: HttpRequest) -> HttpResponse:
    access.require_staff_reader(request.user)
    groups = []
    for group in UnitGroup.objects.prefetch_related("units"):
        units = sorted(group.units.all(), key=lambda unit: (unit.effective_to is not None, unit.name))
        groups.append((group, [(unit, lineage.history(unit)) for unit in units]))
    return render(request, "orgs/register.html", {"groups": groups})


def _import_page(
    request: HttpRequest,
    *,
    form: UnitsUploadForm | None = None,
    problems: Sequence[ImportProblem] = (),
    errors: Sequence[str] = (),
    status: int = 200,
) -> HttpResponse:
    lang = current_language()
    context = {
        "form": form or UnitsUploadForm(),
        "errors": errors,
        **problems_table(problems, lang),
        "units": Unit.objects.count(),
    }
    return render(request, "orgs/import.html", context, status=status)


@login_required
@require_GET
def units_import(request: HttpRequest) -> HttpResponse:
    access.require_administrator(request.user)
    return _import_page(request)


@login_required
@require_GET
def units_template(request: HttpRequest) -> HttpResponse:
    access.require_administrator(request.user)
    response = HttpResponse(register.template_bytes(), content_type=XLSX.mime)
    response["Content-Disposition"] = 'attachment; filename="don-vi.xlsx"'
    return response


@login_required
@require_POST
def units_preview(request: HttpRequest) -> HttpResponse:
    """Check the whole file and show what would change; nothing is written here."""
    access.require_administrator(request.user)
    form = UnitsUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, form=form, status=400)
    file = form.cleaned_data["file"]
    problems = xlsx_upload_problems(file, ImportProblem)
    if problems:
        return _import_page(request, problems=problems, status=400)
    data = file.read()
    outcome = do_import_units(data, dry_run=True)
    if not outcome.ok:
        return _import_page(request, problems=outcome.problems, status=400)
    token = ""
    if outcome.changes:
        token = pending.save(request, PENDING_SLOT, data)
        tokens = [*(request.session.get(SESSION_KEY) or []), token]
        request.session[SESSION_KEY] = tokens[-pending.KEEP_PER_SESSION :]
    return _preview(request, outcome, token)


def _preview(request: HttpRequest, outcome: UnitsOutcome, token: str, status: int = 200) -> HttpResponse:
    context = {"outcome": outcome, "changes": outcome.changes, "token": token, "stale": outcome.stale}
    return render(request, "orgs/preview.html", context, status=status)


@login_required
@require_POST
def units_confirm(request: HttpRequest) -> HttpResponse:
    """Write the previewed file, provided the changes are still exactly those shown."""
    access.require_administrator(request.user)
    token = request.POST.get("token", "")
    data = pending.load(request, PENDING_SLOT, token) if token in (request.session.get(SESSION_KEY) or []) else None
    if data is None:
        message = gettext("Không còn tệp đã xem trước (đã nhập hoặc đã quá hạn). Hãy tải tệp lên lại.")
        return _import_page(request, errors=[message], status=400)
    try:
        outcome = do_import_units(data, by=request.user, expected=request.POST.get("fingerprint", ""))
    except PeriodLocked as locked:
        pending.discard(request, token)
        return _import_page(request, errors=[str(locked)], status=409)
    if not outcome.ok:
        pending.discard(request, token)
        return _import_page(request, problems=outcome.problems, status=400)
    if outcome.stale:
        return _preview(request, outcome, token, status=409)
    pending.discard(request, token)
    messages.success(
        request,
        gettext("Đã nhập danh mục: %(count)s khối và đơn vị thêm mới hoặc sửa.") % {"count": len(outcome.changes)},
    )
    return redirect("units_register")


@login_required
@require_http_methods(["GET", "POST"])
def units_reorganise(request: HttpRequest) -> HttpResponse:
    """Rename, merge, split or dissolve from a date, each with its decision."""
    access.require_administrator(request.user)
    kind = request.POST.get("kind", "")
    forms_by_kind: dict[str, DecisionForm] = {name: form(prefix=name) for name, form in FORMS.items()}
    errors: list[str] = []
    if request.method == "POST":
        if kind not in FORMS:
            return render(request, "orgs/reorganise.html", {"forms": forms_by_kind, "open": ""}, status=400)
        form = FORMS[kind](request.POST, prefix=kind)
        forms_by_kind[kind] = form
        if form.is_valid():
            try:
                _carry_out(kind, form, request.user)
            except Refused as refused:
                errors = refused.messages
            else:
                messages.success(request, gettext("Đã ghi việc tổ chức lại và tính lại điểm các kỳ đang mở."))
                return redirect("units_register")
        context = {"forms": forms_by_kind, "open": kind, "errors": errors}
        return render(request, "orgs/reorganise.html", context, status=409 if errors else 400)
    return render(request, "orgs/reorganise.html", {"forms": forms_by_kind, "open": ""})


def _carry_out(kind: str, form: Any, by: Any) -> None:
    decision = form.decision()
    data = form.cleaned_data
    if isinstance(form, MergeForm):
        do_merge(list(data["units"]), form.target(), decision, by=by)
    elif isinstance(form, SplitForm):
        do_split(data["unit"], form.successors(), decision, by=by)
    elif isinstance(form, RenameForm):
        do_rename(data["unit"], data["name"], decision, data["short_name"], by=by)
    else:
        do_dissolve(data["unit"], decision, by=by)
