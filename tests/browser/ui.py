"""Locators shared by the browser tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page

# `screenshot("step")` saves a full-page PNG; `log_in("username")` goes through the login form.
Screenshot = Callable[[str], Path]
LogIn = Callable[[str], None]


def content(page: Page) -> Locator:
    # The page's own <main>: forms that answer through htmx put the response's <main> inside it.
    return page.locator("body > main")
