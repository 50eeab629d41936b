"""Pages for refused requests: a form without its CSRF token, and a log-in refused after repeated failures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's own page has inline styles (blocked by the CSP) and is English only."""
    # django.security.csrf has already logged the reason; the user needs only what to do.
    return render(request, "security/csrf_failure.html", status=403)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a refused log-in (429 Too Many Requests), saying which rule refused it and
    when to try again (security.throttle)."""
    refusal = getattr(request, "govscore_refusal", None)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    seconds = refusal.seconds if refusal is not None else minutes * 60
    context = {
        "kind": refusal.kind if refusal is not None else "account",
        "minutes": minutes,
        "seconds": seconds,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
