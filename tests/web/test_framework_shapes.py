"""Pages for frameworks shaped as provinces write them: no grading at all, decimals as published."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.audit.models import AuditEntry
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.indicators.actions import do_set_values
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.periods.actions import do_ensure_period
from govscore.web.scores.models import RankingExclusion, Result

from .base import BaseTestCase

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


class RankingExclusionTests(BaseTestCase):
    def exclude(self, user: User | None, unit_id: int, reason: str) -> int:
        self.login(user)
        url = reverse("ranking_exclusion", args=[self.period.pk, unit_id])
        return self.client.post(url, {"reason": reason}).status_code

    def test_only_evaluators_and_administrators_leave_a_unit_out_of_the_ranking(self) -> None:
        for user in (None, self.reporter, self.stp_reporter, self.leader):
            self.assertIn(self.exclude(user, self.syt.pk, "Sáp nhập tháng 7"), (302, 403))
        self.assertFalse(RankingExclusion.objects.exists())
        self.assertEqual(self.exclude(self.evaluator, self.syt.pk, "Sáp nhập tháng 7"), 302)
        self.assertTrue(RankingExclusion.objects.filter(unit=self.syt).exists())

    def test_a_unit_left_out_is_graded_the_others_close_up_and_it_can_be_ranked_again(self) -> None:
        ranks = lambda: dict(Result.objects.filter(period=self.period).values_list("unit__code", "rank"))  # noqa: E731
        self.assertEqual(sorted(ranks().values()), [1, 1])
        self.assertEqual(self.exclude(self.admin, self.syt.pk, "Thành lập từ tháng 7/2012"), 302)
        self.assertEqual(ranks(), {"SYT": 0, "STP": 1})
        row = Result.objects.get(period=self.period, unit=self.syt)
        self.assertNotEqual(row.grade, "")
        page = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk])).content.decode()
        self.assertIn("Thành lập từ tháng 7/2012", page)
        entry = AuditEntry.objects.filter(model="scores.rankingexclusion").latest("pk")
        self.assertEqual(entry.user_id, self.admin.pk)
        self.assertEqual(self.exclude(self.admin, self.syt.pk, ""), 302)
        self.assertEqual(ranks(), {"SYT": 1, "STP": 1})

    def test_the_ranking_lists_a_unit_left_out_after_the_ranked_ones_with_its_reason(self) -> None:
        self.exclude(self.admin, self.stp.pk, "Loại trừ theo quyết định")
        page = self.client.get(reverse("ranking", args=[self.period.pk])).content.decode()
        self.assertLess(page.index("Sở Y tế"), page.index("Sở Tư pháp"))
        self.assertIn('title="Loại trừ theo quyết định"', page)


class SearchTests(BaseTestCase):
    def found(self, query: str) -> list[str]:
        self.login(self.leader)
        page = self.client.get(reverse("ranking", args=[self.period.pk]), {"q": query}).content.decode()
        return [name for name in ("Sở Y tế", "Sở Tư pháp") if f">{name}</a>" in page]

    def test_the_ranking_finds_units_whatever_the_accents_and_case(self) -> None:
        self.assertEqual(self.found("so y te"), ["Sở Y tế"])
        self.assertEqual(self.found("SỞ Y TẾ"), ["Sở Y tế"])
        self.assertEqual(self.found("  sở   tư PHÁP "), ["Sở Tư pháp"])
        self.assertEqual(self.found("sở"), ["Sở Y tế", "Sở Tư pháp"])
        self.assertEqual(self.found("công an"), [])


def test_the_search_key_folds_tones_marks_d_and_case() -> None:
    from govscore.scoring.collation import search_key

    assert search_key("Đồng Nai") == search_key("dong nai") == search_key("ĐỒNG  NAI") == "dong nai"
    assert search_key("Sở Y tế") == "so y te"
    assert search_key("Thương") == "thuong"
