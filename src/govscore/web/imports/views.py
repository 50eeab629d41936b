"""The import page of a period: download the template, upload a file, preview the changes, confirm.

Administrators and evaluators only: a whole-period import writes every unit's data, which a unit
reporter may not, and a leader changes nothing (403 for both, also for the template, which carries
every unit's data).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from govscore.imports import ImportProblem
from govscore.scoring.describing import describe_json
from govscore.scoring.model import Framework
from govscore.scoring.vietnamese import format_number
from govscore.web import access
from govscore.web.actions import PeriodLocked, locked_message
from govscore.web.i18n import current_language
from govscore.web.imports import pending
from govscore.web.imports.actions import ImportOutcome, import_file, period_units, template_bytes
from govscore.web.packages import MAX_MEMBERS, too_many_members, unpacked_size
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.uploads import XLSX, file_size, max_unpacked_bytes, max_upload_bytes, sniff

# The preview lists this many changes, the error table this many problems; counts give the totals.
PREVIEW_ROWS = 200
PROBLEM_ROWS = 500


def problems_table(problems: Sequence[ImportProblem], lang: str) -> dict[str, object]:
    """A refused file's problems for a page: the first `PROBLEM_ROWS` as table rows, and how many in all."""
    return {
        "problems": [problem.table_row(lang) for problem in problems[:PROBLEM_ROWS]],
        "problem_count": len(problems),
        "more_problems": max(0, len(problems) - PROBLEM_ROWS),
    }


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp số liệu (XLSX)"),
        error_messages={
            "required": gettext_lazy("Phải chọn tệp."),
            "empty": gettext_lazy("Tệp đã chọn rỗng."),
            "invalid": gettext_lazy("Không đọc được tệp đã gửi."),
        },
    )


def _period(request: HttpRequest, period_id: int) -> EvaluationPeriod:
    access.require_score_editor(request.user)
    return access.get_period_for(request.user, period_id)


def _page(
    request: HttpRequest,
    period: EvaluationPeriod,
    *,
    form: UploadForm | None = None,
    problems: Sequence[ImportProblem] = (),
    errors: Sequence[str] = (),
    status: int = 200,
) -> HttpResponse:
    lang = current_language()
    context = {
        "period": period,
        "form": form or UploadForm(),
        "errors": errors,
        **problems_table(problems, lang),
        "units": len(period_units(period)),
    }
    return render(request, "imports/page.html", context, status=status)


@login_required
@require_GET
def import_page(request: HttpRequest, period_id: int) -> HttpResponse:
    return _page(request, _period(request, period_id))


@login_required
@require_GET
def template_download(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    response = HttpResponse(template_bytes(period), content_type=XLSX.mime)
    response["Content-Disposition"] = f'attachment; filename="so-lieu-{period.year}-ky-{period.pk}.xlsx"'
    return response


P = TypeVar("P", bound=ImportProblem)


def xlsx_upload_problems(file: UploadedFile, problem: type[P]) -> list[P]:
    """An uploaded workbook's problems as `problem`s: the type is read from the content, never from the
    name, and the size is limited, packed and unpacked. Both imports (data, past results) check their
    file so."""
    limit = max_upload_bytes()
    if file.size is not None and file.size > limit:
        return [problem("file.too_large", {"size": file_size(file.size), "limit": file_size(limit)})]
    members = too_many_members(file)
    if members is not None:
        return [problem("file.too_many_members", {"count": members, "limit": MAX_MEMBERS})]
    if sniff(file) != XLSX:
        return [problem("file.not_xlsx")]
    unpacked, unpacked_limit = unpacked_size(file) or 0, max_unpacked_bytes()
    if unpacked > unpacked_limit:
        return [problem("file.unpacked_too_large", {"size": file_size(unpacked), "limit": file_size(unpacked_limit)})]
    return []


@login_required
@require_POST
def preview(request: HttpRequest, period_id: int) -> HttpResponse:
    """Validate the whole file and show what would change; nothing is written here."""
    period = _period(request, period_id)
    form = UploadForm(request.POST, request.FILES)
    if not period.is_open:
        return _page(request, period, form=form, errors=[locked_message(period)], status=409)
    if not form.is_valid():
        return _page(request, period, form=form, status=400)
    file = form.cleaned_data["file"]
    problems = xlsx_upload_problems(file, ImportProblem)
    if problems:
        return _page(request, period, problems=problems, status=400)
    data = file.read()
    outcome = import_file(period, data, dry_run=True)
    if not outcome.ok:
        return _page(request, period, problems=outcome.problems, status=400)
    token = pending.save(request, period.pk, data) if outcome.changes else ""
    return _preview(request, period, outcome, token)


def _preview(
    request: HttpRequest, period: EvaluationPeriod, outcome: ImportOutcome, token: str, status: int = 200
) -> HttpResponse:
    framework = period.framework.parsed()
    names = {unit.code: unit.name for unit in period_units(period)}
    context = {
        "period": period,
        "outcome": outcome,
        "rows": _change_rows(framework, outcome, names),
        "more": max(0, len(outcome.changes) - PREVIEW_ROWS),
        "token": token,
        "stale": status == 409,
    }
    return render(request, "imports/preview.html", context, status=status)


def _change_rows(framework: Framework, outcome: ImportOutcome, names: dict[str, str]) -> list[dict[str, str]]:
    lang = current_language()
    rows = []
    for change in outcome.changes[:PREVIEW_ROWS]:
        indicator = framework.indicator(change.indicator_code)
        rows.append(
            {
                "unit": names.get(change.unit_code, change.unit_code),
                "unit_code": change.unit_code,
                "indicator": indicator.title,
                "code": indicator.code,
                "old": describe_json(indicator, change.old, lang),
                "new": describe_json(indicator, change.new, lang),
            }
        )
    return rows


@login_required
@require_POST
def confirm(request: HttpRequest, period_id: int) -> HttpResponse:
    """Write the previewed file, provided the changes are still exactly those shown."""
    period = _period(request, period_id)
    token = request.POST.get("token", "")
    data = pending.load(request, period.pk, token)
    if data is None:
        message = gettext("Không còn tệp đã xem trước (đã nhập hoặc đã quá hạn). Hãy tải tệp lên lại.")
        return _page(request, period, errors=[message], status=400)
    try:
        outcome = import_file(period, data, by=request.user, expected=request.POST.get("fingerprint", ""))
    except PeriodLocked as locked:
        pending.discard(request, token)
        return _page(request, period, errors=[str(locked)], status=409)
    if not outcome.ok:
        pending.discard(request, token)
        return _page(request, period, problems=outcome.problems, status=400)
    if outcome.stale:
        return _preview(request, period, outcome, token, status=409)
    pending.discard(request, token)
    counts = {"count": len(outcome.changes), "added": outcome.added, "updated": outcome.updated, "rows": outcome.rows}
    messages.success(
        request,
        gettext("Đã nhập %(count)s thay đổi (%(added)s thêm mới, %(updated)s sửa) từ %(rows)s dòng.")
        % {name: format_number(value, None, current_language()) for name, value in counts.items()},
    )
    return redirect("imports_page", period_id=period.pk)
