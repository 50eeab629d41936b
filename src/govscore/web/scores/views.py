from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govscore.scoring.collation import search_key
from govscore.scoring.display import percent_text, points_text
from govscore.scoring.grading import grade_position
from govscore.scoring.model import Framework
from govscore.scoring.previous import change_between, rank_move
from govscore.scoring.results import Previous
from govscore.scoring.vietnamese import format_number
from govscore.web import access
from govscore.web.actions import Refused
from govscore.web.audit.versions import Conflict, Notice, VersionConflict, notices
from govscore.web.i18n import current_language
from govscore.web.orgs import lineage
from govscore.web.orgs.groups import group_names
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores import actions
from govscore.web.scores.forms import ManualScoreForm, leaf_choices, version_name
from govscore.web.scores.models import ManualScore, Result
from govscore.web.scores.previous import previous_results
from govscore.web.scores.ranking_export import FORMATS, ranking_download, ranking_rows
from govscore.web.scores.unit_page import ExplainedUnit, unit_version

# Orders of `?sort=` within each group; the name last keeps equal totals in alphabetical order.
ORDERINGS: dict[str, tuple[str, ...]] = {
    "rank": ("unranked", "rank", "name_order"),  # units left out of the ranking after the ranked ones
    "name": ("name_order",),
    "-name": ("-name_order",),
    "total": ("total", "name_order"),
    "-total": ("-total", "name_order"),
}
# Rows of one group per page: a province's ranking is one page, a national one is not one page of 5,000.
PAGE_ROWS = 200
# What a row of the ranking shows.
ROW_FIELDS = (
    *("period_id", "group_code", "total", "max_points", "percent", "grade", "rank", "not_ranked", "name_order"),
    *("unit__id", "unit__code", "unit__name"),
)


@dataclass(frozen=True)
class RankingTable:
    group: str
    title: str
    rows: Sequence[Any]
    page: Page[Any]


@login_required
def ranking(request: HttpRequest, period_id: int) -> HttpResponse:
    """The ranked table per group; `?sort=rank|name|-name|total|-total`, `?group=`, `?grade=`, `?page=`."""
    access.require_staff_reader(request.user)
    period = access.get_period_for(request.user, period_id)
    if period.is_historical:  # results as printed, no scores: the table of that year shows them
        return redirect("history_period", historical_period_id=period.pk)
    framework = period.framework.parsed()
    lang = current_language()
    groups = group_names(framework)
    group, grade = request.GET.get("group", ""), request.GET.get("grade", "")
    sort = request.GET.get("sort", "rank") if request.GET.get("sort") in ORDERINGS else "rank"
    # Each row's criteria (sixty or so per unit) are for the unit's page, not for a table of units.
    visible = (
        Result.objects.filter(period=period, unit__in=access.units_for(request.user))
        .defer("criteria")
        .annotate(unranked=Case(When(rank=0, then=Value(1)), default=Value(0), output_field=IntegerField()))
    )
    present_grades = set(visible.order_by().values_list("grade", flat=True).distinct())
    grades = [code for code in framework.grading.grades() if code in present_grades]
    shown = visible.filter(group_code=group) if group else visible
    shown = shown.filter(grade=grade) if grade else shown
    query = request.GET.get("q", "").strip()[:100]
    if query:
        # Accent-insensitive, as people type on any keyboard: "so y te" finds "Sở Y tế".
        wanted = search_key(query)
        names = shown.values_list("unit_id", "unit__name")
        shown = shown.filter(unit_id__in=[unit for unit, name in names if wanted in search_key(name)])
    present = set(shown.order_by().values_list("group_code", flat=True).distinct())
    codes = [code for code in groups if code in present] + sorted(present - set(groups))
    previous = previous_results(period)
    if (kind := request.GET.get("format", "")) in FORMATS:
        # Every row the filters keep, group after group as on the page, not one page of them.
        place = {code: index for index, code in enumerate(codes)}
        ordered = sorted(shown.order_by(*ORDERINGS[sort]).select_related("unit"), key=lambda r: place[r.group_code])
        return ranking_download(kind, period.year, *ranking_rows(ordered, groups, previous))
    tables = []
    for code in codes:
        rows = shown.filter(group_code=code).order_by(*ORDERINGS[sort]).select_related("unit").only(*ROW_FIELDS)
        page = Paginator(rows, PAGE_ROWS).get_page(request.GET.get("page"))
        for row in page.object_list:
            shown_row(row, framework, lang, previous)
        tables.append(RankingTable(code, groups.get(code, code), page.object_list, page))
    bands = {band.grade: band for band in reversed(list(framework.grading.all_bands()))}
    context = {
        "period": period,
        "framework": framework,
        "tables": tables,
        "groups": groups.items(),
        "grades": [(code, bands[code].label) for code in grades],
        "group": group,
        "grade": grade,
        "q": query,
        "sort": sort,
        "previous_year": next(iter(previous.values())).year if previous else None,
        "row_seconds": 24 * 3600,
    }
    return render(request, "scores/ranking.html", context)


def shown_row(row: Result, framework: Framework, lang: str, previous: Mapping[str, Previous]) -> None:
    """The row's numbers as the table prints them, written once here: a template tag per cell of every
    row is most of the time of a large ranking."""
    before = previous.get(row.unit.code)
    row.change = None if before is None else change_between(row.total, row.rank, before)
    row.move = "" if row.change is None else rank_move(row.change)
    row.previous_total = "" if before is None or before.total is None else points_text(framework, before.total, lang)
    row.points = points_text(framework, row.total, lang)
    row.max_text = format_number(row.max_points, None, lang)
    row.percent_text = percent_text(framework, row.percent, lang)
    row.position = grade_position(framework.grading, row.grade)
    # Everything the row shows: its rendered HTML is kept under this, so a page renders only rows that changed.
    row.version = repr(
        (row.period_id, framework.code, framework.version, lang, row.unit_id, row.unit.name, row.rank)
        + (row.not_ranked, row.points, row.max_text, row.percent_text, row.grade, row.position)
        + (row.previous_total, row.move, None if before is None else before.rank, framework.grading.enabled)
    )


@login_required
def unit_detail(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    """A unit's score with its ledger: every point explained by the core, in the reader's language."""
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    if period.is_historical:
        return redirect("unit_trend", unit_id=unit.pk)
    stored = Result.objects.filter(period=period, unit=unit).defer("criteria").first()
    lang = current_language()
    framework = period.framework.parsed()
    context = {
        "period": period,
        "framework": framework,
        "unit": unit,
        "stored": stored,
        "grade_label": _grade_label(framework, stored) if stored else "",
        "explained": ExplainedUnit(period, unit, stored, lang) if stored else None,
        "cache_key": unit_version(period, unit, stored, lang) if stored else "",
        "cache_seconds": 3600,
        "group_size": Result.objects.filter(period=period, group_code=stored.group_code).count() if stored else 0,
        "lines": lineage.history(unit),
    }
    return render(request, "scores/unit.html", context)


def _grade_label(framework: Framework, stored: Result) -> str:
    """The grade's name in the unit's group (`Tốt` for `A`), as its band states it."""
    for band in framework.grading.bands_for(stored.group_code):
        if band.grade == stored.grade:
            return band.label
    return ""


def _score_initial(scores: list[ManualScore], criterion: str) -> dict[str, object]:
    """`?criterion=` opens the form on that criterion's stored score, to change it."""
    for score in scores:
        if score.criterion_code == criterion:
            return {"criterion_code": criterion, "points": score.points, "reason": score.reason}
    return {}


def _scores(period: EvaluationPeriod, unit: Unit) -> list[ManualScore]:
    return list(ManualScore.objects.filter(period=period, unit=unit).select_related("entered_by"))


def _versions(scores: list[ManualScore]) -> dict[str, int]:
    return {score.criterion_code: score.version for score in scores}


def _score_notices(framework: Framework, conflict: VersionConflict) -> list[Notice]:
    lang = current_language()

    def label(item: Conflict) -> str:
        try:
            return f"{item.key}. {framework.criterion(item.key).title}"
        except KeyError:
            return item.key

    def value(score: ManualScore) -> str:
        return f"{format_number(score.points, lang=lang)} — {score.reason}"

    return notices(conflict.conflicts, label, value)


def _manual_page(
    request: HttpRequest,
    period: EvaluationPeriod,
    unit: Unit,
    form: ManualScoreForm,
    scores: list[ManualScore],
    conflicts: list[Notice] | None = None,
    status: int = 200,
) -> HttpResponse:
    framework = period.framework.parsed()
    rows = [(score, _criterion_title(framework, score.criterion_code)) for score in scores]
    context = {"period": period, "unit": unit, "form": form, "scores": rows, "conflicts": conflicts or []}
    return render(request, "scores/manual.html", context, status=status)


def _criterion_title(framework: Framework, code: str) -> str:
    """A criterion's title, or nothing when the framework has no such code (a score kept from before)."""
    try:
        return framework.criterion(code).title
    except KeyError:
        return ""


@login_required
@require_http_methods(["GET", "POST"])
def manual_scores(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    access.require_score_editor(request.user)
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    framework = period.framework.parsed()
    scores = _scores(period, unit)
    initial = _score_initial(scores, request.GET.get("criterion", ""))
    form = ManualScoreForm(framework=framework, versions=_versions(scores), initial=initial)
    if request.method != "POST":
        return _manual_page(request, period, unit, form, scores)
    form = ManualScoreForm(request.POST, framework=framework, versions=_versions(scores))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_set_manual_score(
                period,
                unit,
                data["criterion_code"],
                Decimal(data["points"]),
                data["reason"],
                request.user,
                expected_version=form.expected_version(),
            )
        except Refused as refused:
            for message in refused.messages:
                form.add_error(None, message)
        except VersionConflict as conflict:
            # Nothing was saved: the user's input again, at the versions stored now, to save over them.
            scores = _scores(period, unit)
            versions = _versions(scores)
            posted = request.POST.copy()
            for code, _title in leaf_choices(framework):
                posted[version_name(code)] = str(versions.get(code, 0))
            form = ManualScoreForm(posted, framework=framework, versions=versions)
            form.is_valid()
            return _manual_page(request, period, unit, form, scores, _score_notices(framework, conflict), 409)
        else:
            messages.success(request, _("Đã lưu điểm chấm tay."))
            return redirect("manual_scores", period_id=period.pk, unit_id=unit.pk)
    return _manual_page(request, period, unit, form, scores, status=400)


def _posted_version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


@login_required
@require_http_methods(["POST"])
def manual_score_delete(request: HttpRequest, period_id: int, unit_id: int, score_id: int) -> HttpResponse:
    access.require_score_editor(request.user)
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    manual = access.get_manual_score_for(request.user, score_id, period, unit)
    try:
        actions.do_remove_manual_score(manual, request.user, expected_version=_posted_version(request))
    except Refused as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect("manual_scores", period_id=period.pk, unit_id=unit.pk)
    except VersionConflict as conflict:
        framework = period.framework.parsed()
        scores = _scores(period, unit)
        form = ManualScoreForm(framework=framework, versions=_versions(scores))
        return _manual_page(request, period, unit, form, scores, _score_notices(framework, conflict), 409)
    messages.success(request, _("Đã xoá điểm chấm tay."))
    return redirect("manual_scores", period_id=period.pk, unit_id=unit.pk)


@login_required
@require_http_methods(["POST"])
def ranking_exclusion(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    """Leave the unit out of the ranking with a reason, or (no reason) rank it again."""
    access.require_score_editor(request.user)
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    reason = request.POST.get("reason", "")
    try:
        actions.do_set_ranking_exclusion(period, unit, reason, request.user)
    except Refused as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect("unit_detail", period_id=period.pk, unit_id=unit.pk)
    if reason.strip():
        messages.success(request, _("Đơn vị không được xếp hạng trong kỳ này."))
    else:
        messages.success(request, _("Đơn vị được xếp hạng lại."))
    return redirect("unit_detail", period_id=period.pk, unit_id=unit.pk)
