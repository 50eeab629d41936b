from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from govscore.web import access
from govscore.web.accounts.models import Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Reporters land on their unit's calendar in the latest period; everyone else on the periods."""
    period = access.periods_for(request.user).first()
    role = access.role_of(request.user)
    if role == Role.REPORTER and period is not None:
        return redirect("report_calendar", period_id=period.pk, unit_id=access.own_unit_id(request.user))
    if role is not None and period is not None:
        return redirect("ranking", period_id=period.pk)
    return render(request, "ui/home.html", {"period": period})


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
