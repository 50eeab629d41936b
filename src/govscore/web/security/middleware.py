"""Request ids for the logs, the absolute session lifetime, private pages kept out of caches, and two-factor
log-in for staff who change scores."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout, user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from govscore.web import access
from govscore.web.accounts.models import Role
from govscore.web.security import twofactor
from govscore.web.security.logs import REQUEST_ID_HEADER, RequestInfo, current_request, request_id_for

GetResponse = Callable[[HttpRequest], HttpResponse]
logger = logging.getLogger("govscore.security")

# The session key holding the log-in time (seconds since the epoch).
LOGGED_IN_AT = "govscore_logged_in_at"


class RequestLogMiddleware:
    """Gives the request an id (also sent back as X-Request-ID) and makes it known to every log line."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        info = RequestInfo(request_id_for(request), request.method or "", request.path, request)
        request.govscore_log = info  # type: ignore[attr-defined]
        token = current_request.set(info)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response[REQUEST_ID_HEADER] = info.request_id
        return response


@receiver(user_logged_in, dispatch_uid="govscore-logged-in-at")
def _stamp_log_in(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = time.time()


class SessionLifetimeMiddleware:
    """Logs a session out SESSION_COOKIE_AGE after its log-in, however active it was.

    Django's own expiry starts again whenever the session changes; a stolen session cookie must not
    live on for as long as someone keeps using it.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.get(SESSION_KEY) is not None:
            logged_in_at = session.get(LOGGED_IN_AT)
            if not isinstance(logged_in_at, int | float):
                # Sessions from before this rule: their lifetime starts now.
                session[LOGGED_IN_AT] = time.time()
            elif time.time() - logged_in_at > settings.SESSION_COOKIE_AGE:
                logger.info("session ended: %d hours after log-in", settings.SESSION_COOKIE_AGE // 3600)
                logout(request)
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Every answer to a logged-in user is stored by no cache: `Cache-Control: no-store, private` (and
    `no-cache, must-revalidate, max-age=0` for older caches).

    A page or a download behind the log-in holds a unit's data, scores or evidence; kept by a shared
    proxy it would be served to others, kept by the browser of a shared office computer it could be read
    back after log-out. The one place for it, so that no view can forget it. Answers to anonymous
    requests (the public results, the log-in page, static files) stay cacheable.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Read after the view: a log-in makes the user known, a log-out forgets them.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


# Administrators and evaluators change what decides the rankings; leaders only read, reporters only
# touch their own unit.
TWO_FACTOR_ROLES = frozenset({Role.ADMINISTRATOR, Role.EVALUATOR})
# Pages an unverified user must still reach: to leave, to switch language, and the health probe.
TWO_FACTOR_EXEMPT = frozenset({"login", "logout", "set_language", "healthz", "admin:logout"})


class TwoFactorMiddleware:
    """Administrators and evaluators enter a code from their authenticator app before any page.

    The code form answers in place of the page asked for and posts back to the same address, so the
    same rule covers every page, Django admin included, and no page needs an exception in the URLs.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        # Read per request (not at start-up) so tests can turn it on and off.
        if not settings.GOVSCORE_REQUIRE_2FA:
            return None
        user: Any = request.user
        if not user.is_authenticated or access.role_of(user) not in TWO_FACTOR_ROLES:
            return None
        if user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in TWO_FACTOR_EXEMPT:
            return None
        return twofactor.challenge(request)
