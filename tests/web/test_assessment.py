"""The assessment dialogue: stages with dates, self-assessment, appraisal and the layer that counts."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse

from govscore.web.actions import Refused
from govscore.web.assessment import actions
from govscore.web.assessment.layers import criterion_layers
from govscore.web.assessment.models import Appraisal, SelfAssessment, Stage
from govscore.web.audit.models import AuditEntry
from govscore.web.indicators.actions import do_add_evidence, do_set_values
from govscore.web.scores.actions import do_set_manual_score
from govscore.web.scores.models import Result

from .assessment_cast import DURING_APPRAISAL, DURING_SELF_ASSESSMENT, REGULATIONS, SCHEDULE, AssessmentTestCase, at
from .samples import pdf_upload

Kind = Stage.Kind
ONE_SECOND = datetime.timedelta(seconds=1)


class StageBoundaryTests(AssessmentTestCase):
    """An action one second after its stage closes is refused, naming the stage and when it closed."""

    def refusal(self, moment: datetime.datetime, action: object) -> str:
        with self.travel(moment), self.assertRaises(Refused) as caught:
            action()  # type: ignore[operator]
        return " ".join(caught.exception.messages)

    def submitted(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT):
            actions.do_submit(self.cycle, self.syt, self.unit_head)

    def test_self_assessment_closes_on_its_second(self) -> None:
        closes = SCHEDULE[Kind.SELF_ASSESSMENT][1]
        with self.travel(closes - ONE_SECOND):
            actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, Decimal(10), "Đã ban hành 2", self.reporter)
        message = self.refusal(
            closes + ONE_SECOND,
            lambda: actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, Decimal(15), "", self.reporter),
        )
        self.assertEqual(message, "Giai đoạn “Thu thập số liệu và tự đánh giá” đã kết thúc lúc 17:00 ngày 20/01/2014.")
        submit = self.refusal(closes + ONE_SECOND, lambda: actions.do_submit(self.cycle, self.syt, self.unit_head))
        self.assertIn("đã kết thúc lúc 17:00 ngày 20/01/2014", submit)

    def test_self_assessment_is_refused_before_it_opens(self) -> None:
        message = self.refusal(
            at(1, 5, 7, 59, 59),
            lambda: actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, None, "Sớm", self.reporter),
        )
        self.assertEqual(message, "Giai đoạn “Thu thập số liệu và tự đánh giá” chưa mở: mở lúc 08:00 ngày 05/01/2014.")

    def test_appraisal_closes_on_its_second(self) -> None:
        self.submitted()
        closes = SCHEDULE[Kind.APPRAISAL][1]
        with self.travel(closes - ONE_SECOND):
            actions.do_appraise(self.cycle, self.syt, REGULATIONS, "accept", None, "", self.evaluator)
        message = self.refusal(
            closes + ONE_SECOND,
            lambda: actions.do_appraise(self.cycle, self.syt, REGULATIONS, "accept", None, "", self.evaluator),
        )
        self.assertEqual(message, "Giai đoạn “Thẩm định” đã kết thúc lúc 17:00 ngày 05/02/2014.")

    def test_evidence_verdicts_close_with_the_appraisal(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT):
            do_set_values(self.cycle, self.syt, {"regulations": ["attt"]}, by=self.reporter)
            evidence = do_add_evidence(self.cycle, self.syt, "regulations", pdf_upload(), by=self.reporter)
        message = self.refusal(
            SCHEDULE[Kind.APPRAISAL][1] + ONE_SECOND,
            lambda: actions.do_judge_evidence(evidence, True, "", self.evaluator),
        )
        self.assertEqual(message, "Giai đoạn “Thẩm định” đã kết thúc lúc 17:00 ngày 05/02/2014.")

    def test_a_returned_criterion_is_answered_only_while_the_appraisal_is_open(self) -> None:
        self.submitted()
        with self.travel(DURING_APPRAISAL):
            actions.do_appraise(
                self.cycle, self.syt, REGULATIONS, "return", None, "Gửi quyết định ban hành?", self.evaluator
            )
        message = self.refusal(
            SCHEDULE[Kind.APPRAISAL][1] + ONE_SECOND,
            lambda: actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, Decimal(5), "Bổ sung", self.reporter),
        )
        self.assertIn("“Thẩm định” đã kết thúc lúc 17:00 ngày 05/02/2014", message)

    def test_an_administrator_closes_a_stage_early_and_the_trail_names_them(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT):
            actions.do_move_stage_now(self.cycle, Kind.SELF_ASSESSMENT, False, self.admin)
        message = self.refusal(
            DURING_SELF_ASSESSMENT + ONE_SECOND,
            lambda: actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, None, "Muộn", self.reporter),
        )
        self.assertEqual(message, "Giai đoạn “Thu thập số liệu và tự đánh giá” đã kết thúc lúc 09:00 ngày 10/01/2014.")
        entry = AuditEntry.objects.filter(model="assessment.stage", action=AuditEntry.Action.UPDATE).last()
        assert entry is not None
        self.assertEqual((entry.actor, entry.period_id), ("admin", self.cycle.pk))

    def test_opening_a_stage_early_closes_the_stages_before_it(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT):
            actions.do_move_stage_now(self.cycle, Kind.APPRAISAL, True, self.admin)
            stages = {stage.kind: stage for stage in Stage.objects.filter(period=self.cycle)}
        self.assertEqual(stages[Kind.APPRAISAL].opens_at, DURING_SELF_ASSESSMENT)
        self.assertEqual(stages[Kind.SELF_ASSESSMENT].closes_at, DURING_SELF_ASSESSMENT)

    def test_a_schedule_out_of_order_is_refused(self) -> None:
        schedule = dict(SCHEDULE)
        schedule[Kind.APPRAISAL] = (at(1, 15, 8), at(2, 5, 17))
        with self.assertRaises(Refused) as caught:
            actions.do_set_schedule(self.cycle, schedule, self.admin)
        self.assertEqual(
            caught.exception.messages,
            ["Giai đoạn “Thẩm định” không được mở trước khi giai đoạn “Thu thập số liệu và tự đánh giá” đóng."],
        )

    def test_a_period_without_a_schedule_refuses_the_dialogue(self) -> None:
        with self.assertRaises(Refused) as caught:
            actions.do_save_criterion(self.period, self.syt, REGULATIONS, None, "Ghi chú", self.reporter)
        self.assertIn("chưa có lịch cho giai đoạn “Thu thập số liệu và tự đánh giá”", caught.exception.messages[0])


class SelfAssessmentTests(AssessmentTestCase):
    def test_points_are_proposed_within_the_criterions_bounds(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT), self.assertRaises(Refused) as caught:
            actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, Decimal(25), "", self.reporter)
        self.assertEqual(caught.exception.messages, ["Điểm phải nằm trong khoảng từ 0 đến 20."])

    def test_a_criterion_not_self_assessed_takes_a_note_but_no_points(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT):
            entry = actions.do_save_criterion(self.cycle, self.syt, "1.2", None, "Đã kết nối", self.reporter)
            self.assertEqual(entry.note, "Đã kết nối")
            with self.assertRaises(Refused):
                actions.do_save_criterion(self.cycle, self.syt, "1.2", Decimal(10), "", self.reporter)

    def test_after_submission_the_unit_changes_only_what_is_returned(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT):
            actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, Decimal(20), "Đủ 4 quy định", self.reporter)
            actions.do_submit(self.cycle, self.syt, self.unit_head)
            with self.assertRaises(Refused) as caught:
                actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, Decimal(15), "", self.reporter)
        self.assertEqual(
            caught.exception.messages,
            ["Đơn vị đã gửi bản tự đánh giá lúc 09:00 ngày 10/01/2014; chỉ sửa được khi bị trả lại."],
        )
        with self.travel(DURING_APPRAISAL):
            actions.do_appraise(self.cycle, self.syt, REGULATIONS, "return", None, "Thiếu quyết định?", self.evaluator)
            self.assertEqual(SelfAssessment.objects.get(period=self.cycle, unit=self.syt).status, "returned")
            with self.assertRaises(Refused):
                actions.do_save_criterion(self.cycle, self.syt, "1.2", None, "Khác", self.reporter)
            actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, Decimal(15), "Có 3 quyết định", self.reporter)
            actions.do_submit(self.cycle, self.syt, self.unit_head)
        self.assertEqual(SelfAssessment.objects.get(period=self.cycle, unit=self.syt).status, "submitted")

    def test_the_unit_head_submits_and_the_reporter_does_not(self) -> None:
        url = reverse("self_assessment_submit", args=[self.cycle.pk, self.syt.pk])
        with self.travel(DURING_SELF_ASSESSMENT):
            self.login(self.reporter)
            self.assertEqual(self.client.post(url).status_code, 403)
            self.login(self.unit_head)
            self.assertEqual(
                self.client.post(reverse("self_assessment_submit", args=[self.cycle.pk, self.stp.pk])).status_code, 404
            )
            self.assertEqual(self.client.post(url).status_code, 302)
        self.assertEqual(SelfAssessment.objects.get(period=self.cycle, unit=self.syt).submitted_by, self.unit_head)

    def test_the_unit_head_reads_but_does_not_write_criteria(self) -> None:
        url = reverse("self_assessment", args=[self.cycle.pk, self.syt.pk])
        self.login(self.unit_head)
        with self.travel(DURING_SELF_ASSESSMENT):
            self.assertEqual(self.client.get(url).status_code, 200)
            response = self.client.post(url, {"criterion_code": REGULATIONS, "points": "5", "note": ""})
        self.assertEqual(response.status_code, 403)

    def test_the_reporter_saves_a_criterion_through_the_page(self) -> None:
        url = reverse("self_assessment", args=[self.cycle.pk, self.syt.pk])
        self.login(self.reporter)
        with self.travel(DURING_SELF_ASSESSMENT):
            self.client.post(url, {"criterion_code": REGULATIONS, "points": "7,5", "note": "Hai quy định"})
            page = self.client.get(url).content.decode()
        self.assertIn("Ban hành 4 quy định nội bộ về ứng dụng CNTT", page)
        self.assertIn('value="7,5"', page)


class AppraisalTests(AssessmentTestCase):
    def setUp(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT):
            do_set_values(self.cycle, self.syt, {"regulations": []}, by=self.reporter)
            actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, Decimal(10), "Hai quy định", self.reporter)
            actions.do_submit(self.cycle, self.syt, self.unit_head)

    def points(self, code: str) -> Decimal:
        return Decimal(Result.objects.get(period=self.cycle, unit=self.syt).criteria[code][0])

    def test_accepted_self_assessed_points_count(self) -> None:
        self.assertEqual(self.points(REGULATIONS), 0)
        with self.travel(DURING_APPRAISAL):
            actions.do_appraise(self.cycle, self.syt, REGULATIONS, "accept", None, "", self.evaluator)
        self.assertEqual(self.points(REGULATIONS), 10)

    def test_an_adjustment_needs_a_reason_and_then_counts(self) -> None:
        with self.travel(DURING_APPRAISAL):
            with self.assertRaises(Refused) as caught:
                actions.do_appraise(self.cycle, self.syt, REGULATIONS, "adjust", Decimal(5), "", self.evaluator)
            self.assertEqual(caught.exception.messages, ["Phải ghi lý do khi điều chỉnh điểm."])
            actions.do_appraise(self.cycle, self.syt, REGULATIONS, "adjust", Decimal(5), "Một quy định", self.evaluator)
        self.assertEqual(self.points(REGULATIONS), 5)

    def test_a_return_counts_no_self_assessed_points(self) -> None:
        with self.travel(DURING_APPRAISAL):
            actions.do_appraise(self.cycle, self.syt, REGULATIONS, "accept", None, "", self.evaluator)
            actions.do_appraise(self.cycle, self.syt, REGULATIONS, "return", None, "Quyết định số mấy?", self.evaluator)
        self.assertEqual(self.points(REGULATIONS), 0)

    def test_a_unit_not_yet_submitted_cannot_be_appraised(self) -> None:
        with self.travel(DURING_APPRAISAL), self.assertRaises(Refused) as caught:
            actions.do_appraise(self.cycle, self.stp, REGULATIONS, "accept", None, "", self.evaluator)
        self.assertEqual(caught.exception.messages, ["Đơn vị chưa gửi bản tự đánh giá."])

    def test_the_ledger_keeps_every_layer_and_marks_the_one_that_counts(self) -> None:
        with self.travel(DURING_APPRAISAL):
            actions.do_appraise(self.cycle, self.syt, REGULATIONS, "adjust", Decimal(5), "Một quy định", self.evaluator)
        layers = criterion_layers(self.cycle, self.syt.pk)[REGULATIONS]
        self.assertEqual(
            [(layer.kind, layer.points, layer.counts) for layer in layers],
            [("self", Decimal(10), False), ("appraised", Decimal(5), True)],
        )
        self.assertEqual((layers[1].by, layers[1].at), ("evaluator", DURING_APPRAISAL))
        with self.travel(DURING_APPRAISAL):
            do_set_manual_score(self.cycle, self.syt, REGULATIONS, Decimal(20), "Hội đồng: đủ 4 quy định", self.admin)
        layers = criterion_layers(self.cycle, self.syt.pk)[REGULATIONS]
        self.assertEqual([layer.counts for layer in layers], [False, False, True])
        self.assertEqual(self.points(REGULATIONS), 20)

    def test_evidence_is_rejected_only_with_a_reason(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT):
            do_set_values(self.cycle, self.syt, {"regulations": ["attt"]}, by=self.reporter)
            evidence = do_add_evidence(self.cycle, self.syt, "regulations", pdf_upload(), by=self.reporter)
        with self.travel(DURING_APPRAISAL):
            with self.assertRaises(Refused):
                actions.do_judge_evidence(evidence, False, "", self.evaluator)
            verdict = actions.do_judge_evidence(evidence, False, "Không có chữ ký", self.evaluator)
        self.assertEqual(
            (verdict.accepted, verdict.reason, verdict.decided_by), (False, "Không có chữ ký", self.evaluator)
        )

    def test_the_appraisal_page_shows_self_assessed_and_computed_points(self) -> None:
        self.login(self.evaluator)
        url = reverse("appraisal", args=[self.cycle.pk, self.syt.pk])
        with self.travel(DURING_APPRAISAL):
            response = self.client.post(
                url, {"criterion_code": REGULATIONS, "decision": "adjust", "points": "5", "reason": "Một quy định"}
            )
            self.assertEqual(response.status_code, 302)
            page = self.client.get(url).content.decode()
        self.assertIn("Hai quy định", page)
        self.assertIn("Thẩm định (được tính)", page)
        self.assertEqual(Appraisal.objects.get(period=self.cycle, unit=self.syt).points, 5)
