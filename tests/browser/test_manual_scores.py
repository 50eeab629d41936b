"""An evaluator's manual score moves the ranking; one without a reason is refused and changes nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from playwright.sync_api import Page, Request, expect

from govscore.web.scores.models import ManualScore, Result

from .cast import MANUAL_CRITERION, MANUAL_POINTS, Cast
from .ui import LogIn, Screenshot, content

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it

NEW_POINTS = MANUAL_POINTS + 25
REASON = "Bổ sung điểm các tiêu chí khác theo biên bản kiểm tra ngày 20/11/2012"


@dataclass(frozen=True)
class RankingRow:
    rank: int
    total: int
    max: int


def ranking(page: Page) -> dict[str, RankingRow]:
    """The ranking table as shown: unit name -> rank and `total/max` points."""
    rows: dict[str, RankingRow] = {}
    for row in page.locator("table.ranking tbody tr").all():
        cells = row.get_by_role("cell").all_inner_texts()
        points = re.fullmatch(r"(\d+)/(\d+)", cells[2].strip())
        assert points is not None, f"total cell {cells[2]!r} is not points/max"
        rows[cells[1].strip()] = RankingRow(int(cells[0]), int(points[1]), int(points[2]))
    return rows


def open_ranking(page: Page) -> dict[str, RankingRow]:
    page.get_by_role("navigation").get_by_role("link", name="Xếp hạng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xếp hạng: Đánh giá năm 2012")
    return ranking(page)


def test_a_manual_score_with_a_reason_changes_the_ranking(
    cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot
) -> None:
    log_in("evaluator")
    # Staff land on the dashboard, and the navigation leads to the ranking. Both units start with the
    # same data, so they share rank 1.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan: Đánh giá năm 2012")
    screenshot("dashboard")
    before = open_ranking(page)
    assert before["Sở Y tế"] == before["Sở Tư pháp"]
    assert before["Sở Y tế"].rank == 1
    screenshot("ranking-before")

    page.locator("table.ranking").get_by_role("link", name="Sở Y tế").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sở Y tế")
    page.get_by_role("link", name="Chấm tay").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chấm tay: Sở Y tế")
    page.get_by_label("Tiêu chí").select_option(MANUAL_CRITERION)
    page.get_by_label("Điểm:", exact=True).fill(str(NEW_POINTS))
    page.get_by_label("Lý do").fill(REASON)
    screenshot("manual-score-filled")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_text("Đã lưu điểm chấm tay.")).to_be_visible()
    score_row = content(page).locator("table").first.get_by_role("row").filter(has_text=REASON)
    expect(score_row.get_by_role("cell").nth(1)).to_have_text(str(NEW_POINTS))
    screenshot("manual-score-saved")

    # The whole period is rescored at once: Sở Y tế gains exactly the added points and leads alone.
    after = open_ranking(page)
    gained = int(NEW_POINTS - MANUAL_POINTS)
    assert after["Sở Y tế"] == RankingRow(1, before["Sở Y tế"].total + gained, before["Sở Y tế"].max)
    assert after["Sở Tư pháp"] == RankingRow(2, before["Sở Tư pháp"].total, before["Sở Tư pháp"].max)
    expect(page.locator("table.ranking tbody tr").first).to_contain_text("Sở Y tế")
    screenshot("ranking-after")
    assert Result.objects.get(period=cast.period, unit=cast.syt).total == after["Sở Y tế"].total


def test_a_manual_score_without_a_reason_is_refused(
    cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot
) -> None:
    log_in("evaluator")
    before = open_ranking(page)
    page.goto(f"/periods/{cast.period.pk}/units/{cast.syt.pk}/scores/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chấm tay: Sở Y tế")
    posts: list[Request] = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    page.get_by_label("Tiêu chí").select_option(MANUAL_CRITERION)
    page.get_by_label("Điểm:", exact=True).fill(str(NEW_POINTS))
    reason = page.get_by_label("Lý do")

    # An empty reason never leaves the browser: the field is required.
    page.get_by_role("button", name="Lưu").click()
    assert reason.evaluate("field => field.validity.valueMissing") is True
    assert posts == []

    # Blanks pass the browser's check; the server refuses them with its own Vietnamese message.
    reason.fill("   ")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.get_by_role("button", name="Lưu").click()
    assert answer.value.status == 400
    assert len(posts) == 1  # the blank one only: the empty reason was never sent
    expect(page.locator("#id_reason_error")).to_have_text("Phải ghi lý do khi chấm tay.")
    expect(page.get_by_text("Đã lưu điểm chấm tay.")).to_have_count(0)
    # The stored score is untouched, on the page and in the database.
    score_row = content(page).locator("table").first.get_by_role("row").filter(has_text="Các tiêu chí khác")
    expect(score_row.get_by_role("cell").nth(1)).to_have_text(str(MANUAL_POINTS))
    screenshot("reason-missing-refused")
    manual = ManualScore.objects.get(period=cast.period, unit=cast.syt, criterion_code=MANUAL_CRITERION)
    assert manual.points == Decimal(MANUAL_POINTS)

    assert open_ranking(page) == before
