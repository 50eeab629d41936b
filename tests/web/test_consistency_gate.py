"""Publication waits for the text to agree with the points: each finding of the consistency check on the
live period is resolved or accepted with a reason first."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from govscore.web.actions import Refused
from govscore.web.assessment.actions import do_accept_finding
from govscore.web.assessment.consistency import live_findings, pending_findings
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.indicators.actions import do_set_values
from govscore.web.periods.actions import do_close, do_ensure_period, do_reopen
from govscore.web.publications.actions import do_publish
from govscore.web.scores.actions import do_set_manual_score

from .base import BaseTestCase, fill_draft, framework_text

# The regulations criterion's "not done well" sentence whatever the facts: it contradicts 20/20.
CONTRADICTING = (
    framework_text()
    .replace('version: "2012"', 'version: "2012-nhan-xet-sai"', 1)
    .replace(
        '      - column: good\n        when: "missing_count == 0"\n'
        '        text: "Xây dựng {count} quy chế về ứng dụng CNTT"\n',
        "",
        1,
    )
)


class ConsistencyGateTests(BaseTestCase):
    def setUp(self) -> None:
        version = do_store_framework(CONTRADICTING)
        self.cycle = do_ensure_period(2013, version, title="Đánh giá năm 2013")
        framework = version.parsed()
        codes = [choice.code for choice in framework.indicator("regulations").choices]
        do_set_values(self.cycle, self.syt, {"regulations": codes}, by=self.reporter)
        fill_draft(self.cycle)

    def test_a_period_whose_text_contradicts_its_points_is_not_published(self) -> None:
        [finding] = pending_findings(self.cycle)
        self.assertEqual(finding.unit, "Sở Y tế")
        self.assertIn("Nội dung thực hiện chưa tốt", finding.message)
        self.assertIn("20/20", finding.message)
        do_close(self.cycle, self.admin)
        with self.assertRaises(Refused) as caught:
            do_publish(self.cycle, self.admin)
        self.assertEqual(
            caught.exception.messages[0],
            "Chưa công bố được: còn 1 điểm không nhất quán giữa nhận xét và điểm chưa xử lý.",
        )
        self.assertFalse(self.cycle.publications.exists())

    def test_an_accepted_finding_lets_the_period_be_published(self) -> None:
        [finding] = live_findings(self.cycle)
        with self.assertRaises(Refused):
            do_accept_finding(self.cycle, finding.fingerprint, "  ", self.admin)
        do_accept_finding(self.cycle, finding.fingerprint, "Câu nhận xét của bộ tiêu chí sẽ sửa năm sau", self.admin)
        self.assertEqual(pending_findings(self.cycle), [])
        do_close(self.cycle, self.admin)
        self.assertEqual(do_publish(self.cycle, self.admin).edition, 1)

    def test_a_resolved_finding_no_longer_blocks(self) -> None:
        # The council decides 15 points: the sentence now says so, in the "not done well" column, and agrees.
        do_set_manual_score(self.cycle, self.syt, "2", Decimal(15), "Một quy định chưa đúng mẫu", self.evaluator)
        self.assertEqual(pending_findings(self.cycle), [])

    def test_the_publication_page_lists_the_findings_and_accepts_one_with_a_reason(self) -> None:
        self.login(self.admin)
        page = self.client.get(reverse("publication_manage", args=[self.cycle.pk])).content.decode()
        self.assertIn("Nhận xét không khớp với điểm", page)
        [finding] = live_findings(self.cycle)
        url = reverse("finding_accept", args=[self.cycle.pk])
        self.client.post(url, {"fingerprint": finding.fingerprint, "reason": "Đã xem, giữ nguyên"})
        self.assertEqual(pending_findings(self.cycle), [])
        do_close(self.cycle, self.admin)
        do_reopen(self.cycle, self.admin)
