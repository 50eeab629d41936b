"""One unit through the whole assessment cycle, each person at their own screen: the reporter
self-assesses with evidence, the unit head submits, the evaluator adjusts two criteria and returns one,
the unit explains, the council decides with its minutes, and the published document shows the council's
points with sentences that agree with them. The administrator moves the stages on with "open now"."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from govscore.examples import EXAMPLES_DIR
from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.assessment.actions import do_set_schedule
from govscore.web.assessment.models import Stage
from govscore.web.demo import EXAMPLE
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.indicators.actions import do_add_evidence, do_set_values
from govscore.web.periods.actions import do_ensure_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import do_save_draft
from govscore.web.publications.models import Publication
from govscore.web.scores.models import Result

from .cast import PASSWORD, Cast, pdf
from .ui import LogIn, Screenshot, content

pytestmark = pytest.mark.slow  # a browser: `pytest -m "not slow"` skips it

REGULATIONS = "Ban hành 4 quy định nội bộ về ứng dụng CNTT"
NETWORK = "Kết nối mạng truyền số liệu chuyên dùng"
MAILBOXES = "Cấp phát hộp thư điện tử Đồng Nai cho CBCC"
COUNCIL_REASON = "Bốn quyết định đã ban hành đúng thẩm quyền"


def cycle_period(cast: Cast) -> EvaluationPeriod:
    """2013 under a framework whose regulations criterion is self-assessed; self-assessment open now,
    the later stages each a day after the one before."""
    text = (EXAMPLES_DIR / EXAMPLE / "framework.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "2012"', 'version: "2013"', 1).replace(
        "    max: 20\n    rule: {type: counted_items",
        "    max: 20\n    self_assessed: true\n    rule: {type: counted_items",
        1,
    )
    period = do_ensure_period(2013, do_store_framework(text), title="Đánh giá năm 2013")
    start = timezone.now() - datetime.timedelta(hours=1)
    days = [start + datetime.timedelta(days=n) for n in range(6)]
    do_set_schedule(period, {kind: (days[n], days[n + 1]) for n, kind in enumerate(Stage.Kind.values)}, cast.admin)
    # Collected during the year: one regulation of four, not connected to the network, its evidence.
    do_set_values(period, cast.syt, {"regulations": ["attt"], "network_connected": False}, by=cast.reporter)
    upload = SimpleUploadedFile("quyet-dinh-attt.pdf", pdf("quyet-dinh"))
    do_add_evidence(period, cast.syt, "regulations", upload, description="Quyết định ban hành quy chế ATTT")
    letter = {
        "place": "Đồng Nai",
        "issued_on": datetime.date(2014, 3, 2),
        "letter_number": "215/STTTT",
        "letter_date": datetime.date(2014, 3, 2),
        "issuer": "Sở TTTT",
        "title": "Đánh giá mức độ ứng dụng CNTT năm 2013",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Minh Hùng",
    }
    do_save_draft(period, letter, None)
    return period


def card(page: Page, title: str) -> Locator:
    return content(page).locator("article.criterion", has_text=title)


def said(page: Page, text: str) -> None:
    expect(content(page).get_by_role("status").filter(has_text=text).first).to_be_visible()


def open_stage(page: Page, log_in: LogIn, stage: str) -> None:
    log_in("admin")
    page.get_by_role("navigation").get_by_role("link", name="Tự đánh giá và thẩm định").click()
    content(page).get_by_role("link", name="Đặt lịch các giai đoạn").click()
    content(page).get_by_role("button", name=f"Mở ngay: {stage}").click()
    # Each step waits for what the new page shows: a message of the same words may still be on the old one.
    expect(content(page).locator(".stage-now")).to_contain_text(f"Giai đoạn hiện nay: {stage}")


def appraise(page: Page, title: str, decision: str, reason: str, points: str = "") -> None:
    item = card(page, title)
    item.get_by_label(decision, exact=True).check()
    if points:
        item.get_by_label("Điểm điều chỉnh").fill(points)
    item.get_by_label("Lý do hoặc câu hỏi cho đơn vị").fill(reason)
    item.get_by_role("button", name="Ghi kết luận").click()
    expect(card(page, title).locator("ol.layers")).to_contain_text(reason)


def test_one_unit_goes_through_the_whole_cycle(cast: Cast, page: Page, log_in: LogIn, screenshot: Screenshot) -> None:
    period = cycle_period(cast)
    do_ensure_user("lanhdao-syt", PASSWORD, Role.UNIT_HEAD, cast.syt)

    # The reporter proposes 20 points for the regulations, with its evidence beside it, and notes.
    log_in("reporter")
    page.get_by_role("navigation").get_by_role("link", name="Tự đánh giá").click()
    regulations = card(page, REGULATIONS)
    expect(regulations.get_by_role("link", name="Quyết định ban hành quy chế ATTT")).to_be_visible()
    regulations.get_by_label("Điểm tự chấm").fill("20")
    regulations.get_by_label("Thuyết minh").fill("Đã ban hành đủ 4 quy định trong năm")
    regulations.get_by_role("button", name="Lưu tiêu chí").click()
    expect(card(page, REGULATIONS).locator("ol.layers")).to_contain_text("Đã ban hành đủ 4 quy định trong năm")
    card(page, NETWORK).get_by_label("Thuyết minh").fill("Đã kết nối từ tháng 11")
    card(page, NETWORK).get_by_role("button", name="Lưu tiêu chí").click()
    expect(card(page, NETWORK).locator("ol.layers")).to_contain_text("Đã kết nối từ tháng 11")
    said(page, "Đã lưu tự đánh giá của tiêu chí.")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("self-assessment-390px")
    page.set_viewport_size({"width": 1280, "height": 800})

    # The unit head submits; the reporter can no longer change it.
    log_in("lanhdao-syt")
    page.get_by_role("navigation").get_by_role("link", name="Tự đánh giá").click()
    expect(card(page, REGULATIONS).get_by_role("button", name="Lưu tiêu chí")).to_have_count(0)
    content(page).get_by_role("button", name="Gửi bản tự đánh giá").click()
    expect(content(page).get_by_test_id("assessment-status")).to_contain_text("Đã gửi")
    said(page, "Đã gửi bản tự đánh giá.")
    screenshot("submitted")

    # Appraisal: two criteria adjusted with reasons, one returned with a question, the evidence accepted.
    open_stage(page, log_in, "Thẩm định")
    log_in("evaluator")
    page.get_by_role("navigation").get_by_role("link", name="Tự đánh giá và thẩm định").click()
    content(page).get_by_role("row", name="Sở Y tế").get_by_role("link", name="Thẩm định").click()
    appraise(page, REGULATIONS, "Điều chỉnh", "Chỉ có 1 quyết định kèm theo", "5")
    appraise(page, NETWORK, "Điều chỉnh", "Đã kết nối theo biên bản nghiệm thu", "10")
    appraise(page, MAILBOXES, "Trả lại, đề nghị bổ sung", "Đề nghị gửi danh sách hộp thư đã cấp")
    card(page, REGULATIONS).get_by_role("button", name="Chấp nhận minh chứng").click()
    expect(card(page, REGULATIONS)).to_contain_text("Minh chứng được chấp nhận")
    said(page, "Đã ghi kết luận về minh chứng.")
    expect(card(page, REGULATIONS)).to_contain_text("Thẩm định (được tính)")
    screenshot("appraisal")
    assert Result.objects.get(period=period, unit=cast.syt).criteria["1.2"][0] == "10"

    # Explanation: the unit answers, the evaluator responds, in order and timed.
    open_stage(page, log_in, "Giải trình")
    log_in("reporter")
    page.get_by_role("navigation").get_by_role("link", name="Giải trình").click()
    answer = card(page, REGULATIONS)
    expect(answer).to_contain_text("Chỉ có 1 quyết định kèm theo")
    answer.get_by_label("Nội dung giải trình").fill("Ba quyết định còn lại ban hành tháng 12, nay gửi bổ sung")
    answer.get_by_role("button", name="Gửi").click()
    expect(card(page, REGULATIONS).locator("ol.thread li")).to_have_count(1)
    said(page, "Đã gửi giải trình.")
    log_in("evaluator")
    page.goto(f"/periods/{period.pk}/units/{cast.syt.pk}/explanation/")
    card(page, REGULATIONS).get_by_label("Nội dung giải trình").fill("Đã nhận, chuyển hội đồng xem xét")
    card(page, REGULATIONS).get_by_role("button", name="Gửi").click()
    thread = card(page, REGULATIONS).locator("ol.thread li")
    expect(thread).to_have_count(2)
    expect(thread.first).to_contain_text("Đơn vị")
    expect(thread.last).to_contain_text("Cơ quan thẩm định")
    screenshot("explanation")

    # Council: the disagreement is listed and decided with the minutes' number and date.
    open_stage(page, log_in, "Hội đồng đánh giá")
    log_in("evaluator")
    page.get_by_role("navigation").get_by_role("link", name="Hội đồng").click()
    decision = content(page).locator("article.criterion", has_text=REGULATIONS)
    expect(decision).to_contain_text("Ba quyết định còn lại ban hành tháng 12")
    decision.get_by_label("Điểm hội đồng quyết định").fill("20")
    decision.get_by_label("Lý do").fill(COUNCIL_REASON)
    decision.get_by_label("Số biên bản").fill("05/BB-HĐ")
    decision.get_by_label("Ngày biên bản").fill("2014-02-20")
    decision.get_by_role("button", name="Ghi quyết định").click()
    expect(content(page)).to_contain_text("biên bản số 05/BB-HĐ ngày 20/02/2014")
    said(page, "Đã ghi quyết định của hội đồng.")
    screenshot("council")

    # Publication: no finding holds it back; the document shows the council's points and its sentence.
    open_stage(page, log_in, "Công bố")
    page.get_by_role("navigation").get_by_role("link", name="Công bố", exact=True).click()
    expect(content(page).get_by_text("Nhận xét không khớp với điểm")).to_have_count(0)
    content(page).get_by_role("button", name="Khoá số liệu").click()
    expect(content(page).get_by_role("button", name="Mở lại thu thập số liệu")).to_be_visible()
    content(page).get_by_label("Tôi đã xem bản dự thảo").check()
    content(page).get_by_role("button", name="Công bố", exact=True).click()
    expect(content(page).get_by_role("cell", name="215/STTTT (02/03/2014)")).to_be_visible()
    snapshot = json.loads(Publication.objects.get(period=period).snapshot_json)
    unit = next(item for item in snapshot["results"]["vi"]["units"] if item["name"] == "Sở Y tế")
    minutes = "biên bản họp Hội đồng số 05/BB-HĐ ngày 20/02/2014"
    decided = f"{REGULATIONS}: 20/20 điểm theo kết luận đánh giá ({COUNCIL_REASON} ({minutes}))"
    assert decided in unit["good"]
    assert not any("Chưa ban hành" in sentence for sentence in unit["not_good"])
    page.goto(f"/public/periods/{period.pk}/")
    expect(content(page).get_by_text(decided)).to_be_visible()
    screenshot("published")
