"""The unit page explains every point: inputs → rule → points, each input linked to its evidence."""

from __future__ import annotations

from django.urls import reverse

from govscore.scoring.engine import score
from govscore.web.scores.mapping import evaluation_for
from govscore.web.scores.models import Result

from .base import BaseTestCase


class UnitPageTests(BaseTestCase):
    def test_each_input_links_to_its_own_evidence(self) -> None:
        self.login(self.evaluator)
        response = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk]))
        own = reverse("evidence_download", args=[self.syt_evidence.pk])
        other = reverse("evidence_download", args=[self.stp_evidence.pk])
        self.assertContains(response, f'href="{own}"', count=1)
        self.assertNotContains(response, other)
        self.assertContains(response, "Số CBCC được cấp hộp thư điện tử Đồng Nai / tổng số CBCC: 40/50")

    def test_points_use_the_vietnamese_decimal_comma(self) -> None:
        self.login(self.reporter)
        response = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk]))
        self.assertRegex(response.content.decode(), r"\d+,\d+%")


class StoredResultTests(BaseTestCase):
    def test_the_stored_numbers_are_the_cores_for_the_whole_period(self) -> None:
        scored = score(evaluation_for(self.period), narrate=False)
        stored = {
            row.unit.code: (row.total, row.max_points, row.percent, row.grade, row.rank)
            for row in Result.objects.filter(period=self.period).select_related("unit")
        }
        expected = {
            result.unit.code: (result.total, result.max_points, result.percent, result.grade.grade, result.rank)
            for result in scored.units
            if result.grade is not None
        }
        self.assertEqual(stored, expected)

    def test_the_page_shows_the_grade_in_the_readers_language(self) -> None:
        self.login(self.evaluator)
        row = Result.objects.get(period=self.period, unit=self.syt)
        total = f"{row.total.normalize():f}"
        for lang, word in (("vi", "điểm"), ("en", "points")):
            with self.subTest(lang):
                self.client.cookies.load({"django_language": lang})
                for url in (
                    reverse("unit_detail", args=[self.period.pk, self.syt.pk]),
                    reverse("ranking", args=[self.period.pk]),
                ):
                    response = self.client.get(url)
                    self.assertContains(response, f"{row.grade} ({total} {word})")
