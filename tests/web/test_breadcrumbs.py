"""Nested pages show the trail of pages above them, and every step of it opens for the reader."""

from __future__ import annotations

import re

from django.urls import reverse

from .base import BaseTestCase

TRAIL = re.compile(r'<nav class="breadcrumbs" aria-label="Vị trí"><ul>(.*?)</ul></nav>', re.S)
STEP = re.compile(r'<li>(?:<a href="([^"]+)">)?([^<]+)')


class BreadcrumbTests(BaseTestCase):
    def trail(self, url: str) -> list[tuple[str, str]]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        found = TRAIL.search(response.content.decode())
        return [] if found is None else STEP.findall(found.group(1))

    def test_staff_see_the_period_and_the_unit_above_a_units_month(self) -> None:
        self.login(self.evaluator)
        period, syt = self.period.pk, self.syt.pk
        self.assertEqual(
            self.trail(reverse("report_form", args=[period, syt, 2])),
            [
                (reverse("period_list"), "Kỳ đánh giá"),
                (reverse("dashboard", args=[period]), "Đánh giá năm 2012"),
                (reverse("unit_detail", args=[period, syt]), "Sở Y tế"),
                (reverse("report_calendar", args=[period, syt]), "Báo cáo tháng"),
            ],
        )
        self.assertEqual(
            self.trail(reverse("unit_detail", args=[period, syt])),
            [
                (reverse("period_list"), "Kỳ đánh giá"),
                (reverse("dashboard", args=[period]), "Đánh giá năm 2012"),
                (reverse("ranking", args=[period]), "Xếp hạng"),
            ],
        )

    def test_a_reporter_gets_no_step_it_may_not_open(self) -> None:
        self.login(self.reporter)
        period, syt = self.period.pk, self.syt.pk
        self.assertEqual(
            self.trail(reverse("report_form", args=[period, syt, 2])),
            [
                (reverse("period_list"), "Kỳ đánh giá"),
                ("", "Đánh giá năm 2012"),
                (reverse("unit_detail", args=[period, syt]), "Sở Y tế"),
                (reverse("report_calendar", args=[period, syt]), "Báo cáo tháng"),
            ],
        )
        self.assertEqual(
            self.trail(reverse("unit_detail", args=[period, syt])),
            [(reverse("period_list"), "Kỳ đánh giá"), ("", "Đánh giá năm 2012")],
        )

    def test_every_step_opens_for_its_reader(self) -> None:
        period, syt = self.period.pk, self.syt.pk
        pages = {
            self.reporter: ["report_calendar", "report_form", "indicator_form", "unit_detail", "explanation"],
            self.evaluator: ["unit_detail", "manual_scores", "appraisal", "ranking", "whatif"],
            self.admin: [
                "stage_schedule",
                "publication_manage",
                "people_import",
                "units_import",
                "framework_upload",
                "history_import",
            ],
        }
        urls = {
            "report_form": reverse("report_form", args=[period, syt, 2]),
            "ranking": reverse("ranking", args=[period]),
            "whatif": reverse("whatif", args=[period]),
            "stage_schedule": reverse("stage_schedule", args=[period]),
            "publication_manage": reverse("publication_manage", args=[period]),
            "people_import": reverse("people_import"),
            "units_import": reverse("units_import"),
            "framework_upload": reverse("framework_upload"),
            "history_import": reverse("history_import"),
        }
        for user, names in pages.items():
            self.login(user)
            for name in names:
                with self.subTest(user=user.username, page=name):
                    url = urls.get(name) or reverse(name, args=[period, syt])
                    steps = self.trail(url)
                    self.assertTrue(steps)
                    for link, _label in steps:
                        if link:
                            self.assertEqual(self.client.get(link).status_code, 200, link)

    def test_a_page_the_menu_leads_to_has_none(self) -> None:
        self.login(self.leader)
        self.assertEqual(self.trail(reverse("period_list")), [])
        self.assertEqual(
            self.trail(reverse("dashboard", args=[self.period.pk])), [(reverse("period_list"), "Kỳ đánh giá")]
        )
