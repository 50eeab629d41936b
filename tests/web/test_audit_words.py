"""The audit trail reads in words: a status by its title, a time as dd/mm/yyyy HH:MM in Vietnam's time."""

from __future__ import annotations

from django.urls import reverse

from govscore.web.periods.actions import do_close

from .base import BaseTestCase


class AuditWordsTests(BaseTestCase):
    def test_statuses_and_times_are_written_for_people(self) -> None:
        do_close(self.period, self.admin)
        self.login(self.admin)
        page = self.client.get(reverse("audit_log")).content.decode()
        # The period's move from collecting to closed, by the statuses' titles.
        self.assertIn("<del>Đang thu thập</del> → Đã khoá số liệu", page)
        self.assertNotIn("→ closed", page)
        # The cast's January reports were received at 09:00 UTC on 03/02/2012: 16:00 in Vietnam.
        self.assertIn("03/02/2012 16:00", page)
        self.assertNotRegex(page, r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

    def test_english_mode_gives_the_english_titles(self) -> None:
        do_close(self.period, self.admin)
        self.login(self.admin)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        page = self.client.get(reverse("audit_log")).content.decode()
        self.assertIn("<del>Collecting</del>", page)

    def test_a_whole_framework_file_is_folded_away(self) -> None:
        self.login(self.admin)
        page = self.client.get(reverse("audit_log")).content.decode()
        # The stored framework's YAML (with its time zone's code) opens on demand, not in the row's text.
        self.assertIn("<details><summary>Xem nội dung</summary>", page)
        folded = page[page.index("<details><summary>Xem nội dung") :]
        self.assertLess(folded.index("Asia/Ho_Chi_Minh"), folded.index("</details>"))
