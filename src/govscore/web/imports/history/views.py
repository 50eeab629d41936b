"""Pages of the results of past years: the administrator's import (upload, preview with the check's
findings, confirm), a historical period's table with its findings, and a unit's trend across years.

Who may open what: the import is the administrator's (it creates a period); a historical table and
its findings are for staff readers (administrator, evaluator, leader), 403 for reporters; a unit's
trend is for staff readers and for the unit's own reporter (another unit is not found, 404).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from govscore.imports.history_layout import HistoryRow
from govscore.imports.problems import ImportProblem
from govscore.scoring.findings import Finding
from govscore.scoring.model import Framework
from govscore.scoring.vietnamese import format_number
from govscore.web import access
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.i18n import current_language
from govscore.web.imports import pending
from govscore.web.imports.history import actions, trends
from govscore.web.imports.history.actions import HistoryOutcome, HistoryRefused
from govscore.web.imports.history.models import HistoricalPeriod
from govscore.web.imports.views import problems_table, xlsx_upload_problems
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.uploads import XLSX

# Pending files of a historical import belong to no period yet; period ids start at 1.
PENDING_SLOT = 0
SESSION_KEY = "govscore_history"


def _not_after_this_year(value: int) -> None:
    this_year = timezone.localdate().year
    if value > this_year:
        raise forms.ValidationError(gettext("Năm không được sau năm nay (%(year)s).") % {"year": this_year})


class HistoryImportForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Năm"),
        min_value=actions.FIRST_YEAR,
        validators=[_not_after_this_year],
        error_messages={"required": gettext_lazy("Phải ghi năm.")},
    )
    framework = forms.ModelChoiceField(
        queryset=FrameworkVersion.objects.order_by("code", "version"),
        label=gettext_lazy("Bộ tiêu chí (phiên bản)"),
        error_messages={"required": gettext_lazy("Phải chọn bộ tiêu chí.")},
    )
    title = forms.CharField(label=gettext_lazy("Tên kỳ đánh giá"), max_length=255, required=False)
    file = forms.FileField(
        label=gettext_lazy("Bảng kết quả đã công bố (XLSX theo mẫu)"),
        error_messages={
            "required": gettext_lazy("Phải chọn tệp."),
            "empty": gettext_lazy("Tệp đã chọn rỗng."),
            "invalid": gettext_lazy("Không đọc được tệp đã gửi."),
        },
    )


def _finding_rows(findings: Sequence[Finding], lang: str) -> list[dict[str, str]]:
    return [finding.as_dict(lang) for finding in findings]


def _import_page(
    request: HttpRequest,
    *,
    form: HistoryImportForm | None = None,
    problems: Sequence[ImportProblem] = (),
    errors: Sequence[str] = (),
    status: int = 200,
) -> HttpResponse:
    lang = current_language()
    context = {
        "form": form or HistoryImportForm(),
        "frameworks": FrameworkVersion.objects.order_by("code", "version"),
        "errors": errors,
        **problems_table(problems, lang),
    }
    return render(request, "history/import.html", context, status=status)


@login_required
@require_GET
def history_list(request: HttpRequest) -> HttpResponse:
    access.require_staff_reader(request.user)
    return render(request, "history/list.html", {"histories": actions.historical_periods()})


@login_required
@require_GET
def history_import(request: HttpRequest) -> HttpResponse:
    access.require_administrator(request.user)
    return _import_page(request)


@login_required
@require_GET
def history_template(request: HttpRequest, framework_id: int) -> HttpResponse:
    access.require_administrator(request.user)
    version = get_object_or_404(FrameworkVersion, pk=framework_id)
    response = HttpResponse(actions.template_bytes(version), content_type=XLSX.mime)
    name = f"ket-qua-nam-truoc-{version.code}-{version.version}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{_ascii(name)}"'
    return response


def _ascii(name: str) -> str:
    return "".join(char if char.isascii() and (char.isalnum() or char in "-_.") else "-" for char in name)


@login_required
@require_POST
def history_preview(request: HttpRequest) -> HttpResponse:
    """Validate the whole file and show the table and the check's findings; nothing is written here."""
    access.require_administrator(request.user)
    form = HistoryImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, form=form, status=400)
    problems = xlsx_upload_problems(form.cleaned_data["file"], ImportProblem)
    if problems:
        return _import_page(request, form=form, problems=problems, status=400)
    year, version, title = form.cleaned_data["year"], form.cleaned_data["framework"], form.cleaned_data["title"]
    file = form.cleaned_data["file"]
    data = file.read()
    try:
        outcome = actions.do_import_history(year, version, data, title=title, dry_run=True)
    except HistoryRefused as refused:
        return _import_page(request, form=form, errors=[str(refused)], status=409)
    if not outcome.ok:
        return _import_page(request, form=form, problems=outcome.problems, status=400)
    token = pending.save(request, PENDING_SLOT, data)
    choices = dict(request.session.get(SESSION_KEY) or {})
    choices[token] = {"year": year, "framework": version.pk, "title": title, "name": file.name or ""}
    request.session[SESSION_KEY] = {key: choices[key] for key in list(choices)[-pending.KEEP_PER_SESSION :]}
    return _preview(request, year, version, title, outcome, token)


def _preview(
    request: HttpRequest, year: int, version: FrameworkVersion, title: str, outcome: HistoryOutcome, token: str
) -> HttpResponse:
    lang = current_language()
    framework = version.parsed()
    context = {
        "year": year,
        "version": version,
        "title": title,
        "token": token,
        "count": len(outcome.rows),
        "notes": [note.table_row(lang) for note in outcome.notes],
        "findings": _finding_rows(outcome.findings, lang),
        **_table(framework, outcome.rows),
    }
    return render(request, "history/preview.html", context)


@login_required
@require_POST
def history_confirm(request: HttpRequest) -> HttpResponse:
    """Create the period from the previewed file, with the year, framework and title previewed."""
    access.require_administrator(request.user)
    token = request.POST.get("token", "")
    data = pending.load(request, PENDING_SLOT, token)
    choice = (request.session.get(SESSION_KEY) or {}).get(token)
    version = FrameworkVersion.objects.filter(pk=choice.get("framework")).first() if choice else None
    if data is None or choice is None or version is None:
        message = gettext("Không còn tệp đã xem trước (đã nhập hoặc đã quá hạn). Hãy tải tệp lên lại.")
        return _import_page(request, errors=[message], status=400)
    try:
        outcome = actions.do_import_history(
            int(choice["year"]),
            version,
            data,
            title=str(choice.get("title", "")),
            by=request.user,  # type: ignore[arg-type]
            source_name=str(choice.get("name", "")),
        )
    except HistoryRefused as refused:
        _discard(request, token)
        return _import_page(request, errors=[str(refused)], status=409)
    _discard(request, token)
    if not outcome.ok or outcome.period is None:
        return _import_page(request, problems=outcome.problems, status=400)
    messages.success(
        request,
        gettext("Đã tạo kỳ đánh giá năm %(year)s với kết quả của %(count)s đơn vị; kỳ ở trạng thái đã công bố.")
        % {"year": outcome.period.year, "count": format_number(len(outcome.rows), None, current_language())},
    )
    return redirect("history_period", historical_period_id=outcome.period.pk)


def _discard(request: HttpRequest, token: str) -> None:
    pending.discard(request, token)
    choices = dict(request.session.get(SESSION_KEY) or {})
    if choices.pop(token, None) is not None:
        request.session[SESSION_KEY] = choices


def _historical(request: HttpRequest, period_id: int) -> tuple[EvaluationPeriod, HistoricalPeriod]:
    """The period and where its printed table came from; 404 for a period scored here."""
    access.require_staff_reader(request.user)
    period = access.get_period_for(request.user, period_id)
    history = actions.history_of(period)
    if history is None:
        raise Http404
    return period, history


@login_required
@require_GET
def history_period(request: HttpRequest, historical_period_id: int) -> HttpResponse:
    period, history = _historical(request, historical_period_id)
    framework = period.framework.parsed()
    rows = actions.stored_rows(period)
    lang = current_language()
    findings = actions.findings_for(framework, period.year, rows, period.title)
    context = {
        "period": period,
        "history": history,
        "count": len(rows),
        "findings": _finding_rows(findings, lang),
        **_table(framework, rows),
    }
    return render(request, "history/period.html", context)


@login_required
@require_GET
def history_export(request: HttpRequest, historical_period_id: int) -> HttpResponse:
    period, _history = _historical(request, historical_period_id)
    response = HttpResponse(actions.export_bytes(period), content_type=XLSX.mime)
    response["Content-Disposition"] = f'attachment; filename="ket-qua-{period.year}-ky-{period.pk}.xlsx"'
    return response


def _table(framework: Framework, rows: Sequence[HistoryRow]) -> dict[str, object]:
    """The table as printed, group by group, with a column per criterion some row gives points for."""
    lang = current_language()
    given = {code for row in rows for code in row.published.criteria}
    criteria = [criterion for criterion in framework.walk() if criterion.code in given]
    # A criterion's title heads its column and labels its cell on a phone, where each row is a card.
    headers = [criterion.title or f"{gettext('Tiêu chí')} {criterion.code}" for criterion in criteria]
    codes = [criterion.code for criterion in criteria]
    groups = []
    for name, members in actions.grouped(framework, rows):
        groups.append(
            (
                name,
                [
                    {
                        "row": row,
                        "total": _number(row.published.total, lang),
                        "criteria": [
                            (header, _number(row.published.criteria.get(code), lang))
                            for header, code in zip(headers, codes, strict=True)
                        ],
                    }
                    for row in members
                ],
            )
        )
    return {"groups": groups, "criterion_headers": headers, "framework": framework}


def _number(value: Decimal | None, lang: str) -> str:
    return "" if value is None else format_number(value, None, lang)


@login_required
@require_GET
def unit_trend(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's total, percentage, grade and rank by year, as a chart beside its table, and the criteria
    that moved most since the year before."""
    unit = access.get_unit_for(request.user, unit_id)
    lang = current_language()
    points = trends.unit_trend(unit, lang)
    rows = [
        {
            "point": point,
            "total": _number(point.total, lang),
            "maximum": _number(point.maximum, lang),
            "share": _share(point.total, point.maximum),
            "framework": point.period.framework.parsed(),
        }
        for point in points
    ]
    framework = points[-1].period.framework.parsed() if points else None
    with_criteria = [point for point in points if point.criteria]
    context = {
        "unit": unit,
        "rows": rows,
        "chart": trends.chart(points),
        "moved": [_moved_row(item, lang) for item in trends.moved_criteria(points, framework)],
        "moved_years": [point.year for point in with_criteria[-2:]],
        "can_read_history": access.is_staff_reader(request.user),
    }
    return render(request, "history/trend.html", context)


def _moved_row(item: trends.Moved, lang: str) -> dict[str, str]:
    return {
        "title": item.title,
        "before": _number(item.before, lang),
        "after": _number(item.after, lang),
        "change": change_text(item.change, lang),
    }


def change_text(change: Decimal | None, lang: str) -> str:
    """`▲ 5`, `▼ 2,5`, `=`: the arrow says the direction without colour."""
    if change is None:
        return ""
    if change == 0:
        return "="
    return f"{'▲' if change > 0 else '▼'} {format_number(abs(change), None, lang)}"


@login_required
@require_GET
def province_trends(request: HttpRequest) -> HttpResponse:
    """Every unit's results by year in one table; `?sort=name|change|-change|rank`."""
    access.require_staff_reader(request.user)
    lang = current_language()
    sort = request.GET.get("sort", "name")
    sort = sort if sort in trends.SORTS else "name"
    found = trends.province_trends(lang)
    years = trends.years_of(found)
    rows = [
        {
            "row": row,
            "cells": [_cell(row.by_year.get(year), lang) for year in years],
            "change": change_text(row.change, lang),
            "rank_change": change_text(None if row.rank_change is None else Decimal(row.rank_change), lang),
        }
        for row in trends.province_rows(found, years, sort)
    ]
    context = {"years": years, "rows": rows, "sort": sort, "sorts": _sort_links(years)}
    return render(request, "history/province.html", context)


def _cell(point: trends.TrendPoint | None, lang: str) -> dict[str, object] | None:
    if point is None:
        return None
    return {
        "point": point,
        "total": _number(point.total, lang),
        "percent": _number(point.percent, lang),
        "framework": point.period.framework.parsed(),
    }


def _sort_links(years: Sequence[int]) -> list[tuple[str, str]]:
    links = [
        ("name", gettext("tên đơn vị")),
        ("change", gettext("tăng nhiều nhất")),
        ("-change", gettext("giảm nhiều nhất")),
    ]
    if years:
        links.append(("rank", gettext("hạng năm %(year)s") % {"year": years[-1]}))
    return links


def _share(total: Decimal | None, maximum: Decimal | None) -> str:
    """The total as a share of the maximum, for the bar's width (CSS wants a dot)."""
    if total is None or not maximum:
        return "0"
    share = max(Decimal(0), min(Decimal(100), total / maximum * 100))
    return format(share.quantize(Decimal("0.1")), "f")
