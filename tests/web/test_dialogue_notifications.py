"""The dialogue tells the people concerned, in the page and by e-mail (a real SMTP server): a returned
criterion reaches the unit, a thread's messages reach the other side, and a stage's opening reaches those
who act in it, both when it opens on its date and when an administrator opens it early."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from govscore.web.assessment import actions
from govscore.web.assessment.models import ExplanationMessage, Stage
from govscore.web.notifications.jobs import daily
from govscore.web.notifications.models import Kind, Notification

from .assessment_cast import DURING_APPRAISAL, DURING_SELF_ASSESSMENT, REGULATIONS, AssessmentTestCase, at
from .smtp import Inbox, smtp_inbox

Side = ExplanationMessage.Side
DURING_EXPLANATION = at(2, 10, 9)


class DialogueNotificationTests(AssessmentTestCase):
    def setUp(self) -> None:
        super().setUp()
        for user, address in (
            (self.reporter, "bc-syt@example.gov.vn"),
            (self.unit_head, "ld-syt@example.gov.vn"),
            (self.evaluator, "thamdinh@example.gov.vn"),
            (self.stp_reporter, "bc-stp@example.gov.vn"),
        ):
            user.email = address
            user.save()
        with self.travel(DURING_SELF_ASSESSMENT):
            actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, Decimal(20), "Đủ 4 quy định", self.reporter)
            actions.do_submit(self.cycle, self.syt, self.unit_head)

    def run_jobs(self) -> None:
        for stored in DBTaskResult.objects.filter(status="READY", task_path__endswith="send_email"):
            result = stored.task_result
            stored.task.call(*result.args, **result.kwargs)
            stored.delete()

    def test_a_returned_criterion_reaches_the_units_people_with_the_question(self) -> None:
        with smtp_inbox() as inbox:
            with self.travel(DURING_APPRAISAL), self.captureOnCommitCallbacks(execute=True):
                actions.do_appraise(
                    self.cycle, self.syt, REGULATIONS, "return", None, "Gửi kèm 4 quyết định ban hành", self.evaluator
                )
            self.run_jobs()
            to_unit = {message["To"] for message in inbox.messages}
        self.assertEqual(to_unit, {"bc-syt@example.gov.vn", "ld-syt@example.gov.vn"})
        message = inbox.messages[0]
        self.assertTrue(Inbox.subject(message).startswith("[govscore] Tiêu chí bị trả lại: "))
        body = message.get_content()
        self.assertIn("Gửi kèm 4 quyết định ban hành", body)
        path = reverse("self_assessment", args=[self.cycle.pk, self.syt.pk])
        self.assertIn(f"/{path.lstrip('/')}", body)
        self.login(self.reporter)
        self.assertEqual(self.client.get(path).status_code, 200)

    def test_a_thread_message_reaches_the_other_side(self) -> None:
        with self.travel(DURING_APPRAISAL):
            actions.do_appraise(self.cycle, self.syt, REGULATIONS, "adjust", Decimal(5), "Chỉ 1", self.evaluator)
        with self.travel(DURING_EXPLANATION):
            actions.do_explain(self.cycle, self.syt, REGULATIONS, "Đã có đủ 4", Side.UNIT, self.reporter)
        (to_evaluator,) = Notification.objects.filter(user=self.evaluator, kind=Kind.THREAD)
        self.assertIn("Sở Y tế viết: Đã có đủ 4", to_evaluator.body)
        self.assertEqual(to_evaluator.path, reverse("explanation", args=[self.cycle.pk, self.syt.pk]))
        self.assertFalse(Notification.objects.filter(user=self.reporter, kind=Kind.THREAD).exists())
        with self.travel(DURING_EXPLANATION):
            actions.do_explain(self.cycle, self.syt, REGULATIONS, "Đã nhận", Side.EVALUATOR, self.evaluator)
        self.assertTrue(Notification.objects.filter(user=self.reporter, body="Cán bộ thẩm định trả lời: Đã nhận"))
        self.assertFalse(Notification.objects.filter(user=self.stp_reporter).exists())

    def test_a_stage_opening_on_its_date_reaches_those_who_act_in_it(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            made = daily.call("2014-01-20")  # self-assessment closes and the appraisal opens, 17:00
        self.assertGreaterEqual(made["stages"], 2)
        opened = Notification.objects.get(user=self.evaluator, kind=Kind.STAGE, subject__startswith="Mở giai đoạn")
        self.assertIn("“Thẩm định”", opened.subject)
        self.assertIn("17:00 ngày 20/01/2014", opened.body)
        closed = Notification.objects.get(user=self.reporter, kind=Kind.STAGE)
        self.assertIn("Đóng giai đoạn “Thu thập số liệu và tự đánh giá”", closed.subject)
        self.assertEqual(closed.path, reverse("self_assessment", args=[self.cycle.pk, self.syt.pk]))

    def test_an_administrator_opening_a_stage_early_tells_its_people(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT):
            actions.do_move_stage_now(self.cycle, Stage.Kind.APPRAISAL, True, self.admin)
        self.assertTrue(Notification.objects.filter(user=self.evaluator, kind=Kind.STAGE).exists())
        self.assertFalse(Notification.objects.filter(user=self.reporter, kind=Kind.STAGE).exists())
