"""A reporter sends a monthly report after its due day and the calendar shows it late."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from govscore.web.reports.models import MonthlyReport

from .cast import Cast, pdf
from .ui import LogIn, Screenshot, content

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it

# March 2012 is due on 05/04/2012: long past, and inside the framework's reporting months (1 to 10).
MONTH = 3


def month_row(page: Page, month: int) -> Locator:
    # By the month cell itself: "3/2012" is also part of the due date "05/03/2012" in February's row.
    cell = page.get_by_role("cell", name=f"{month}/2012", exact=True)
    return page.locator("table.calendar tbody tr").filter(has=cell)


def test_a_report_sent_after_its_due_day_shows_as_late(
    cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot
) -> None:
    log_in("reporter")
    # A reporter lands on its own unit's calendar.
    expect(page).to_have_url(re.compile(rf"/periods/{cast.period.pk}/units/{cast.syt.pk}/reports/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo tháng: Sở Y tế")
    row = month_row(page, MONTH)
    expect(row).to_have_class(re.compile(r"\bstatus-missing\b"))
    expect(row.locator(".badge")).to_have_text("Không báo cáo")
    screenshot("calendar-before")

    row.get_by_role("link", name="Gửi báo cáo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Báo cáo tháng {MONTH}/2012: Sở Y tế")
    expect(content(page)).to_contain_text("Hạn nộp: 05/04/2012")
    page.get_by_label("Nội dung báo cáo").fill("Tình hình ứng dụng CNTT tháng 3: triển khai thư điện tử công vụ.")
    page.get_by_label("Số văn bản đi trong tháng").fill("12")
    page.get_by_label("Trong đó gửi bằng điện tử").fill("9")
    page.get_by_label("Tệp đính kèm").set_input_files(
        files=[{"name": "bao-cao-thang-3.pdf", "mimeType": "application/pdf", "buffer": pdf("bao-cao-thang-3")}]
    )
    screenshot("form-filled")
    sent_from = timezone.now()
    page.get_by_role("button", name="Gửi báo cáo").click()

    # Back on the calendar, with the server's confirmation and the month now late.
    expect(page.get_by_text(f"Đã nhận báo cáo tháng {MONTH}/2012.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/units/{cast.syt.pk}/reports/$"))
    row = month_row(page, MONTH)
    expect(row).to_have_class(re.compile(r"\bstatus-late\b"))
    expect(row.locator(".badge")).to_have_text("Trễ hạn")
    expect(row.locator(".badge")).to_have_class(re.compile(r"\bstatus-late\b"))
    expect(row.get_by_role("link", name="Xem")).to_be_visible()
    screenshot("calendar-after")

    # The receipt time is the server's clock at submission, shown in the province's time zone.
    report = MonthlyReport.objects.get(period=cast.period, unit=cast.syt, month=MONTH)
    assert sent_from <= report.received_at <= timezone.now()
    assert report.submitted_by == cast.reporter
    assert report.documents_sent == 12 and report.documents_sent_electronic == 9
    received = timezone.localtime(report.received_at).strftime("%H:%M %d/%m/%Y")
    expect(row.get_by_role("cell").nth(2)).to_have_text(received)
