"""The dashboard: the landing page of leaders and evaluators."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govscore.scoring.model import Criterion
from govscore.sheets import csv_row
from govscore.web import access
from govscore.web.i18n import current_language
from govscore.web.reports.status import LABELS, as_of
from govscore.web.scores.dashboard import (
    HEAT_STEPS,
    STATUS_MARKS,
    grade_distribution,
    heat_columns,
    heat_rows,
    losses,
    reporting_rows,
)
from govscore.web.scores.models import Result

# Units per page of the heatmaps: a province on one page, a country's units in pages of this size.
PAGE_ROWS = 200


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
        return _heatmap_csv(period.year, columns, results.select_related("unit").order_by("group_code", "rank"))
    ordered = results.select_related("unit", "unit__group").order_by("unit__group__order", "group_code", "rank")
    page = Paginator(ordered, PAGE_ROWS).get_page(request.GET.get("page"))
    rows = heat_rows(columns, page.object_list, current_language())
    units = [row.result.unit for row in rows]
    context = {
        "period": period,
        "framework": framework,
        "grades": grade_distribution(framework, results),
        "columns": columns,
        "heat": rows,
        "heat_steps": range(HEAT_STEPS + 1),
        "losses": losses(columns, results),
        "reporting": reporting_rows(period, units),
        "statuses": [(code, STATUS_MARKS[code], label) for code, label in LABELS.items()],
        "page": page,
        "as_of": as_of(period),
        "months": range(1, 13),
    }
    return render(request, "scores/dashboard.html", context)


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
