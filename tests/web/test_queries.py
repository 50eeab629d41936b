"""The ranking and unit pages cost the same number of queries at 20 and at 100 units."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govscore.web.orgs.models import Unit, UnitGroup
from govscore.web.scores.actions import recompute

from .base import BaseTestCase


class QueryCountTests(BaseTestCase):
    def grow_to(self, count: int) -> None:
        group = UnitGroup.objects.get(code="so-nganh")
        existing = Unit.objects.count()
        Unit.objects.bulk_create(
            Unit(code=f"U{index:03}", name=f"Đơn vị {index}", group=group) for index in range(existing, count)
        )
        recompute(self.period)

    def queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(captured)

    def test_it_ranks_with_a_constant_number_of_queries(self) -> None:
        self.login(self.leader)
        url = reverse("ranking", args=[self.period.pk])
        self.grow_to(20)
        at_20 = self.queries(url)
        self.grow_to(100)
        self.assertEqual(self.queries(url), at_20)
        self.assertLessEqual(at_20, 12)

    def test_it_shows_a_unit_with_a_constant_number_of_queries(self) -> None:
        self.login(self.leader)
        url = reverse("unit_detail", args=[self.period.pk, self.syt.pk])
        self.grow_to(20)
        at_20 = self.queries(url)
        self.grow_to(100)
        self.assertEqual(self.queries(url), at_20)
        self.assertLessEqual(at_20, 12)
