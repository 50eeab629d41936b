"""Monthly reports: the server stamps the first receipt; the status is derived, never typed in."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import calendar
from govscore.web.scores.models import Result

from .base import BaseTestCase


class ReportTests(BaseTestCase):
    def test_it_stamps_the_first_submission_and_never_moves_it(self) -> None:
        self.login(self.reporter)
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 5])
        self.assertEqual(self.client.post(url, {"content": "Lần đầu"}).status_code, 302)
        first = MonthlyReport.objects.get(unit=self.syt, month=5)
        self.assertEqual(self.client.post(url, {"content": "Sửa lại"}).status_code, 302)
        again = MonthlyReport.objects.get(unit=self.syt, month=5)
        self.assertEqual(again.received_at, first.received_at)
        self.assertEqual(again.content, "Sửa lại")

    def test_it_derives_statuses_from_receipt_times(self) -> None:
        months = calendar(
            self.period, self.syt, list(MonthlyReport.objects.filter(unit=self.syt)), datetime.date(2013, 1, 1)
        )
        statuses = {m.month: m.status for m in months}
        self.assertEqual(statuses[1], "on_time")  # received 03/02/2012, due 05/02/2012
        self.assertEqual(statuses[2], "missing")

    def test_it_shows_a_month_as_due_soon(self) -> None:
        months = calendar(self.period, self.syt, [], datetime.date(2012, 7, 1))
        self.assertEqual(months[5].status, "due_soon")  # June, due 05/07/2012
        self.assertEqual(months[7].status, "not_due")

    def test_it_does_not_expect_reports_before_a_unit_existed(self) -> None:
        self.syt.effective_from = datetime.date(2012, 4, 1)
        self.syt.save(update_fields=["effective_from"])
        months = calendar(self.period, self.syt, [], datetime.date(2013, 1, 1))
        self.assertEqual([m.status for m in months[:3]], ["not_expected"] * 3)
        self.assertEqual(months[3].status, "missing")

    def test_it_rescores_as_soon_as_a_report_arrives(self) -> None:
        before = Result.objects.get(period=self.period, unit=self.syt).total
        self.login(self.reporter)
        self.client.post(reverse("report_form", args=[self.period.pk, self.syt.pk, 2]), {"content": "Trễ"})
        after = Result.objects.get(period=self.period, unit=self.syt).total
        self.assertGreater(after, before)  # a late report loses less than a missing one

    def test_it_only_expects_the_months_the_framework_scores(self) -> None:
        # The bundled framework scores reports on months 1 to 10: November and December are never "missing".
        months = calendar(self.period, self.syt, [], datetime.date(2013, 3, 1))
        statuses = {m.month: m.status for m in months}
        self.assertEqual(statuses[10], "missing")
        self.assertEqual(statuses[11], "not_expected")
        self.assertEqual(statuses[12], "not_expected")

    def test_a_period_takes_its_due_day_from_the_framework(self) -> None:
        self.assertEqual(self.period.report_due_day, 5)
        self.period.report_due_day = 10
        with self.assertRaises(ValidationError) as raised:
            self.period.full_clean()
        self.assertIn("ngày 5 của tháng sau", str(raised.exception.message_dict["report_due_day"]))
