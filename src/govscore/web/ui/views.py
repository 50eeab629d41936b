from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from govscore.web import access
from govscore.web.accounts.models import Role
from govscore.web.ui.setup import checklist, is_complete

logger = logging.getLogger("govscore.health")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Reporters land on their unit's calendar in the latest period; an administrator on the set-up
    checklist while the set-up is incomplete; leaders, evaluators and administrators on the latest
    period's dashboard; anyone else on the periods."""
    period = access.periods_for(request.user).first()
    role = access.role_of(request.user)
    if role == Role.ADMINISTRATOR and not is_complete():
        return redirect("setup_checklist")
    if role in (Role.REPORTER, Role.UNIT_HEAD) and period is not None:
        return redirect("report_calendar", period_id=period.pk, unit_id=access.own_unit_id(request.user))
    if role is not None and period is not None:
        return redirect("dashboard", period_id=period.pk)
    return render(request, "ui/home.html", {"period": period})


@login_required
def setup_checklist(request: HttpRequest) -> HttpResponse:
    access.require_administrator(request.user)
    steps = checklist()
    return render(request, "ui/setup.html", {"steps": steps, "complete": all(step.done for step in steps)})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For monitoring and the load balancer: no log-in, and no detail about a failure (it is logged)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
