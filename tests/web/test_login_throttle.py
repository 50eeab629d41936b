"""Log-in throttling as an attacker and an account's owner meet it: one address trying many accounts is
locked out, one account tried from many addresses makes every next guess wait longer, and a browser where
the owner has logged in before is neither locked out nor slowed by what others do (security.throttle)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator

import time_machine
from axes.models import AccessFailureLog
from django.test import Client, override_settings
from django.urls import reverse

from govscore.web.accounts.models import TrustedBrowser
from govscore.web.security.throttle import BROWSER_COOKIE, BROWSER_DAYS, guess_delay

from .base import PASSWORD, BaseTestCase

START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
OFFICE, ELSEWHERE = "192.0.2.10", "203.0.113.77"


def addresses() -> Iterator[str]:
    """A botnet's addresses: a new one for every guess."""
    for high in range(1, 255):
        for low in range(1, 255):
            yield f"198.51.{high}.{low}"


class LoginThrottleTests(BaseTestCase):
    def attempt(self, browser: Client, username: str, password: str, address: str = OFFICE) -> int:
        return self.answer(browser, username, password, address).status_code

    def answer(self, browser: Client, username: str, password: str, address: str = OFFICE):  # type: ignore[no-untyped-def]
        return browser.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)

    def owner_browser(self, username: str = "evaluator", address: str = OFFICE) -> Client:
        """The user's own browser after one log-in there, logged out again as a person does (the log-out
        ends the session and leaves the browser's other cookies alone)."""
        browser = Client()
        self.assertEqual(self.attempt(browser, username, PASSWORD, address), 302)
        browser.post(reverse("logout"), REMOTE_ADDR=address)
        self.assertNotIn("_auth_user_id", browser.session)
        return browser

    def test_one_address_trying_many_user_names_is_locked_out(self) -> None:
        with time_machine.travel(START, tick=False) as clock:
            owner = self.owner_browser()
            sprayer = Client()
            names = [*(f"nguoi-dung-{number}" for number in range(18)), "leader", "admin"]
            # Never five for one name: the lock-out by user name and address alone stops nothing here.
            self.assertEqual([self.attempt(sprayer, name, "mat-khau-doan") for name in names], [200] * 20)
            # The address is locked, for every user name, even with the right password …
            refused = self.answer(Client(), "reporter", PASSWORD)
            self.assertContains(refused, "địa chỉ mạng này", status_code=429)
            self.assertContains(refused, "30 phút", status_code=429)
            self.assertEqual(refused["Retry-After"], "1800")
            # … but not elsewhere, and not in a browser that logged in here before.
            self.assertEqual(self.attempt(Client(), "reporter", PASSWORD, ELSEWHERE), 302)
            self.assertEqual(self.attempt(owner, "evaluator", PASSWORD), 302)
            # Knocking during the lock-out does not prolong it.
            clock.shift(datetime.timedelta(minutes=29))
            self.assertEqual(self.attempt(Client(), "leader", "mat-khau-doan"), 429)
            clock.shift(datetime.timedelta(minutes=1, seconds=1))
            self.assertEqual(self.attempt(Client(), "reporter", PASSWORD), 302)

    def test_a_colleague_behind_the_same_address_cannot_lock_the_owner_out(self) -> None:
        owner = self.owner_browser()
        colleague = Client()
        statuses = [self.attempt(colleague, "evaluator", "doan-thu") for _ in range(6)]
        self.assertEqual(statuses, [200, 200, 200, 200, 429, 429])
        # The colleague's browser is locked out for that account, even with the right password …
        self.assertEqual(self.attempt(colleague, "evaluator", PASSWORD), 429)
        # … the owner's, where the account has logged in before, is not.
        self.assertEqual(self.attempt(owner, "evaluator", PASSWORD), 302)

    def test_a_browser_is_trusted_only_for_the_account_that_logged_in_there(self) -> None:
        mine = self.owner_browser("evaluator")
        for _ in range(5):
            self.attempt(Client(), "leader", "doan-thu")
        self.assertEqual(self.attempt(mine, "leader", PASSWORD), 429)
        self.assertEqual(self.attempt(self.owner_browser("leader", ELSEWHERE), "leader", PASSWORD), 302)

    def test_a_trusted_browser_is_locked_by_its_own_wrong_passwords_for_the_lock_out_time(self) -> None:
        with time_machine.travel(START, tick=False) as clock:
            owner = self.owner_browser()
            statuses = [self.attempt(owner, "evaluator", "go-nham") for _ in range(5)]
            self.assertEqual(statuses, [200, 200, 200, 200, 429])
            self.assertEqual(self.attempt(owner, "evaluator", PASSWORD), 429)
            # They count for that browser alone: the office address and the account elsewhere are not locked.
            self.assertEqual(self.attempt(Client(), "evaluator", PASSWORD), 302)
            clock.shift(datetime.timedelta(minutes=29))
            self.assertEqual(self.attempt(owner, "evaluator", PASSWORD), 429)
            clock.shift(datetime.timedelta(minutes=1, seconds=1))
            self.assertEqual(self.attempt(owner, "evaluator", PASSWORD), 302)

    def test_guesses_for_one_account_from_many_addresses_wait_longer_and_longer(self) -> None:
        botnet = addresses()
        with time_machine.travel(START, tick=False) as clock:
            owner = self.owner_browser()
            # Two lock-outs' worth go at once: someone locked out on one computer logs in on another.
            self.assertEqual(
                [self.attempt(Client(), "evaluator", "doan-mo", next(botnet)) for _ in range(10)], [200] * 10
            )
            for wait in (1, 2, 4, 8):
                # Even the right password is not checked before the wait is over, and asking counts as nothing.
                refused = self.answer(Client(), "evaluator", PASSWORD, next(botnet))
                self.assertContains(refused, f"đợi {wait} giây", status_code=429)
                self.assertEqual(refused["Retry-After"], str(wait))
                self.assertEqual(self.attempt(Client(), "evaluator", "doan-mo", next(botnet)), 429)
                # The owner, in a browser that logged in before, never waits.
                self.assertEqual(self.attempt(owner, "evaluator", PASSWORD), 302)
                owner.post(reverse("logout"))
                clock.shift(datetime.timedelta(seconds=wait))
                self.assertEqual(self.attempt(Client(), "evaluator", "doan-mo", next(botnet)), 200)
            self.assertEqual(AccessFailureLog.objects.filter(username="evaluator").count(), 14)
            # No account was locked: the owner logs in from a new computer once the wait is over.
            clock.shift(datetime.timedelta(seconds=16))
            self.assertEqual(self.attempt(Client(), "evaluator", PASSWORD, ELSEWHERE), 302)

    def test_the_wait_doubles_up_to_the_lock_out_time(self) -> None:
        waits = [guess_delay(failures).total_seconds() for failures in (0, 9, 10, 11, 12, 20, 21, 22, 10_000)]
        self.assertEqual(waits, [0, 0, 1, 2, 4, 1024, 1800, 1800, 1800])

    def test_the_browser_cookie_is_random_http_only_and_kept_for_half_a_year(self) -> None:
        response = self.client.post(reverse("login"), {"username": "evaluator", "password": PASSWORD})
        cookie = response.cookies[BROWSER_COOKIE]
        self.assertGreaterEqual(len(cookie.value), 40)
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")
        self.assertEqual(cookie["max-age"], BROWSER_DAYS * 24 * 3600)
        self.assertFalse(cookie["secure"])
        # Only its hash is stored: the table does not let anyone pass as the browser.
        stored = TrustedBrowser.objects.get(user=self.evaluator)
        self.assertEqual(stored.token_hash, hashlib.sha256(cookie.value.encode()).hexdigest())
        with override_settings(SESSION_COOKIE_SECURE=True):
            again = Client().post(reverse("login"), {"username": "evaluator", "password": PASSWORD})
        self.assertTrue(again.cookies[BROWSER_COOKIE]["secure"])
