"""Pages of the assessment dialogue: the stage schedule, a unit's self-assessment, its appraisal."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from govscore.scoring.engine import score_unit
from govscore.scoring.results import UnitResult
from govscore.web import access
from govscore.web.actions import Refused
from govscore.web.assessment import actions
from govscore.web.assessment.layers import criterion_layers
from govscore.web.assessment.models import Appraisal, CriterionAssessment, SelfAssessment, Stage
from govscore.web.assessment.stages import ORDER, current_stage, stages_of
from govscore.web.i18n import current_language
from govscore.web.indicators.models import EvidenceFile
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.mapping import evaluation_for
from govscore.web.scores.summaries import StoredSummaries

Kind = Stage.Kind


def typed_points(text: str) -> Decimal | None:
    """Points as typed: "4,5" or "4.5"; nothing typed is no points."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise Refused(gettext("Điểm phải là một số.")) from None
    if not value.is_finite() or abs(value) >= 1_000_000:
        raise Refused(gettext("Điểm phải là một số."))
    return value


def show_refusal(request: HttpRequest, refused: Refused) -> None:
    for message in refused.messages:
        messages.error(request, message)


def _scored(period: EvaluationPeriod, unit: Unit) -> UnitResult | None:
    """The unit scored by the core on its own, the other units seen through the stored summaries."""
    framework = period.framework.parsed()
    evaluation = evaluation_for(period, framework, only=[unit])
    if not evaluation.units:
        return None
    return score_unit(evaluation, unit.code, current_language(), StoredSummaries(period, framework)).units[0]


def _rows(period: EvaluationPeriod, unit: Unit) -> list[dict[str, Any]]:
    """Each leaf criterion that applies to the unit: computed and counted points, the unit's entry, the
    evidence of the indicators it reads, the appraisal and every layer."""
    result = _scored(period, unit)
    scored = {item.code: item for item in result.all_criteria()} if result else {}
    entries = {row.criterion_code: row for row in CriterionAssessment.objects.filter(period=period, unit=unit)}
    appraisals = {row.criterion_code: row for row in Appraisal.objects.filter(period=period, unit=unit)}
    evidence: dict[str, list[EvidenceFile]] = {}
    files = EvidenceFile.objects.filter(indicator_value__period=period, indicator_value__unit=unit)
    for item in files.select_related("indicator_value", "verdict"):
        evidence.setdefault(item.indicator_value.code, []).append(item)
    layers = criterion_layers(period, unit.pk)
    rows = []
    for criterion in period.framework.parsed().walk():
        if criterion.children or not criterion.applies_to_group(unit.group.code):
            continue
        if result is not None and criterion.code not in scored:
            continue  # a substitute criterion of other units
        codes = criterion.rule.indicators() if criterion.rule is not None else ()
        rows.append(
            {
                "criterion": criterion,
                "scored": scored.get(criterion.code),
                "entry": entries.get(criterion.code),
                "appraisal": appraisals.get(criterion.code),
                "evidence": [item for code in codes for item in evidence.get(code, [])],
                "layers": layers.get(criterion.code, []),
            }
        )
    return rows


def stage_context(period: EvaluationPeriod) -> dict[str, Any]:
    return {"stages": stages_of(period), "current": current_stage(period), "now": timezone.now()}


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    """The unit's self-assessment: its reporter proposes points and notes per criterion; its head sends it."""
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    if request.method == "POST":
        access.require_self_assessor(request.user, unit)
        code = request.POST.get("criterion_code", "")
        try:
            points = typed_points(request.POST.get("points", ""))
            actions.do_save_criterion(period, unit, code, points, request.POST.get("note", ""), request.user)
        except Refused as refused:
            show_refusal(request, refused)
        else:
            messages.success(request, gettext("Đã lưu tự đánh giá của tiêu chí."))
        return redirect("self_assessment", period_id=period.pk, unit_id=unit.pk)
    assessment = SelfAssessment.objects.filter(period=period, unit=unit).first()
    context = {
        "period": period,
        "unit": unit,
        "assessment": assessment,
        "rows": _rows(period, unit),
        "returned": actions.returned_codes(period, unit),
        "may_edit": access.can_self_assess(request.user, unit),
        "may_submit": access.can_submit_self_assessment(request.user, unit),
        **stage_context(period),
    }
    return render(request, "assessment/self_assessment.html", context)


@login_required
@require_http_methods(["POST"])
def self_assessment_submit(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    access.require_self_assessment_submitter(request.user, unit)
    try:
        actions.do_submit(period, unit, request.user)
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, gettext("Đã gửi bản tự đánh giá."))
    return redirect("self_assessment", period_id=period.pk, unit_id=unit.pk)


@login_required
@require_http_methods(["GET", "POST"])
def appraisal(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    """The evaluator's page of one unit: self-assessed beside computed points and the evidence; per
    criterion accept, adjust with a reason, or return with a question."""
    access.require_score_editor(request.user)
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    if request.method == "POST":
        try:
            points = typed_points(request.POST.get("points", ""))
            actions.do_appraise(
                period,
                unit,
                request.POST.get("criterion_code", ""),
                request.POST.get("decision", ""),
                points,
                request.POST.get("reason", ""),
                request.user,
            )
        except Refused as refused:
            show_refusal(request, refused)
        else:
            messages.success(request, gettext("Đã ghi kết luận thẩm định."))
        return redirect("appraisal", period_id=period.pk, unit_id=unit.pk)
    context = {
        "period": period,
        "unit": unit,
        "assessment": SelfAssessment.objects.filter(period=period, unit=unit).first(),
        "rows": _rows(period, unit),
        "decisions": Appraisal.Decision.choices,
        **stage_context(period),
    }
    return render(request, "assessment/appraisal.html", context)


@login_required
@require_http_methods(["POST"])
def evidence_verdict(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    """Accept an evidence file, or reject it with a reason."""
    access.require_score_editor(request.user)
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    try:
        evidence_id = int(request.POST.get("evidence", ""))
    except ValueError:
        evidence_id = 0
    evidence = access.get_evidence_for(request.user, evidence_id)
    if evidence.indicator_value.unit_id != unit.pk or evidence.indicator_value.period_id != period.pk:
        return redirect("appraisal", period_id=period.pk, unit_id=unit.pk)
    accepted = request.POST.get("accepted") == "yes"
    try:
        actions.do_judge_evidence(evidence, accepted, request.POST.get("reason", ""), request.user)
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, gettext("Đã ghi kết luận về minh chứng."))
    return redirect("appraisal", period_id=period.pk, unit_id=unit.pk)


@login_required
def assessment_overview(request: HttpRequest, period_id: int) -> HttpResponse:
    """The period's stages and where each unit's self-assessment stands."""
    access.require_staff_reader(request.user)
    period = access.get_period_for(request.user, period_id)
    statuses = {row.unit_id: row for row in SelfAssessment.objects.filter(period=period)}
    units = [(unit, statuses.get(unit.pk)) for unit in access.units_for(request.user).order_by("code")]
    context = {"period": period, "units": units, **stage_context(period)}
    return render(request, "assessment/overview.html", context)


def _parse_moment(text: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@login_required
@require_http_methods(["GET", "POST"])
def stage_schedule(request: HttpRequest, period_id: int) -> HttpResponse:
    """The administrator sets when each stage opens and closes."""
    access.require_administrator(request.user)
    period = access.get_period_for(request.user, period_id)
    status = 200
    if request.method == "POST":
        schedule = {}
        for kind in ORDER:
            opens = _parse_moment(request.POST.get(f"{kind}_opens", ""))
            closes = _parse_moment(request.POST.get(f"{kind}_closes", ""))
            if opens is not None and closes is not None:
                schedule[kind] = (opens, closes)
        try:
            actions.do_set_schedule(period, schedule, request.user)
        except Refused as refused:
            show_refusal(request, refused)
            status = 400
        else:
            messages.success(request, gettext("Đã lưu lịch các giai đoạn."))
            return redirect("stage_schedule", period_id=period.pk)
    stages = {stage.kind: stage for stage in stages_of(period)}
    rows = [(kind, label, stages.get(kind)) for kind, label in Kind.choices]
    context = {"period": period, "rows": rows, **stage_context(period)}
    return render(request, "assessment/schedule.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def stage_now(request: HttpRequest, period_id: int) -> HttpResponse:
    """Open a stage now, before its date, or close it now (the administrator's; audited)."""
    access.require_administrator(request.user)
    period = access.get_period_for(request.user, period_id)
    kind = request.POST.get("kind", "")
    if kind not in ORDER:
        messages.error(request, gettext("Không có giai đoạn này."))
        return redirect("stage_schedule", period_id=period.pk)
    try:
        actions.do_move_stage_now(period, kind, request.POST.get("move") == "open", request.user)
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, gettext("Đã đổi thời gian của giai đoạn."))
    return redirect("stage_schedule", period_id=period.pk)


@login_required
@require_http_methods(["POST"])
def finding_accept(request: HttpRequest, period_id: int) -> HttpResponse:
    """Accept a finding of the consistency check with a reason (the administrator's)."""
    access.require_administrator(request.user)
    period = access.get_period_for(request.user, period_id)
    try:
        actions.do_accept_finding(
            period, request.POST.get("fingerprint", ""), request.POST.get("reason", ""), request.user
        )
    except Refused as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, gettext("Đã chấp nhận điểm không nhất quán, có lý do."))
    return redirect("publication_manage", period_id=period.pk)
