"""The period the menu's links point to, so a role sees the same menu on every page.

The page's own period when its address names one (the view has checked it, so this costs no query);
otherwise the latest period with data, so pages without a period (the periods, past results, the audit
trail, the public pages) keep the links a role has everywhere else.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from govscore.web import access


def navigation_context(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or access.role_of(user) is None:
        return {}
    match = request.resolver_match
    named = match.kwargs.get("period_id") if match is not None else None
    if isinstance(named, int):
        return {"govscore_nav_period": named}
    latest = access.periods_for(user).filter(history__isnull=True).values_list("pk", flat=True).first()
    return {"govscore_nav_period": latest}
