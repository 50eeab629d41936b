"""The path to the next grade and the results over the years, on a desk and on a phone: the page itself
never scrolls sideways, and the browser reports no error (a Content-Security-Policy violation included)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page, expect

from govscore.web.imports.history.actions import do_import_history
from govscore.web.periods.actions import do_close
from govscore.web.publications.actions import do_publish
from web.base import fill_draft
from web.history_samples import seed_file

from .cast import Cast
from .ui import LogIn, Screenshot, content

pytestmark = pytest.mark.slow  # a browser: `pytest -m "not slow"` skips it

SIZES = ((1366, 768), (390, 844))


def test_next_grade_and_trends_fit_a_desk_and_a_phone(
    cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot
) -> None:
    framework = cast.period.framework
    do_import_history(2011, framework, seed_file(framework))
    fill_draft(cast.period)
    do_close(cast.period)
    do_publish(cast.period, cast.admin)
    problems: list[str] = []
    page.on("console", lambda message: _note(message, problems))
    pages = {
        "unit": reverse("unit_detail", args=[cast.period.pk, cast.syt.pk]),
        "trend": reverse("unit_trend", args=[cast.syt.pk]),
        "province": reverse("province_trends") + "?sort=change",
    }
    log_in("leader")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for name, url in pages.items():
            page.goto(url)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), (name, width)
            screenshot(f"{name}-{width}")
        expect(content(page).locator("table.province-trends tbody tr").first).to_be_visible()
    page.goto(pages["unit"])
    expect(page.get_by_role("heading", name="Để lên xếp loại tiếp theo")).to_be_visible()
    page.goto(pages["trend"])
    expect(content(page).locator(".trend-chart .trend-dot")).to_have_count(2)
    assert problems == []


def _note(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type in ("error", "warning") or "Content Security Policy" in message.text:
        problems.append(message.text)
