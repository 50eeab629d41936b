"""Pages for frameworks shaped as provinces write them: no grading at all, decimals as published."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.indicators.actions import do_set_values
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.periods.actions import do_ensure_period

FRAMEWORK = """
format: 1
kind: framework
code: chi-so-thu
version: "2025"
title: "Chỉ số thử, chỉ xếp hạng"
decision: {number: "3/QĐ-THU", date: 2025-01-15}
max_points: 100
display: {points: 2, percent: 2}
groups:
  - {code: so, name: "Sở"}
indicators:
  - {code: s, title: "Điểm khảo sát", type: number, min: 0, max: 100}
criteria:
  - {code: "1", title: "Khảo sát", max: 100, rule: {type: survey, indicator: s, scale: 100}}
"""


class RanksOnlyTests(TestCase):
    leader: User

    @classmethod
    def setUpTestData(cls) -> None:
        cls.period = do_ensure_period(2025, do_store_framework(FRAMEWORK), title="Chỉ số 2025")
        group = do_ensure_group("so", "Sở")
        for code, value in (("A", Decimal("69")), ("B", Decimal("96.5"))):
            do_set_values(cls.period, do_ensure_unit(code, f"Sở {code}", group), {"s": value})
        cls.leader = do_ensure_user("leader", "test-password", Role.LEADER)

    def test_the_ranking_shows_no_grade_and_the_published_decimals(self) -> None:
        self.client.force_login(self.leader)
        page = self.client.get(reverse("ranking", args=[self.period.pk])).content.decode()
        self.assertNotIn("Xếp loại", page)
        self.assertIn("96,50/100", page)
        self.assertIn("69,00%", page)
        self.assertLess(page.index("Sở B"), page.index("Sở A"))


class LastYearTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        version = do_store_framework(FRAMEWORK)
        group = do_ensure_group("so", "Sở")
        units = {code: do_ensure_unit(code, f"Sở {code}", group) for code in ("A", "B", "C")}
        last = do_ensure_period(2024, version, title="Chỉ số 2024")
        cls.period = do_ensure_period(2025, version, title="Chỉ số 2025")
        for period, values in ((last, ("50", "70", "60")), (cls.period, ("80", "60", "60"))):
            for code, value in zip(units, values, strict=True):
                do_set_values(period, units[code], {"s": Decimal(value)})
        cls.leader = do_ensure_user("leader", "test-password", Role.LEADER)

    def test_the_ranking_shows_last_year_s_total_and_the_move_in_rank(self) -> None:
        self.client.force_login(self.leader)
        page = self.client.get(reverse("ranking", args=[self.period.pk])).content.decode()
        self.assertIn("Năm 2024", page)
        rows = {name: page[page.index(name) : page.index("</tr>", page.index(name))] for name in ("Sở A", "Sở B")}
        self.assertIn("50,00 (hạng 3)", rows["Sở A"])
        self.assertIn("▲ 2", rows["Sở A"])
        self.assertIn("70,00 (hạng 1)", rows["Sở B"])
        self.assertIn("▼ 1", rows["Sở B"])
