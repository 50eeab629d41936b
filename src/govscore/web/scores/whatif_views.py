"""What a draft framework would do to a period: administrators and evaluators upload a framework file, which
is read, never stored, and replayed on the period's data beside its current results (`scoring.whatif`).

Leaders and unit reporters get 403, as for the data import: a draft is the evaluating department's work.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from govscore.frameworks.files import framework_from_bytes, is_workbook
from govscore.scoring.display import points_text
from govscore.scoring.errors import ValidationFailed
from govscore.scoring.model import Framework
from govscore.scoring.vietnamese import format_number
from govscore.scoring.whatif import CriterionEffect, UnitComparison, WhatIf, compare, move_text
from govscore.web import access
from govscore.web.actions import Refused
from govscore.web.frameworks.actions import check_framework_text
from govscore.web.i18n import current_language
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.mapping import evaluation_for
from govscore.web.uploads import file_size, max_upload_bytes


class DraftForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp bộ tiêu chí dự thảo (YAML hoặc XLSX)"),
        error_messages={
            "required": gettext_lazy("Phải chọn tệp."),
            "empty": gettext_lazy("Tệp đã chọn rỗng."),
            "invalid": gettext_lazy("Không đọc được tệp đã gửi."),
        },
    )


def _period(request: HttpRequest, period_id: int) -> EvaluationPeriod:
    access.require_score_editor(request.user)
    period = access.get_period_for(request.user, period_id)
    if period.is_historical:
        raise Http404  # a past published table has no data to score again
    return period


@login_required
@require_http_methods(["GET", "POST"])
def whatif_page(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    if request.method == "GET":
        return _page(request, period, DraftForm())
    form = DraftForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, period, form, status=400)
    try:
        draft = _draft(form.cleaned_data["file"])
        result = compare(evaluation_for(period), draft, str(period.year), current_language())
    except Refused as refused:
        return _page(request, period, form, errors=refused.messages, status=400)
    except ValidationFailed as failed:
        errors = [problem.render(current_language()) for problem in failed.problems]
        return _page(request, period, form, errors=errors, status=400)
    return _page(request, period, DraftForm(), result=result)


def _draft(file: UploadedFile) -> Framework:
    limit = max_upload_bytes()
    if file.size is not None and file.size > limit:
        sizes = {"size": file_size(file.size), "limit": file_size(limit)}
        raise Refused(gettext("Tệp lớn quá: %(size)s, tối đa %(limit)s.") % sizes)
    content = file.read()
    name = file.name or "framework.yaml"
    if is_workbook(content):  # a framework workbook: the same reader as the framework upload
        framework, _text = framework_from_bytes(content, name)
        return framework
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(gettext("Tệp không phải văn bản UTF-8: lưu lại tệp YAML với mã UTF-8.")) from None
    return check_framework_text(text, name)


def _page(
    request: HttpRequest,
    period: EvaluationPeriod,
    form: DraftForm,
    *,
    result: WhatIf | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, object] = {"period": period, "form": form, "errors": errors or [], "result": result}
    if result is not None:
        context.update(_shown(result))
    return render(request, "scores/whatif.html", context, status=status)


def _shown(result: WhatIf) -> dict[str, object]:
    lang = current_language()
    tau = result.tau.value
    return {
        "groups": [
            (result.draft.group_name(code), [_row(unit, result) for unit in units]) for code, units in result.groups()
        ],
        "tau": None if tau is None else format_number(Decimal(f"{tau:.3f}"), 3, lang),
        "moves": [_row(unit, result) for unit in result.largest_moves()],
        "grade_changes": [_row(unit, result) for unit in result.grade_changes],
        "criteria": [_criterion(effect, lang) for effect in result.criteria],
    }


def _row(unit: UnitComparison, result: WhatIf) -> dict[str, object]:
    lang = current_language()
    return {
        "name": unit.name,
        "before": unit.before,
        "after": unit.after,
        "total_before": points_text(result.current, unit.before.total, lang),
        "total_after": points_text(result.draft, unit.after.total, lang),
        "move": move_text(unit.move),
        "grade_changed": unit.grade_changed,
    }


def _criterion(effect: CriterionEffect, lang: str) -> dict[str, object]:
    change = format_number(effect.moved_change, None, lang)
    return {
        "title": effect.title,
        "max_before": effect.max_before,
        "max_after": effect.max_after,
        "change": f"+{change}" if effect.moved_change > 0 else change,
        "units": effect.moved_units,
    }
