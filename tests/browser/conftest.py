"""Real Chromium driven by Playwright's sync API against pytest-django's live server.

Chromium is Debian's (/usr/bin/chromium): this machine cannot download Playwright's own builds.
A missing Chromium fails the tests with the fix to run; it never skips them.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from pytest_django.live_server_helper import LiveServer

from .cast import PASSWORD, Cast, build_cast
from .ui import LogIn, Screenshot

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking switches Chromium waits on update and sync services this closed network never answers.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# Failing fast keeps a broken page from eating the whole run in Playwright's 30 s defaults.
TIMEOUT_MS = 5_000


def pytest_configure(config: pytest.Config) -> None:
    # Whitenoise warns when a never-collected static root is absent; the live server serves static files itself.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(scope="package")
def _browser_env() -> Iterator[None]:
    """Let the ORM run beside Playwright's event loop, for the browser tests only.

    Playwright's sync API keeps an asyncio loop running in this thread, so Django would refuse ORM
    calls here (SynchronousOnlyOperation). The calls are sequential, never concurrent, so that is
    safe; the switch is undone when the package ends, so the other tests keep Django's guard.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def _isolated_media() -> Iterator[None]:
    # Uploads of the cast and of the tests stay out of the repository's data folder.
    with (
        tempfile.TemporaryDirectory(prefix="govscore-browser-media-") as media,
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=media,
        ),
    ):
        yield


@pytest.fixture(scope="package")
def playwright(_browser_env: None) -> Iterator[Playwright]:
    # Stopped when the package ends: the running loop would otherwise trip later Django tests.
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing ({CHROMIUM}): the browser tests need Debian's chromium package. "
            "Run scripts/system-packages (as root it installs it, otherwise it prints the apt-get line).",
            pytrace=False,
        )
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def cast(transactional_db: None, _isolated_media: None, _browser_env: None) -> Cast:
    return build_cast()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    # A fresh context per test: no cookie or language choice leaks from one test to the next.
    # The locale is a Vietnamese user's: the server picks the UI language from Accept-Language.
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page: Page, request: pytest.FixtureRequest) -> Screenshot:
    """`screenshot("step")` saves a full-page PNG named after the test and the step's order."""
    prefix = re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name).strip("-")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SCREENSHOTS.glob(f"{prefix}--*.png"):
        stale.unlink()
    taken: list[Path] = []

    def take(step: str) -> Path:
        path = SCREENSHOTS / f"{prefix}--{len(taken) + 1:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        taken.append(path)
        return path

    return take


@pytest.fixture
def log_in(page: Page) -> LogIn:
    """`log_in(username)` goes through the login form, as a person would, and waits for the home page."""

    def go(username: str) -> None:
        page.goto("/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        # Logged in: the log-out button is on the page (on a phone, folded into the menu).
        page.get_by_role("button", name=f"Đăng xuất ({username})", include_hidden=True).wait_for(state="attached")

    return go
