"""Every page of every role, on a desk and on a phone: it never scrolls sideways, keeps the role's
navigation, shows words rather than the framework's codes, logs nothing in the console and passes
axe-core's accessibility rules. Screenshots of each page at both widths land in test-artifacts.

One browser, one logged-in context per role; each page is loaded once and checked at both widths.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from govscore.examples import example_path
from govscore.imports.history_layout import HistoryRow
from govscore.imports.history_template import build_history_template
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Published
from govscore.web.imports.history.actions import do_import_history
from govscore.web.periods.actions import do_close, do_ensure_period
from govscore.web.publications.actions import do_publish, do_save_draft
from govscore.web.publications.models import Publication

from .cast import PASSWORD, Cast, _unit_data
from .conftest import SCREENSHOTS, TIMEOUT_MS

pytestmark = pytest.mark.slow  # a browser and about a hundred page loads

WIDTHS = {"desk": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
# Shown in words everywhere: a time zone's name or an ISO time stamp is a code to the people reading.
ALWAYS_CODES = (r"Asia/", r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
AXE = "/static/vendor/axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}"""


@dataclass(frozen=True)
class Visit:
    name: str
    url: str
    axe: bool = False  # the pages the accessibility rules are checked on
    # The audit trail shows what was stored, a unit group's code among the fields of its row (its times
    # and time zones are still checked).
    codes_are_data: bool = False
    # Django's admin has its own header and menu (with a link back to the application).
    own_navigation: bool = False


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")


@dataclass(frozen=True)
class Tour:
    cast: Cast
    published: Publication
    historical_id: int


@pytest.fixture
def tour(cast: Cast) -> Tour:
    """The cast's open 2012 period, a published 2011 one for the public pages and 2010 from a past table."""
    period = do_ensure_period(2011, cast.period.framework, title="Đánh giá năm 2011", report_due_day=5)
    for unit in (cast.syt, cast.stp):
        _unit_data(period, unit)
    do_save_draft(period, _letter(), None)
    do_close(period)
    published = do_publish(period, cast.admin)
    historical = do_import_history(2010, cast.period.framework, _past_table(cast)).period
    assert historical is not None
    return Tour(cast, published, historical.pk)


def _past_table(cast: Cast) -> bytes:
    # Two rows of the bundled example's published table, in the historical results template.
    path = example_path("dongnai-2012")
    assert path is not None
    units = sorted(load_evaluation(path).units, key=lambda unit: unit.published.position if unit.published else 0)
    rows = [HistoryRow(unit.code, unit.name, unit.group, unit.published or Published()) for unit in units[:2]]
    return build_history_template(cast.period.framework.parsed(), (), rows)


def _letter() -> dict[str, object]:
    return {
        "place": "Đồng Nai",
        "issued_on": datetime.date(2011, 12, 7),
        "letter_number": "1186/STTT",
        "letter_date": datetime.date(2011, 12, 7),
        "issuer": "Sở TTTT",
        "title": "Đánh giá mức độ ứng dụng CNTT năm 2011",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Minh Hùng",
    }


def visits(tour: Tour) -> dict[str, list[Visit]]:
    """role → the pages it opens (downloads and POST-only endpoints aside)."""
    open_, syt = tour.cast.period.pk, tour.cast.syt.pk
    shut = tour.published.period_id
    public = [
        Visit("public-index", reverse("public_index"), axe=True),
        Visit("public-period", reverse("public_period", args=[shut]), axe=True),
        Visit("public-verify", reverse("public_verify", args=[tour.published.content_hash])),
    ]
    unit = [
        Visit("unit", reverse("unit_detail", args=[open_, syt]), axe=True),
        Visit("calendar", reverse("report_calendar", args=[open_, syt]), axe=True),
        Visit("report-form", reverse("report_form", args=[open_, syt, 2]), axe=True),
        Visit("report-sent", reverse("report_form", args=[open_, syt, 1])),
        Visit("indicators", reverse("indicator_form", args=[open_, syt])),
        Visit("trend", reverse("unit_trend", args=[syt])),
        Visit("self-assessment", reverse("self_assessment", args=[open_, syt])),
        Visit("explanation", reverse("explanation", args=[open_, syt])),
        Visit("notifications", reverse("notification_list")),
        Visit("notification-settings", reverse("notification_preferences")),
    ]
    staff = [
        Visit("periods", reverse("period_list")),
        Visit("dashboard", reverse("dashboard", args=[open_]), axe=True),
        Visit("ranking", reverse("ranking", args=[open_]), axe=True),
        Visit("overview", reverse("period_overview", args=[open_])),
        Visit("dashboard-published", reverse("dashboard", args=[shut])),
        Visit("ranking-published", reverse("ranking", args=[shut])),
        *unit,
        Visit("history", reverse("history_list")),
        Visit("frameworks", reverse("framework_list")),
        Visit("framework", reverse("framework_version", args=[tour.cast.period.framework_id])),
        Visit("units-register", reverse("units_register")),
        Visit("history-period", reverse("history_period", args=[tour.historical_id])),
        Visit("trends", reverse("province_trends")),
        Visit("assessment", reverse("assessment_overview", args=[open_])),
        Visit("council", reverse("council", args=[open_])),
    ]
    editor = [
        *staff,
        Visit("manual-scores", reverse("manual_scores", args=[open_, syt])),
        Visit("imports", reverse("imports_page", args=[open_])),
        Visit("whatif", reverse("whatif", args=[open_])),
        Visit("appraisal", reverse("appraisal", args=[open_, syt])),
    ]
    admin = [
        *editor,
        Visit("publication-open", reverse("publication_manage", args=[open_])),
        Visit("publication-published", reverse("publication_manage", args=[shut])),
        Visit("history-import", reverse("history_import")),
        Visit("audit", reverse("audit_log"), codes_are_data=True),
        Visit("setup", reverse("setup_checklist")),
        Visit("people", reverse("account_list")),
        Visit("people-import", reverse("people_import")),
        Visit("period-open", reverse("period_open")),
        Visit("stages", reverse("stage_schedule", args=[open_])),
        Visit("units-import", reverse("units_import")),
        Visit("units-reorganise", reverse("units_reorganise")),
        Visit("framework-upload", reverse("framework_upload")),
        # Django's admin reads the stored data as it is (codes among it) and speaks Vietnamese too.
        Visit("django-admin", reverse("admin:index"), own_navigation=True),
        Visit(
            "django-admin-audit",
            reverse("admin:audit_auditentry_changelist"),
            codes_are_data=True,
            own_navigation=True,
        ),
    ]
    return {
        "anonymous": [Visit("login", reverse("login"), axe=True), *public],
        "reporter": [Visit("periods", reverse("period_list")), *unit, *public],
        "leader": [*staff, *public],
        "evaluator": [*editor, *public],
        "admin": [*admin, *public],
    }


def framework_codes(tour: Tour) -> re.Pattern[str]:
    """The framework's own codes that read as codes (a criterion's "1.2" reads as a number and is skipped)."""
    codes = set(re.findall(r"code:\s*\"?([^\s,}\"]+)", tour.cast.period.framework.yaml_text))
    wordy = sorted(code for code in codes if re.search(r"[a-z_-]", code) and len(code) > 2)
    return re.compile("|".join([*ALWAYS_CODES, *(rf"\b{re.escape(code)}\b" for code in wordy)]))


@pytest.fixture
def contexts(browser: Browser, live_server: LiveServer) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def test_every_page_of_every_role(
    tour: Tour, browser: Browser, live_server: LiveServer, contexts: list[BrowserContext]
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SCREENSHOTS.glob("every-page--*.png"):
        stale.unlink()
    codes, always = framework_codes(tour), re.compile("|".join(ALWAYS_CODES))
    findings = Findings()
    for role, pages in visits(tour).items():
        context = browser.new_context(
            base_url=live_server.url, locale="en-US", timezone_id="Asia/Ho_Chi_Minh", viewport=WIDTHS["desk"]
        )
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message, into=console: _keep_error(message, into))
        page.on("pageerror", lambda error, into=console: into.append(f"uncaught: {error}"))
        if role != "anonymous":
            _log_in(page, role)
        navigation: list[str] | None = None
        for visit in pages:
            where = f"{role} {visit.name}"
            page.set_viewport_size(WIDTHS["desk"])
            response = page.goto(visit.url)
            assert response is not None and response.status == 200, f"{where}: {response and response.status}"
            links = _navigation(page)
            if visit.own_navigation:
                pass
            elif navigation is None:
                navigation = links
            elif links != navigation:
                findings.add(where, f"navigation {links} differs from {navigation}")
            if found := (always if visit.codes_are_data else codes).search(page.locator("body").inner_text()):
                findings.add(where, f"shows the code {found.group(0)!r}")
            for width, size in WIDTHS.items():
                page.set_viewport_size(size)
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    findings.add(f"{where} {width}", f"the page scrolls sideways by {overflow} px")
                page.screenshot(
                    path=str(SCREENSHOTS / f"every-page--{role}--{visit.name}--{width}.png"), full_page=True
                )
                if visit.axe:
                    _check_accessibility(page, f"{where} {width}", findings)
            _keep_console(console, where, findings)
        # On a phone the menu is folded behind its button (the last page left the phone's width).
        public = page.locator("header.site nav").get_by_role("link", name="Kết quả đã công bố")
        menu = page.get_by_role("button", name="Menu")
        expect(menu).to_have_attribute("aria-expanded", "false")
        if not public.is_visible():  # folded away unless it is the page shown
            menu.click()
            expect(menu).to_have_attribute("aria-expanded", "true")
        # A boosted link swaps the page through htmx: the swap itself must need no inline style either.
        public.click()
        page.wait_for_url("**/public/")
        page.get_by_role("heading", level=1).wait_for()
        # The page that came by htmx has its menu folded again, its own page's link in view.
        expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")
        expect(page.locator("header.site nav").get_by_role("link", name="Kết quả đã công bố")).to_be_visible()
        _keep_console(console, f"{role} htmx swap", findings)
    assert not findings.problems, "\n".join(findings.problems)


def _keep_console(console: list[str], where: str, findings: Findings) -> None:
    for line in console:
        findings.add(where, f"console: {line}")
    console.clear()


def _keep_error(message: ConsoleMessage, into: list[str]) -> None:
    # CSP violations are reported as console errors ("Refused to apply inline style…").
    if message.type == "error" or "Content-Security-Policy" in message.text:
        into.append(message.text)


def _log_in(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name=f"Đăng xuất ({username})").wait_for()


def _navigation(page: Page) -> list[str]:
    return [" ".join(text.split()) for text in page.locator("header.site nav a").all_text_contents()]


def _check_accessibility(page: Page, where: str, findings: Findings) -> None:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(url=AXE)
    for violation in page.evaluate(AXE_RUN):
        findings.add(where, f"axe: {violation}")
