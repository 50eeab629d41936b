"""An evaluator imports an XLSX file: while the server checks it, and then writes it and rescores the
period, the page says it is working and its button cannot send the file twice."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from govscore.web.imports.actions import template_bytes
from govscore.web.indicators.models import IndicatorValue

from .cast import Cast
from .ui import LogIn, Screenshot, content

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def with_more_mailboxes(data: bytes, unit_code: str, numerator: int) -> bytes:
    """The exported template with the unit's e-mail accounts (the ratio's numerator) changed."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Số liệu"]
    codes = [cell.value for cell in sheet[1]]
    column = next(index for index, code in enumerate(codes, start=1) if str(code).startswith("email_accounts."))
    row = next(cells[0].row for cells in sheet.iter_rows(min_row=3) if cells[0].value == unit_code)
    sheet.cell(row=row, column=column, value=numerator)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The page's submit is held back by a listener added after busy.js's, so the page can be looked at as it
# is while the server works (a held network request would also hold Playwright, which waits for it).
HOLD = """
window.holdSubmit = (event) => event.preventDefault();
document.addEventListener("submit", window.holdSubmit);
"""
RELEASE = """
document.removeEventListener("submit", window.holdSubmit);
document.querySelector("form[data-busy]").requestSubmit();
"""


def test_the_import_says_it_is_working_until_the_server_answers(
    cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot
) -> None:
    data = with_more_mailboxes(template_bytes(cast.period), "SYT", 45)
    log_in("evaluator")
    page.goto(f"/periods/{cast.period.pk}/import/")
    checking, check = (
        page.get_by_text("Đang tải lên và kiểm tra tệp"),
        page.get_by_role("button", name="Kiểm tra và xem trước"),
    )
    expect(checking).to_be_hidden()
    page.get_by_label("Tệp số liệu (XLSX)").set_input_files({"name": "so-lieu.xlsx", "mimeType": XLSX, "buffer": data})

    page.evaluate(HOLD)
    check.click()
    expect(checking).to_be_visible()
    expect(check).to_be_disabled()
    screenshot("checking")
    page.evaluate(RELEASE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Xem trước các thay đổi")
    expect(content(page)).to_contain_text("1 thay đổi: 0 thêm mới, 1 sửa")

    writing, confirm = (
        page.get_by_text("Đang ghi số liệu và tính lại điểm cả kỳ"),
        page.get_by_role("button", name="Xác nhận nhập 1 thay đổi"),
    )
    expect(writing).to_be_hidden()
    page.evaluate(HOLD)
    confirm.click()
    expect(writing).to_be_visible()
    expect(confirm).to_be_disabled()
    screenshot("writing")
    page.evaluate(RELEASE)
    expect(content(page)).to_contain_text("Đã nhập 1 thay đổi (0 thêm mới, 1 sửa) từ 2 dòng.")
    # Back on the import page, its form is ready again.
    expect(checking).to_be_hidden()
    expect(check).to_be_enabled()
    stored = IndicatorValue.objects.get(period=cast.period, unit=cast.syt, code="email_accounts")
    assert stored.value == {"numerator": "45", "denominator": "50"}
