"""The what-if page: a draft framework uploaded, replayed on the stored 2012, never stored."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from govscore.examples import example_path
from govscore.frameworks.workbook_writer import framework_workbook
from govscore.scoring.loading.yamlfile import parse_yaml_text
from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.audit.models import AuditEntry
from govscore.web.demo import example_evaluation
from govscore.web.frameworks.models import FrameworkVersion
from govscore.web.periods.files import do_import_evaluation

FRAMEWORK = example_path("dongnai-2012").parent / "framework.yaml"  # type: ignore[union-attr]
WEIGHTS = (
    ('version: "2012"', 'version: "2013"'),
    ('(9 tháng đầu năm)"\n    max: 15', '(9 tháng đầu năm)"\n    max: 25'),
    ('    title: "Hạ tầng và thư điện tử"\n    max: 20', '    title: "Hạ tầng và thư điện tử"\n    max: 10'),
    ('cho CBCC"\n        max: 10', 'cho CBCC"\n        max: 5'),
    ('chuyên dùng"\n        max: 10', 'chuyên dùng"\n        max: 5'),
)


def draft(changes: tuple[tuple[str, str], ...] = WEIGHTS) -> SimpleUploadedFile:
    text = FRAMEWORK.read_text(encoding="utf-8")
    for old, new in changes:
        text = text.replace(old, new)
    return SimpleUploadedFile("du-thao.yaml", text.encode(), "application/yaml")


class WhatIfPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.period = do_import_evaluation(example_evaluation(), FRAMEWORK.read_text(encoding="utf-8"))
        cls.evaluator = do_ensure_user("evaluator", "test-password", Role.EVALUATOR)

    def setUp(self) -> None:
        self.client.force_login(self.evaluator)
        self.url = reverse("whatif", args=[self.period.pk])

    def test_the_form_is_offered_from_the_ranking(self) -> None:
        ranking = self.client.get(reverse("ranking", args=[self.period.pk]))
        self.assertContains(ranking, self.url)
        self.assertContains(self.client.get(self.url), 'type="file"')

    def test_a_draft_shows_old_and_new_ranks_grades_tau_and_criteria_and_stores_nothing(self) -> None:
        audit = AuditEntry.objects.count()
        page = self.client.post(self.url, {"file": draft()})
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        self.assertIn("Sở Tài nguyên và Môi trường: hạng 7 → 8 (▼ 1)", html)
        self.assertIn("Hệ số tương quan hạng Kendall (tau-b) giữa hai bảng xếp hạng: 0,987", html)
        self.assertIn("Gửi văn bản điện tử (9 tháng đầu năm)", html)
        self.assertIn("Sở Ngoại vụ: A → B", html)
        self.assertEqual(FrameworkVersion.objects.count(), 1)
        self.assertEqual(AuditEntry.objects.count(), audit)

    def test_a_broken_draft_is_refused_with_its_line(self) -> None:
        broken = SimpleUploadedFile("hong.yaml", b"format: 1\nkind: framework\ncode: [x\n")
        page = self.client.post(self.url, {"file": broken})
        self.assertContains(page, "hong.yaml:4", status_code=400)

    def test_a_draft_needing_data_the_period_lacks_is_refused(self) -> None:
        changes = (
            *WEIGHTS,
            ("indicators:\n", 'indicators:\n  - {code: portal, title: "Có cổng thông tin", type: boolean}\n'),
            ("rule: {type: yes_no, indicator: network_connected}", "rule: {type: yes_no, indicator: portal}"),
        )
        page = self.client.post(self.url, {"file": draft(changes)})
        self.assertContains(
            page, "cần số liệu &#x27;portal&#x27; (Có cổng thông tin) mà kỳ 2012 không có", status_code=400
        )

    def test_english(self) -> None:
        self.client.post(reverse("set_language"), {"language": "en", "next": self.url})
        page = self.client.post(self.url, {"file": draft()})
        self.assertContains(page, "Kendall rank correlation (tau-b) between the two rankings: 0.987")
        self.assertContains(page, "Rank before")


class WhatIfWorkbookTests(TestCase):
    """A draft written as a framework workbook (how departments write their appendices) replays the same."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.period = do_import_evaluation(example_evaluation(), FRAMEWORK.read_text(encoding="utf-8"))
        cls.evaluator = do_ensure_user("evaluator", "test-password", Role.EVALUATOR)

    def test_a_workbook_draft_gives_what_its_yaml_gives(self) -> None:
        text = draft().read().decode()
        data, _source = parse_yaml_text(text, "du-thao.yaml")
        workbook = SimpleUploadedFile("du-thao.xlsx", framework_workbook(data), "application/octet-stream")
        self.client.force_login(self.evaluator)
        page = self.client.post(reverse("whatif", args=[self.period.pk]), {"file": workbook})
        self.assertContains(page, "Sở Tài nguyên và Môi trường: hạng 7 → 8 (▼ 1)")
        self.assertContains(page, "Hệ số tương quan hạng Kendall (tau-b) giữa hai bảng xếp hạng: 0,987")
