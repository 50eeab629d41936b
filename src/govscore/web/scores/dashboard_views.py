"""The dashboard: the landing page of leaders and evaluators."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govscore.scoring.model import Criterion
from govscore.sheets import csv_row
from govscore.web import access
from govscore.web.audit.models import AuditEntry
from govscore.web.i18n import current_language
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import LABELS, as_of
from govscore.web.scores.dashboard import (
    HEAT_STEPS,
    STATUS_MARKS,
    HeatRow,
    ReportingRow,
    grade_distribution,
    group_heat_rows,
    heat_columns,
    heat_rows,
    losses,
    reporting_rows,
    with_shares,
)
from govscore.web.scores.models import Result

# Units per page of the heatmaps: a province on one page, a country's units in pages of this size.
PAGE_ROWS = 200
# How long a rendered dashboard is kept; its key changes with every write anyway (`data_version`).
CACHE_SECONDS = 600


@login_required
def dashboard(request: HttpRequest, period_id: int) -> HttpResponse:
    access.require_staff_reader(request.user)
    period = access.get_period_for(request.user, period_id)
    if period.is_historical:
        return redirect("history_period", historical_period_id=period.pk)
    framework = period.framework.parsed()
    results = Result.objects.filter(period=period, unit__in=access.units_for(request.user))
    columns = heat_columns(framework)
    if request.GET.get("format") == "csv":
        ordered = with_shares(results, columns).select_related("unit").order_by("group_code", "rank")
        return _heatmap_csv(period.year, columns, ordered)
    ordered = (
        with_shares(results, columns)
        .select_related("unit", "unit__group")
        .order_by("unit__group__order", "group_code", "rank")
    )
    lang, today = current_language(), as_of(period)
    paged = _Paged(ordered, request.GET.get("page"))

    def heat() -> list[HeatRow]:
        return heat_rows(columns, paged.page.object_list, lang)

    def reporting() -> list[ReportingRow]:
        return reporting_rows(period, [result.unit for result in paged.page.object_list])

    # The template renders these inside a fragment cache keyed by the data's version: the functions run
    # (and query) only when something changed since the last render.
    context = {
        "period": period,
        "framework": framework,
        "cache_key": f"{data_version(period, results)}:{lang}:{today}:{paged.number}",
        "cache_seconds": CACHE_SECONDS,
        "row_seconds": 24 * 3600,
        "grades": lambda: grade_distribution(framework, results),
        "columns": columns,
        "heat": heat,
        "group_heat": lambda: group_heat_rows(framework, columns, results, lang),
        "heat_steps": range(HEAT_STEPS + 1),
        "losses": lambda: losses(columns, results),
        "reporting": reporting,
        "statuses": [(code, STATUS_MARKS[code], label) for code, label in LABELS.items()],
        "page": lambda: paged.page,
        "as_of": today,
        "months": range(1, 13),
    }
    return render(request, "scores/dashboard.html", context)


class _Paged:
    """The heatmaps' page, counted and read only when a render needs it (not on a cached one)."""

    def __init__(self, ordered: QuerySet[Result], number: str | None) -> None:
        self.ordered = ordered
        self.number = number if number and number.isdigit() else "1"
        self._page: Page[Result] | None = None

    @property
    def page(self) -> Page[Result]:
        if self._page is None:
            self._page = Paginator(self.ordered, PAGE_ROWS).get_page(self.number)
        return self._page


def data_version(period: EvaluationPeriod, results: QuerySet[Result]) -> str:
    """What the dashboard shows has changed when this changes: every write is audited (names, reports,
    values, scores: the audit trail's last row), and rescoring, which writes results in bulk without
    signals, leaves new ids or new `computed_at` stamps on the results it stores."""
    audited = AuditEntry.objects.aggregate(last=Max("pk"))["last"]
    stored = results.aggregate(count=Count("pk"), last=Max("pk"), computed=Max("computed_at"))
    reports = MonthlyReport.objects.filter(period=period).aggregate(count=Count("pk"), last=Max("pk"))
    return (
        f"dashboard:{period.pk}:{audited}:{stored['count']}:{stored['last']}:{stored['computed']}"
        f":{reports['count']}:{reports['last']}"
    )


def _heatmap_csv(year: int, columns: list[Criterion], results: Iterable[Result]) -> HttpResponse:
    """Every unit's share of each criterion's max (0–1), for a spreadsheet: the heatmap's data."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        csv_row(["unit_code", "unit", "group", "rank", "total", "percent", "grade", *(c.code for c in columns)])
    )
    for row in heat_rows(columns, results):
        result = row.result
        shares = ["" if cell.share is None else f"{cell.share:.4f}" for cell in row.cells]
        writer.writerow(
            [
                result.unit.code,
                result.unit.name,
                result.group_code,
                result.rank or "",
                result.total,
                result.percent,
                result.grade,
                *shares,
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="diem-theo-tieu-chi-{year}.csv"'
    return response
