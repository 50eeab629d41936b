"""Who may try a password now, and how wrong ones are counted: django-axes' handler, extended.

A browser where a user has logged in with the right password keeps a random token in a cookie (a
trusted browser, `TrustedBrowser`). Its attempts for that user are counted on their own; every other
attempt is counted by address and by user name. With LIMIT = GOVSCORE_LOGIN_FAILURE_LIMIT (5) and the
lock-out time GOVSCORE_LOCKOUT_MINUTES (30):

- a trusted browser: LIMIT wrong passwords there lock that browser for the lock-out time. Nothing done
  anywhere else - a colleague behind the same office address, an attacker anywhere - locks or slows it;
- any other browser:
  - LIMIT wrong passwords for one user name from one address lock that user name on that address
    (django-axes' own rule);
  - GOVSCORE_LOGIN_ADDRESS_LIMIT (20) wrong passwords from one address within the lock-out time,
    whatever the user names, lock that address (one machine trying many accounts);
  - wrong passwords for one user name from many addresses slow the next guess instead of locking the
    account: past 2 × LIMIT of them within 24 hours, the next may come only 1, 2, 4, 8 … seconds after
    the latest, never more than the lock-out time. The owner, in a trusted browser, never waits.
- An attempt refused by any rule checks no password and counts as nothing, so a lock-out ends on time
  however often someone knocks.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db.models import Case, Count, F, Max, Sum, Value, When
from django.http import HttpRequest, HttpResponse

from govscore.web.accounts.models import TrustedBrowser

logger = logging.getLogger("govscore.security")

BROWSER_COOKIE = "govscore_browser"
# A browser not used for the account this long is trusted no more (and its row is dropped).
BROWSER_DAYS = 180
# Wrong passwords for a user name from untrusted browsers are remembered this long for the delay.
DELAY_WINDOW = datetime.timedelta(hours=24)
# How many lock-outs' worth of wrong passwords for a user name go before its guesses start to wait.
FREE_LOCK_OUTS = 2


@dataclass(frozen=True)
class Refusal:
    """Why an attempt was refused before its password was checked, and for how many more seconds.

    kind: "account" (this user name on this address, or this trusted browser), "address" (every user
    name on this address), "wait" (the user name's next guess must wait)."""

    kind: str
    seconds: int


def lock_out_time() -> datetime.timedelta:
    cool_off: datetime.timedelta = settings.AXES_COOLOFF_TIME
    return cool_off


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def guess_delay(failures: int) -> datetime.timedelta:
    """How long after the latest wrong password for a user name (from browsers not trusted for it) the
    next attempt may come: none for the first 2 × LIMIT (someone locked out on one computer logs in at
    once on another), then 1, 2, 4 … seconds, at most the lock-out time."""
    beyond = failures - FREE_LOCK_OUTS * settings.AXES_FAILURE_LIMIT
    if beyond < 0:
        return datetime.timedelta(0)
    cap = lock_out_time()
    # 2**beyond seconds, computed only while below the cap (the exponent could be large).
    return cap if beyond >= math.log2(max(cap.total_seconds(), 1)) else datetime.timedelta(seconds=2**beyond)


def trusted_browser(request: HttpRequest, username: str | None) -> TrustedBrowser | None:
    """The request's trusted browser, when its token is known, recent and for this user name."""
    token = request.COOKIES.get(BROWSER_COOKIE)
    if not token or not username:
        return None
    since = _now(request) - datetime.timedelta(days=BROWSER_DAYS)
    browser = (
        TrustedBrowser.objects.select_related("user")
        .filter(token_hash=token_hash(token), last_login_at__gte=since)
        .first()
    )
    if browser is None or browser.user.get_username() != username:
        return None
    return browser


def _now(request: HttpRequest) -> datetime.datetime:
    # The moment axes stamps the attempt with, so every rule reads the same clock.
    moment: datetime.datetime = request.axes_attempt_time  # type: ignore[attr-defined]
    return moment


def _seconds(delta: datetime.timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))


class LoginThrottle(AxesDatabaseHandler):  # type: ignore[misc]
    """django-axes' database handler (AXES_HANDLER) with the rules above."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        username = get_client_username(request, credentials)
        browser = trusted_browser(request, username)
        request.govscore_browser = browser  # type: ignore[attr-defined]
        refusal = self._refusal(request, credentials, username, browser)
        request.govscore_refusal = refusal  # type: ignore[attr-defined]
        if refusal is not None:
            logger.warning("log-in refused before the password was checked (%s)", refusal.kind)
        return refusal is not None

    def _refusal(
        self,
        request: HttpRequest,
        credentials: dict[str, Any] | None,
        username: str | None,
        browser: TrustedBrowser | None,
    ) -> Refusal | None:
        now, lock_out = _now(request), lock_out_time()
        if browser is not None:
            last = browser.last_failure_at
            if browser.failures >= settings.AXES_FAILURE_LIMIT and last is not None and last > now - lock_out:
                return Refusal("account", _seconds(last + lock_out - now))
            return None
        if super().is_locked(request, credentials):
            return Refusal("account", _seconds(lock_out))
        address = request.axes_ip_address  # type: ignore[attr-defined]
        if address is not None:
            recent = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=now - lock_out)
            failures = recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if failures >= settings.GOVSCORE_LOGIN_ADDRESS_LIMIT:
                return Refusal("address", _seconds(lock_out))
        if username:
            guesses = AccessFailureLog.objects.filter(username=username, attempt_time__gte=now - DELAY_WINDOW)
            seen = guesses.aggregate(count=Count("pk"), latest=Max("attempt_time"))
            delay = guess_delay(seen["count"])
            if delay and seen["latest"] is not None and seen["latest"] + delay > now:
                return Refusal("wait", _seconds(seen["latest"] + delay - now))
        return None

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        browser: TrustedBrowser | None = getattr(request, "govscore_browser", None)
        if request is None or browser is None or request.axes_locked_out:  # type: ignore[attr-defined]
            # Refused attempts are recorded as nothing there (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
            super().user_login_failed(sender, credentials, request, **kwargs)
            return
        # A wrong password in a trusted browser counts for that browser alone.
        now, lock_out = _now(request), lock_out_time()
        TrustedBrowser.objects.filter(pk=browser.pk).update(
            failures=Case(When(last_failure_at__gt=now - lock_out, then=F("failures") + 1), default=Value(1)),
            last_failure_at=now,
        )
        browser.refresh_from_db(fields=["failures", "last_failure_at"])
        logger.warning("log-in failure in a trusted browser (%d of %d)", browser.failures, settings.AXES_FAILURE_LIMIT)
        if browser.failures >= settings.AXES_FAILURE_LIMIT:
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
            request.govscore_refusal = Refusal("account", _seconds(lock_out))  # type: ignore[attr-defined]

    def user_logged_in(self, sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
        super().user_logged_in(sender, request, user, **kwargs)
        # As axes forgets this address's failures for the account, so does the delay: a user who mistyped
        # and then got in is not slowed by it; guesses from elsewhere still count.
        address = request.axes_ip_address  # type: ignore[attr-defined]
        AccessFailureLog.objects.filter(username=user.get_username(), ip_address=address).delete()
        # The browser is remembered by TrustedBrowserMiddleware, which has the response for its cookie
        # (a log-in made in code, as tests do, has none and trusts no browser).
        request.govscore_logged_in = user  # type: ignore[attr-defined]


def remember_browser(request: HttpRequest, response: HttpResponse, user: Any) -> None:
    """Trust the browser that just logged in as `user`: its row refreshed, or a new token for it."""
    now = _now(request)
    browser: TrustedBrowser | None = getattr(request, "govscore_browser", None)
    token = request.COOKIES.get(BROWSER_COOKIE, "")
    if browser is not None and browser.user_id == user.pk:
        TrustedBrowser.objects.filter(pk=browser.pk).update(last_login_at=now, failures=0, last_failure_at=None)
    else:
        # One token per browser: the last account that logged in there (shared office computers).
        token = secrets.token_urlsafe(32)
        TrustedBrowser.objects.filter(last_login_at__lt=now - datetime.timedelta(days=BROWSER_DAYS)).delete()
        TrustedBrowser.objects.create(user=user, token_hash=token_hash(token), last_login_at=now)
    response.set_cookie(
        BROWSER_COOKIE,
        token,
        max_age=BROWSER_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class TrustedBrowserMiddleware:
    """Gives a browser that just logged in its trusted-browser cookie (the log-in itself is seen by the
    handler above, which has no response to set it on)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "govscore_logged_in", None)
        if user is not None and user.is_authenticated:
            remember_browser(request, response, user)
        return response
