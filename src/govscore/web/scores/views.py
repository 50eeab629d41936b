from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from govscore.scoring.vietnamese import collation_key
from govscore.web import access
from govscore.web.scores import actions
from govscore.web.scores.forms import ManualScoreForm
from govscore.web.scores.models import ManualScore, Result

SORTS = {
    "rank": lambda r: (r.rank, collation_key(r.unit.name)),
    "name": lambda r: collation_key(r.unit.name),
    "-name": lambda r: collation_key(r.unit.name),
    "total": lambda r: (r.total, collation_key(r.unit.name)),
    "-total": lambda r: (-r.total, collation_key(r.unit.name)),
}


def _lang() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


@login_required
def ranking(request: HttpRequest, period_id: int) -> HttpResponse:
    """The ranked table per group; `?sort=rank|name|-name|total|-total`, `?group=`, `?grade=`."""
    access.require_staff_reader(request.user)
    period = access.get_period_for(request.user, period_id)
    results = list(Result.objects.filter(period=period, unit__in=access.units_for(request.user)).select_related("unit"))
    group_names = {group.code: group.name for group in period.framework.parsed().groups}
    grades = sorted({r.grade for r in results if r.grade})
    group, grade = request.GET.get("group", ""), request.GET.get("grade", "")
    sort = request.GET.get("sort", "rank") if request.GET.get("sort") in SORTS else "rank"
    shown = [r for r in results if (not group or r.group_code == group) and (not grade or r.grade == grade)]
    shown.sort(key=SORTS[sort], reverse=sort == "-name")
    lang = _lang()
    tables = []
    for code in [c for c in group_names if any(r.group_code == c for r in shown)] + sorted(
        {r.group_code for r in shown} - set(group_names)
    ):
        rows = [(r, r.detail_for(lang)) for r in shown if r.group_code == code]
        tables.append((group_names.get(code, code), rows))
    context = {
        "period": period,
        "tables": tables,
        "groups": group_names.items(),
        "grades": grades,
        "group": group,
        "grade": grade,
        "sort": sort,
    }
    return render(request, "scores/ranking.html", context)


@login_required
def unit_detail(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    """A unit's score with its ledger: every point explained by the core."""
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    result = Result.objects.filter(period=period, unit=unit).first()
    lang = _lang()
    context = {
        "period": period,
        "unit": unit,
        "result": result,
        "detail": result.detail_for(lang) if result else None,
        "ledger": result.ledger_for(lang) if result else "",
        "group_size": Result.objects.filter(period=period, group_code=result.group_code).count() if result else 0,
    }
    return render(request, "scores/unit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def manual_scores(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    access.require_score_editor(request.user)
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    framework = period.framework.parsed()
    form = ManualScoreForm(framework=framework)
    status = 200
    if request.method == "POST":
        form = ManualScoreForm(request.POST, framework=framework)
        if form.is_valid():
            data = form.cleaned_data
            problems = actions.check_manual_score(
                period, data["criterion_code"], Decimal(data["points"]), data["reason"]
            )
            for problem in problems:
                form.add_error(None, problem)
            if not problems:
                actions.do_set_manual_score(
                    period,
                    unit,
                    data["criterion_code"],
                    data["points"],
                    data["reason"],
                    request.user,  # type: ignore[arg-type]
                )
                messages.success(request, "Đã lưu điểm chấm tay.")
                return redirect("manual_scores", period_id=period.pk, unit_id=unit.pk)
        status = 400
    scores = ManualScore.objects.filter(period=period, unit=unit).select_related("entered_by")
    context = {"period": period, "unit": unit, "form": form, "scores": scores}
    return render(request, "scores/manual.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def manual_score_delete(request: HttpRequest, period_id: int, unit_id: int, score_id: int) -> HttpResponse:
    access.require_score_editor(request.user)
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    manual = ManualScore.objects.filter(pk=score_id, period=period, unit=unit).first()
    if manual is None:
        raise Http404
    if not period.is_open:
        messages.error(request, "Kỳ đánh giá đã khoá, không sửa được điểm.")
    else:
        actions.do_remove_manual_score(manual)
        messages.success(request, "Đã xoá điểm chấm tay.")
    return redirect("manual_scores", period_id=period.pk, unit_id=unit.pk)
