"""The unit page explains every point: inputs → rule → points, each input linked to its evidence."""

from __future__ import annotations

from django.urls import reverse

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


class StoredDetailTests(BaseTestCase):
    def test_criteria_are_stored_once_for_every_language(self) -> None:
        result = Result.objects.get(period=self.period, unit=self.syt)
        self.assertEqual(set(result.detail), {"criteria", "vi", "en"})
        self.assertNotIn("criteria", result.detail["vi"])
        vi, en = result.detail_for("vi"), result.detail_for("en")
        self.assertEqual(vi["criteria"], en["criteria"])
        self.assertEqual(vi["total"], en["total"])
        self.assertEqual(en["good"], result.detail["en"]["good"])  # the sentences are kept per language

    def test_rows_stored_with_criteria_per_language_still_read(self) -> None:
        result = Result.objects.get(period=self.period, unit=self.syt)
        criteria = result.detail["criteria"]
        old_shape = {lang: {**result.detail[lang], "criteria": criteria} for lang in ("vi", "en")}
        Result.objects.filter(pk=result.pk).update(detail=old_shape)
        result.refresh_from_db()
        self.assertEqual(result.detail_for("en"), old_shape["en"])
        self.login(self.evaluator)
        response = self.client.get(reverse("unit_detail", args=[self.period.pk, self.syt.pk]))
        self.assertContains(response, "Số CBCC được cấp hộp thư điện tử Đồng Nai / tổng số CBCC: 40/50")
