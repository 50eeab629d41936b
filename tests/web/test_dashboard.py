"""The dashboard: grades per group, where points are lost, units × criteria and units × months."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import time_machine
from django.urls import reverse

from govscore.web.indicators.actions import do_set_values
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.reports.actions import do_submit_report
from govscore.web.scores.dashboard import group_heat_rows, heat_columns, losses
from govscore.web.scores.models import Result
from govscore.web.scores.rescoring import rescore_period

from .base import BaseTestCase


class DashboardTests(BaseTestCase):
    def test_leaders_and_evaluators_land_on_it(self) -> None:
        for user in (self.leader, self.evaluator, self.admin):
            self.login(user)
            self.assertRedirects(self.client.get("/"), reverse("dashboard", args=[self.period.pk]))

    def test_it_shows_each_table_a_chart_is_drawn_from(self) -> None:
        self.login(self.leader)
        page = self.client.get(reverse("dashboard", args=[self.period.pk])).content.decode()
        # Both units are graded C (119 points): one bar, the whole group, C's colour (4th grade).
        self.assertIn('class="fill-grade-4"', page)
        self.assertIn("2 (100%)", page)
        # Units × criteria: Sở Y tế's e-mail criterion (40 of 50 accounts) shows as 80 % of its max.
        self.assertIn("Sở Y tế", page)
        self.assertRegex(page, r'class="num heat-\d+">\d+%')
        # Units × months: the January report arrived on time (3 February), the other months are missing.
        self.assertIn('<abbr title="Đúng hạn">✓</abbr>', page)
        self.assertIn('<abbr title="Không báo cáo">✗</abbr>', page)
        self.assertNotIn("style=", page)  # the Content-Security-Policy allows no inline style

    def test_its_heatmap_downloads_as_csv(self) -> None:
        self.login(self.evaluator)
        response = self.client.get(reverse("dashboard", args=[self.period.pk]), {"format": "csv"})
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:7], ["unit_code", "unit", "group", "rank", "total", "percent", "grade"])
        self.assertEqual(sorted(row[0] for row in rows[1:]), ["STP", "SYT"])
        self.assertTrue(all(0 <= float(share) <= 1 for row in rows[1:] for share in row[7:] if share))

    def test_reporters_do_not_see_it(self) -> None:
        self.login(self.reporter)
        self.assertEqual(self.client.get(reverse("dashboard", args=[self.period.pk])).status_code, 403)


class DashboardFreshnessTests(BaseTestCase):
    """The dashboard is kept rendered between writes; a write shows at the next request, never later."""

    def test_a_report_sent_since_the_last_view_shows(self) -> None:
        self.login(self.leader)
        url = reverse("dashboard", args=[self.period.pk])
        self.assertEqual(self.client.get(url).content.decode().count('<abbr title="Đúng hạn">✓</abbr>'), 2)
        with time_machine.travel(datetime.datetime(2012, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
            do_submit_report(self.period, self.syt, 2, content="Báo cáo tháng 2")
        self.assertEqual(self.client.get(url).content.decode().count('<abbr title="Đúng hạn">✓</abbr>'), 3)

    def test_new_scores_and_a_new_name_show(self) -> None:
        self.login(self.leader)
        url = reverse("dashboard", args=[self.period.pk])
        before = self.client.get(url).content.decode()
        self.assertNotIn("Sở Y tế tỉnh", before)
        self.assertNotIn('class="num heat-10">100%', before)
        self.syt.name = "Sở Y tế tỉnh"
        self.syt.save()
        do_set_values(self.period, self.syt, {"email_accounts": {"numerator": 50, "denominator": 50}})
        page = self.client.get(url).content.decode()
        self.assertIn("Sở Y tế tỉnh", page)
        self.assertIn('class="num heat-10">100%', page)


class LossesTests(BaseTestCase):
    def test_the_database_averages_each_criterions_share_as_the_rows_give_it(self) -> None:
        do_set_values(self.period, self.stp, {"email_accounts": {"numerator": 10, "denominator": 50}})
        framework = self.period.framework.parsed()
        columns = heat_columns(framework)
        results = Result.objects.filter(period=self.period)
        expected = {}
        for column in columns:
            shares = [
                min(max(Decimal(points) / Decimal(maximum), Decimal(0)), Decimal(1))
                for points, maximum in (row[column.code] for row in results.values_list("criteria", flat=True))
                if Decimal(maximum) > 0
            ]
            expected[column.code] = sum(shares) / len(shares) if shares else None
        found = {loss.criterion.code: loss.average for loss in losses(columns, results)}
        self.assertEqual(found.keys(), expected.keys())
        for code, average in expected.items():
            with self.subTest(criterion=code):
                if average is None:
                    self.assertIsNone(found[code])
                else:
                    self.assertAlmostEqual(found[code], average, places=5)
        self.assertTrue(any(0 < (average or 0) < 1 for average in found.values()))


class GroupHeatTests(BaseTestCase):
    def test_each_group_averages_its_own_units_shares(self) -> None:
        district = do_ensure_group("huyen", "UBND cấp huyện", 1)
        do_ensure_unit("HBH", "UBND huyện Biên Hòa", district)
        do_set_values(self.period, self.stp, {"email_accounts": {"numerator": 10, "denominator": 50}})
        rescore_period(self.period)
        framework = self.period.framework.parsed()
        columns = heat_columns(framework)
        results = Result.objects.filter(period=self.period)
        rows = group_heat_rows(framework, columns, results, "vi")
        self.assertEqual([(row.code, row.units) for row in rows], [("so-nganh", 2), ("huyen", 1)])
        for row in rows:
            stored = list(results.filter(group_code=row.code).values_list("criteria", flat=True))
            for column, cell in zip(columns, row.cells, strict=True):
                with self.subTest(group=row.code, criterion=column.code):
                    shares = [
                        min(max(Decimal(points) / Decimal(maximum), Decimal(0)), Decimal(1))
                        for points, maximum in (criteria[column.code] for criteria in stored if column.code in criteria)
                        if Decimal(maximum) > 0
                    ]
                    if not shares:
                        self.assertIsNone(cell.share)
                    else:
                        self.assertAlmostEqual(cell.share, sum(shares) / len(shares), places=5)
        self.login(self.leader)
        page = self.client.get(reverse("dashboard", args=[self.period.pk])).content.decode()
        self.assertIn("Khối × tiêu chí", page)
        self.assertIn('<td class="unit">UBND cấp huyện</td><td class="num">1</td>', page)

    def test_the_ranking_names_a_group_the_framework_does_not_have_by_the_registers_name(self) -> None:
        district = do_ensure_group("huyen", "UBND cấp huyện", 1)
        do_ensure_unit("HBH", "UBND huyện Biên Hòa", district)
        rescore_period(self.period)
        self.login(self.leader)
        page = self.client.get(reverse("ranking", args=[self.period.pk])).content.decode()
        self.assertIn("<h2>UBND cấp huyện</h2>", page)
        self.assertNotIn("<h2>huyen</h2>", page)
        rows = self.client.get(reverse("ranking", args=[self.period.pk]), {"format": "csv"}).content.decode()
        self.assertIn("UBND cấp huyện,", rows)
