"""No lost updates: two people saving the same record from forms loaded at the same version.

The second save is refused (409) with the first one's change shown (who, when, the value now stored)
and the second person's input kept on the form; nothing of the first is lost. Two threads saving the
same version through the action functions: exactly one wins.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any
from unittest import mock, skipUnless

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client, TransactionTestCase
from django.urls import reverse

from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Role
from govscore.web.audit.versions import VersionConflict
from govscore.web.frameworks.actions import do_store_framework
from govscore.web.imports.actions import apply_values
from govscore.web.indicators.actions import do_set_values
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.actions import do_ensure_group, do_ensure_unit
from govscore.web.periods.actions import do_ensure_period
from govscore.web.publications.actions import do_save_draft
from govscore.web.publications.models import DocumentDraft
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.actions import do_set_manual_score
from govscore.web.scores.models import ManualScore

from .base import PASSWORD, BaseTestCase, fill_draft, framework_text
from .html_forms import form_data, form_of

CONFLICT = "người khác đã sửa dữ liệu này sau khi bạn mở biểu mẫu"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def field_value(html: bytes, name: str) -> list[str]:
    return form_data(html, containing=name)[name]


class ManualScoreConflictTests(BaseTestCase):
    evaluator2: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.evaluator2 = do_ensure_user("evaluator2", PASSWORD, Role.EVALUATOR)

    def url(self) -> str:
        return reverse("manual_scores", args=[self.period.pk, self.syt.pk])

    def loaded(self, client: Client, query: str = "?criterion=5") -> dict[str, list[str]]:
        page = client.get(self.url() + query)
        self.assertEqual(page.status_code, 200)
        return form_data(page.content, containing="points")

    def test_the_second_save_is_refused_and_shows_the_first(self) -> None:
        first, second = client_for(self.evaluator), client_for(self.evaluator2)
        first_form, second_form = self.loaded(first), self.loaded(second)
        self.assertEqual(first_form["points"], ["100.000"])
        self.assertEqual(first_form["version__5"], ["1"])

        first_form.update(points=["90"], reason=["Hội đồng chấm lại"])
        self.assertEqual(first.post(self.url(), first_form).status_code, 302)

        second_form.update(points=["120"], reason=["Bổ sung minh chứng"])
        refused = second.post(self.url(), second_form)
        self.assertContains(refused, CONFLICT, status_code=409)
        # Who changed it, and what is stored now.
        self.assertContains(refused, "evaluator đã sửa lúc", status_code=409)
        self.assertContains(refused, "90 — Hội đồng chấm lại", status_code=409)
        # Nothing lost: the first value is stored, the second person's input is on the form again.
        stored = ManualScore.objects.get(period=self.period, unit=self.syt, criterion_code="5")
        self.assertEqual(
            (stored.points, stored.reason, stored.entered_by), (Decimal(90), "Hội đồng chấm lại", self.evaluator)
        )
        self.assertEqual(stored.version, 2)
        again = form_data(refused.content, containing="points")
        self.assertEqual((again["points"], again["reason"]), (["120"], ["Bổ sung minh chứng"]))
        self.assertEqual(again["version__5"], ["2"])

        # Sent again after seeing the other change, it is a deliberate overwrite and is saved.
        self.assertEqual(second.post(self.url(), again).status_code, 302)
        stored.refresh_from_db()
        self.assertEqual((stored.points, stored.version, stored.entered_by), (Decimal(120), 3, self.evaluator2))

    def test_a_score_added_meanwhile_is_not_overwritten(self) -> None:
        first, second = client_for(self.evaluator), client_for(self.evaluator2)
        first_form, second_form = self.loaded(first, ""), self.loaded(second, "")
        self.assertEqual(first_form["version__1.1"], ["0"])
        first_form.update(criterion_code=["1.1"], points=["5"], reason=["Theo biên bản"])
        second_form.update(criterion_code=["1.1"], points=["8"], reason=["Theo báo cáo"])
        self.assertEqual(first.post(self.url(), first_form).status_code, 302)
        refused = second.post(self.url(), second_form)
        self.assertContains(refused, "5 — Theo biên bản", status_code=409)
        self.assertEqual(ManualScore.objects.get(unit=self.syt, criterion_code="1.1").points, Decimal(5))

    def test_the_page_loaded_before_a_change_elsewhere_still_saves(self) -> None:
        # The versions are per criterion: a change of criterion 1.1 does not block one of criterion 5.
        first, second = client_for(self.evaluator), client_for(self.evaluator2)
        first_form, second_form = self.loaded(first, ""), self.loaded(second, "")
        first_form.update(criterion_code=["1.1"], points=["5"], reason=["Theo biên bản"])
        second_form.update(criterion_code=["5"], points=["110"], reason=["Bổ sung"])
        self.assertEqual(first.post(self.url(), first_form).status_code, 302)
        self.assertEqual(second.post(self.url(), second_form).status_code, 302)
        self.assertEqual(ManualScore.objects.get(unit=self.syt, criterion_code="5").points, Decimal(110))

    def test_deleting_a_score_changed_since_is_refused(self) -> None:
        first, second = client_for(self.evaluator), client_for(self.evaluator2)
        page = second.get(self.url())
        delete_url = reverse("manual_score_delete", args=[self.period.pk, self.syt.pk, self.syt_score.pk])
        delete_form = form_data(page.content, containing="version")
        first_form = self.loaded(first)
        first_form.update(points=["95"])
        self.assertEqual(first.post(self.url(), first_form).status_code, 302)
        refused = second.post(delete_url, delete_form)
        self.assertContains(refused, "95 — Các tiêu chí khác", status_code=409)
        self.assertTrue(ManualScore.objects.filter(pk=self.syt_score.pk).exists())


class IndicatorConflictTests(BaseTestCase):
    def url(self) -> str:
        return reverse("indicator_form", args=[self.period.pk, self.syt.pk])

    def loaded(self, client: Client) -> dict[str, list[str]]:
        return form_data(client.get(self.url()).content, containing="email_accounts__numerator")

    def value(self, code: str) -> object:
        found = IndicatorValue.objects.filter(period=self.period, unit=self.syt, code=code).first()
        return found.value if found else None

    def test_the_second_save_is_refused_and_shows_the_first(self) -> None:
        first, second = client_for(self.reporter), client_for(self.evaluator)
        first_form, second_form = self.loaded(first), self.loaded(second)
        self.assertEqual(first_form["email_accounts__version"], ["1"])
        self.assertEqual(first_form["edoc_sent__version"], ["0"])

        first_form["email_accounts__numerator"] = ["45"]
        self.assertEqual(first.post(self.url(), first_form).status_code, 302)

        second_form["email_accounts__numerator"] = ["48"]
        second_form["regulations"] = ["attt", "thu_dien_tu"]
        refused = second.post(self.url(), second_form)
        self.assertContains(refused, CONFLICT, status_code=409)
        self.assertContains(refused, "reporter đã sửa lúc", status_code=409)
        self.assertContains(refused, "giá trị hiện tại: 45/50", status_code=409)
        # Nothing of the refused save was written, and the first save is intact.
        self.assertEqual(self.value("email_accounts"), {"numerator": "45", "denominator": "50"})
        self.assertIsNone(self.value("regulations"))
        # The second person's changes are on the form again, over the current versions.
        again = form_data(refused.content, containing="email_accounts__numerator")
        self.assertEqual(again["email_accounts__numerator"], ["48"])
        self.assertEqual(again["regulations"], ["attt", "thu_dien_tu"])
        self.assertEqual(again["email_accounts__version"], ["2"])

        self.assertEqual(second.post(self.url(), again).status_code, 302)
        self.assertEqual(self.value("email_accounts"), {"numerator": "48", "denominator": "50"})
        self.assertEqual(self.value("regulations"), ["attt", "thu_dien_tu"])

    def test_changes_of_different_values_both_stay(self) -> None:
        first, second = client_for(self.reporter), client_for(self.evaluator)
        first_form, second_form = self.loaded(first), self.loaded(second)
        first_form["email_accounts__numerator"] = ["45"]
        second_form["network_connected"] = ["false"]
        self.assertEqual(first.post(self.url(), first_form).status_code, 302)
        # The second form still holds the old 40/50, but the user did not change it: it is not written.
        self.assertEqual(second.post(self.url(), second_form).status_code, 302)
        self.assertEqual(self.value("email_accounts"), {"numerator": "45", "denominator": "50"})
        self.assertIs(self.value("network_connected"), False)

    def test_a_value_removed_meanwhile_is_reported(self) -> None:
        first, second = client_for(self.reporter), client_for(self.evaluator)
        first_form, second_form = self.loaded(first), self.loaded(second)
        first_form["network_connected"] = [""]
        self.assertEqual(first.post(self.url(), first_form).status_code, 302)
        self.assertIsNone(self.value("network_connected"))
        second_form["network_connected"] = ["false"]
        refused = second.post(self.url(), second_form)
        self.assertContains(refused, "reporter đã xoá lúc", status_code=409)
        self.assertIsNone(self.value("network_connected"))


class ImportedValuesTests(BaseTestCase):
    def url(self) -> str:
        return reverse("indicator_form", args=[self.period.pk, self.syt.pk])

    def test_values_inserted_by_an_import_start_at_version_1(self) -> None:
        # The import's bulk INSERT does not name the column: the database default gives the version.
        apply_values(self.period, {"SYT": {"regulations": ["attt"]}})
        self.assertEqual(IndicatorValue.objects.get(unit=self.syt, code="regulations").version, 1)

    def test_a_form_loaded_before_an_import_does_not_overwrite_it(self) -> None:
        client = client_for(self.evaluator)
        loaded = form_data(client.get(self.url()).content, containing="email_accounts__numerator")
        apply_values(self.period, {"SYT": {"email_accounts": {"numerator": "44", "denominator": "50"}}})
        loaded["email_accounts__numerator"] = ["47"]
        self.assertEqual(client.post(self.url(), loaded).status_code, 409)


class ReportAndDraftConflictTests(BaseTestCase):
    admin2: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.admin2 = do_ensure_user("admin2", PASSWORD, Role.ADMINISTRATOR)
        fill_draft(cls.period)

    def test_a_monthly_report_changed_meanwhile_is_not_overwritten(self) -> None:
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 1])
        first, second = client_for(self.reporter), client_for(self.admin)
        first_form = form_data(first.get(url).content, containing="content")
        second_form = form_data(second.get(url).content, containing="content")
        self.assertEqual(first_form["version"], ["1"])
        first_form["content"] = ["Bản sửa của đơn vị"]
        second_form["content"] = ["Bản sửa của quản trị"]
        self.assertEqual(first.post(url, first_form).status_code, 302)
        refused = second.post(url, second_form)
        self.assertContains(refused, "reporter đã sửa lúc", status_code=409)
        self.assertContains(refused, "giá trị hiện tại: Bản sửa của đơn vị", status_code=409)
        self.assertEqual(MonthlyReport.objects.get(pk=self.syt_report.pk).content, "Bản sửa của đơn vị")
        again = form_data(refused.content, containing="content")
        self.assertEqual((again["content"], again["version"]), (["Bản sửa của quản trị"], ["2"]))

    def test_a_first_report_sent_meanwhile_is_not_overwritten(self) -> None:
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 2])
        first, second = client_for(self.reporter), client_for(self.admin)
        first_form = form_data(first.get(url).content, containing="content")
        second_form = form_data(second.get(url).content, containing="content")
        self.assertEqual(first_form["version"], ["0"])
        first_form["content"] = ["Báo cáo tháng 2"]
        second_form["content"] = ["Báo cáo khác"]
        self.assertEqual(first.post(url, first_form).status_code, 302)
        self.assertContains(second.post(url, second_form), "Báo cáo tháng 2", status_code=409)
        self.assertEqual(MonthlyReport.objects.get(unit=self.syt, month=2).content, "Báo cáo tháng 2")

    def test_the_document_draft_changed_meanwhile_is_not_overwritten(self) -> None:
        page = reverse("publication_manage", args=[self.period.pk])
        first, second = client_for(self.admin), client_for(self.admin2)
        url, first_form = form_of(first.get(page).content, containing="letter_number", url=page)
        second_form = form_data(second.get(page).content, containing="letter_number")
        first_form["letter_number"] = ["1200/STTT"]
        second_form["letter_number"] = ["1300/STTT"]
        self.assertEqual(first.post(url, first_form).status_code, 302)
        refused = second.post(url, second_form)
        self.assertContains(refused, "admin đã sửa lúc", status_code=409)
        self.assertContains(refused, "1200/STTT", status_code=409)
        self.assertEqual(DocumentDraft.objects.get(period=self.period).letter_number, "1200/STTT")
        again = form_data(refused.content, containing="letter_number")
        self.assertEqual(again["letter_number"], ["1300/STTT"])
        self.assertEqual(second.post(url, again).status_code, 302)
        self.assertEqual(DocumentDraft.objects.get(period=self.period).letter_number, "1300/STTT")


class RaceTests(TransactionTestCase):
    """Two threads save the same record at the same version through the action functions.

    PostgreSQL runs them truly at once: the version check in the UPDATE decides. SQLite's test
    database (shared-cache memory) refuses a second writer outright instead of waiting for it, so
    there the two saves are serialised and the version check alone must still let only one through.
    """

    def setUp(self) -> None:
        version = do_store_framework(framework_text())
        self.period = do_ensure_period(2012, version, title="Đánh giá năm 2012")
        self.unit = do_ensure_unit("SYT", "Sở Y tế", do_ensure_group("so-nganh", "Sở, ban, ngành"))
        do_set_manual_score(self.period, self.unit, "5", Decimal(100), "Ban đầu", None)
        do_set_values(self.period, self.unit, {"network_connected": True})
        do_save_draft(self.period, {"place": "Đồng Nai"}, 0)

    def race(self, save: Any, arguments: list[Any]) -> list[object]:
        """Run `save(argument)` in one thread per argument, started together; each one's result or error."""
        start = threading.Barrier(len(arguments))
        serial = threading.Lock() if connection.vendor == "sqlite" else None
        results: list[object] = [None] * len(arguments)

        def run(index: int) -> None:
            try:
                start.wait()
                if serial is None:
                    results[index] = save(arguments[index])
                else:
                    with serial:
                        results[index] = save(arguments[index])
            except Exception as error:  # the test inspects it
                results[index] = error
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(index,)) for index in range(len(arguments))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return results

    def assert_one_wins(self, results: list[object]) -> int:
        conflicts = [index for index, result in enumerate(results) if isinstance(result, VersionConflict)]
        winners = [index for index, result in enumerate(results) if not isinstance(result, BaseException)]
        self.assertEqual((len(winners), len(conflicts)), (1, len(results) - 1), results)
        return winners[0]

    def test_one_of_two_manual_scores_at_the_same_version_wins(self) -> None:
        # A few rounds, each from the version the previous one left: every round has exactly one winner.
        for attempt in range(3):
            version = ManualScore.objects.get(criterion_code="5").version

            def save(points: int, version: int = version) -> object:
                return do_set_manual_score(
                    self.period, self.unit, "5", Decimal(points), f"Luồng {points}", None, expected_version=version
                )

            with self.subTest(attempt=attempt):
                winner = self.assert_one_wins(self.race(save, [110 + attempt, 120 + attempt]))
                stored = ManualScore.objects.get(criterion_code="5")
                self.assertEqual(stored.points, Decimal([110 + attempt, 120 + attempt][winner]))
                self.assertEqual(stored.version, version + 1)

    @skipUnless(connection.vendor == "postgresql", "SQLite's test database does not let a second writer wait")
    def test_a_save_waits_for_the_one_in_progress_and_then_loses(self) -> None:
        # The first save holds its transaction open (in the rescoring) after taking version 2; the
        # second, which also read version 1, must wait for it and then be refused, not overwrite it.
        in_progress, finish = threading.Event(), threading.Event()

        def slow_rescoring(change: object) -> None:
            in_progress.set()
            finish.wait(30)

        def save(points: int) -> object:
            return do_set_manual_score(self.period, self.unit, "5", Decimal(points), "x", None, expected_version=1)

        results: dict[str, object] = {}

        def run(name: str, points: int) -> None:
            try:
                results[name] = save(points)
            except Exception as error:  # the test inspects it
                results[name] = error
            finally:
                connection.close()

        with mock.patch("govscore.web.scores.rescoring._rescore_units", slow_rescoring):
            first = threading.Thread(target=run, args=("first", 110))
            first.start()
            self.assertTrue(in_progress.wait(30))
            second = threading.Thread(target=run, args=("second", 120))
            second.start()
            second.join(timeout=1)
            self.assertTrue(second.is_alive(), "the second save must wait for the first one's row")
            finish.set()
            first.join(timeout=30)
            second.join(timeout=30)
        self.assertIsInstance(results["first"], ManualScore)
        self.assertIsInstance(results["second"], VersionConflict)
        stored = ManualScore.objects.get(criterion_code="5")
        self.assertEqual((stored.points, stored.version), (Decimal(110), 2))

    def test_one_of_two_first_scores_wins(self) -> None:
        def save(points: int) -> object:
            return do_set_manual_score(
                self.period, self.unit, "1.1", Decimal(points), f"Luồng {points}", None, expected_version=0
            )

        winner = self.assert_one_wins(self.race(save, [5, 8]))
        stored = ManualScore.objects.get(criterion_code="1.1")
        self.assertEqual((stored.points, stored.version), (Decimal([5, 8][winner]), 1))

    def test_one_of_two_indicator_saves_at_the_same_version_wins(self) -> None:
        def save(items: list[str]) -> object:
            values = {"network_connected": False, "regulations": items}
            return do_set_values(self.period, self.unit, values, versions={"network_connected": 1, "regulations": 0})

        # One set of changes is stored whole; the other is refused whole.
        choices = [["attt"], ["thu_dien_tu", "van_ban_dien_tu"]]
        winner = self.assert_one_wins(self.race(save, choices))
        network = IndicatorValue.objects.get(code="network_connected")
        self.assertEqual((network.value, network.version), (False, 2))
        regulations = IndicatorValue.objects.get(code="regulations")
        self.assertEqual((regulations.value, regulations.version), (choices[winner], 1))

    def test_one_of_two_draft_saves_at_the_same_version_wins(self) -> None:
        def save(number: str) -> object:
            return do_save_draft(self.period, {"letter_number": number}, 1)

        winner = self.assert_one_wins(self.race(save, ["1/STTT", "2/STTT"]))
        draft = DocumentDraft.objects.get(period=self.period)
        self.assertEqual((draft.letter_number, draft.version), (["1/STTT", "2/STTT"][winner], 2))
