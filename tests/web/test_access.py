"""Reporter of Sở Y tế must not see Sở Tư pháp's objects: they are not found, not forbidden."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from govscore.web import access

from .base import BaseTestCase, framework_text


class AccessTests(BaseTestCase):
    def test_it_gives_a_reporter_only_its_own_unit(self) -> None:
        self.assertEqual(list(access.units_for(self.reporter)), [self.syt])

    def test_it_gives_staff_every_unit(self) -> None:
        for user in (self.admin, self.evaluator, self.leader):
            self.assertEqual(set(access.units_for(user)), {self.syt, self.stp})

    def test_it_hides_another_units_unit_page_from_a_reporter(self) -> None:
        self.login(self.reporter)
        response = self.client.get(reverse("unit_detail", args=[self.period.pk, self.stp.pk]))
        self.assertEqual(response.status_code, 404)

    def test_it_hides_another_units_report_from_a_reporter(self) -> None:
        self.login(self.reporter)
        response = self.client.get(reverse("report_form", args=[self.period.pk, self.stp.pk, 1]))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get(reverse("report_attachment", args=[self.stp_report.pk])).status_code, 404)

    def test_it_hides_another_units_evidence_from_a_reporter(self) -> None:
        self.login(self.reporter)
        response = self.client.get(reverse("evidence_download", args=[self.stp_evidence.pk]))
        self.assertEqual(response.status_code, 404)

    def test_it_shows_a_reporter_its_own_report(self) -> None:
        self.login(self.reporter)
        response = self.client.get(reverse("report_form", args=[self.period.pk, self.syt.pk, 1]))
        self.assertContains(response, "Sở Y tế")
        self.assertNotContains(response, "Sở Tư pháp")

    def test_it_forbids_the_ranking_to_a_reporter(self) -> None:
        self.login(self.reporter)
        self.assertEqual(self.client.get(reverse("ranking", args=[self.period.pk])).status_code, 403)

    def test_it_does_not_let_a_reporter_write_another_units_data(self) -> None:
        self.login(self.reporter)
        url = reverse("indicator_form", args=[self.period.pk, self.stp.pk])
        response = self.client.post(url, {"email_accounts__numerator": "1", "email_accounts__denominator": "2"})
        self.assertEqual(response.status_code, 404)

    def test_it_lets_only_the_administrator_write_frameworks_and_keeps_reporters_out(self) -> None:
        version = self.period.framework
        for user, read, write in (
            (self.reporter, 403, 403),
            (self.leader, 200, 403),
            (self.evaluator, 200, 403),
            (self.admin, 200, 400),
        ):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(reverse("framework_version", args=[version.pk])).status_code, read)
                # An empty copy form: refused for its missing version when allowed at all.
                self.assertEqual(self.client.post(reverse("framework_copy", args=[version.pk])).status_code, write)

    def test_only_the_administrator_writes_the_unit_register(self) -> None:
        merge = {
            "kind": "dissolve",
            "dissolve-unit": str(self.stp.pk),
            "dissolve-decision_number": "5/QĐ-UBND",
            "dissolve-decision_date": "2012-03-20",
            "dissolve-effective": "2012-04-01",
        }
        posts = {"units_reorganise": merge, "units_preview": {}, "units_confirm": {"token": "x"}}
        for role in ("reporter", "evaluator", "leader"):
            for name, data in posts.items():
                with self.subTest(role=role, url=name):
                    self.login(getattr(self, role))
                    self.assertEqual(self.client.post(reverse(name), data).status_code, 403)
        self.assertIsNone(type(self.stp).objects.get(pk=self.stp.pk).effective_to)
        self.login(self.admin)
        self.assertEqual(self.client.post(reverse("units_reorganise"), merge).status_code, 302)
        self.assertIsNotNone(type(self.stp).objects.get(pk=self.stp.pk).effective_to)

    def test_it_replays_a_draft_framework_for_editors_only(self) -> None:
        url = reverse("whatif", args=[self.period.pk])
        expected = {None: 302, self.reporter: 403, self.leader: 403, self.evaluator: 200, self.admin: 200}
        for user, status in expected.items():
            with self.subTest(user=user):
                self.login(user)
                draft = SimpleUploadedFile("du-thao.yaml", framework_text().encode(), "application/yaml")
                response = self.client.post(url, {"file": draft})
                self.assertEqual(response.status_code, status, response.content.decode()[-3000:])


class AccountWritesTests(BaseTestCase):
    def test_only_the_administrator_manages_accounts(self) -> None:
        for role in ("reporter", "evaluator", "leader", "admin"):
            with self.subTest(role=role):
                self.login(getattr(self, role))
                statuses = (
                    self.client.post(reverse("account_set_active", args=[self.stp_reporter.pk]), {"active": "1"}),
                    self.client.post(reverse("account_reset", args=[self.stp_reporter.pk])),
                    self.client.post(reverse("people_preview")),
                    self.client.post(reverse("people_confirm"), {"token": "x"}),
                )
                expected = (302, 200, 400, 400) if role == "admin" else (403, 403, 403, 403)
                self.assertEqual(tuple(response.status_code for response in statuses), expected)
