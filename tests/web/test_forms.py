"""Bad input is rejected with a Vietnamese message and nothing is written."""

from __future__ import annotations

from django.urls import reverse

from govscore.web.indicators.models import EvidenceFile, IndicatorValue
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.models import ManualScore

from .base import BaseTestCase
from .samples import pdf_upload


class FormTests(BaseTestCase):
    def test_it_rejects_a_negative_document_count(self) -> None:
        self.login(self.reporter)
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 4])
        response = self.client.post(url, {"content": "Báo cáo", "documents_sent": "-3"})
        self.assertContains(response, "Giá trị không được âm.", status_code=400)
        self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=4).exists())

    def test_it_rejects_more_electronic_documents_than_documents(self) -> None:
        self.login(self.reporter)
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 4])
        response = self.client.post(
            url, {"content": "Báo cáo", "documents_sent": "3", "documents_sent_electronic": "5"}
        )
        self.assertContains(response, "không được lớn hơn tổng số văn bản đi", status_code=400)
        self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=4).exists())

    def test_it_rejects_a_numerator_above_its_denominator(self) -> None:
        self.login(self.reporter)
        url = reverse("indicator_form", args=[self.period.pk, self.syt.pk])
        before = IndicatorValue.objects.get(unit=self.syt, code="email_accounts").value
        response = self.client.post(url, {"email_accounts__numerator": "60", "email_accounts__denominator": "50"})
        self.assertEqual(
            response.context["form"].errors["email_accounts__numerator"],
            ["Số CBCC được cấp hộp thư điện tử Đồng Nai / tổng số CBCC: tử số (60) không được lớn hơn mẫu số (50)."],
        )
        self.assertEqual(IndicatorValue.objects.get(unit=self.syt, code="email_accounts").value, before)

    def test_it_rejects_a_negative_count_in_indicator_data(self) -> None:
        self.login(self.reporter)
        url = reverse("indicator_form", args=[self.period.pk, self.syt.pk])
        response = self.client.post(url, {"edoc_sent__numerator": "-1", "edoc_sent__denominator": "10"})
        self.assertEqual(
            response.context["form"].errors["edoc_sent__numerator"],
            ["Văn bản gửi bằng điện tử / tổng số văn bản đi (9 tháng đầu năm): không được âm (đang là -1)."],
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(IndicatorValue.objects.filter(unit=self.syt, code="edoc_sent").exists())

    def test_it_rejects_evidence_dated_outside_the_period(self) -> None:
        self.login(self.reporter)
        url = reverse("evidence_upload", args=[self.period.pk, self.syt.pk])
        count = EvidenceFile.objects.count()
        data = {
            "indicator": "email_accounts",
            "file": pdf_upload("qd.pdf"),
            "issued_on": "15/03/2013",
        }
        response = self.client.post(url, data)
        self.assertContains(response, "Ngày ban hành phải nằm trong kỳ đánh giá", status_code=400)
        self.assertEqual(EvidenceFile.objects.count(), count)

    def test_it_rejects_a_month_outside_the_period(self) -> None:
        self.period.data_to = self.period.data_to.replace(month=6, day=30)
        self.period.save(update_fields=["data_to"])
        self.login(self.reporter)
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 9])
        response = self.client.post(url, {"content": "Báo cáo tháng 9"})
        self.assertContains(response, "Tháng báo cáo nằm ngoài kỳ đánh giá.", status_code=400)
        self.assertFalse(MonthlyReport.objects.filter(unit=self.syt, month=9).exists())

    def test_it_requires_a_reason_for_a_manual_score(self) -> None:
        self.login(self.evaluator)
        url = reverse("manual_scores", args=[self.period.pk, self.syt.pk])
        response = self.client.post(url, {"criterion_code": "1.1", "points": "5", "reason": "  "})
        self.assertContains(response, "Phải ghi lý do khi chấm tay.", status_code=400)
        self.assertFalse(ManualScore.objects.filter(unit=self.syt, criterion_code="1.1").exists())

    def test_the_manual_scores_are_named_by_their_criterion(self) -> None:
        self.login(self.evaluator)
        response = self.client.get(reverse("manual_scores", args=[self.period.pk, self.syt.pk]))
        # The criterion's code and title head the row (a card on a phone), its figures under their names.
        self.assertContains(
            response,
            '<td class="title"><strong>5. Các tiêu chí khác (không nêu trong văn bản công bố)</strong></td>',
            html=True,
        )
        self.assertContains(response, '<td class="num" data-label="Điểm">100</td>', html=True)

    def test_it_rejects_a_manual_score_above_the_criterion_maximum(self) -> None:
        self.login(self.evaluator)
        url = reverse("manual_scores", args=[self.period.pk, self.syt.pk])
        response = self.client.post(url, {"criterion_code": "1.1", "points": "11", "reason": "Hội đồng"})
        self.assertContains(response, "Điểm phải nằm trong khoảng từ 0 đến 10.", status_code=400)
        self.assertFalse(ManualScore.objects.filter(unit=self.syt, criterion_code="1.1").exists())
