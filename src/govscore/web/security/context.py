"""Template context for the security banner."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def security_context(request: HttpRequest) -> dict[str, object]:
    # Read per request (not at import) so tests can turn two-factor log-in on and off.
    return {"govscore_two_factor_off": not settings.GOVSCORE_REQUIRE_2FA}
