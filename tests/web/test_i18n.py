"""Vietnamese by default, English on request; Vietnamese number formats."""

from __future__ import annotations

from django.urls import reverse

from .base import BaseTestCase


class LanguageTests(BaseTestCase):
    def test_it_speaks_vietnamese_by_default(self) -> None:
        self.login(self.leader)
        response = self.client.get(reverse("ranking", args=[self.period.pk]))
        self.assertContains(response, "Xếp hạng")
        self.assertContains(response, '<html data-theme="light" lang="vi">')

    def test_it_switches_to_english(self) -> None:
        self.login(self.leader)
        url = reverse("ranking", args=[self.period.pk])
        self.client.post(reverse("set_language"), {"language": "en", "next": url})
        response = self.client.get(url)
        self.assertContains(response, "Ranking")
        self.assertContains(response, "Grade")
        self.assertContains(response, "points)")

    def test_a_browser_set_to_english_still_gets_vietnamese_until_the_switch_is_used(self) -> None:
        self.login(self.leader)
        url = reverse("ranking", args=[self.period.pk])
        self.assertContains(self.client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"), "Xếp hạng")
        self.client.post(reverse("set_language"), {"language": "en", "next": url})
        self.assertContains(self.client.get(url, HTTP_ACCEPT_LANGUAGE="vi"), "Ranking")

    def test_it_writes_percentages_with_a_decimal_comma(self) -> None:
        self.login(self.leader)
        response = self.client.get(reverse("ranking", args=[self.period.pk]))
        self.assertRegex(response.content.decode(), r"\d+,\d%")
