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
