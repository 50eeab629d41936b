"""The demo's live year: this year's period under the bundled framework reissued, with months reported on
time, one late, one missing, and the month under way not due yet (due soon early in a month)."""

from __future__ import annotations

import datetime

import time_machine
from django.test import TestCase

from govscore.web.demo_live import setup_live_year
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import calendar

from .base import framework_text

HANOI = datetime.timezone(datetime.timedelta(hours=7))


class LiveYearTests(TestCase):
    def setUp(self) -> None:
        self.version = do_store_framework(framework_text())
        group = do_ensure_group("so-nganh", "Sở, ban, ngành")
        self.units = {
            code: do_ensure_unit(code, name, group) for code, name in (("STP", "Sở Tư pháp"), ("SYT", "Sở Y tế"))
        }

    def statuses(self, at: datetime.datetime) -> dict[str, list[str]]:
        with time_machine.travel(at, tick=False):
            period = setup_live_year(self.version, self.units)
            reports = list(MonthlyReport.objects.filter(period=period))
            return {code: [m.status for m in calendar(period, unit, reports)] for code, unit in self.units.items()}

    def test_in_december_the_past_months_are_reported_one_late_one_missing_and_december_not_due(self) -> None:
        statuses = self.statuses(datetime.datetime(2026, 12, 6, 10, tzinfo=HANOI))
        on_time = ["on_time"] * 9
        self.assertEqual(statuses["STP"], ["late", "missing", *on_time, "not_due"])
        self.assertEqual(statuses["SYT"], ["on_time", "late", "missing", *on_time[:8], "not_due"])

    def test_early_in_a_month_last_months_report_is_due_soon(self) -> None:
        statuses = self.statuses(datetime.datetime(2026, 6, 2, 10, tzinfo=HANOI))
        self.assertEqual(statuses["STP"], ["late", "missing", "on_time", "on_time", "due_soon", *["not_due"] * 7])

    def test_the_period_closes_after_the_year_and_expects_every_month(self) -> None:
        with time_machine.travel(datetime.datetime(2026, 12, 6, 10, tzinfo=HANOI), tick=False):
            period = setup_live_year(self.version, self.units)
        self.assertEqual((period.year, period.closes_on), (2026, datetime.date(2027, 1, 31)))
        self.assertEqual(period.reporting_months(), tuple(range(1, 13)))
        self.assertEqual((period.framework.code, period.framework.version), (self.version.code, "2026"))

    def test_run_again_a_month_later_it_adds_the_month_that_came_due(self) -> None:
        self.statuses(datetime.datetime(2026, 6, 2, 10, tzinfo=HANOI))
        later = self.statuses(datetime.datetime(2026, 7, 8, 10, tzinfo=HANOI))
        self.assertEqual(later["STP"][:6], ["late", "missing", "on_time", "on_time", "on_time", "on_time"])
