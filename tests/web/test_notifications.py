"""Reminders and notifications: in the page always, by e-mail through a real SMTP server unless the user
turned the kind off, at most one e-mail per user per kind per day, in Vietnamese, with links that open
the right page for the user who gets them."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from govscore.web.notifications.actions import do_set_email_kinds
from govscore.web.notifications.jobs import daily
from govscore.web.notifications.models import Email, Kind, Notification
from govscore.web.notifications.reminders import send_report_reminders, send_weekly_digest
from govscore.web.reports.actions import do_submit_report

from .base import BaseTestCase
from .smtp import Inbox, smtp_inbox

# The bundled framework wants February's report by 5 March 2012.
FEBRUARY_DUE = datetime.date(2012, 3, 5)
DAY_AFTER = FEBRUARY_DUE + datetime.timedelta(days=1)


class ReminderTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        for user, address in ((self.reporter, "bc-syt@example.gov.vn"), (self.stp_reporter, "bc-stp@example.gov.vn")):
            user.email = address
            user.save()
        self.evaluator.email = "thamdinh@example.gov.vn"
        self.evaluator.save()

    def run_jobs(self) -> None:
        """What `govscore worker` does with the jobs that are due: each stored job is called once."""
        for stored in DBTaskResult.objects.filter(status="READY").order_by("enqueued_at"):
            result = stored.task_result
            stored.task.call(*result.args, **result.kwargs)
            stored.delete()

    def remind(self, day: datetime.date) -> int:
        with self.captureOnCommitCallbacks(execute=True):
            made = send_report_reminders(day)
        self.run_jobs()
        return made

    def test_a_unit_that_has_not_reported_gets_exactly_one_reminder_the_day_after_the_due_day(self) -> None:
        with smtp_inbox() as inbox:
            for day in (FEBRUARY_DUE - datetime.timedelta(days=1), FEBRUARY_DUE):
                self.remind(day)
            self.assertEqual(inbox.to("bc-syt@example.gov.vn"), [])
            self.remind(DAY_AFTER)
            self.remind(DAY_AFTER)  # a second run the same day sends nothing more
            (message,) = inbox.to("bc-syt@example.gov.vn")
        self.assertEqual(Inbox.subject(message), "[govscore] Chưa gửi báo cáo tháng 02/2012 — Sở Y tế")
        body = message.get_content()
        self.assertIn("Kính gửi reporter,", body)
        self.assertIn("Đã quá hạn 05/03/2012 mà Sở Y tế chưa gửi báo cáo tháng 02/2012", body)
        self.assert_link_opens(body, self.reporter, reverse("report_form", args=[self.period.pk, self.syt.pk, 2]))
        # The page shows it too, however many times the job ran.
        self.assertEqual(Notification.objects.filter(user=self.reporter, kind=Kind.REPORT_MISSING).count(), 2)
        self.assertEqual(Email.objects.filter(user=self.reporter, kind=Kind.REPORT_MISSING).count(), 1)

    def assert_link_opens(self, body: str, user: object, path: str) -> None:
        (url,) = re.findall(r"Xem và thực hiện tại: (\S+)", body)
        self.assertEqual(url, settings.GOVSCORE_PUBLIC_URL.rstrip("/") + path)
        self.login(user)  # type: ignore[arg-type]
        response = self.client.get(path)
        self.assertContains(response, "Sở Y tế")

    def test_a_reminder_before_the_due_day_and_none_once_the_report_arrived(self) -> None:
        with smtp_inbox() as inbox:
            do_submit_report(self.period, self.stp, 2, content="Báo cáo tháng 2", by=self.stp_reporter)
            self.remind(FEBRUARY_DUE - datetime.timedelta(days=3))
            (message,) = inbox.messages
        self.assertEqual(message["To"], "bc-syt@example.gov.vn")
        self.assertEqual(Inbox.subject(message), "[govscore] Sắp đến hạn báo cáo tháng 02/2012 — Sở Y tế")
        self.assertIn("phải gửi chậm nhất ngày 05/03/2012", message.get_content())

    def test_a_user_who_turned_the_kind_off_gets_no_email_but_sees_the_notification(self) -> None:
        do_set_email_kinds(self.stp_reporter, {Kind.REPORT_DUE})
        with smtp_inbox() as inbox:
            self.remind(DAY_AFTER)
            self.assertEqual(inbox.to("bc-stp@example.gov.vn"), [])
            self.assertEqual(len(inbox.to("bc-syt@example.gov.vn")), 1)
        self.assertTrue(Notification.objects.filter(user=self.stp_reporter, kind=Kind.REPORT_MISSING).exists())
        self.login(self.stp_reporter)
        page = self.client.get(reverse("notification_list"))
        self.assertContains(page, "Chưa gửi báo cáo tháng 02/2012 — Sở Tư pháp")
        self.assertContains(page, 'Thông báo <span class="count">(1)</span>', html=False)

    def test_no_email_is_queued_while_the_server_has_no_smtp_host(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            send_report_reminders(DAY_AFTER)
        self.assertFalse(Email.objects.exists())
        self.assertFalse(DBTaskResult.objects.exists())
        self.assertEqual(Notification.objects.filter(kind=Kind.REPORT_MISSING).count(), 2)

    def test_evaluators_get_a_digest_on_mondays_only(self) -> None:
        monday = datetime.date(2012, 3, 12)
        with smtp_inbox() as inbox:
            with self.captureOnCommitCallbacks(execute=True):
                self.assertEqual(send_weekly_digest(monday + datetime.timedelta(days=1)), 0)
                send_weekly_digest(monday)
            self.run_jobs()
            (message,) = inbox.to("thamdinh@example.gov.vn")
        self.assertEqual(Inbox.subject(message), "[govscore] Tổng hợp tuần — Đánh giá năm 2012")
        body = message.get_content()
        self.assertIn("Chưa gửi báo cáo tháng 02/2012: 2 đơn vị.", body)
        self.assertIn("- Sở Tư pháp", body)

    def test_the_daily_job_runs_a_day_once_and_queues_the_next_day(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            daily.call(DAY_AFTER.isoformat())
            again = daily.call(DAY_AFTER.isoformat())
        self.assertEqual(again, {"reminders": 0, "digest": 0, "stages": 0})
        self.assertEqual(Notification.objects.filter(kind=Kind.REPORT_MISSING).count(), 2)
        (waiting,) = DBTaskResult.objects.filter(task_path=daily.module_path, status="READY")
        self.assertEqual(waiting.task_result.args, [(DAY_AFTER + datetime.timedelta(days=1)).isoformat()])


class PreferencesTests(BaseTestCase):
    def test_a_user_chooses_the_kinds_of_email_and_the_choice_is_audited(self) -> None:
        self.login(self.reporter)
        url = reverse("notification_preferences")
        page = self.client.get(url)
        self.assertContains(page, "Nhắc hạn gửi báo cáo tháng")
        self.assertEqual(self.client.post(url, {"kinds": [Kind.REPORT_DUE.value]}).status_code, 302)
        off = set(self.reporter.email_opt_outs.values_list("kind", flat=True))
        self.assertEqual(off, {kind.value for kind in Kind} - {Kind.REPORT_DUE.value})
        self.assertEqual(self.client.post(url, {"kinds": ["no-such-kind"]}).status_code, 400)
        from govscore.web.audit.models import AuditEntry

        self.assertTrue(AuditEntry.objects.filter(model__iendswith="emailoptout", actor="reporter").exists())

    def test_marking_read_touches_only_the_users_own_notifications(self) -> None:
        mine = Notification.objects.create(user=self.reporter, kind=Kind.THREAD, subject="a", body="b", path="")
        theirs = Notification.objects.create(user=self.stp_reporter, kind=Kind.THREAD, subject="c", body="d", path="")
        self.login(self.reporter)
        self.assertNotContains(self.client.get(reverse("notification_list")), "c</strong>")
        self.client.post(reverse("notification_read"))
        mine.refresh_from_db()
        theirs.refresh_from_db()
        self.assertIsNotNone(mine.read_at)
        self.assertIsNone(theirs.read_at)
