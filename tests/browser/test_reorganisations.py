"""An administrator on a phone merges two units from a date, then reads the register and the old unit's page
with their history; nothing on these pages makes the page itself wider than the phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from govscore.web.orgs.models import Unit

from .cast import Cast
from .ui import LogIn, Screenshot, content

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it

PHONE = {"width": 390, "height": 844}


def fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_an_administrator_merges_two_units_on_a_phone(
    cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot
) -> None:
    page.set_viewport_size(PHONE)
    log_in("admin")
    page.goto("/units/reorganise/")
    page.get_by_text("Hợp nhất, sáp nhập").click()
    merge = page.locator("details[open] form")
    merge.get_by_label("Sở Y tế").check()
    merge.get_by_label("Sở Tư pháp").check()
    merge.get_by_label("Mã đơn vị mới").fill("SYTP")
    merge.get_by_label("Tên đơn vị mới").fill("Sở Y tế và Tư pháp")
    merge.get_by_label("Khối của đơn vị mới").select_option(label="Sở, ban, ngành")
    merge.get_by_label("Số quyết định").fill("15/QĐ-UBND")
    merge.get_by_label("Ngày quyết định").fill("2012-05-20")
    merge.get_by_label("Có hiệu lực từ ngày").fill("2012-06-01")
    screenshot("merge-form")
    assert fits(page)
    merge.get_by_role("button", name="Ghi").click()
    expect(content(page).get_by_role("heading", name="Danh mục đơn vị")).to_be_visible()
    expect(content(page)).to_contain_text("01/06/2012: Hợp nhất vào Sở Y tế và Tư pháp")
    screenshot("register")
    assert fits(page)
    merged = Unit.objects.get(code="SYTP")
    assert merged.effective_from is not None
    page.goto(f"/periods/{cast.period.pk}/units/{cast.syt.pk}/")
    expect(content(page)).to_contain_text("Lịch sử tổ chức lại")
    expect(content(page)).to_contain_text("không xếp hạng: Hợp nhất vào Sở Y tế và Tư pháp từ ngày 01/06/2012")
    screenshot("old-unit")
