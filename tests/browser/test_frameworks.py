"""An administrator uploads a framework workbook on a phone: the problems of a broken one are listed as
the validator prints them, a corrected one is stored and its page shows the criteria; then the page of
differences against the year before."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from govscore.frameworks.files import stored_data
from govscore.frameworks.workbook_writer import framework_workbook

from .cast import Cast
from .ui import LogIn, Screenshot, content

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(cast: Cast, *, broken: bool) -> bytes:
    data = {**stored_data(cast.period.framework.yaml_text, "f.yaml"), "version": "2013"}
    book = openpyxl.load_workbook(io.BytesIO(framework_workbook(data)))
    rows = {row[0].value: row for row in book["Tiêu chí"].iter_rows(min_row=2)}
    rows["1.1"][2].value = "Hộp thư công vụ cho CBCC"
    if broken:
        rows["1.1"][1].value = "Z"
        rows["1.2"][5].value = "yes_or_no"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_an_administrator_uploads_a_framework_workbook_on_a_phone(
    cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("admin")
    page.goto("/frameworks/upload/")
    field = page.get_by_label("Tệp bộ tiêu chí (YAML hoặc XLSX)")
    field.set_input_files({"name": "bo-tieu-chi.xlsx", "mimeType": XLSX, "buffer": workbook(cast, broken=True)})
    page.get_by_role("button", name="Kiểm tra và lưu").click()
    problems = content(page).locator("ol.problems li")
    expect(problems.first).to_contain_text("bo-tieu-chi.xlsx, Tiêu chí!B3 (Tiêu chí cha) [1.1]")
    screenshot("problems")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    field = page.get_by_label("Tệp bộ tiêu chí (YAML hoặc XLSX)")
    field.set_input_files({"name": "bo-tieu-chi.xlsx", "mimeType": XLSX, "buffer": workbook(cast, broken=False)})
    page.get_by_role("button", name="Kiểm tra và lưu").click()
    expect(content(page)).to_contain_text("Hộp thư công vụ cho CBCC")
    screenshot("stored")

    page.get_by_role("link", name="2012").click()
    expect(content(page).locator("table.differences")).to_contain_text("Hộp thư công vụ cho CBCC")
    screenshot("differences")
