from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govscore.scoring.engine import score_unit
from govscore.scoring.ledger import unit_dict
from govscore.scoring.model import Framework
from govscore.scoring.vietnamese import format_number
from govscore.web import access
from govscore.web.actions import Refused
from govscore.web.audit.versions import Conflict, Notice, VersionConflict, notices
from govscore.web.i18n import current_language
from govscore.web.indicators.models import EvidenceFile
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores import actions
from govscore.web.scores.forms import ManualScoreForm, leaf_choices, version_name
from govscore.web.scores.mapping import evaluation_for, framework_of, peer_source
from govscore.web.scores.models import ManualScore, Result

# Orders of `?sort=`; `position` last keeps the core's table order among equals.
ORDERINGS: dict[str, tuple[str, ...]] = {
    "rank": ("rank", "name_order", "position"),
    "name": ("name_order", "position"),
    "-name": ("-name_order", "position"),
    "total": ("total", "name_order", "position"),
    "-total": ("-total", "name_order", "position"),
}
# A unit id no real unit has, reversed once and replaced in the URL of each row.
_UNIT_ID_MARK = 987654321

# (group code, rank, unit id, unit name, grade, grade cell, summary in the page's language)
RankingRow = tuple[str, int, int, str, str, str, dict[str, Any] | None]


class _RowsHtml:
    """The `<tr>` elements of ranking tables, written here rather than in the template.

    The template engine costs some 50 µs a row, too much for a national ranking of thousands of
    units. The output is what the template wrote: escaped text, localized numbers, grade classes.
    Texts repeat a lot between units (sentences, numbers, grades), so each is escaped or formatted
    once per page, with `html.escape` itself (what Django's `escape` calls, without its lazy-string
    checks).
    """

    def __init__(self, period_id: int) -> None:
        head, _mark, tail = reverse("unit_detail", args=[period_id, _UNIT_ID_MARK]).rpartition(str(_UNIT_ID_MARK))
        self.url_head, self.url_tail = html.escape(head), html.escape(tail)
        self.items: dict[str, str] = {}
        self.numbers: dict[tuple[type, object], str] = {}
        self.grade_classes: dict[str, str] = {}

    def number(self, value: object) -> str:
        key = (type(value), value)
        found = self.numbers.get(key)
        if found is None:
            found = self.numbers[key] = "" if value is None else html.escape(str(localize(value)))
        return found

    def grade_class(self, grade: str) -> str:
        found = self.grade_classes.get(grade)
        if found is None:
            found = "grade-aplus" if grade == "A+" else html.escape(f"grade-{slugify(grade)}")
            self.grade_classes[grade] = found
        return found

    def item(self, sentence: str) -> str:
        found = self.items.get(sentence)
        if found is None:
            found = self.items[sentence] = f"<li>{html.escape(sentence)}</li>"
        return found

    def rows(self, rows: list[RankingRow]) -> SafeString:
        number, grade_class, item, escape = self.number, self.grade_class, self.item, html.escape
        out = []
        for _group, rank, unit_id, name, grade, cell, summary in rows:
            d = summary or {}
            good = "".join([item(sentence) for sentence in d.get("good") or ()])
            not_good = "".join([item(sentence) for sentence in d.get("not_good") or ()])
            out.append(
                f"<tr><td>{number(rank)}</td>"
                f'<td><a href="{self.url_head}{unit_id}{self.url_tail}">{escape(name)}</a></td>'
                f'<td class="num">{number(d.get("total"))}/{number(d.get("max"))}</td>'
                f'<td class="num">{number(d.get("percent"))}%</td>'
                f'<td><span class="grade {grade_class(grade)}">{escape(cell)}</span></td>'
                f"<td><ul>{good}</ul></td><td><ul>{not_good}</ul></td></tr>\n"
            )
        # Safe: every text above went through html.escape; ids are integers.
        return mark_safe("".join(out))


@login_required
def ranking(request: HttpRequest, period_id: int) -> HttpResponse:
    """The ranked table per group; `?sort=rank|name|-name|total|-total`, `?group=`, `?grade=`."""
    access.require_staff_reader(request.user)
    period = access.get_period_for(request.user, period_id)
    if period.is_historical:  # results as printed, no scores: the table of that year shows them
        return redirect("history_period", historical_period_id=period.pk)
    group_names = {group.code: group.name for group in framework_of(period.framework).groups}
    group, grade = request.GET.get("group", ""), request.GET.get("grade", "")
    sort = request.GET.get("sort", "rank") if request.GET.get("sort") in ORDERINGS else "rank"
    visible = Result.objects.filter(period=period, unit__in=access.units_for(request.user))
    grades = sorted(set(visible.exclude(grade="").order_by().values_list("grade", flat=True).distinct()))
    shown = visible.filter(group_code=group) if group else visible
    shown = shown.filter(grade=grade) if grade else shown
    # Only the columns a row shows: the criteria and ledgers would cost more than everything else.
    columns = ("group_code", "rank", "unit_id", "unit__name", "grade", "grade_cell")
    by_group: dict[str, list[RankingRow]] = {}
    for row in shown.order_by(*ORDERINGS[sort]).values_list(*columns, Result.summary_in(current_language())):
        by_group.setdefault(row[0], []).append(row)
    codes = [code for code in group_names if code in by_group] + sorted(set(by_group) - set(group_names))
    writer = _RowsHtml(period.pk)
    context = {
        "period": period,
        "tables": [(group_names.get(code, code), writer.rows(by_group[code])) for code in codes],
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
    if period.is_historical:
        return redirect("unit_trend", unit_id=unit.pk)
    result = Result.objects.filter(period=period, unit=unit).first()
    lang = current_language()
    context = {
        "period": period,
        "unit": unit,
        "result": result,
        "detail": result.detail_for(lang) if result else None,
        "group_size": Result.objects.filter(period=period, group_code=result.group_code).count() if result else 0,
        "criteria": _with_evidence(explained_criteria(period, unit, lang), period, unit) if result else [],
    }
    return render(request, "scores/unit.html", context)


def explained_criteria(period: EvaluationPeriod, unit: Unit, lang: str) -> list[dict[str, Any]]:
    """The unit's criteria with inputs and explanations, scored by the core for this unit alone."""
    framework = framework_of(period.framework)
    evaluation = evaluation_for(period, framework, only=unit)
    if not evaluation.units:
        return []
    scored = score_unit(evaluation, unit.code, lang, peers=peer_source(period, framework))
    return list(unit_dict(scored.units[0], scored, lang)["criteria"])  # type: ignore[call-overload]


def _with_evidence(criteria: list[dict[str, Any]], period: EvaluationPeriod, unit: Unit) -> list[dict[str, Any]]:
    """Each criterion's inputs as (code, description, evidence files), so every input links to its proof."""
    evidence = _evidence_by_indicator(period, unit)

    titles = {indicator.code: indicator.title for indicator in framework_of(period.framework).indicators}

    def input_rows(inputs: dict[str, str]) -> list[tuple[str, str, list[EvidenceFile]]]:
        return [(titles.get(code, code), text, evidence.get(code, [])) for code, text in inputs.items()]

    return [{**criterion, "input_rows": input_rows(criterion["inputs"])} for criterion in criteria]


def _evidence_by_indicator(period: EvaluationPeriod, unit: Unit) -> dict[str, list[EvidenceFile]]:
    """The unit's evidence files by indicator code, so each input in the ledger links to its proof."""
    files = EvidenceFile.objects.filter(indicator_value__period=period, indicator_value__unit=unit).select_related(
        "indicator_value"
    )
    grouped: dict[str, list[EvidenceFile]] = {}
    for item in files:
        grouped.setdefault(item.indicator_value.code, []).append(item)
    return grouped


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
    context = {"period": period, "unit": unit, "form": form, "scores": scores, "conflicts": conflicts or []}
    return render(request, "scores/manual.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def manual_scores(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    access.require_score_editor(request.user)
    period = access.get_period_for(request.user, period_id)
    unit = access.get_unit_for(request.user, unit_id)
    framework = framework_of(period.framework)
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
        framework = framework_of(period.framework)
        scores = _scores(period, unit)
        form = ManualScoreForm(framework=framework, versions=_versions(scores))
        return _manual_page(request, period, unit, form, scores, _score_notices(framework, conflict), 409)
    messages.success(request, _("Đã xoá điểm chấm tay."))
    return redirect("manual_scores", period_id=period.pk, unit_id=unit.pk)
