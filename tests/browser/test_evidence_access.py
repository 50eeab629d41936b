"""A reporter reaches its own unit's files and nothing of another unit's, even by typing the address."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from .cast import Cast, pdf
from .ui import LogIn, Screenshot, content

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it

# How long a click may take to start a download: the file is tiny and served locally.
DOWNLOAD_TIMEOUT_MS = 2_000


def test_a_reporter_gets_its_own_evidence_and_not_another_units(
    cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot
) -> None:
    log_in("reporter")
    own = f"/files/evidence/{cast.syt_evidence.pk}/"
    other = f"/files/evidence/{cast.stp_evidence.pk}/"

    # Another unit's evidence and report attachment do not exist for this reporter: 404, not 403,
    # so their addresses do not even confirm that the files exist.
    response = page.goto(other)
    assert response is not None and response.status == 404
    screenshot("other-unit-evidence-404")
    response = page.goto(f"/files/reports/{cast.stp_report.pk}/")
    assert response is not None and response.status == 404

    # The reporter's own data page lists its own evidence only.
    page.goto(f"/periods/{cast.period.pk}/units/{cast.syt.pk}/indicators/")
    evidence = content(page).get_by_role("link", name="Danh sách hộp thư")
    expect(evidence).to_have_count(1)
    expect(evidence).to_have_attribute("href", own)
    screenshot("own-evidence-listed")

    # Its own file downloads. Chromium turns an attachment navigation into a download, and
    # Playwright then reports the navigation as aborted: the download itself is what counts.
    with page.expect_download() as download, pytest.raises(PlaywrightError, match="Download is starting"):
        page.goto(own)
    assert download.value.suggested_filename == "minh-chung-SYT.pdf"
    assert download.value.failure() is None
    with open(download.value.path(), "rb") as file:
        assert file.read() == pdf("minh-chung-SYT")
    # The same address answers 200 to this browser session's cookies, and 404 for the other unit's.
    answer = page.request.get(own)
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"].startswith("attachment")
    assert page.request.get(other).status == 404


def test_clicking_an_evidence_link_downloads_the_file(
    cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot
) -> None:
    log_in("reporter")
    indicators = f"/periods/{cast.period.pk}/units/{cast.syt.pk}/indicators/"
    page.goto(indicators)
    try:
        with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download:
            content(page).get_by_role("link", name="Danh sách hộp thư").click()
    finally:
        # Whatever happened, the picture shows what the reporter was left looking at.
        screenshot("after-clicking-evidence")
    assert download.value.suggested_filename == "minh-chung-SYT.pdf"
    # A download leaves the reporter on the data page.
    expect(page).to_have_url(re.compile(re.escape(indicators) + "$"))
