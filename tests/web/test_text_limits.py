"""Free text has a most length, said plainly at the field: a reason is copied into the ledger, the audit
trail and every published edition, so a megabyte typed into one must be refused, by the form and by the
action whoever calls it."""

from __future__ import annotations

from decimal import Decimal

from django.test import override_settings
from django.urls import reverse

from govscore.web.actions import Refused
from govscore.web.indicators.actions import do_add_evidence, do_set_values
from govscore.web.indicators.models import EvidenceFile, IndicatorValue
from govscore.web.periods.actions import do_close
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.actions import PublishRefused, do_open_amendment, do_publish
from govscore.web.reports.actions import do_submit_report
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.actions import do_set_manual_score
from govscore.web.scores.models import ManualScore

from .base import BaseTestCase, fill_draft
from .samples import pdf_upload


class ManualScoreReasonTests(BaseTestCase):
    def post(self, reason: str):  # type: ignore[no-untyped-def]
        url = reverse("manual_scores", args=[self.period.pk, self.syt.pk])
        return self.client.post(url, {"criterion_code": "1.1", "points": "5", "reason": reason})

    def test_the_form_refuses_a_reason_over_two_thousand_characters(self) -> None:
        self.login(self.evaluator)
        page = self.client.get(reverse("manual_scores", args=[self.period.pk, self.syt.pk]))
        self.assertContains(page, 'maxlength="2000"')
        response = self.post("Hội đồng thống nhất. " + "x" * 1980)
        self.assertContains(response, "Dài quá: tối đa 2000 ký tự, đã nhập 2001 ký tự.", status_code=400)
        self.assertFalse(ManualScore.objects.filter(unit=self.syt, criterion_code="1.1").exists())
        self.assertEqual(self.post("x" * 2000).status_code, 302)
        self.assertEqual(len(ManualScore.objects.get(unit=self.syt, criterion_code="1.1").reason), 2000)

    def test_the_action_refuses_it_whoever_calls(self) -> None:
        with self.assertRaises(Refused) as refused:
            do_set_manual_score(self.period, self.syt, "1.1", Decimal(5), "x" * 1_000_000, self.evaluator)
        self.assertEqual(refused.exception.messages, ["Lý do dài quá: tối đa 2.000 ký tự, đã nhập 1.000.000 ký tự."])
        self.assertFalse(ManualScore.objects.filter(unit=self.syt, criterion_code="1.1").exists())

    def test_a_score_value_s_reason_is_held_to_the_same_limit(self) -> None:
        with self.assertRaises(Refused) as refused:
            do_set_values(self.period, self.syt, {"other_criteria": {"points": 5, "reason": "x" * 2001}})
        [message] = refused.exception.messages
        self.assertIn("dài quá, tối đa 2.000 ký tự (đang có 2.001 ký tự)", message)
        self.assertFalse(IndicatorValue.objects.filter(unit=self.syt, code="other_criteria").exists())


class ReportContentTests(BaseTestCase):
    def test_the_form_refuses_a_report_over_twenty_thousand_characters(self) -> None:
        self.login(self.reporter)
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 4])
        self.assertContains(self.client.get(url), 'maxlength="20000"')
        response = self.client.post(url, {"content": "Báo cáo. " + "a" * 20_000})
        self.assertContains(response, "Dài quá: tối đa 20000 ký tự, đã nhập 20009 ký tự.", status_code=400)
        self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=4).exists())

    def test_the_action_refuses_it_whoever_calls(self) -> None:
        with self.assertRaises(Refused) as refused:
            do_submit_report(self.period, self.syt, 4, content="a" * 20_001, by=self.reporter)
        self.assertEqual(
            refused.exception.messages, ["Nội dung báo cáo dài quá: tối đa 20.000 ký tự, đã nhập 20.001 ký tự."]
        )
        self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=4).exists())


class AmendmentReasonTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        fill_draft(cls.period)
        do_close(cls.period)
        do_publish(cls.period, cls.admin)

    def test_the_form_refuses_a_reason_that_every_edition_would_print(self) -> None:
        self.login(self.admin)
        url = reverse("publication_amend", args=[self.period.pk])
        response = self.client.post(url, {"reason": "Sửa số liệu. " + "x" * 2000})
        self.assertContains(response, "Dài quá: tối đa 2000 ký tự, đã nhập 2013 ký tự.", status_code=400)
        self.period.refresh_from_db()
        self.assertEqual(self.period.status, EvaluationPeriod.Status.PUBLISHED)

    @override_settings(LANGUAGE_CODE="en")
    def test_the_action_refuses_it_whoever_calls(self) -> None:
        with self.assertRaises(PublishRefused) as refused:
            do_open_amendment(self.period, "x" * 2001, self.admin)
        self.assertEqual(
            refused.exception.messages,
            ["Reason for the amendment is too long: at most 2,000 characters, 2,001 entered."],
        )
        self.period.refresh_from_db()
        self.assertEqual(self.period.status, EvaluationPeriod.Status.PUBLISHED)


class EvidenceDescriptionTests(BaseTestCase):
    def test_the_action_refuses_a_description_longer_than_its_column(self) -> None:
        count = EvidenceFile.objects.count()
        with self.assertRaises(Refused) as refused:
            do_add_evidence(
                self.period, self.syt, "email_accounts", pdf_upload("qd.pdf"), description="m" * 256, by=self.reporter
            )
        self.assertEqual(refused.exception.messages, ["Mô tả dài quá: tối đa 255 ký tự, đã nhập 256 ký tự."])
        self.assertEqual(EvidenceFile.objects.count(), count)
