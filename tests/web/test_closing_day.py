"""A period's closing day: a month reported after it counts as missing, not late, on the calendar and in
the score; a report received at the last minute of the closing day (Vietnam's time) still counts late."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.test import TestCase

from govscore.scoring.engine import score
from govscore.web.actions import Refused
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.periods.actions import do_open_period
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.actions import do_import_reports
from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import month_status
from govscore.web.scores.mapping import evaluation_for

from .base import framework_text

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
REPORTING = "4"  # the example's monthly-reporting criterion: months 1 to 10, due on the 5th; late −0,5, missing −1


class ClosingDayTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        version = do_store_framework(framework_text())
        cls.period = do_open_period(
            2012,
            version,
            title="Đánh giá năm 2012",
            data_from=datetime.date(2012, 1, 1),
            data_to=datetime.date(2012, 12, 31),
            closes_on=datetime.date(2013, 1, 31),
        )
        group = do_ensure_group("so-nganh", "Sở, ban, ngành")
        cls.before = do_ensure_unit("SYT", "Sở Y tế", group)
        cls.after = do_ensure_unit("STP", "Sở Tư pháp", group)
        on_time = [
            (unit, month, datetime.datetime(2012, month + 1, 1, 9, tzinfo=HANOI), "Báo cáo")
            for unit in (cls.before, cls.after)
            for month in range(1, 11)
            if month != 1
        ]
        # January's report comes a year late: one minute before the closing instant, and at it.
        last_minute = datetime.datetime(2013, 1, 31, 23, 59, 59, tzinfo=HANOI)
        at_closing = datetime.datetime(2013, 2, 1, 0, 0, 0, tzinfo=HANOI)
        do_import_reports(
            cls.period,
            [*on_time, (cls.before, 1, last_minute, "Báo cáo muộn"), (cls.after, 1, at_closing, "Báo cáo muộn")],
        )

    def test_the_closing_instant_is_the_end_of_the_closing_day_in_vietnam(self) -> None:
        period = EvaluationPeriod.objects.get(pk=self.period.pk)
        self.assertEqual(period.closing_instant(), datetime.datetime(2013, 1, 31, 17, 0, tzinfo=datetime.UTC))

    def test_a_report_before_the_closing_instant_is_late_and_one_at_it_is_missing_on_the_calendar(self) -> None:
        period = EvaluationPeriod.objects.get(pk=self.period.pk)
        today = datetime.date(2013, 3, 1)
        statuses = {
            unit.code: month_status(period, unit, 1, MonthlyReport.objects.get(unit=unit, month=1), today).status
            for unit in (self.before, self.after)
        }
        self.assertEqual(statuses, {"SYT": "late", "STP": "missing"})

    def test_the_score_counts_the_month_after_the_closing_instant_as_missing(self) -> None:
        period = EvaluationPeriod.objects.get(pk=self.period.pk)
        result = score(evaluation_for(period), narrate=False)
        before = result.unit("SYT").criterion(REPORTING)
        after = result.unit("STP").criterion(REPORTING)
        self.assertEqual((before.points, after.points), (Decimal("9.5"), Decimal(9)))
        self.assertEqual((before.facts["late_count"], before.facts["missing_count"]), (1, 0))
        self.assertEqual((after.facts["late_count"], after.facts["missing_count"]), (0, 1))

    def test_without_a_closing_day_a_report_years_late_still_counts_late(self) -> None:
        EvaluationPeriod.objects.filter(pk=self.period.pk).update(closes_on=None)
        period = EvaluationPeriod.objects.get(pk=self.period.pk)
        result = score(evaluation_for(period), narrate=False)
        self.assertEqual(result.unit("STP").criterion(REPORTING).facts["late_count"], 1)

    def test_it_refuses_a_closing_day_before_the_last_months_due_day(self) -> None:
        with self.assertRaises(Refused) as refused:
            do_open_period(
                2013,
                self.period.framework,
                title="",
                data_from=datetime.date(2013, 1, 1),
                data_to=datetime.date(2013, 12, 31),
                closes_on=datetime.date(2013, 11, 4),
            )
        self.assertEqual(
            refused.exception.messages,
            ["Ngày khoá sổ phải từ ngày 05/11/2013 (hạn báo cáo của tháng cuối cùng) trở đi."],
        )
        self.assertFalse(EvaluationPeriod.objects.filter(year=2013).exists())
