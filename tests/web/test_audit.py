"""The audit trail: every change leaves a row with its old and new values, its actor and address; log-ins,
failed log-ins and downloads too; rows cannot be changed or deleted; administrators search and export it."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from django.contrib.auth.models import User
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from govscore.web.accounts.actions import do_ensure_user
from govscore.web.accounts.models import Profile, Role
from govscore.web.audit.context import acting_as, command_name
from govscore.web.audit.models import AuditEntry, AuditImmutable
from govscore.web.audit.record import record_backup
from govscore.web.frameworks.actions import do_store_framework, do_update_framework_text
from govscore.web.imports.actions import apply_values
from govscore.web.indicators.models import EvidenceFile, IndicatorValue
from govscore.web.orgs.actions import do_ensure_group, do_ensure_organisation, do_ensure_unit, do_set_staff_count
from govscore.web.orgs.models import StaffCount, Unit
from govscore.web.publications.models import Publication
from govscore.web.reports.actions import do_import_reports
from govscore.web.scores.models import ManualScore

from .base import PASSWORD, BaseTestCase, fill_draft, framework_text
from .html_forms import form_of
from .samples import pdf_upload

ADDRESS = "203.0.113.7"
Action = AuditEntry.Action


def latest(**filters: Any) -> AuditEntry:
    entry = AuditEntry.objects.filter(**filters).order_by("-pk").first()
    assert entry is not None, f"no audit row for {filters}"
    return entry


class AuditTestCase(BaseTestCase):
    def post_form(self, url: str, containing: str, **changes: Any) -> int:
        """Load the page's form, change some fields, send it back from ADDRESS, as a browser would."""
        action, data = form_of(self.client.get(url).content, containing=containing, url=url)
        data.update({name: value if isinstance(value, list) else [value] for name, value in changes.items()})
        return self.client.post(action, data, REMOTE_ADDR=ADDRESS).status_code

    def assert_by(self, entry: AuditEntry, user: User, ip: str = ADDRESS) -> None:
        self.assertEqual((entry.actor, entry.user_id, entry.ip, entry.origin), (user.username, user.pk, ip, "web"))


class ChangesAreRecordedTests(AuditTestCase):
    def test_indicator_values_through_the_form(self) -> None:
        self.login(self.reporter)
        url = reverse("indicator_form", args=[self.period.pk, self.syt.pk])
        self.assertEqual(self.post_form(url, "network_connected", network_connected="false"), 302)
        entry = latest(model="indicators.indicatorvalue", action=Action.UPDATE)
        self.assert_by(entry, self.reporter)
        self.assertEqual(
            (entry.old, entry.new),
            ({"value": True}, {"value": False}),
        )
        self.assertEqual((entry.unit_id, entry.period_id), (self.syt.pk, self.period.pk))
        row = IndicatorValue.objects.get(unit=self.syt, code="network_connected")
        self.assertEqual(entry.object_id, str(row.pk))

    def test_a_value_added_and_one_removed(self) -> None:
        self.login(self.evaluator)
        url = reverse("indicator_form", args=[self.period.pk, self.syt.pk])
        status = self.post_form(url, "network_connected", network_connected="", regulations=["attt"])
        self.assertEqual(status, 302)
        added = latest(model="indicators.indicatorvalue", action=Action.CREATE)
        self.assertEqual((added.old, added.new["code"], added.new["value"]), (None, "regulations", ["attt"]))
        removed = latest(model="indicators.indicatorvalue", action=Action.DELETE)
        self.assertEqual((removed.old["code"], removed.old["value"], removed.new), ("network_connected", True, None))
        for entry in (added, removed):
            self.assert_by(entry, self.evaluator)
            self.assertEqual((entry.unit_id, entry.period_id), (self.syt.pk, self.period.pk))

    def test_evidence_files(self) -> None:
        self.login(self.reporter)
        url = reverse("evidence_upload", args=[self.period.pk, self.syt.pk])
        data = {"indicator": "email_accounts", "file": pdf_upload("quyet-dinh.pdf"), "description": "Quyết định"}
        self.assertEqual(self.client.post(url, data, REMOTE_ADDR=ADDRESS).status_code, 302)
        entry = latest(model="indicators.evidencefile", action=Action.CREATE)
        self.assert_by(entry, self.reporter)
        self.assertEqual((entry.new["original_name"], entry.new["description"]), ("quyet-dinh.pdf", "Quyết định"))
        self.assertEqual((entry.unit_id, entry.period_id), (self.syt.pk, self.period.pk))
        evidence = EvidenceFile.objects.get(pk=entry.object_id)
        self.assertEqual(entry.new["file"], evidence.file.name)

    def test_monthly_reports(self) -> None:
        self.login(self.reporter)
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 1])
        self.assertEqual(self.post_form(url, "content", content="Báo cáo đã sửa", documents_sent="12"), 302)
        entry = latest(model="reports.monthlyreport", action=Action.UPDATE)
        self.assert_by(entry, self.reporter)
        self.assertEqual(entry.old, {"content": "Báo cáo tháng 1 của Sở Y tế", "documents_sent": None})
        self.assertEqual(entry.new, {"content": "Báo cáo đã sửa", "documents_sent": 12})
        self.assertEqual(
            (entry.unit_id, entry.period_id, entry.object_id), (self.syt.pk, self.period.pk, str(self.syt_report.pk))
        )

    def test_manual_scores_with_their_reason(self) -> None:
        self.login(self.evaluator)
        url = reverse("manual_scores", args=[self.period.pk, self.syt.pk])
        status = self.post_form(url + "?criterion=5", "points", points="90", reason="Hội đồng chấm lại")
        self.assertEqual(status, 302)
        entry = latest(model="scores.manualscore", action=Action.UPDATE)
        self.assert_by(entry, self.evaluator)
        self.assertEqual(entry.old, {"points": "100", "reason": "Các tiêu chí khác", "entered_by": None})
        self.assertEqual(entry.new, {"points": "90", "reason": "Hội đồng chấm lại", "entered_by": self.evaluator.pk})
        self.assertEqual(entry.reason, "Hội đồng chấm lại")
        # Deleting keeps what the score was.
        delete = reverse("manual_score_delete", args=[self.period.pk, self.syt.pk, self.syt_score.pk])
        self.client.post(delete, {"version": "2"}, REMOTE_ADDR=ADDRESS)
        self.assertFalse(ManualScore.objects.filter(pk=self.syt_score.pk).exists())
        deleted = latest(model="scores.manualscore", action=Action.DELETE)
        self.assert_by(deleted, self.evaluator)
        self.assertEqual((deleted.old["points"], deleted.old["criterion_code"]), ("90", "5"))

    def test_frameworks_outside_a_request_name_the_command(self) -> None:
        text = framework_text().replace('version: "2012"', 'version: "2012-b"', 1)
        with acting_as("govscore framework"):
            version = do_store_framework(text)
            do_update_framework_text(version, text.replace("Đồng Nai", "Đồng Nai (sửa)", 1))
        created = latest(model="frameworks.frameworkversion", action=Action.CREATE)
        self.assertEqual(
            (created.actor, created.user_id, created.ip, created.origin), ("govscore framework", None, None, "command")
        )
        self.assertEqual(created.new["version"], "2012-b")
        updated = latest(model="frameworks.frameworkversion", action=Action.UPDATE)
        self.assertIn("Đồng Nai (sửa)", updated.new["yaml_text"])
        self.assertNotIn("Đồng Nai (sửa)", updated.old["yaml_text"])

    def test_period_status_changes_and_the_amendment_reason(self) -> None:
        self.login(self.admin)
        fill_draft(self.period)
        self.client.post(reverse("publication_close", args=[self.period.pk]), REMOTE_ADDR=ADDRESS)
        closed = latest(model="periods.evaluationperiod")
        self.assert_by(closed, self.admin)
        self.assertEqual(
            (closed.old, closed.new, closed.period_id), ({"status": "open"}, {"status": "closed"}, self.period.pk)
        )
        self.client.post(
            reverse("publication_publish", args=[self.period.pk]), {"confirmed": "on"}, REMOTE_ADDR=ADDRESS
        )
        publication = Publication.objects.get(period=self.period)
        published = latest(model="publications.publication", action=Action.CREATE)
        self.assert_by(published, self.admin)
        self.assertEqual(
            (published.object_id, published.new["content_hash"]), (str(publication.pk), publication.content_hash)
        )
        self.assertNotIn("snapshot_json", published.new)
        amend = reverse("publication_amend", args=[self.period.pk])
        self.client.post(amend, {"reason": "Sai số liệu Sở Y tế"}, REMOTE_ADDR=ADDRESS)
        amending = latest(model="periods.evaluationperiod")
        self.assertEqual((amending.new, amending.reason), ({"status": "amending"}, "Sai số liệu Sở Y tế"))
        draft = latest(model="publications.documentdraft")
        self.assertEqual(
            (draft.new, draft.reason), ({"amendment_reason": "Sai số liệu Sở Y tế"}, "Sai số liệu Sở Y tế")
        )

    def test_document_drafts(self) -> None:
        self.login(self.admin)
        url = reverse("publication_manage", args=[self.period.pk])
        self.assertEqual(self.post_form(url, "letter_number", letter_number="99/STTT"), 302)
        created = latest(model="publications.documentdraft", action=Action.CREATE)
        self.assert_by(created, self.admin)
        self.assertEqual((created.new["letter_number"], created.period_id), ("99/STTT", self.period.pk))
        self.assertEqual(self.post_form(url, "letter_number", letter_number="100/STTT", place="Biên Hòa"), 302)
        entry = latest(model="publications.documentdraft", action=Action.UPDATE)
        self.assert_by(entry, self.admin)
        self.assertEqual(entry.new, {"place": "Biên Hòa", "letter_number": "100/STTT"})
        self.assertEqual(entry.old, {"place": "", "letter_number": "99/STTT"})
        self.assertEqual(entry.period_id, self.period.pk)

    def test_groups_organisation_and_staff_counts(self) -> None:
        with acting_as("govscore demo"):
            do_ensure_organisation("Sở Thông tin và Truyền thông Đồng Nai")
            group = do_ensure_group("huyen", "UBND cấp huyện")
            do_set_staff_count(self.syt, 2012, 100, 5)
            do_set_staff_count(self.syt, 2012, 110, 5)
        self.assertEqual(latest(model="orgs.organisation").new["name"], "Sở Thông tin và Truyền thông Đồng Nai")
        self.assertEqual(latest(model="orgs.unitgroup").object_id, str(group.pk))
        changed = latest(model="orgs.staffcount", action=Action.UPDATE)
        self.assertEqual(
            (changed.old, changed.new, changed.actor),
            ({"civil_servants": 100}, {"civil_servants": 110}, "govscore demo"),
        )
        self.assertEqual(StaffCount.objects.get(unit=self.syt).civil_servants, 110)

    def test_users_their_roles_and_profiles_never_their_passwords(self) -> None:
        with acting_as("govscore demo"):
            user = do_ensure_user("new_reporter", "mat-khau-rat-dai", Role.REPORTER, self.syt)
        created = latest(model="auth.user", action=Action.CREATE)
        self.assertEqual(
            (created.object_id, created.new["username"], created.new["password"]),
            (str(user.pk), "new_reporter", "••••••"),
        )
        roles = latest(model="auth.user", action=Action.UPDATE, object_id=str(user.pk))
        self.assertEqual((roles.old, roles.new), ({"groups": []}, {"groups": ["reporter"]}))
        profile = latest(model="accounts.profile", action=Action.CREATE)
        self.assertEqual((profile.new["unit"], profile.unit_id), (self.syt.pk, self.syt.pk))

        user.set_password("mat-khau-moi-dai-hon")
        user.save()
        changed = latest(model="auth.user", action=Action.UPDATE, object_id=str(user.pk))
        self.assertEqual((changed.old, changed.new), ({"password": "••••••"}, {"password": "••••••"}))
        self.assertFalse(AuditEntry.objects.filter(new__icontains="mat-khau").exists())
        self.assertFalse(AuditEntry.objects.filter(new__icontains=user.password[:20]).exists())

        Profile.objects.filter(user=user).update(unit=self.stp)  # not through the model: not recorded
        profile_row = Profile.objects.get(user=user)
        profile_row.unit = self.syt
        profile_row.save()
        moved = latest(model="accounts.profile", action=Action.UPDATE)
        self.assertEqual((moved.old, moved.new), ({"unit": self.stp.pk}, {"unit": self.syt.pk}))

    def test_the_xlsx_import_records_every_changed_value(self) -> None:
        values = {
            "SYT": {"network_connected": False, "regulations": ["attt"]},
            "STP": {"email_accounts": {"numerator": "45", "denominator": "50"}},
        }
        with acting_as("govscore import"):
            outcome = apply_values(self.period, values)
        self.assertTrue(outcome.written)
        rows = AuditEntry.objects.filter(action=Action.IMPORT).order_by("unit_id")
        self.assertEqual(len(rows), 2)
        by_unit = {row.unit_id: row for row in rows}
        syt = by_unit[self.syt.pk]
        self.assertEqual(syt.old, {"network_connected": True, "regulations": None})
        self.assertEqual(syt.new, {"network_connected": False, "regulations": ["attt"]})
        self.assertEqual(
            (syt.model, syt.period_id, syt.actor), ("indicators.indicatorvalue", self.period.pk, "govscore import")
        )
        stp = by_unit[self.stp.pk]
        self.assertEqual(stp.new, {"email_accounts": {"numerator": "45", "denominator": "50"}})
        self.assertEqual(syt.batch, stp.batch)
        self.assertTrue(syt.batch)

    def test_reports_imported_in_bulk(self) -> None:
        received = timezone.make_aware(datetime.datetime(2012, 4, 3, 8))
        do_import_reports(self.period, [(self.syt, 3, received, "Tháng 3")])
        entry = latest(model="reports.monthlyreport", action=Action.CREATE)
        self.assertEqual((entry.new["month"], entry.new["content"], entry.unit_id), (3, "Tháng 3", self.syt.pk))

    def test_units_created_by_a_command(self) -> None:
        with acting_as("govscore demo"):
            unit = do_ensure_unit("SXD", "Sở Xây dựng", self.syt.group)
        entry = latest(model="orgs.unit", action=Action.CREATE)
        self.assertEqual((entry.unit_id, entry.new["name"], entry.actor), (unit.pk, "Sở Xây dựng", "govscore demo"))


class LogInTests(AuditTestCase):
    def test_a_log_in_is_recorded_with_the_address(self) -> None:
        response = self.client.post(
            reverse("login"), {"username": "evaluator", "password": PASSWORD}, REMOTE_ADDR=ADDRESS
        )
        self.assertEqual(response.status_code, 302)
        entry = latest(action=Action.LOGIN)
        self.assert_by(entry, self.evaluator)
        self.assertEqual(entry.object_id, str(self.evaluator.pk))
        self.client.post(reverse("logout"), REMOTE_ADDR=ADDRESS)
        self.assert_by(latest(action=Action.LOGOUT), self.evaluator)

    def test_a_failed_log_in_keeps_the_name_tried_never_the_password(self) -> None:
        data = {"username": "evaluator", "password": "doan-sai-mat-khau"}
        self.assertEqual(self.client.post(reverse("login"), data, REMOTE_ADDR=ADDRESS).status_code, 200)
        entry = latest(action=Action.LOGIN_FAILED)
        self.assertEqual((entry.actor, entry.user_id, entry.ip), ("evaluator", None, ADDRESS))
        row = AuditEntry.objects.filter(pk=entry.pk).values().get()
        self.assertNotIn("doan-sai-mat-khau", repr(row))
        self.client.post(reverse("login"), {"username": "khong-co-ai", "password": "x"}, REMOTE_ADDR=ADDRESS)
        self.assertEqual(latest(action=Action.LOGIN_FAILED).actor, "khong-co-ai")

    def test_x_forwarded_for_counts_only_from_a_trusted_proxy(self) -> None:
        # The same rule as the log-in lock-out: GOVSCORE_TRUSTED_PROXIES (in production loopback, where nginx runs).
        data = {"username": "leader", "password": PASSWORD}
        self.client.post(reverse("login"), data, REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="198.51.100.9")
        self.assertEqual(latest(action=Action.LOGIN).ip, "192.0.2.7")
        self.client.logout()
        with override_settings(GOVSCORE_TRUSTED_PROXIES=["127.0.0.1"]):
            self.client.post(
                reverse("login"), data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.9"
            )
        self.assertEqual(latest(action=Action.LOGIN).ip, "198.51.100.9")


class DownloadTests(AuditTestCase):
    def download(self, url: str) -> None:
        response = self.client.get(url, REMOTE_ADDR=ADDRESS)
        self.assertEqual(response.status_code, 200)
        if response.streaming:
            b"".join(response.streaming_content)  # type: ignore[arg-type]

    def test_evidence_and_report_attachments(self) -> None:
        self.login(self.reporter)
        self.download(reverse("evidence_download", args=[self.syt_evidence.pk]))
        entry = latest(action=Action.DOWNLOAD)
        self.assert_by(entry, self.reporter)
        self.assertEqual((entry.model, entry.object_id), ("indicators.evidencefile", str(self.syt_evidence.pk)))
        self.assertEqual(
            (entry.unit_id, entry.period_id, entry.new["file"]), (self.syt.pk, self.period.pk, "minh-chung.pdf")
        )
        self.download(reverse("report_attachment", args=[self.syt_report.pk]))
        entry = latest(action=Action.DOWNLOAD)
        self.assertEqual(
            (entry.model, entry.object_id, entry.new["file"]),
            ("reports.monthlyreport", str(self.syt_report.pk), "bao-cao.pdf"),
        )

    def test_the_xlsx_template_and_publication_files(self) -> None:
        self.login(self.evaluator)
        self.download(reverse("imports_template", args=[self.period.pk]))
        entry = latest(action=Action.DOWNLOAD)
        self.assert_by(entry, self.evaluator)
        self.assertEqual((entry.model, entry.period_id), ("periods.evaluationperiod", self.period.pk))
        self.assertTrue(entry.new["file"].endswith(".xlsx"))

        fill_draft(self.period)
        self.login(self.admin)
        self.client.post(reverse("publication_close", args=[self.period.pk]))
        self.client.post(reverse("publication_publish", args=[self.period.pk]), {"confirmed": "on"})
        publication = Publication.objects.get(period=self.period)
        self.login(None)
        self.download(reverse("public_file", args=[publication.pk, "pdf"]))
        entry = latest(action=Action.DOWNLOAD)
        self.assertEqual((entry.actor, entry.user_id, entry.ip), ("", None, ADDRESS))
        self.assertEqual(
            (entry.model, entry.object_id, entry.period_id),
            ("publications.publication", str(publication.pk), self.period.pk),
        )

    def test_a_refused_download_is_no_download(self) -> None:
        self.login(self.reporter)
        count = AuditEntry.objects.filter(action=Action.DOWNLOAD).count()
        self.assertEqual(self.client.get(reverse("evidence_download", args=[self.stp_evidence.pk])).status_code, 404)
        self.assertEqual(AuditEntry.objects.filter(action=Action.DOWNLOAD).count(), count)


class AppendOnlyTests(AuditTestCase):
    def test_the_model_refuses_to_change_or_delete_a_row(self) -> None:
        entry = AuditEntry.objects.order_by("pk").first()
        assert entry is not None
        before = AuditEntry.objects.filter(pk=entry.pk).values().get()
        entry.actor = "someone-else"
        with self.assertRaises(AuditImmutable):
            entry.save()
        with self.assertRaises(AuditImmutable):
            entry.delete()
        with self.assertRaises(AuditImmutable):
            AuditEntry.objects.filter(pk=entry.pk).update(actor="someone-else")
        with self.assertRaises(AuditImmutable):
            AuditEntry.objects.filter(pk=entry.pk).delete()
        # Even a plain queryset (the base manager's) is refused, by the delete signal.
        with self.assertRaises(AuditImmutable), transaction.atomic():
            AuditEntry._base_manager.filter(pk=entry.pk).delete()
        # A new object given an existing row's id inserts, so it cannot overwrite that row.
        copy = AuditEntry(pk=entry.pk, action=Action.UPDATE, actor="someone-else")
        with self.assertRaises(IntegrityError), transaction.atomic():
            copy.save()
        self.assertEqual(AuditEntry.objects.filter(pk=entry.pk).values().get(), before)

    def test_the_database_refuses_raw_sql_changes(self) -> None:
        if connection.vendor != "postgresql":
            self.skipTest("the database trigger exists on PostgreSQL only; SQLite's test flush deletes rows")
        entry = AuditEntry.objects.order_by("pk").first()
        assert entry is not None
        table = connection.ops.quote_name(AuditEntry._meta.db_table)
        for statement in (
            f"UPDATE {table} SET actor = 'someone-else' WHERE id = %s",
            f"DELETE FROM {table} WHERE id = %s",
        ):
            with (
                self.subTest(statement),
                self.assertRaisesMessage(DatabaseError, "append-only"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(statement, [entry.pk])
        self.assertEqual(AuditEntry.objects.filter(pk=entry.pk).values_list("actor", flat=True).get(), entry.actor)

    def test_the_admin_only_shows_rows(self) -> None:
        entry = AuditEntry.objects.order_by("pk").first()
        assert entry is not None
        before = AuditEntry.objects.count()
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("admin:audit_auditentry_changelist")).status_code, 200)
        self.assertEqual(self.client.get(reverse("admin:audit_auditentry_change", args=[entry.pk])).status_code, 200)
        posts = [
            (reverse("admin:audit_auditentry_change", args=[entry.pk]), {"actor": "someone-else"}),
            (reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}),
            (reverse("admin:audit_auditentry_add"), {"actor": "someone-else", "action": "update"}),
        ]
        for url, data in posts:
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, data).status_code, 403)
        bulk = {"action": "delete_selected", "_selected_action": [str(entry.pk)], "post": "yes"}
        self.client.post(reverse("admin:audit_auditentry_changelist"), bulk)
        self.assertTrue(AuditEntry.objects.filter(pk=entry.pk, actor=entry.actor).exists())
        self.assertEqual(AuditEntry.objects.filter(action=Action.DELETE, model="audit.auditentry").count(), 0)
        self.assertGreaterEqual(AuditEntry.objects.count(), before)


class SearchAndExportTests(AuditTestCase):
    def setUp(self) -> None:
        # Two changes by two people on two units, and one failed log-in with a formula for a name.
        self.login(self.evaluator)
        url = reverse("manual_scores", args=[self.period.pk, self.syt.pk])
        self.post_form(url + "?criterion=5", "points", points="90", reason="Hội đồng chấm lại")
        self.login(self.reporter)
        url = reverse("report_form", args=[self.period.pk, self.syt.pk, 1])
        self.post_form(url, "content", content="Báo cáo bổ sung về thư điện tử")
        self.login(None)
        self.client.post(reverse("login"), {"username": "=HYPERLINK(1)", "password": "x"}, REMOTE_ADDR=ADDRESS)
        self.login(self.admin)

    def search(self, **filters: str) -> list[AuditEntry]:
        response = self.client.get(reverse("audit_log"), filters)
        self.assertEqual(response.status_code, 200)
        return [row["entry"] for row in response.context["rows"]]

    def test_changes_read_as_people_write_them(self) -> None:
        response = self.client.get(reverse("audit_log"), {"model": "indicators.indicatorvalue", "unit": self.syt.pk})
        self.assertContains(response, "40/50")  # the ratio, not its JSON
        for label in ("kỳ đánh giá", "giá trị", "người nhập"):
            self.assertContains(response, label)
        self.assertNotContains(response, "numerator")
        self.assertNotContains(response, "entered by")
        record_backup("/var/backups/govscore/20121207", 12, 3_456_789)
        backups = self.client.get(reverse("audit_log"), {"action": "backup"})
        for text in ("thư mục", "/var/backups/govscore/20121207", "số tệp", "dung lượng (byte)", "3.456.789"):
            self.assertContains(backups, text)

    def test_a_two_factor_device_is_named_in_vietnamese_and_its_key_never_shown(self) -> None:
        device = TOTPDevice.objects.create(user=self.evaluator, name="govscore", confirmed=False)
        response = self.client.get(reverse("audit_log"), {"model": "otp_totp.totpdevice"})
        self.assertEqual([row["entry"].object_id for row in response.context["rows"]], [str(device.pk)])
        self.assertContains(response, "Thiết bị xác thực hai bước")
        self.assertContains(response, "khóa bí mật")
        self.assertContains(response, "đã xác nhận")
        self.assertNotContains(response, device.key)
        self.assertNotContains(response, "TOTP device")

    def test_only_the_administrator_opens_it(self) -> None:
        for user in (self.evaluator, self.leader, self.reporter):
            self.login(user)
            self.assertEqual(self.client.get(reverse("audit_log")).status_code, 403)
            self.assertEqual(self.client.get(reverse("audit_export")).status_code, 403)

    def test_filters(self) -> None:
        by_evaluator = self.search(user="evaluator")
        self.assertTrue(by_evaluator)
        self.assertEqual({entry.actor for entry in by_evaluator}, {"evaluator"})
        scores = self.search(model="scores.manualscore", unit=str(self.syt.pk), period=str(self.period.pk))
        self.assertEqual([entry.action for entry in scores][:1], [Action.UPDATE])
        self.assertTrue(all(entry.unit_id == self.syt.pk for entry in scores))
        self.assertEqual(self.search(model="scores.manualscore", unit=str(self.stp.pk), action="update"), [])
        found = self.search(text="bổ sung về thư")
        self.assertEqual([(entry.model, entry.actor) for entry in found], [("reports.monthlyreport", "reporter")])
        self.assertEqual([entry.actor for entry in self.search(action="login_failed")], ["=HYPERLINK(1)"])
        # Rows on three days around the one searched: the filter must keep that day's alone, in local time.
        local = timezone.get_current_timezone()
        for day, hour, actor in ((9, 23, "trước"), (10, 0, "đầu ngày"), (10, 23, "cuối ngày"), (11, 0, "sau")):
            at = datetime.datetime(2020, 3, day, hour, 30, tzinfo=local)
            AuditEntry.objects.create(at=at, action=Action.LOGIN, actor=f"ngày {actor}")
        found = self.search(date_from="10/03/2020", date_to="10/03/2020")
        self.assertEqual(sorted(entry.actor for entry in found), ["ngày cuối ngày", "ngày đầu ngày"])
        since = {entry.actor for entry in self.search(date_from="10/03/2020") if entry.actor.startswith("ngày")}
        self.assertEqual(since, {"ngày đầu ngày", "ngày cuối ngày", "ngày sau"})
        until = {entry.actor for entry in self.search(date_to="10/03/2020") if entry.actor.startswith("ngày")}
        self.assertEqual(until, {"ngày trước", "ngày đầu ngày", "ngày cuối ngày"})
        page = self.client.get(reverse("audit_log"), {"date_from": "31/02/2012"})
        self.assertContains(page, "Ngày không hợp lệ", status_code=400)

    def test_the_export_holds_the_rows_and_is_itself_recorded(self) -> None:
        response = self.client.get(reverse("audit_export"), {"user": "evaluator"}, REMOTE_ADDR=ADDRESS)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        rows = list(csv.reader(io.StringIO(text)))
        self.assertEqual(rows[0][:3], ["Thời điểm", "Thao tác", "Người thực hiện"])
        expected = AuditEntry.objects.filter(actor__iexact="evaluator").count()
        # The export's own row (by the administrator) is not the evaluator's.
        self.assertEqual(len(rows) - 1, expected)
        score_row = next(row for row in rows if row[5] == "Điểm chấm tay")
        self.assertIn("Hội đồng chấm lại", score_row[11])
        self.assertEqual(score_row[12], "Hội đồng chấm lại")
        export = latest(action=Action.DOWNLOAD)
        self.assert_by(export, self.admin)
        self.assertEqual(export.new["filters"], {"user": "evaluator"})
        self.assertTrue(export.new["file"].endswith(".csv"))

    def test_the_export_never_hands_a_formula_to_a_spreadsheet(self) -> None:
        response = self.client.get(reverse("audit_export"), {"action": "login_failed"})
        text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        rows = list(csv.reader(io.StringIO(text)))
        self.assertEqual([row[2] for row in rows[1:]], ["'=HYPERLINK(1)"])


class CommandNameTests(BaseTestCase):
    def test_the_command_line_names_the_actor(self) -> None:
        self.assertEqual(command_name(["/srv/govscore/.venv/bin/govscore", "demo", "--lang", "en"]), "govscore demo")
        self.assertEqual(command_name(["manage.py", "migrate"]), "manage.py migrate")
        self.assertEqual(command_name(["/usr/bin/pytest", "tests/web", "-q"]), "pytest")
        self.assertEqual(command_name([]), "python")
        self.assertEqual(
            command_name(["/srv/govscore/lib/python3.11/site-packages/govscore/__main__.py", "restore"]),
            "govscore restore",
        )

    def test_writes_outside_requests_are_recorded_too(self) -> None:
        with acting_as("govscore demo"):
            unit = Unit.objects.get(pk=self.syt.pk)
            unit.short_name = "SYT"
            unit.save()
        entry = latest(model="orgs.unit", action=Action.UPDATE)
        self.assertEqual((entry.actor, entry.origin, entry.ip, entry.path), ("govscore demo", "command", None, ""))
