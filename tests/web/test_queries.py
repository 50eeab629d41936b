"""The ranking and unit pages cost the same small number of queries at 20 and at 500 units."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govscore.web.indicators.actions import do_set_values
from govscore.web.orgs.actions import do_ensure_group
from govscore.web.orgs.models import Unit, UnitGroup
from govscore.web.scores.models import Result
from govscore.web.scores.rescoring import rescore_period
from govscore.web.scores.views import PAGE_ROWS

from .base import BaseTestCase

# Session, user, role, period, the menu's count of unread notifications and the page's own reads: a
# query per row would be hundreds.
# The unit page also reads that unit's data to explain its points (values, reports, manual scores,
# criteria not applicable to it, its own maximum, the appraisal's points that count), and its
# reorganisations (once for the core's input, once for the history it shows), and the version of what
# it explains (the unit's last audited change, the peers' summaries) that keys the cached explanation.
MOST_QUERIES = 23


class QueryCountTests(BaseTestCase):
    def grow_to(self, count: int) -> None:
        """Add units up to `count`, alternating between the framework's group and one it does not know."""
        groups = [UnitGroup.objects.get(code="so-nganh"), do_ensure_group("huyen", "UBND cấp huyện", 1)]
        existing = Unit.objects.count()
        Unit.objects.bulk_create(
            Unit(code=f"U{index:03}", name=f"Đơn vị {index}", group=groups[index % 2])
            for index in range(existing, count)
        )
        rescore_period(self.period)

    def queries(self, url: str) -> int:
        """The page's queries when it is rendered anew (nothing kept from an earlier render)."""
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(captured)

    def test_pages_cost_a_constant_number_of_queries(self) -> None:
        self.login(self.leader)
        pages = {
            "ranking": reverse("ranking", args=[self.period.pk]),
            "ranking by name": reverse("ranking", args=[self.period.pk]) + "?sort=-name&group=huyen",
            "unit": reverse("unit_detail", args=[self.period.pk, self.syt.pk]),
        }
        self.grow_to(20)
        # The session's first request stamps its start (for the absolute session lifetime): not the page's cost.
        self.client.get(pages["unit"])
        at_20 = {name: self.queries(url) for name, url in pages.items()}
        self.grow_to(500)
        at_500 = {name: self.queries(url) for name, url in pages.items()}
        for name in pages:
            with self.subTest(page=name):
                self.assertEqual(at_500[name], at_20[name])
                self.assertLessEqual(at_20[name], MOST_QUERIES)
        # Constant because each group's rows are read at once, a page of them: 250 units in each group.
        ranking = self.client.get(pages["ranking"])
        self.assertContains(ranking, '<tr><td class="num">', count=2 * PAGE_ROWS)
        self.assertContains(ranking, "Trang 1/2", count=2)


class IncrementalResultTests(BaseTestCase):
    def test_a_save_rewrites_only_the_results_it_changes(self) -> None:
        before = {row.unit_id: (row.total, row.computed_at) for row in Result.objects.all()}
        # Sở Y tế's own data: Sở Tư pháp's result is not touched, Sở Y tế's total falls by the 10 points.
        do_set_values(self.period, self.syt, {"network_connected": False})
        after = {row.unit_id: (row.total, row.computed_at) for row in Result.objects.all()}
        self.assertEqual(after[self.stp.pk], before[self.stp.pk])
        self.assertEqual(after[self.syt.pk][0], before[self.syt.pk][0] - 10)
        self.assertNotEqual(after[self.syt.pk][1], before[self.syt.pk][1])
