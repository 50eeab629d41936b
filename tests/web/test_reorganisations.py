"""Reorganisations as operations: merge, split, dissolve and rename from a date, and a period across them.

The cast's 2012 period scores reports on months 1 to 10 (due on the 5th of the next month); Sở Y tế and
Sở Tư pháp each sent January's report on time.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import time_machine
from django.urls import reverse

from govscore.web.actions import PeriodLocked, Refused
from govscore.web.audit.models import AuditEntry
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.actions import Decision, NewUnit, do_dissolve, do_merge, do_rename, do_split
from govscore.web.orgs.lineage import history
from govscore.web.orgs.models import Reorganisation, Succession, Unit
from govscore.web.periods.actions import do_close
from govscore.web.reports.actions import do_submit_report
from govscore.web.reports.models import MonthlyReport
from govscore.web.reports.status import calendar
from govscore.web.scores.models import Result

from .base import BaseTestCase

JUNE = Decision("15/QĐ-UBND", datetime.date(2012, 5, 20), datetime.date(2012, 6, 1))
AUGUST = Decision("30/QĐ-UBND", datetime.date(2012, 7, 25), datetime.date(2012, 8, 1))


def on_time(period, unit: Unit, months: range) -> None:  # type: ignore[no-untyped-def]
    for month in months:
        # Received on the 3rd of the next month: on time (due on the 5th).
        received = datetime.datetime(2012 + month // 12, month % 12 + 1, 3, 2, tzinfo=datetime.UTC)
        with time_machine.travel(received, tick=False):
            do_submit_report(period, unit, month, content=f"Báo cáo tháng {month}")


class ReorganisationTestCase(BaseTestCase):
    def statuses(self, unit: Unit) -> list[str]:
        reports = list(MonthlyReport.objects.filter(period=self.period, unit=unit))
        return [month.status for month in calendar(self.period, unit, reports, datetime.date(2013, 3, 1))]

    def reporting_points(self, unit: Unit) -> Decimal:
        return Decimal(Result.objects.get(period=self.period, unit=unit).criteria["4"][0])

    def result(self, unit: Unit) -> Result:
        return Result.objects.get(period=self.period, unit=unit)


class MergeTests(ReorganisationTestCase):
    def merged(self) -> Unit:
        on_time(self.period, self.syt, range(2, 6))
        new = NewUnit("SYTP", "Sở Y tế và Tư pháp", self.syt.group)
        return do_merge([self.syt, self.stp], new, JUNE, by=self.admin)

    def test_a_period_across_a_merge_expects_each_month_from_the_unit_in_force(self) -> None:
        merged = self.merged()
        on_time(self.period, merged, range(6, 10))
        e, o, m = "not_expected", "on_time", "missing"
        self.assertEqual(self.statuses(Unit.objects.get(code="SYT")), [o] * 5 + [e] * 7)
        self.assertEqual(self.statuses(Unit.objects.get(code="STP")), [o] + [m] * 4 + [e] * 7)
        # October's report never came; November and December are not scored by the framework.
        self.assertEqual(self.statuses(merged), [e] * 5 + [o] * 4 + [m] + [e] * 2)

    def test_a_period_across_a_merge_scores_the_old_units_for_their_months_and_the_new_one_after(self) -> None:
        merged = self.merged()
        on_time(self.period, merged, range(6, 10))
        # 10 points less 1 per missing month: Sở Y tế missed none of its five, Sở Tư pháp four, the new unit one.
        self.assertEqual(self.reporting_points(self.syt), Decimal(10))
        self.assertEqual(self.reporting_points(self.stp), Decimal(6))
        self.assertEqual(self.reporting_points(merged), Decimal(9))
        # The year is ranked among the units in force at its end: the old ones are scored but not ranked.
        old = self.result(self.syt)
        self.assertEqual(old.rank, 0)
        self.assertEqual(
            old.not_ranked,
            "Hợp nhất vào Sở Y tế và Tư pháp từ ngày 01/06/2012 (quyết định số 15/QĐ-UBND ngày 20/05/2012)",
        )
        self.assertEqual(self.result(merged).rank, 1)
        self.assertEqual(self.result(merged).not_ranked, "")

    def test_a_merge_keeps_reports_and_data_with_the_unit_that_sent_them(self) -> None:
        merged = self.merged()
        self.assertEqual(
            sorted(MonthlyReport.objects.filter(unit=self.syt).values_list("month", flat=True)), [1, 2, 3, 4, 5]
        )
        self.assertFalse(MonthlyReport.objects.filter(unit=merged).exists())
        self.assertTrue(IndicatorValue.objects.filter(period=self.period, unit=self.syt).exists())
        with self.assertRaises(Refused) as refused:
            do_submit_report(self.period, Unit.objects.get(code="SYT"), 6, content="Sau khi hợp nhất")
        self.assertEqual(refused.exception.messages, ["Đơn vị chưa hoạt động hoặc đã giải thể trong tháng này."])

    def test_a_merge_ends_the_old_units_and_links_them_to_the_new_one(self) -> None:
        merged = self.merged()
        self.assertEqual(Unit.objects.get(code="SYT").effective_to, datetime.date(2012, 5, 31))
        self.assertEqual(merged.effective_from, datetime.date(2012, 6, 1))
        reorganisation = Reorganisation.objects.get()
        self.assertEqual((reorganisation.kind, reorganisation.decision_number), ("merge", "15/QĐ-UBND"))
        self.assertEqual(
            set(Succession.objects.values_list("predecessor__code", "successor__code")),
            {("SYT", "SYTP"), ("STP", "SYTP")},
        )
        lines = history(merged)
        self.assertEqual(
            [(line.text, [unit.code for unit in line.others]) for line in lines], [("Hợp nhất từ", ["SYT", "STP"])]
        )
        self.assertEqual(lines[0].decision, "quyết định số 15/QĐ-UBND ngày 20/05/2012")
        self.assertEqual([line.text for line in history(self.syt)], ["Hợp nhất vào"])
        audited = AuditEntry.objects.filter(model__in=["orgs.reorganisation", "orgs.unit"], user_id=self.admin.pk)
        self.assertGreaterEqual(audited.count(), 4)  # the record, the new unit, the two ended units

    def test_the_overview_asks_each_month_of_the_unit_that_owes_it(self) -> None:
        merged = self.merged()
        self.login(self.leader)
        may = self.client.get(reverse("period_overview", args=[self.period.pk]) + "?month=5")
        self.assertEqual([unit.code for unit, _status in may.context["not_reported"]], ["STP"])
        june = self.client.get(reverse("period_overview", args=[self.period.pk]) + "?month=6")
        self.assertEqual([unit for unit, _status in june.context["not_reported"]], [merged])

    def test_a_merge_in_the_middle_of_a_month_leaves_that_month_to_the_new_unit(self) -> None:
        mid_june = Decision("16/QĐ-UBND", datetime.date(2012, 6, 1), datetime.date(2012, 6, 15))
        merged = do_merge([self.syt, self.stp], NewUnit("SYTP", "Sở Y tế và Tư pháp", self.syt.group), mid_june)
        self.assertEqual(Unit.objects.get(code="SYT").active_months(2012), (1, 2, 3, 4, 5))
        self.assertEqual(merged.active_months(2012), (6, 7, 8, 9, 10, 11, 12))

    def test_a_unit_may_absorb_another(self) -> None:
        kept = do_merge([self.stp], self.syt, JUNE)
        self.assertEqual(kept, self.syt)
        self.assertIsNone(Unit.objects.get(code="SYT").effective_to)
        self.assertEqual(Unit.objects.get(code="STP").effective_to, datetime.date(2012, 5, 31))
        self.assertEqual(self.result(self.syt).rank, 1)
        self.assertEqual(self.result(self.stp).rank, 0)

    def test_it_refuses_a_merge_after_a_report_the_old_unit_sent_for_a_later_month(self) -> None:
        on_time(self.period, self.stp, range(6, 7))
        with self.assertRaises(Refused) as refused:
            do_merge([self.syt, self.stp], NewUnit("SYTP", "Sở Y tế và Tư pháp", self.syt.group), JUNE)
        self.assertEqual(
            refused.exception.messages,
            ["Sở Tư pháp đã gửi báo cáo tháng 6/2012, tháng kết thúc sau ngày có hiệu lực."],
        )
        self.assertFalse(Reorganisation.objects.exists())
        self.assertIsNone(Unit.objects.get(code="STP").effective_to)

    def test_it_refuses_bad_merges_and_writes_nothing(self) -> None:
        cases = [
            ([self.syt], NewUnit("SYTP", "Mới", self.syt.group), JUNE, "Hợp nhất cần ít nhất hai đơn vị."),
            ([self.syt, self.stp], NewUnit("STP", "Mới", self.syt.group), JUNE, "Mã đơn vị STP đã có."),
            ([self.syt, self.stp], NewUnit("", "", self.syt.group), JUNE, "Đơn vị mới phải có mã và tên."),
            (
                [self.syt, self.stp],
                NewUnit("SYTP", "Mới", self.syt.group),
                Decision(" ", JUNE.date, JUNE.effective),
                "Phải ghi số quyết định.",
            ),
            ([self.stp], self.stp, JUNE, "Chọn các đơn vị sáp nhập vào, khác đơn vị nhận."),
        ]
        for units, into, decision, message in cases:
            with self.subTest(message=message), self.assertRaises(Refused) as refused:
                do_merge(units, into, decision)
            self.assertIn(message, refused.exception.messages)
        self.assertFalse(Reorganisation.objects.exists())
        self.assertEqual(Unit.objects.count(), 2)

    def test_it_refuses_to_change_a_closed_period(self) -> None:
        do_close(self.period)
        with self.assertRaises(PeriodLocked):
            do_merge([self.syt, self.stp], NewUnit("SYTP", "Mới", self.syt.group), JUNE)
        self.assertFalse(Unit.objects.filter(code="SYTP").exists())
        self.assertIsNone(Unit.objects.get(code="SYT").effective_to)


class SplitDissolveRenameTests(ReorganisationTestCase):
    def test_a_period_across_a_split_expects_the_old_unit_then_the_new_ones(self) -> None:
        on_time(self.period, self.syt, range(2, 8))
        group = self.syt.group
        first, second = do_split(
            self.syt, [NewUnit("SYT-A", "Sở Y tế A", group), NewUnit("SYT-B", "Sở Y tế B", group)], AUGUST
        )
        on_time(self.period, first, range(8, 11))
        e, o, m = "not_expected", "on_time", "missing"
        self.assertEqual(self.statuses(Unit.objects.get(code="SYT")), [o] * 7 + [e] * 5)
        self.assertEqual(self.statuses(first), [e] * 7 + [o] * 3 + [e] * 2)
        self.assertEqual(self.statuses(second), [e] * 7 + [m] * 3 + [e] * 2)
        self.assertEqual(self.reporting_points(self.syt), Decimal(10))
        self.assertEqual(self.reporting_points(first), Decimal(10))
        self.assertEqual(self.reporting_points(second), Decimal(7))
        self.assertEqual(
            self.result(self.syt).not_ranked,
            "Chia tách thành Sở Y tế A, Sở Y tế B từ ngày 01/08/2012 (quyết định số 30/QĐ-UBND ngày 25/07/2012)",
        )
        self.assertEqual([line.text for line in history(second)], ["Chia tách từ"])

    def test_a_split_needs_two_new_units(self) -> None:
        with self.assertRaises(Refused) as refused:
            do_split(self.syt, [NewUnit("SYT-A", "Sở Y tế A", self.syt.group)], AUGUST)
        self.assertEqual(refused.exception.messages, ["Chia tách cần ít nhất hai đơn vị mới."])

    def test_a_dissolved_unit_reports_until_it_ends_and_is_not_ranked(self) -> None:
        do_dissolve(self.stp, Decision("5/QĐ-UBND", datetime.date(2012, 3, 20), datetime.date(2012, 4, 1)))
        stp = Unit.objects.get(code="STP")
        self.assertEqual(stp.active_months(2012), (1, 2, 3))
        self.assertEqual(self.reporting_points(stp), Decimal(8))  # February and March missing
        self.assertEqual(
            self.result(stp).not_ranked, "Giải thể từ ngày 01/04/2012 (quyết định số 5/QĐ-UBND ngày 20/03/2012)"
        )
        with self.assertRaises(Refused) as refused:
            do_dissolve(stp, AUGUST)
        self.assertIn(
            "Sở Tư pháp không còn hiệu lực vào ngày 31/07/2012 (trước ngày có hiệu lực).", refused.exception.messages
        )

    def test_a_rename_keeps_the_unit_and_its_former_name(self) -> None:
        renamed = do_rename(self.syt, "Sở Y tế và Dân số", AUGUST, by=self.admin)
        self.assertEqual(renamed.pk, self.syt.pk)
        self.assertEqual(Unit.objects.get(pk=self.syt.pk).name, "Sở Y tế và Dân số")
        self.assertEqual(self.result(renamed).rank, 1)  # the same unit: still ranked, its months unchanged
        self.assertEqual(renamed.active_months(2012), tuple(range(1, 13)))
        [line] = history(renamed)
        self.assertEqual((line.text, line.effective), ("Đổi tên từ “Sở Y tế”", AUGUST.effective))
        with self.assertRaises(Refused) as refused:
            do_rename(renamed, "Sở Y tế và Dân số", AUGUST)
        self.assertEqual(refused.exception.messages, ["Tên mới trùng tên hiện tại."])
