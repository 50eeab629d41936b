"""Production hardening as a user and an attacker meet it: passwords, sessions, security headers on every
page, CSRF on every URL, log-in lock-out, two-factor log-in for staff who change scores, the health
endpoint and the JSON logs."""

from __future__ import annotations

import base64
import json
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar
from unittest import mock

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory, SimpleTestCase, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from govscore.web import settings as project_settings
from govscore.web.audit.models import AuditEntry
from govscore.web.periods.actions import do_close
from govscore.web.publications.actions import do_publish
from govscore.web.publications.models import Publication
from govscore.web.security.logs import JsonFormatter, RequestInfo
from govscore.web.security.middleware import LOGGED_IN_AT

from . import test_urls as url_audit
from .base import PASSWORD, BaseTestCase, fill_draft

BANNER = "Xác thực hai bước đang tắt"
CHALLENGE = "security/two_factor.html"
TOKEN_FIELD = "govscore_otp-token"


def every_url(case: BaseTestCase) -> list[str]:
    """Every named URL (Django admin aside), with parameters pointing at the reporter's own unit.

    The values come from the URL audit's `kwargs_for`; a parameter it does not know yet gets 1: the
    checks here (headers, CSRF) do not depend on the object existing.
    """
    urls = []
    for name, params in url_audit.named_patterns():
        kwargs: dict[str, int | str] = {}
        for param in params:
            try:
                kwargs.update(url_audit.EveryUrlTests.kwargs_for(case, frozenset({param}), True))  # type: ignore[arg-type]
            except KeyError:
                kwargs[param] = 1
        urls.append(reverse(name, kwargs=kwargs))
    return [*urls, reverse("admin:index"), reverse("admin:login")]


@contextmanager
def json_lines(logger_name: str) -> Iterator[list[dict[str, Any]]]:
    """The logger's lines as production writes them: formatted when logged, within the request."""
    lines: list[dict[str, Any]] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    target = logging.getLogger(logger_name)
    level = target.level
    target.addHandler(handler)
    target.setLevel(logging.INFO)
    try:
        yield lines
    finally:
        target.removeHandler(handler)
        target.setLevel(level)


def code_for(key: bytes) -> str:
    """The code an authenticator app holding `key` shows right now."""
    return f"{totp(key):06d}"


def current_token(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows right now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


class PasswordTests(SimpleTestCase):
    def test_new_passwords_are_hashed_with_argon2(self) -> None:
        # The test run swaps in a fast hasher; the project's own list is what production uses.
        with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
            hashed = make_password("mưa-rào-tháng-sáu-42")
            self.assertTrue(hashed.startswith("argon2$"), hashed)
            self.assertTrue(check_password("mưa-rào-tháng-sáu-42", hashed))

    def test_the_policy_refuses_short_common_numeric_and_look_alike_passwords(self) -> None:
        user = User(username="nguyenvanbinh", first_name="Bình", email="binh@stttt.example.vn")
        for weak in ("ngan-qua", "password123", "20122012201", "nguyenvanbinh1"):
            with self.subTest(password=weak), self.assertRaises(ValidationError):
                validate_password(weak, user)
        validate_password("mưa-rào-tháng-sáu-42", user)


class SecuredPagesTestCase(BaseTestCase):
    """The web tests' cast with a published edition, so the public pages have something to show."""

    publication: ClassVar[Publication]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        fill_draft(cls.period)
        do_close(cls.period)
        cls.publication = do_publish(cls.period, cls.admin)


class SecurityHeaderTests(SecuredPagesTestCase):
    def assert_secured(self, response: HttpResponse, url: str) -> None:
        policy = response.headers.get("Content-Security-Policy", "")
        self.assertIn("script-src 'self'", policy, url)
        self.assertIn("style-src 'self'", policy, url)
        self.assertIn("frame-ancestors 'none'", policy, url)
        self.assertNotIn("unsafe-inline", policy, url)
        self.assertNotIn("unsafe-eval", policy, url)
        self.assertEqual(response.headers.get("X-Content-Type-Options"), "nosniff", url)
        self.assertEqual(response.headers.get("X-Frame-Options"), "DENY", url)
        self.assertEqual(response.headers.get("Referrer-Policy"), "same-origin", url)
        self.assertRegex(response.headers.get("X-Request-ID", ""), r"^[0-9a-f]{32}$", url)

    def assert_not_stored(self, response: HttpResponse, url: str) -> None:
        """Behind the log-in: no browser or proxy may keep the answer (pages and private downloads)."""
        control = {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}
        self.assertLessEqual({"no-store", "private"}, control, url)

    def test_every_page_sends_the_security_headers(self) -> None:
        urls = [*every_url(self), "/khong-co-trang-nay/"]
        for role in ("anonymous", "admin", "evaluator", "leader", "reporter"):
            self.login(None if role == "anonymous" else getattr(self, role))
            for url in urls:
                with self.subTest(role=role, url=url):
                    response = self.client.get(url)
                    self.assert_secured(response, url)
                    if role != "anonymous":
                        self.assert_not_stored(response, url)
                    elif url.startswith("/public/"):
                        # The published results stay cacheable for everyone else.
                        self.assertNotIn("no-store", response.headers.get("Cache-Control", ""), url)

    def test_private_downloads_are_not_stored(self) -> None:
        self.login(self.reporter)
        downloads = (
            reverse("report_attachment", args=[self.syt_report.pk]),
            reverse("evidence_download", args=[self.syt_evidence.pk]),
        )
        for url in downloads:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assert_not_stored(response, url)
        self.login(self.admin)
        for url in (reverse("imports_template", args=[self.period.pk]), reverse("audit_export")):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assert_not_stored(response, url)

    def test_the_pages_use_no_inline_script_or_style(self) -> None:
        # The CSP would block them: a page relying on one would silently break.
        self.login(self.admin)
        for url in (reverse("ranking", args=[self.period.pk]), reverse("login"), reverse("public_index")):
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                self.assertNotRegex(html, r"<script(?![^>]*\bsrc=)[^>]*>")
                self.assertNotIn("<style", html)
                self.assertNotRegex(html, r"\sstyle=|\son[a-z]+=")


class CsrfTests(SecuredPagesTestCase):
    def test_every_url_refuses_a_post_without_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.admin)
        for url in every_url(self):
            with self.subTest(url=url):
                response = client.post(url, {"username": "admin", "password": PASSWORD, "language": "en"})
                self.assertEqual(response.status_code, 403)
                self.assertTemplateUsed(response, "security/csrf_failure.html")

    def test_the_log_in_form_refuses_a_post_without_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = client.post(reverse("login"), {"username": "admin", "password": PASSWORD})
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Yêu cầu bị từ chối", status_code=403)
        self.assertNotIn("_auth_user_id", client.session)


class SessionTests(BaseTestCase):
    def log_in_with_the_form(self, username: str = "evaluator") -> HttpResponse:
        return self.client.post(reverse("login"), {"username": username, "password": PASSWORD})

    def test_the_session_cookie_is_http_only_same_site_and_ends_with_the_browser(self) -> None:
        response = self.log_in_with_the_form()
        self.assertEqual(response.status_code, 302)
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")
        self.assertEqual(cookie["expires"], "")
        self.assertEqual(cookie["max-age"], "")

    @override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
    def test_the_cookies_are_secure_when_asked(self) -> None:
        page = self.client.get(reverse("login"))
        self.assertTrue(page.cookies[settings.CSRF_COOKIE_NAME]["secure"])
        self.assertTrue(page.cookies[settings.CSRF_COOKIE_NAME]["httponly"])
        response = self.log_in_with_the_form()
        self.assertTrue(response.cookies[settings.SESSION_COOKIE_NAME]["secure"])

    def test_a_session_ends_eight_hours_after_log_in_however_busy(self) -> None:
        self.assertEqual(settings.SESSION_COOKIE_AGE, 8 * 3600)
        self.log_in_with_the_form()
        ranking = reverse("ranking", args=[self.period.pk])
        self.assertEqual(self.client.get(ranking).status_code, 200)
        session = self.client.session
        session[LOGGED_IN_AT] = time.time() - 8 * 3600 + 60
        session.save()
        self.assertEqual(self.client.get(ranking).status_code, 200)
        session = self.client.session
        session[LOGGED_IN_AT] = time.time() - 8 * 3600 - 60
        session.save()
        response = self.client.get(ranking)
        self.assertRedirects(response, f"{reverse('login')}?next={ranking}")
        self.assertNotIn("_auth_user_id", self.client.session)


class LockOutTests(BaseTestCase):
    ADDRESS, OTHER_ADDRESS = "192.0.2.10", "198.51.100.7"

    def attempt(self, password: str, address: str = ADDRESS) -> HttpResponse:
        data = {"username": "evaluator", "password": password}
        return self.client.post(reverse("login"), data, REMOTE_ADDR=address)

    def test_five_failures_lock_the_user_name_on_that_address_for_thirty_minutes(self) -> None:
        with self.assertLogs("axes", level="WARNING") as logs:
            statuses = [self.attempt("sai-mat-khau").status_code for _ in range(5)]
        self.assertEqual(statuses, [200, 200, 200, 200, 429])
        self.assertIn("login failure", "\n".join(logs.output))
        # Locked: even the right password is refused, with the Vietnamese page.
        response = self.attempt(PASSWORD)
        self.assertContains(response, "Tạm khóa đăng nhập", status_code=429)
        self.assertContains(response, "30 phút", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
        # The same user name from another address is not locked out.
        self.assertEqual(self.attempt(PASSWORD, self.OTHER_ADDRESS).status_code, 302)

    def test_a_successful_log_in_forgets_the_earlier_failures(self) -> None:
        for _ in range(4):
            self.attempt("sai-mat-khau")
        self.assertEqual(self.attempt(PASSWORD).status_code, 302)
        self.client.logout()
        self.assertEqual([self.attempt("sai-mat-khau").status_code for _ in range(4)], [200] * 4)


@override_settings(GOVSCORE_REQUIRE_2FA=True)
class TwoFactorTests(BaseTestCase):
    def log_in_with_the_form(self, username: str) -> None:
        response = self.client.post(reverse("login"), {"username": username, "password": PASSWORD})
        self.assertEqual(response.status_code, 302)

    def ranking(self) -> str:
        return reverse("ranking", args=[self.period.pk])

    def confirmed_device(self, user: User) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="govscore", confirmed=True)

    def test_an_evaluator_with_only_the_password_cannot_open_the_ranking(self) -> None:
        self.confirmed_device(self.evaluator)
        self.log_in_with_the_form("evaluator")
        response = self.client.get(self.ranking())
        self.assertEqual(response.status_code, 403)
        self.assertTemplateUsed(response, CHALLENGE)
        self.assertTemplateNotUsed(response, "scores/ranking.html")
        self.assertContains(response, "Xác thực hai bước", status_code=403)
        self.assertNotContains(response, "Khóa bí mật", status_code=403)
        self.assertNotContains(response, BANNER, status_code=403)
        # Nor can it write: a POST gets the code form, the view never runs.
        url = reverse("manual_scores", args=[self.period.pk, self.syt.pk])
        post = self.client.post(url, {"criterion_code": "5", "points": "1", "reason": "x"})
        self.assertTemplateUsed(post, CHALLENGE)
        self.syt_score.refresh_from_db()
        self.assertEqual(self.syt_score.points, 100)

    def test_a_valid_code_opens_the_ranking_for_the_rest_of_the_session(self) -> None:
        device = self.confirmed_device(self.evaluator)
        self.log_in_with_the_form("evaluator")
        session_before = self.client.session.session_key
        response = self.client.post(self.ranking(), {TOKEN_FIELD: current_token(device)})
        self.assertRedirects(response, self.ranking(), status_code=303)
        self.assertNotEqual(self.client.session.session_key, session_before)
        page = self.client.get(self.ranking())
        self.assertEqual(page.status_code, 200)
        self.assertTemplateUsed(page, "scores/ranking.html")
        self.assertEqual(self.client.get(reverse("period_overview", args=[self.period.pk])).status_code, 200)

    # A long throttle delay, so the retry below falls within it however slow the machine.
    @override_settings(OTP_TOTP_THROTTLE_FACTOR=60)
    def test_a_wrong_code_is_refused_and_logged(self) -> None:
        device = self.confirmed_device(self.evaluator)
        self.log_in_with_the_form("evaluator")
        wrong = f"{(int(current_token(device)) + 1) % 1_000_000:06d}"
        with json_lines("govscore.security") as lines:
            response = self.client.post(self.ranking(), {TOKEN_FIELD: wrong})
        self.assertContains(response, "Mã xác thực không đúng", status_code=403)
        # The log line names who and where, without the code.
        [line] = [line for line in lines if line["level"] == "WARNING"]
        self.assertEqual((line["user"], line["path"], line["method"]), ("evaluator", self.ranking(), "POST"))
        self.assertNotIn(wrong, json.dumps(line))
        self.assertEqual(self.client.get(self.ranking()).status_code, 403)
        # Throttled: right after a failure even the right code must wait.
        retry = self.client.post(self.ranking(), {TOKEN_FIELD: current_token(device)})
        self.assertContains(retry, "đợi một lát", status_code=403)

    def shown_secret(self, response: HttpResponse) -> bytes:
        return base64.b32decode(response.context["secret"].replace(" ", ""))

    def test_a_user_without_a_device_enrols_with_the_first_code(self) -> None:
        self.log_in_with_the_form("evaluator")
        response = self.client.get(self.ranking())
        self.assertContains(response, "Khóa bí mật", status_code=403)
        self.assertContains(response, "<svg", status_code=403)
        self.assertIn("no-store", response.headers["Cache-Control"])
        # Showing the secret stores nothing: the device exists only once a code proves the app has it.
        self.assertFalse(TOTPDevice.objects.filter(user=self.evaluator).exists())
        key = self.shown_secret(response)
        wrong = self.client.post(self.ranking(), {TOKEN_FIELD: "000000"})
        self.assertContains(wrong, "không đúng", status_code=403)
        self.assertEqual(self.shown_secret(wrong), key, "a wrong code keeps the attempt's secret")
        done = self.client.post(self.ranking(), {TOKEN_FIELD: code_for(key)})
        self.assertRedirects(done, self.ranking(), status_code=303)
        device = TOTPDevice.objects.get(user=self.evaluator)
        self.assertEqual((device.confirmed, device.bin_key), (True, key))
        self.assertEqual(self.client.get(self.ranking()).status_code, 200)
        # Once enrolled, the secret is never shown again, not even in a new session.
        self.client.logout()
        self.log_in_with_the_form("evaluator")
        self.assertNotContains(self.client.get(self.ranking()), "Khóa bí mật", status_code=403)
        # The trail has the device confirmed, never its secret; checking codes adds nothing.
        rows = AuditEntry.objects.filter(model="otp_totp.totpdevice", object_id=str(device.pk)).order_by("pk")
        self.assertEqual(
            [(row.action, row.actor, row.new.get("confirmed")) for row in rows], [("create", "evaluator", True)]
        )
        self.assertEqual(rows[0].new["key"], "••••••")
        self.assertNotIn(device.key, json.dumps([row.new for row in rows]))

    def test_a_secret_seen_by_someone_else_never_logs_in(self) -> None:
        """Someone who knows the password looks first; the real user enrols afterwards: the first
        secret is worth nothing, because every showing of the form has its own."""
        self.log_in_with_the_form("evaluator")
        stolen = self.shown_secret(self.client.get(self.ranking()))
        self.client.logout()
        owner = Client()
        owner.post(reverse("login"), {"username": "evaluator", "password": PASSWORD})
        key = base64.b32decode(owner.get(self.ranking()).context["secret"].replace(" ", ""))
        self.assertNotEqual(key, stolen)
        self.assertEqual(owner.post(self.ranking(), {TOKEN_FIELD: code_for(key)}).status_code, 303)
        self.log_in_with_the_form("evaluator")
        refused = self.client.post(self.ranking(), {TOKEN_FIELD: code_for(stolen)})
        self.assertContains(refused, "không đúng", status_code=403)
        self.assertEqual(self.client.get(self.ranking()).status_code, 403)

    def test_a_reload_shows_a_new_secret_and_a_reset_device_is_not_reused(self) -> None:
        self.log_in_with_the_form("evaluator")
        first = self.shown_secret(self.client.get(self.ranking()))
        second = self.shown_secret(self.client.get(self.ranking()))
        self.assertNotEqual(first, second)
        self.assertEqual(self.client.post(self.ranking(), {TOKEN_FIELD: code_for(first)}).status_code, 403)
        self.assertEqual(self.client.post(self.ranking(), {TOKEN_FIELD: code_for(second)}).status_code, 303)
        # The administrator deletes the device (a lost phone): the next enrolment has a new secret.
        TOTPDevice.objects.filter(user=self.evaluator).delete()
        self.client.logout()
        self.log_in_with_the_form("evaluator")
        self.assertNotEqual(self.shown_secret(self.client.get(self.ranking())), second)

    def test_administrators_are_asked_everywhere_django_admin_included(self) -> None:
        self.login(self.admin)
        for url in (reverse("publication_manage", args=[self.period.pk]), reverse("admin:index")):
            with self.subTest(url=url):
                self.assertTemplateUsed(self.client.get(url), CHALLENGE)

    def test_leaders_and_reporters_are_not_asked(self) -> None:
        self.log_in_with_the_form("leader")
        self.assertEqual(self.client.get(self.ranking()).status_code, 200)
        self.client.logout()
        self.log_in_with_the_form("reporter")
        calendar = reverse("report_calendar", args=[self.period.pk, self.syt.pk])
        self.assertEqual(self.client.get(calendar).status_code, 200)
        self.assertFalse(TOTPDevice.objects.exists())

    def test_an_unverified_user_can_still_log_out_and_reach_the_health_check(self) -> None:
        self.login(self.evaluator)
        self.assertEqual(self.client.get(reverse("healthz")).status_code, 200)
        self.assertRedirects(self.client.post(reverse("logout")), reverse("login"), fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_code_posted_without_the_csrf_token_is_refused(self) -> None:
        device = self.confirmed_device(self.evaluator)
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.evaluator)
        response = client.post(self.ranking(), {TOKEN_FIELD: current_token(device)})
        self.assertTemplateUsed(response, "security/csrf_failure.html")
        self.assertEqual(client.get(self.ranking()).status_code, 403)

    def test_no_banner_when_two_factor_log_in_is_on(self) -> None:
        self.assertNotContains(self.client.get(reverse("login")), BANNER)
        with override_settings(GOVSCORE_REQUIRE_2FA=False):
            self.assertContains(self.client.get(reverse("login")), BANNER)


class TwoFactorOffTests(BaseTestCase):
    """Outside production (the demo, these tests) two-factor log-in is off, and every page says so."""

    def test_staff_go_straight_in_and_every_page_shows_the_banner(self) -> None:
        self.assertFalse(settings.GOVSCORE_REQUIRE_2FA)
        self.login(self.evaluator)
        response = self.client.get(reverse("ranking", args=[self.period.pk]))
        self.assertContains(response, BANNER)
        self.login(None)
        self.assertContains(self.client.get(reverse("public_index")), BANNER)


class HealthTests(BaseTestCase):
    def test_it_answers_ok_when_the_database_answers(self) -> None:
        response = self.client.get(reverse("healthz"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok", "database": "ok"})
        self.assertIn("no-cache", response.headers["Cache-Control"])

    def test_it_answers_503_and_logs_when_the_database_does_not(self) -> None:
        broken = mock.patch("govscore.web.ui.views.connection.cursor", side_effect=OperationalError("no route"))
        with (
            broken,
            self.assertLogs("django.request", level="ERROR") as request_logs,
            self.assertLogs("govscore.health", level="ERROR"),
        ):
            response = self.client.get(reverse("healthz"))
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"status": "error", "database": "error"})
        self.assertNotIn("no route", response.content.decode())
        # The 503 becomes one JSON line with the request's id, path and status.
        line = json.loads(JsonFormatter().format(request_logs.records[0]))
        self.assertEqual(line["status"], 503)
        self.assertEqual(line["path"], "/healthz/")
        self.assertEqual(line["level"], "ERROR")
        self.assertEqual(line["request_id"], response.headers["X-Request-ID"])


class JsonLogTests(SimpleTestCase):
    def record(self, message: str, *args: Any, **extra: Any) -> logging.LogRecord:
        record = logging.LogRecord("govscore.test", logging.WARNING, __file__, 1, message, args, None)
        record.__dict__.update(extra)
        return record

    def test_a_line_is_one_json_object_with_the_request_details(self) -> None:
        request = RequestFactory().post("/periods/1/ranking/")
        request.user = User(username="evaluator")
        request.govscore_log = RequestInfo("abc123", "POST", "/periods/1/ranking/", request)  # type: ignore[attr-defined]
        line = JsonFormatter().format(self.record("Không lưu được %s", "điểm", request=request, status_code=500))
        self.assertNotIn("\n", line)
        data = json.loads(line)
        self.assertEqual(data["message"], "Không lưu được điểm")
        self.assertEqual(data["level"], "WARNING")
        self.assertEqual(data["logger"], "govscore.test")
        self.assertEqual(
            (data["request_id"], data["method"], data["path"], data["user"], data["status"]),
            ("abc123", "POST", "/periods/1/ranking/", "evaluator", 500),
        )
        self.assertRegex(data["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$")

    def test_an_exception_is_kept_in_the_same_line(self) -> None:
        try:
            raise ValueError("hỏng")
        except ValueError:
            record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), exc_info=sys.exc_info())
        data = json.loads(JsonFormatter().format(record))
        self.assertIn("ValueError: hỏng", data["exception"])

    def test_gunicorn_access_lines_become_fields(self) -> None:
        atoms = {"m": "GET", "U": "/healthz/", "s": "200", "M": 3, "h": "127.0.0.1", "{x-request-id}o": "r1"}
        record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s %(r)s", (atoms,), None)
        data = json.loads(JsonFormatter().format(record))
        self.assertEqual(
            (data["method"], data["path"], data["status"], data["duration_ms"], data["request_id"]),
            ("GET", "/healthz/", 200, 3, "r1"),
        )


class RequestIdTests(BaseTestCase):
    def test_it_keeps_the_proxys_request_id_and_replaces_anything_else(self) -> None:
        url = reverse("healthz")
        given = "0123456789abcdef0123456789abcdef"
        self.assertEqual(self.client.get(url, HTTP_X_REQUEST_ID=given).headers["X-Request-ID"], given)
        forged = self.client.get(url, HTTP_X_REQUEST_ID='x" injected\nline').headers["X-Request-ID"]
        self.assertRegex(forged, r"^[0-9a-f]{32}$")
