"""A closed or published period's data cannot change: not through an action, a page, a form, or the admin."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from govscore.web.actions import PeriodLocked
from govscore.web.imports.actions import import_file, template_bytes
from govscore.web.indicators.actions import do_add_evidence, do_set_values
from govscore.web.indicators.models import EvidenceFile, IndicatorValue
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.actions import do_submit_report
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.actions import do_remove_manual_score, do_set_manual_score
from govscore.web.scores.models import ManualScore

from .base import BaseTestCase
from .samples import pdf_upload


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    return {
        "values": sorted(IndicatorValue.objects.values_list("pk", "code", "value")),
        "evidence": sorted(EvidenceFile.objects.values_list("pk", "file", "description")),
        "reports": sorted(MonthlyReport.objects.values_list("pk", "month", "content", "received_at")),
        "scores": sorted(ManualScore.objects.values_list("pk", "criterion_code", "points", "reason")),
    }


class FreezeTests(BaseTestCase):
    def setUp(self) -> None:
        EvaluationPeriod.objects.filter(pk=self.period.pk).update(status=EvaluationPeriod.Status.PUBLISHED)
        self.before = snapshot()

    def assert_unchanged(self) -> None:
        self.assertEqual(snapshot(), self.before)

    def test_every_action_refuses_and_writes_nothing(self) -> None:
        writes = {
            "values": lambda: do_set_values(self.period, self.syt, {"network_connected": False}, by=self.reporter),
            "evidence": lambda: do_add_evidence(
                self.period, self.syt, "email_accounts", pdf_upload(), by=self.reporter
            ),
            "report": lambda: do_submit_report(self.period, self.syt, 6, content="Tháng 6", by=self.reporter),
            "score": lambda: do_set_manual_score(self.period, self.syt, "5", Decimal(90), "Hội đồng", self.evaluator),
            "score removed": lambda: do_remove_manual_score(self.syt_score, self.evaluator),
            "import": lambda: import_file(self.period, template_bytes(self.period), by=self.evaluator),
        }
        for name, write in writes.items():
            with self.subTest(name):
                with self.assertRaises(PeriodLocked) as refused:
                    write()
                self.assertIn("đã công bố", refused.exception.messages[0])
        self.assert_unchanged()

    def test_forms_refuse_with_the_reason(self) -> None:
        posts = [
            (self.reporter, reverse("report_form", args=[self.period.pk, self.syt.pk, 6]), {"content": "Tháng 6"}),
            (
                self.reporter,
                reverse("indicator_form", args=[self.period.pk, self.syt.pk]),
                {"email_accounts__numerator": "50", "email_accounts__denominator": "50"},
            ),
            (
                self.reporter,
                reverse("evidence_upload", args=[self.period.pk, self.syt.pk]),
                {"indicator": "email_accounts", "file": pdf_upload()},
            ),
            (
                self.evaluator,
                reverse("manual_scores", args=[self.period.pk, self.syt.pk]),
                {"criterion_code": "5", "points": "90", "reason": "Hội đồng điều chỉnh"},
            ),
            (
                self.evaluator,
                reverse("manual_score_delete", args=[self.period.pk, self.syt.pk, self.syt_score.pk]),
                {},
            ),
        ]
        for user, url, data in posts:
            with self.subTest(url=url):
                self.login(user)
                response = self.client.post(url, data, follow=True)
                self.assertContains(response, "đã công bố", status_code=response.status_code)
                self.assertIn(response.status_code, (200, 400, 409))
        self.assert_unchanged()

    def test_the_admin_cannot_change_data_or_a_published_period(self) -> None:
        self.login(self.admin)
        value = IndicatorValue.objects.get(unit=self.syt, code="email_accounts")
        urls = [
            reverse("admin:indicators_indicatorvalue_change", args=[value.pk]),
            reverse("admin:reports_monthlyreport_change", args=[self.syt_report.pk]),
            reverse("admin:scores_manualscore_change", args=[self.syt_score.pk]),
            reverse("admin:periods_evaluationperiod_change", args=[self.period.pk]),
            reverse("admin:scores_manualscore_delete", args=[self.syt_score.pk]),
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, {"post": "yes", "points": "1"}).status_code, 403)
        self.assert_unchanged()
        self.assertEqual(EvaluationPeriod.objects.get(pk=self.period.pk).status, "published")

    def test_an_open_period_still_takes_changes(self) -> None:
        EvaluationPeriod.objects.filter(pk=self.period.pk).update(status=EvaluationPeriod.Status.OPEN)
        self.syt_score.points = Decimal(90)
        self.syt_score.save()
        self.assertEqual(ManualScore.objects.get(pk=self.syt_score.pk).points, Decimal(90))
