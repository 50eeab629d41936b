"""An administrator opens a period from its page: the framework's due day, the units in force, the
closing day checked against the last month's due day."""

from __future__ import annotations

import datetime

import time_machine
from django.urls import reverse

from govscore.web.audit.models import AuditEntry
from govscore.web.periods.models import EvaluationPeriod

from .base import BaseTestCase


class OpenPeriodPageTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.admin)

    def post(self, **changes: str):  # type: ignore[no-untyped-def]
        data = {
            "year": "2026",
            "framework": str(self.period.framework_id),
            "title": "Đánh giá năm 2026",
            "data_from": "01/01/2026",
            "data_to": "31/12/2026",
            "closes_on": "31/01/2027",
        }
        return self.client.post(reverse("period_open"), {**data, **changes})

    @time_machine.travel(datetime.datetime(2026, 12, 6, 9, tzinfo=datetime.UTC), tick=False)
    def test_the_page_shows_this_years_window_the_rule_and_the_units_in_force(self) -> None:
        response = self.client.get(reverse("period_open"))
        self.assertContains(response, 'value="01/01/2026"')
        self.assertContains(response, 'value="31/01/2027"')
        self.assertContains(response, "tháng 1 đến tháng 10")
        self.assertContains(response, "ngày 5 của tháng sau")
        self.assertContains(response, "2 đơn vị có hiệu lực từ 01/01/2026 đến 31/12/2026")

    def test_it_opens_the_period_with_the_frameworks_due_day_and_audits_it(self) -> None:
        response = self.post()
        self.assertRedirects(response, reverse("period_list"))
        period = EvaluationPeriod.objects.get(year=2026)
        self.assertEqual((period.report_due_day, period.closes_on), (5, datetime.date(2027, 1, 31)))
        entry = AuditEntry.objects.get(model="periods.evaluationperiod", object_id=str(period.pk))
        self.assertEqual(entry.actor, "admin")

    def test_it_refuses_a_closing_day_before_the_last_due_day_and_a_window_outside_the_year(self) -> None:
        response = self.post(closes_on="01/11/2026", data_to="31/12/2027")
        self.assertEqual(response.status_code, 400)
        self.assertContains(
            response, "Số liệu phải từ một ngày đến một ngày sau đó, cùng trong năm 2026.", status_code=400
        )
        self.assertFalse(EvaluationPeriod.objects.filter(year=2026).exists())
        response = self.post(closes_on="01/11/2026")
        self.assertContains(
            response, "Ngày khoá sổ phải từ ngày 05/11/2026 (hạn báo cáo của tháng cuối cùng) trở đi.", status_code=400
        )

    def test_it_refuses_a_second_period_of_the_same_year_and_framework(self) -> None:
        response = self.post(year="2012", data_from="01/01/2012", data_to="31/12/2012", closes_on="31/01/2013")
        self.assertContains(response, "Đã có kỳ đánh giá năm 2012 theo bộ tiêu chí này.", status_code=400)

    def test_only_the_administrator_opens_a_period(self) -> None:
        for role in ("reporter", "evaluator", "leader"):
            with self.subTest(role=role):
                self.login(getattr(self, role))
                self.assertEqual(self.post().status_code, 403)
        self.assertFalse(EvaluationPeriod.objects.filter(year=2026).exists())
