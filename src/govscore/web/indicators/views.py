from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from govscore.scoring.describing import describe_json
from govscore.scoring.model import Framework
from govscore.web import access
from govscore.web.actions import Refused
from govscore.web.audit.versions import Conflict, Notice, VersionConflict, notices, rebound
from govscore.web.i18n import current_language
from govscore.web.indicators import actions
from govscore.web.indicators.forms import VERSION_SUFFIX, EvidenceForm, IndicatorValuesForm, entered_indicators
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.uploads import stored_file_response


def _stored(period: EvaluationPeriod, unit: Unit) -> list[IndicatorValue]:
    return list(
        IndicatorValue.objects.filter(period=period, unit=unit)
        .select_related("entered_by")
        .prefetch_related("evidence")
    )


def _form(framework: Framework, rows: list[IndicatorValue], data: QueryDict | None = None) -> IndicatorValuesForm:
    stored = {row.code: row.value for row in rows}
    versions = {row.code: row.version for row in rows}
    return IndicatorValuesForm(data, framework=framework, initial_values=stored, versions=versions)


def _conflict_notices(framework: Framework, conflicts: list[Conflict]) -> list[Notice]:
    lang = current_language()

    def label(conflict: Conflict) -> str:
        try:
            return framework.indicator(conflict.key).title
        except KeyError:
            return conflict.key

    def value(row: IndicatorValue) -> str:
        try:
            return describe_json(framework.indicator(row.code), row.value, lang)
        except KeyError:
            return str(row.value)

    return notices(conflicts, label, value)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_form(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    framework = period.framework.parsed()
    rows = _stored(period, unit)
    form = _form(framework, rows)
    conflicts: list[Notice] = []
    status = 200
    if request.method == "POST":
        access.require_unit_writer(request.user, unit)
        form = _form(framework, rows, request.POST)
        if form.is_valid():
            changed = form.changed_codes()
            values = {code: value for code, value in form.values().items() if code in changed}
            try:
                actions.do_set_values(period, unit, values, by=request.user, versions=form.versions())
            except actions.InvalidValues as invalid:
                for code, problems in invalid.problems.items():
                    form.add_value_problems(code, problems)
            except Refused as refused:
                for message in refused.messages:
                    form.add_error(None, message)
            except VersionConflict as conflict:
                # Nothing was saved. Show the form again over what is stored now, keeping what this user
                # changed, so saving it again applies exactly those changes.
                conflicts = _conflict_notices(framework, conflict.conflicts)
                rows = _stored(period, unit)
                changed_fields = [name for name in form.changed_data if not name.endswith(VERSION_SUFFIX)]
                form = _form(framework, rows, rebound(_form(framework, rows), request.POST, changed_fields))
                form.is_valid()
            else:
                messages.success(request, gettext("Đã lưu số liệu."))
                return redirect("indicator_form", period_id=period.pk, unit_id=unit.pk)
        status = 409 if conflicts else 400
    choices = [(i.code, i.title) for i in entered_indicators(framework)]
    context = {
        "period": period,
        "unit": unit,
        "form": form,
        "conflicts": conflicts,
        "evidence_form": EvidenceForm(choices=choices),
        "evidence": [item for row in rows for item in row.evidence.all()],
        "can_write": access.can_write_unit_data(request.user, unit) and period.is_open,
    }
    return render(request, "indicators/form.html", context, status=status)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    access.require_unit_writer(request.user, unit)
    choices = [(i.code, i.title) for i in entered_indicators(period.framework.parsed())]
    form = EvidenceForm(request.POST, request.FILES, choices=choices)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_add_evidence(
                period,
                unit,
                data["indicator"],
                data["file"],
                description=data["description"],
                issued_on=data["issued_on"],
                by=request.user,
            )
        except Refused as refused:
            for message in refused.messages:
                form.add_error(None, message)
        else:
            messages.success(request, gettext("Đã tải lên minh chứng."))
            return redirect("indicator_form", period_id=period.pk, unit_id=unit.pk)
    context = {"period": period, "unit": unit, "evidence_form": form}
    return render(request, "indicators/evidence_error.html", context, status=400)


@login_required
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """Evidence is served only through the access rules, never from a public media URL."""
    evidence = access.get_evidence_for(request.user, evidence_id)
    return stored_file_response(evidence.file, evidence.original_name, evidence.content_type)
