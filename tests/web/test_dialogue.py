"""After the appraisal: the explanation window and the council, each refused once its stage has closed;
the council's reasons are the document's "Lý do"."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from govscore.scoring.decided import decision_reasons
from govscore.scoring.engine import score
from govscore.web.actions import Refused
from govscore.web.assessment import actions
from govscore.web.assessment.layers import criterion_layers
from govscore.web.assessment.models import ExplanationMessage, Stage
from govscore.web.periods.actions import do_close
from govscore.web.publications.actions import do_publish
from govscore.web.scores.mapping import evaluation_for
from govscore.web.scores.models import ManualScore, Result

from .assessment_cast import DURING_APPRAISAL, DURING_SELF_ASSESSMENT, REGULATIONS, SCHEDULE, AssessmentTestCase, at
from .base import fill_draft
from .samples import pdf_upload

Kind = Stage.Kind
ONE_SECOND = datetime.timedelta(seconds=1)
DURING_EXPLANATION = at(2, 10, 9)
DURING_COUNCIL = at(2, 20, 14)
MINUTES = ("05/BB-HĐ", datetime.date(2014, 2, 20))
Side = ExplanationMessage.Side


class DialogueTestCase(AssessmentTestCase):
    def setUp(self) -> None:
        with self.travel(DURING_SELF_ASSESSMENT):
            actions.do_save_criterion(self.cycle, self.syt, REGULATIONS, Decimal(20), "Đủ 4 quy định", self.reporter)
            actions.do_submit(self.cycle, self.syt, self.unit_head)
        with self.travel(DURING_APPRAISAL):
            actions.do_appraise(
                self.cycle, self.syt, REGULATIONS, "adjust", Decimal(5), "Chỉ 1 quyết định", self.evaluator
            )

    def explain(self, moment: datetime.datetime, text: str, side: str = Side.UNIT) -> ExplanationMessage:
        user = self.reporter if side == Side.UNIT else self.evaluator
        with self.travel(moment):
            return actions.do_explain(self.cycle, self.syt, REGULATIONS, text, side, user)


class ExplanationTests(DialogueTestCase):
    def test_a_thread_keeps_its_messages_in_order_with_their_times(self) -> None:
        self.explain(DURING_EXPLANATION, "Đã ban hành đủ 4 quy định, gửi kèm quyết định.")
        self.explain(DURING_EXPLANATION + datetime.timedelta(hours=2), "Chưa thấy quyết định thứ tư.", Side.EVALUATOR)
        self.login(self.reporter)
        page = self.client.get(reverse("explanation", args=[self.cycle.pk, self.syt.pk])).content.decode()
        first, second = page.index("gửi kèm quyết định"), page.index("Chưa thấy quyết định thứ tư")
        self.assertLess(first, second)
        self.assertIn("09:00 10/02/2014", page)
        self.assertIn("11:00 10/02/2014", page)

    def test_nothing_is_added_after_the_window(self) -> None:
        closes = SCHEDULE[Kind.EXPLANATION][1]
        self.explain(closes - ONE_SECOND, "Kịp giờ")
        with self.assertRaises(Refused) as caught:
            self.explain(closes + ONE_SECOND, "Muộn")
        self.assertEqual(caught.exception.messages, ["Giai đoạn “Giải trình” đã kết thúc lúc 17:00 ngày 15/02/2014."])
        with self.assertRaises(Refused):
            self.explain(closes + ONE_SECOND, "Muộn", Side.EVALUATOR)

    def test_only_appraised_criteria_have_a_thread(self) -> None:
        with self.travel(DURING_EXPLANATION), self.assertRaises(Refused) as caught:
            actions.do_explain(self.cycle, self.syt, "1.2", "Giải trình", Side.UNIT, self.reporter)
        self.assertEqual(caught.exception.messages, ["Tiêu chí này chưa được thẩm định nên chưa có gì để giải trình."])

    def test_the_unit_writes_as_the_unit_and_a_leader_not_at_all(self) -> None:
        url = reverse("explanation", args=[self.cycle.pk, self.syt.pk])
        with self.travel(DURING_EXPLANATION):
            self.login(self.unit_head)
            self.client.post(url, {"criterion_code": REGULATIONS, "text": "Ý kiến của lãnh đạo đơn vị"})
            self.login(self.leader)
            self.assertEqual(self.client.post(url, {"criterion_code": REGULATIONS, "text": "x"}).status_code, 403)
        [message] = ExplanationMessage.objects.filter(period=self.cycle)
        self.assertEqual((message.side, message.written_by), (Side.UNIT, self.unit_head))


class CouncilTests(DialogueTestCase):
    def decide(self, moment: datetime.datetime, points: Decimal = Decimal(15)) -> None:
        with self.travel(moment):
            actions.do_council_decide(
                self.cycle, self.syt, REGULATIONS, points, "Ba quyết định hợp lệ", MINUTES, self.admin
            )

    def test_the_councils_points_count_with_the_minutes_in_the_reason(self) -> None:
        self.decide(DURING_COUNCIL)
        result = Result.objects.get(period=self.cycle, unit=self.syt)
        self.assertEqual(Decimal(result.criteria[REGULATIONS][0]), 15)
        score_row = ManualScore.objects.get(period=self.cycle, unit=self.syt, criterion_code=REGULATIONS)
        self.assertEqual(score_row.reason, "Ba quyết định hợp lệ (biên bản họp Hội đồng số 05/BB-HĐ ngày 20/02/2014)")
        layers = criterion_layers(self.cycle, self.syt.pk)[REGULATIONS]
        self.assertEqual(
            [(layer.kind, layer.counts) for layer in layers], [("self", False), ("appraised", False), ("council", True)]
        )

    def test_the_documents_reason_and_sentence_come_from_the_council(self) -> None:
        self.decide(DURING_COUNCIL)
        unit = next(item for item in score(evaluation_for(self.cycle)).units if item.unit.code == "SYT")
        self.assertEqual(
            decision_reasons(unit),
            "Ban hành 4 quy định nội bộ về ứng dụng CNTT: Ba quyết định hợp lệ "
            "(biên bản họp Hội đồng số 05/BB-HĐ ngày 20/02/2014)",
        )
        sentence = next(item for item in unit.sentences if item.criterion == REGULATIONS)
        self.assertEqual(sentence.column, "good")
        self.assertIn("15/20 điểm theo kết luận đánh giá", sentence.text)

    def test_the_council_records_nothing_after_its_stage(self) -> None:
        closes = SCHEDULE[Kind.COUNCIL][1]
        with self.assertRaises(Refused) as caught:
            self.decide(closes + ONE_SECOND)
        self.assertEqual(
            caught.exception.messages, ["Giai đoạn “Hội đồng đánh giá” đã kết thúc lúc 17:00 ngày 25/02/2014."]
        )

    def test_a_decision_needs_its_minutes(self) -> None:
        with self.travel(DURING_COUNCIL), self.assertRaises(Refused) as caught:
            actions.do_council_decide(self.cycle, self.syt, REGULATIONS, Decimal(15), "Lý do", ("", None), self.admin)
        self.assertEqual(caught.exception.messages, ["Hãy nhập số và ngày của biên bản họp hội đồng."])

    def test_the_council_page_lists_open_disagreements_then_decisions(self) -> None:
        url = reverse("council", args=[self.cycle.pk])
        self.login(self.evaluator)
        page = self.client.get(url).content.decode()
        self.assertIn("Chỉ 1 quyết định", page)
        self.assertNotIn("Chưa có quyết định nào.", page.split("Đã quyết định")[0])
        with self.travel(DURING_COUNCIL):
            response = self.client.post(
                url,
                {
                    "unit": self.syt.pk,
                    "criterion_code": REGULATIONS,
                    "points": "15",
                    "reason": "Ba quyết định hợp lệ",
                    "minutes_number": "05/BB-HĐ",
                    "minutes_date": "2014-02-20",
                },
            )
        self.assertEqual(response.status_code, 302)
        page = self.client.get(url).content.decode()
        self.assertIn("Không còn tiêu chí nào chờ hội đồng quyết định.", page)
        self.assertIn("biên bản số 05/BB-HĐ ngày 20/02/2014", page)
        self.login(self.leader)
        self.assertEqual(self.client.post(url, {"unit": self.syt.pk}).status_code, 403)


class PublicationStageTests(DialogueTestCase):
    def test_a_scheduled_period_is_published_only_in_its_publication_stage(self) -> None:
        fill_draft(self.cycle)
        do_close(self.cycle, self.admin)
        with self.travel(DURING_COUNCIL), self.assertRaises(Refused) as caught:
            do_publish(self.cycle, self.admin)
        self.assertEqual(caught.exception.messages, ["Giai đoạn “Công bố” chưa mở: mở lúc 17:00 ngày 25/02/2014."])
        with self.travel(SCHEDULE[Kind.PUBLICATION][1] + ONE_SECOND), self.assertRaises(Refused):
            do_publish(self.cycle, self.admin)
        with self.travel(at(3, 2, 9)):
            self.assertEqual(do_publish(self.cycle, self.admin).edition, 1)


class ThreadEvidenceTests(DialogueTestCase):
    def test_an_answer_brings_new_evidence_that_only_the_units_readers_can_open(self) -> None:
        self.login(self.reporter)
        url = reverse("explanation", args=[self.cycle.pk, self.syt.pk])
        with self.travel(DURING_EXPLANATION):
            response = self.client.post(
                url,
                {"criterion_code": REGULATIONS, "text": "Gửi kèm quyết định", "attachment": pdf_upload("qd-15.pdf")},
            )
        self.assertEqual(response.status_code, 302)
        message = ExplanationMessage.objects.get(unit=self.syt, text="Gửi kèm quyết định")
        self.assertEqual((message.attachment_name, message.attachment_type), ("qd-15.pdf", "application/pdf"))
        download = reverse("explanation_attachment", args=[message.pk])
        self.assertContains(self.client.get(url), download)
        for user, status in ((self.reporter, 200), (self.evaluator, 200), (self.stp_reporter, 404)):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(download).status_code, status)

    def test_a_file_that_is_not_an_accepted_document_is_refused_and_nothing_is_written(self) -> None:
        self.login(self.reporter)
        url = reverse("explanation", args=[self.cycle.pk, self.syt.pk])
        fake = SimpleUploadedFile("qd.pdf", b"MZ\\x90\\x00 not a pdf", "application/pdf")
        with self.travel(DURING_EXPLANATION):
            self.client.post(url, {"criterion_code": REGULATIONS, "text": "Tệp lạ", "attachment": fake})
        self.assertFalse(ExplanationMessage.objects.filter(text="Tệp lạ").exists())
