"""An evaluator tries a draft framework on the stored 2012 at a phone's width: the table scrolls in its box."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from govscore.examples import EXAMPLES_DIR
from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.demo import EXAMPLE, example_evaluation
from govscore.web.periods.files import do_import_evaluation
from govscore.web.periods.models import EvaluationPeriod

from .cast import PASSWORD
from .ui import LogIn, Screenshot, content

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it

WEIGHTS = (
    ('version: "2012"', 'version: "2013"'),
    ('(9 tháng đầu năm)"\n    max: 15', '(9 tháng đầu năm)"\n    max: 25'),
    ('    title: "Hạ tầng và thư điện tử"\n    max: 20', '    title: "Hạ tầng và thư điện tử"\n    max: 10'),
    ('cho CBCC"\n        max: 10', 'cho CBCC"\n        max: 5'),
    ('chuyên dùng"\n        max: 10', 'chuyên dùng"\n        max: 5'),
)


def framework_text() -> str:
    return (EXAMPLES_DIR / EXAMPLE / "framework.yaml").read_text(encoding="utf-8")


@pytest.fixture
def stored_2012(transactional_db: None, _isolated_media: None, _browser_env: None) -> EvaluationPeriod:
    do_ensure_user("evaluator", PASSWORD, Role.EVALUATOR)
    return do_import_evaluation(example_evaluation(), framework_text())


def test_a_draft_at_a_phones_width(
    stored_2012: EvaluationPeriod, page: Page, log_in: LogIn, screenshot: Screenshot, tmp_path: Path
) -> None:
    text = framework_text()
    for old, new in WEIGHTS:
        text = text.replace(old, new)
    draft = tmp_path / "du-thao-2013.yaml"
    draft.write_text(text, encoding="utf-8")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("evaluator")
    page.goto(f"/periods/{stored_2012.pk}/ranking/")
    page.get_by_role("link", name="Chạy thử bộ tiêu chí dự thảo trên số liệu kỳ này").click()
    page.get_by_label("Tệp bộ tiêu chí dự thảo (YAML hoặc XLSX)").set_input_files(str(draft))
    page.get_by_role("button", name="Chạy thử", exact=True).click()
    main = content(page)
    expect(main.get_by_text("Sở Tài nguyên và Môi trường: hạng 7 → 8 (▼ 1)")).to_be_visible()
    expect(main.get_by_text("0,987", exact=False)).to_be_visible()
    # The page itself does not scroll sideways; the wide table scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    table = main.locator("table.whatif").first
    assert table.evaluate("t => t.scrollWidth > t.clientWidth")
    screenshot("phone")
