"""A department's first year from an empty database: `govscore init`, the set-up checklist, a framework
workbook of the tests' own uploaded, units and accounts imported from XLSX, a period opened, and a reporter
from the imported accounts who sets a password through the link and submits this month's report, on a
phone-sized screen."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from govscore.cli.main import main
from govscore.frameworks.files import stored_data
from govscore.frameworks.workbook_writer import framework_workbook
from govscore.imports.accounts import build_people_template
from govscore.imports.units import GroupEntry, UnitEntry, build_units_template
from govscore.web.reports.models import MonthlyReport

from .conftest import SCREENSHOTS
from .ui import Screenshot, content

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it

ADMIN_PASSWORD = "quan-tri-mat-khau-2026"
REPORTER_PASSWORD = "bao-cao-mat-khau-2026"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A framework of the tests' own (not the bundled one): monthly reports every month, due on the 10th.
FRAMEWORK = """
format: 1
kind: framework
code: thu-nghiem-bao-cao
version: "1"
title: "Bộ tiêu chí thử nghiệm báo cáo tháng"
decision: {number: "1/QĐ-TN", date: 2026-01-02}
max_points: 100
groups:
  - {code: so, name: "Sở, ban, ngành"}
indicators:
  - {code: bao_cao, title: "Báo cáo tháng", type: reports}
  - {code: khao_sat, title: "Điểm khảo sát", type: number, min: 0, max: 88}
criteria:
  - code: "1"
    title: "Báo cáo tháng về ứng dụng CNTT"
    max: 12
    rule: {type: periodic_reporting, indicator: bao_cao, due_day: 10, late: 0.5, missing: 1}
  - {code: "2", title: "Khảo sát", max: 88, rule: {type: survey, indicator: khao_sat, scale: 88}}
"""


def units_file() -> bytes:
    group = GroupEntry("so", "Sở, ban, ngành", 1)
    return build_units_template([group], [UnitEntry("STP", "Sở Tư pháp", "so"), UnitEntry("SYT", "Sở Y tế", "so")])


def accounts_file() -> bytes:
    book = load_workbook(io.BytesIO(build_people_template()))
    sheet = book["Tài khoản"]
    sheet.append(["bc-stp", "Nguyễn Thị Hoa", "", "Cán bộ báo cáo của đơn vị", "STP"])
    sheet.append(["td-01", "Phạm Văn Minh", "", "Cán bộ thẩm định", ""])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def phone_shot(page: Page, step: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"first-year-reporter-390px--{step}.png"), full_page=True)


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    # Logged in: the log-out button is on the page (on a phone, folded into the menu).
    page.get_by_role("button", name=f"Đăng xuất ({username})", include_hidden=True).wait_for(state="attached")


def test_a_department_starts_its_year_and_a_new_reporter_reports_this_month(
    transactional_db: None,
    page: Page,
    browser: Browser,
    live_server: LiveServer,
    screenshot: Screenshot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("GOVSCORE_ADMIN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("GOVSCORE_DATA_DIR", str(tmp_path))  # `init` points the settings there
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["init", "--admin", "quantri"]) == 0
    assert "quantri" in out.getvalue()

    log_in(page, "quantri", ADMIN_PASSWORD)
    expect(page).to_have_url(re.compile(r"/setup/$"))
    expect(content(page).get_by_text("Chưa làm")).to_have_count(4)
    screenshot("checklist-empty")

    content(page).get_by_role("link", name="Nạp bộ tiêu chí (YAML hoặc XLSX)").click()
    page.get_by_label("Tệp bộ tiêu chí (YAML hoặc XLSX)").set_input_files(
        {"name": "bo-tieu-chi.xlsx", "mimeType": XLSX, "buffer": framework_workbook(stored_data(FRAMEWORK, "f.yaml"))}
    )
    page.get_by_role("button", name="Kiểm tra và lưu").click()
    expect(content(page)).to_contain_text("Bộ tiêu chí thử nghiệm báo cáo tháng")
    screenshot("framework-uploaded")

    page.goto("/setup/")
    content(page).get_by_role("link", name="Nhập khối và đơn vị từ tệp Excel").click()
    page.get_by_label("Tệp danh mục đơn vị (XLSX theo mẫu)").set_input_files(
        {"name": "don-vi.xlsx", "mimeType": XLSX, "buffer": units_file()}
    )
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    screenshot("units-preview")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page).to_have_url(re.compile(r"/units/$"))
    screenshot("units-imported")
    page.goto("/setup/")
    expect(content(page).get_by_text("Đã xong")).to_have_count(2)
    screenshot("checklist-half")
    content(page).get_by_role("link", name="Nhập tài khoản từ tệp Excel").click()
    page.get_by_label("Tệp tài khoản (XLSX)").set_input_files(
        {"name": "tai-khoan.xlsx", "mimeType": XLSX, "buffer": accounts_file()}
    )
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    expect(content(page)).to_contain_text("2 tài khoản mới, 0 tài khoản sửa, 0 không đổi.")
    screenshot("accounts-preview")
    page.get_by_role("button", name="Xác nhận nhập tài khoản").click()
    link = content(page).get_by_role("row", name=re.compile("bc-stp")).get_by_role("link").get_attribute("href")
    assert link is not None and "/accounts/set-password/" in link
    screenshot("accounts-links")

    page.goto("/setup/")
    content(page).get_by_role("link", name="Mở kỳ đánh giá").click()
    expect(content(page)).to_contain_text("tháng 1 đến tháng 12")
    expect(content(page)).to_contain_text("ngày 10 của tháng sau")
    screenshot("period-form")
    content(page).get_by_role("button", name="Mở kỳ đánh giá").click()
    year = timezone.localdate().year
    expect(content(page)).to_contain_text(f"Đã mở kỳ đánh giá {year}")
    page.goto("/setup/")
    expect(content(page).get_by_text("Đã xong")).to_have_count(4)
    screenshot("checklist-done")

    # The reporter, on a phone: the link, a password of their own, then this month's report.
    phone = browser.new_context(
        base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 390, "height": 844}
    )
    reporter = phone.new_page()
    reporter.goto(link)
    expect(reporter.locator("body > main")).to_contain_text("Tài khoản: bc-stp.")
    reporter.get_by_label(re.compile(r"^Mật khẩu mới")).fill(REPORTER_PASSWORD)
    reporter.get_by_label("Xác nhận mật khẩu mới").fill(REPORTER_PASSWORD)
    phone_shot(reporter, "01-set-password")
    reporter.get_by_role("button", name="Lưu mật khẩu").click()
    expect(reporter.locator("body > main")).to_contain_text("Mật khẩu đã được lưu.")
    log_in(reporter, "bc-stp", REPORTER_PASSWORD)
    month = timezone.localdate().month
    row = reporter.locator("table.calendar tbody tr").nth(month - 1)
    expect(row.locator("td").first).to_have_text(f"{month}/{year}")
    expect(row).to_contain_text("Chưa đến hạn")
    row.get_by_role("link", name="Gửi báo cáo").click()
    reporter.get_by_label("Nội dung báo cáo").fill(f"Báo cáo ứng dụng CNTT tháng {month}/{year} của Sở Tư pháp.")
    reporter.get_by_role("button", name=re.compile("Gửi")).click()
    expect(reporter.locator("body > main")).to_contain_text(f"Đã nhận báo cáo tháng {month}/{year}.")
    expect(reporter.locator("table.calendar tbody tr").nth(month - 1)).to_contain_text("Đúng hạn")
    phone_shot(reporter, "02-reported")
    assert MonthlyReport.objects.filter(unit__code="STP", month=month, period__year=year).exists()
    phone.close()
