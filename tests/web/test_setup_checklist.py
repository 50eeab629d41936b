"""The administrator's first page while the set-up is incomplete: framework → units → accounts → period."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.periods.actions import do_close

from .base import BaseTestCase, framework_text


class EmptyDatabaseTests(TestCase):
    def test_the_first_administrator_lands_on_the_checklist_with_nothing_done(self) -> None:
        self.client.force_login(do_ensure_user("quantri", "mat-khau-dai-2026", Role.ADMINISTRATOR))
        response = self.client.get(reverse("home"), follow=True)
        self.assertEqual(response.redirect_chain, [(reverse("setup_checklist"), 302)])
        done = [(str(step.title), step.done) for step in response.context["steps"]]
        self.assertEqual(
            done, [("Bộ tiêu chí", False), ("Đơn vị", False), ("Tài khoản", False), ("Kỳ đánh giá", False)]
        )
        self.assertContains(response, reverse("people_import"))
        self.assertContains(response, reverse("period_open"))

    def test_a_stored_framework_is_shown_done(self) -> None:
        do_store_framework(framework_text())
        self.client.force_login(do_ensure_user("quantri", "mat-khau-dai-2026", Role.ADMINISTRATOR))
        steps = self.client.get(reverse("setup_checklist")).context["steps"]
        self.assertEqual([step.done for step in steps], [True, False, False, False])
        self.assertEqual(steps[0].detail, "1 phiên bản bộ tiêu chí")


class CompleteSetUpTests(BaseTestCase):
    def test_a_complete_set_up_takes_the_administrator_to_the_dashboard(self) -> None:
        self.login(self.admin)
        self.assertRedirects(self.client.get(reverse("home")), reverse("dashboard", args=[self.period.pk]))

    def test_with_no_period_collecting_the_checklist_comes_back(self) -> None:
        do_close(self.period)
        self.login(self.admin)
        self.assertRedirects(self.client.get(reverse("home")), reverse("setup_checklist"))
