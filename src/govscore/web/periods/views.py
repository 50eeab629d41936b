from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govscore.web import access
from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import as_of, month_status


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    periods = access.periods_for(request.user).select_related("framework", "history")
    return render(request, "periods/list.html", {"periods": periods})


def _default_month(period_year: int, cutoff: datetime.date) -> int:
    """The month whose report is being collected now: the one before the cut-off's month."""
    if cutoff.year > period_year:
        return 12
    return max(1, cutoff.month - 1)


@login_required
def period_overview(request: HttpRequest, period_id: int) -> HttpResponse:
    """Who has not reported for a month (by default the month being collected now)."""
    access.require_staff_reader(request.user)
    period = access.get_period_for(request.user, period_id)
    if period.is_historical:  # no monthly reports were ever collected in govscore for that year
        return redirect("history_period", historical_period_id=period.pk)
    cutoff = as_of(period)
    try:
        month = int(request.GET.get("month", ""))
    except ValueError:
        month = _default_month(period.year, cutoff)
    months = period.reporting_months()  # only the months the framework expects a report for
    month = min(months[-1], max(months[0], month)) if month not in months else month
    units = list(access.units_for(request.user).order_by("group__order", "code"))
    reports = {r.unit_id: r for r in MonthlyReport.objects.filter(period=period, month=month)}
    rows = [(unit, month_status(period, unit, month, reports.get(unit.pk))) for unit in units]
    counts: dict[str, int] = {}
    for _unit, status in rows:
        counts[status.label] = counts.get(status.label, 0) + 1
    not_reported = [
        (unit, status) for unit, status in rows if status.report is None and status.status != "not_expected"
    ]
    context = {
        "period": period,
        "month": month,
        "months": months,
        "counts": sorted(counts.items()),
        "not_reported": not_reported,
        "as_of": cutoff,
    }
    return render(request, "periods/overview.html", context)
