"""The unit page explains every point: inputs → rule → points, each input linked to its evidence."""

from __future__ import annotations

from django.urls import reverse

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
