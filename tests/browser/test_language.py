"""The language switch turns the whole page into English and back, and the choice sticks."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .cast import Cast
from .ui import LogIn, Screenshot, content

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it


def test_the_language_switch_changes_the_page(cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot) -> None:
    log_in("reporter")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Báo cáo tháng: Sở Y tế")
    january = content(page).locator("table.calendar tbody tr").first

    page.get_by_role("button", name="English").click()
    # Templates, the navigation and the statuses computed in Python all follow; names stay as entered.
    expect(heading).to_have_text("Monthly reports: Sở Y tế")
    expect(page.get_by_role("navigation").get_by_role("link", name="Monthly reports")).to_be_visible()
    expect(page.get_by_role("button", name="Log out (reporter)")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Status")).to_be_visible()
    expect(january.locator(".badge")).to_have_text("On time")
    expect(page.get_by_role("button", name="English")).to_be_disabled()
    screenshot("english")

    # The choice is kept for the session: a fresh load of the page is still in English.
    page.reload()
    expect(heading).to_have_text("Monthly reports: Sở Y tế")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(heading).to_have_text("Báo cáo tháng: Sở Y tế")
    expect(january.locator(".badge")).to_have_text("Đúng hạn")
    screenshot("back-to-vietnamese")
