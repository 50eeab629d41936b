from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from govscore.scoring.rules.reporting import reporting_rule
from govscore.web import access
from govscore.web.actions import Refused
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.orgs.models import Unit
from govscore.web.periods.actions import do_open_period
from govscore.web.periods.forms import OpenPeriodForm, initial_for
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import as_of, month_status
from govscore.web.scores.mapping import active_in


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
    # The units in force in the period only (docs/units.md); each month's status says which owe it.
    units = list(access.units_for(request.user).filter(active_in(period)).order_by("group__order", "code"))
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


@login_required
@require_http_methods(["GET", "POST"])
def period_open(request: HttpRequest) -> HttpResponse:
    """An administrator opens a year: framework version, data window, closing day; the units in force in
    the window and the framework's monthly-report rule are shown beside the form."""
    access.require_administrator(request.user)
    today = timezone.localdate()
    form = OpenPeriodForm(request.POST or None, initial=initial_for(today.year))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                period = do_open_period(
                    data["year"],
                    data["framework"],
                    title=data["title"],
                    data_from=data["data_from"],
                    data_to=data["data_to"],
                    closes_on=data["closes_on"],
                    by=request.user,
                )
            except Refused as refused:
                for message in refused.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, gettext("Đã mở kỳ đánh giá %(period)s.") % {"period": period})
                return redirect("period_list")
    versions = FrameworkVersion.objects.order_by("-created_at")
    window = _window(form, today.year)
    context = {
        "form": form,
        "rules": [(version, reporting_rule(version.parsed())) for version in versions],
        "units": _units_in_force(*window),
        "window": window,
        "has_framework": versions.exists(),
    }
    return render(request, "periods/open.html", context, status=status)


def _window(form: OpenPeriodForm, year: int) -> tuple[datetime.date, datetime.date]:
    """The data window the page is about: the form's when valid, else the whole of `year`."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    start = data.get("data_from") or datetime.date(year, 1, 1)
    end = data.get("data_to") or datetime.date(year, 12, 31)
    return start, max(start, end)


def _units_in_force(start: datetime.date, end: datetime.date) -> list[Unit]:
    window = EvaluationPeriod(data_from=start, data_to=end)
    return list(Unit.objects.filter(active_in(window)).select_related("group").order_by("group__order", "code"))
