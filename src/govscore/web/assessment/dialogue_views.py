"""Pages of the dialogue after the appraisal: a unit's explanation threads and the council's page."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from govscore.web import access
from govscore.web.actions import Refused
from govscore.web.assessment import actions
from govscore.web.assessment.models import Appraisal, CouncilDecision, CriterionAssessment, ExplanationMessage
from govscore.web.assessment.views import show_refusal, stage_context, typed_points
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.uploads import stored_file_response

Side = ExplanationMessage.Side


def _threads(period: EvaluationPeriod, unit_ids: list[int] | None = None) -> list[dict[str, Any]]:
    """Each appraised criterion with its self-assessed and appraised points, its thread in order and the
    council's decision, unit by unit."""
    framework = period.framework.parsed()
    scope = {"unit_id__in": unit_ids} if unit_ids is not None else {}
    appraisals = Appraisal.objects.filter(period=period, **scope).select_related("unit", "decided_by")
    proposed = {
        (row.unit_id, row.criterion_code): row.proposed_points
        for row in CriterionAssessment.objects.filter(period=period, **scope)
    }
    thread: dict[tuple[int, str], list[ExplanationMessage]] = {}
    for message in ExplanationMessage.objects.filter(period=period, **scope).select_related("written_by"):
        thread.setdefault((message.unit_id, message.criterion_code), []).append(message)
    decisions = {
        (row.unit_id, row.criterion_code): row for row in CouncilDecision.objects.filter(period=period, **scope)
    }
    rows = []
    for appraisal in sorted(appraisals, key=lambda row: (row.unit.code, row.criterion_code)):
        key = (appraisal.unit_id, appraisal.criterion_code)
        rows.append(
            {
                "unit": appraisal.unit,
                "code": appraisal.criterion_code,
                "criterion": framework.criterion(appraisal.criterion_code),
                "appraisal": appraisal,
                "proposed": proposed.get(key),
                "thread": thread.get(key, []),
                "decision": decisions.get(key),
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def explanation(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    """The unit sees the appraisal and answers per criterion; the evaluator responds; in order, timed."""
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    as_unit = access.can_answer_for_unit(request.user, unit)
    as_evaluator = access.can_edit_scores(request.user)
    if request.method == "POST":
        if not (as_unit or as_evaluator):
            raise PermissionDenied
        side = Side.UNIT if as_unit else Side.EVALUATOR
        code, text = request.POST.get("criterion_code", ""), request.POST.get("text", "")
        try:
            attachment = request.FILES.get("attachment")
            actions.do_explain(period, unit, code, text, side, request.user, attachment)
        except Refused as refused:
            show_refusal(request, refused)
        else:
            messages.success(request, gettext("Đã gửi giải trình."))
        return redirect("explanation", period_id=period.pk, unit_id=unit.pk)
    context = {
        "period": period,
        "unit": unit,
        "rows": _threads(period, [unit.pk]),
        "may_write": as_unit or as_evaluator,
        **stage_context(period),
    }
    return render(request, "assessment/explanation.html", context)


def _minutes_date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def council(request: HttpRequest, period_id: int) -> HttpResponse:
    """Open disagreements and proposed changes; the council's decisions with the minutes' number and date."""
    access.require_staff_reader(request.user)
    period = access.get_period_for(request.user, period_id)
    if request.method == "POST":
        access.require_score_editor(request.user)
        unit = access.get_unit_for(request.user, _unit_id(request))
        minutes = (request.POST.get("minutes_number", ""), _minutes_date(request.POST.get("minutes_date", "")))
        try:
            points = typed_points(request.POST.get("points", ""))
            code, reason = request.POST.get("criterion_code", ""), request.POST.get("reason", "")
            actions.do_council_decide(period, unit, code, points, reason, minutes, request.user)
        except Refused as refused:
            show_refusal(request, refused)
        else:
            messages.success(request, gettext("Đã ghi quyết định của hội đồng."))
        return redirect("council", period_id=period.pk)
    rows = _threads(period)
    context = {
        "period": period,
        "open_rows": [row for row in rows if row["decision"] is None],
        "decided_rows": [row for row in rows if row["decision"] is not None],
        "may_decide": access.can_edit_scores(request.user),
        **stage_context(period),
    }
    return render(request, "assessment/council.html", context)


def _unit_id(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("unit", ""))
    except ValueError:
        return 0


@login_required
@require_GET
def explanation_attachment(request: HttpRequest, message_id: int) -> FileResponse:
    """New evidence sent in a thread, only through the access rules."""
    message = access.get_explanation_for(request.user, message_id)
    if not message.attachment:
        raise Http404
    return stored_file_response(message.attachment, message.attachment_name, message.attachment_type)
