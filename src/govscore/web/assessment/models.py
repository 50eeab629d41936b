"""The assessment dialogue of a period: its stages with dates, each unit's self-assessment per
criterion, and the evaluator's appraisal of it. Each layer keeps who and when; `layers` says which counts.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from govscore.web.audit.versions import author_field
from govscore.web.indicators.models import EvidenceFile
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.uploads import BY_MIME, generated_name


class Stage(models.Model):
    """One stage of a period's cycle, open from `opens_at` (included) to `closes_at` (excluded)."""

    class Kind(models.TextChoices):
        # In the order of the cycle.
        SELF_ASSESSMENT = "self_assessment", _("Thu thập số liệu và tự đánh giá")
        APPRAISAL = "appraisal", _("Thẩm định")
        EXPLANATION = "explanation", _("Giải trình")
        COUNCIL = "council", _("Hội đồng đánh giá")
        PUBLICATION = "publication", _("Công bố")

    period = models.ForeignKey(
        EvaluationPeriod, on_delete=models.CASCADE, related_name="stages", verbose_name=_("kỳ đánh giá")
    )
    kind = models.CharField(_("giai đoạn"), max_length=20, choices=Kind.choices)
    opens_at = models.DateTimeField(_("mở lúc"))
    closes_at = models.DateTimeField(_("đóng lúc"))
    changed_by = author_field(_("người đặt lịch"))

    class Meta:
        ordering = ["period", "opens_at"]
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        constraints = [
            models.UniqueConstraint(fields=["period", "kind"], name="one_stage_of_a_kind"),
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="stage_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.period} — {self.get_kind_display()}"

    def is_open_at(self, moment: datetime.datetime) -> bool:
        return self.opens_at <= moment < self.closes_at


class SelfAssessment(models.Model):
    """A unit's self-assessment as a whole: the unit head submits it, and then the unit cannot change
    it, except the criteria the evaluator returns with a question."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Bị trả lại để bổ sung")

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, verbose_name=_("kỳ đánh giá"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("đơn vị"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    submitted_by = author_field(_("người gửi"))
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản tự đánh giá")
        verbose_name_plural = _("bản tự đánh giá")
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="one_self_assessment")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_status_display()}"


class CriterionAssessment(models.Model):
    """The self-assessed layer of one leaf criterion: proposed points (self-assessed criteria only)
    and the unit's note."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, verbose_name=_("kỳ đánh giá"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("đơn vị"))
    criterion_code = models.CharField(_("mã tiêu chí"), max_length=32)
    proposed_points = models.DecimalField(_("điểm tự chấm"), max_digits=9, decimal_places=3, null=True, blank=True)
    note = models.TextField(_("thuyết minh"), blank=True)
    entered_by = author_field(_("người nhập"))
    entered_at = models.DateTimeField(_("nhập lúc"), auto_now=True)

    class Meta:
        ordering = ["period", "unit", "criterion_code"]
        verbose_name = _("tự đánh giá tiêu chí")
        verbose_name_plural = _("tự đánh giá tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "criterion_code"], name="one_criterion_assessment")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion_code}: {self.proposed_points}"


class Appraisal(models.Model):
    """The evaluator's decision on one criterion of a unit: accept (the self-assessed points count),
    adjust (these points count, for the reason), or return with a question (the unit answers)."""

    class Decision(models.TextChoices):
        ACCEPT = "accept", _("Chấp nhận")
        ADJUST = "adjust", _("Điều chỉnh")
        RETURN = "return", _("Trả lại, đề nghị bổ sung")

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, verbose_name=_("kỳ đánh giá"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("đơn vị"))
    criterion_code = models.CharField(_("mã tiêu chí"), max_length=32)
    decision = models.CharField(_("kết luận"), max_length=8, choices=Decision.choices)
    points = models.DecimalField(_("điểm thẩm định"), max_digits=9, decimal_places=3, null=True, blank=True)
    reason = models.TextField(_("lý do hoặc câu hỏi"), blank=True)
    decided_by = author_field(_("người thẩm định"))
    decided_at = models.DateTimeField(_("thẩm định lúc"), auto_now=True)

    class Meta:
        ordering = ["period", "unit", "criterion_code"]
        verbose_name = _("thẩm định tiêu chí")
        verbose_name_plural = _("thẩm định tiêu chí")
        constraints = [models.UniqueConstraint(fields=["period", "unit", "criterion_code"], name="one_appraisal")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion_code}: {self.get_decision_display()}"


class EvidenceVerdict(models.Model):
    """The evaluator's verdict on one evidence file: accepted, or rejected with a reason."""

    # The evidence's period and unit again, so that the audit trail files the verdict under them.
    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, verbose_name=_("kỳ đánh giá"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("đơn vị"))
    evidence = models.OneToOneField(
        EvidenceFile, on_delete=models.CASCADE, related_name="verdict", verbose_name=_("tệp minh chứng")
    )
    accepted = models.BooleanField(_("chấp nhận"))
    reason = models.TextField(_("lý do"), blank=True)
    decided_by = author_field(_("người thẩm định"))
    decided_at = models.DateTimeField(_("thẩm định lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thẩm định minh chứng")
        verbose_name_plural = _("thẩm định minh chứng")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepted=True) | ~models.Q(reason=""), name="rejected_evidence_has_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evidence}: {self.accepted}"


class AcceptedFinding(models.Model):
    """A finding of the consistency check on the live period that the administrator accepted, with a
    reason, so that it no longer blocks publication. It is the finding's wording that is accepted: when
    the data change it, the new finding blocks again."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, verbose_name=_("kỳ đánh giá"))
    fingerprint = models.CharField(_("dấu của phát hiện"), max_length=64)
    text = models.TextField(_("phát hiện"))
    reason = models.TextField(_("lý do chấp nhận"))
    accepted_by = author_field(_("người chấp nhận"))
    accepted_at = models.DateTimeField(_("chấp nhận lúc"), auto_now=True)

    class Meta:
        verbose_name = _("phát hiện được chấp nhận")
        verbose_name_plural = _("phát hiện được chấp nhận")
        constraints = [
            models.UniqueConstraint(fields=["period", "fingerprint"], name="one_acceptance_per_finding"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="accepted_finding_has_reason"),
        ]

    def __str__(self) -> str:
        return self.text


def explanation_path(message: ExplanationMessage, filename: str) -> str:
    """A generated name: the user's file name is kept in `attachment_name`, never in the path."""
    return generated_name(f"explanations/{message.period.year}", BY_MIME.get(message.attachment_type))


class ExplanationMessage(models.Model):
    """One message of the explanation thread (giải trình) about one criterion of a unit: the unit's
    answer or objection, or the evaluator's response, in the order they were written."""

    class Side(models.TextChoices):
        UNIT = "unit", _("Đơn vị")
        EVALUATOR = "evaluator", _("Cơ quan thẩm định")

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, verbose_name=_("kỳ đánh giá"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("đơn vị"))
    criterion_code = models.CharField(_("mã tiêu chí"), max_length=32)
    side = models.CharField(_("bên"), max_length=16, choices=Side.choices)
    text = models.TextField(_("nội dung"))
    # New evidence sent with an answer; served only through the access rules (never a public media URL).
    attachment = models.FileField(_("minh chứng kèm theo"), upload_to=explanation_path, blank=True)
    attachment_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    attachment_type = models.CharField(_("loại tệp"), max_length=100, blank=True)
    written_by = author_field(_("người viết"))
    written_at = models.DateTimeField(_("viết lúc"), auto_now_add=True)

    class Meta:
        ordering = ["period", "unit", "criterion_code", "written_at", "pk"]
        verbose_name = _("giải trình")
        verbose_name_plural = _("giải trình")
        constraints = [models.CheckConstraint(condition=~models.Q(text=""), name="explanation_has_text")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion_code}: {self.text[:40]}"


class CouncilDecision(models.Model):
    """The council's decision on one criterion of a unit, with its meeting's minutes. Its points count
    as the criterion's manual score (`scores.ManualScore`), whose reason names the minutes."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, verbose_name=_("kỳ đánh giá"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("đơn vị"))
    criterion_code = models.CharField(_("mã tiêu chí"), max_length=32)
    points = models.DecimalField(_("điểm hội đồng"), max_digits=9, decimal_places=3)
    reason = models.TextField(_("lý do"))
    minutes_number = models.CharField(_("số biên bản"), max_length=64)
    minutes_date = models.DateField(_("ngày biên bản"))
    decided_by = author_field(_("người ghi"))
    decided_at = models.DateTimeField(_("ghi lúc"), auto_now=True)

    class Meta:
        ordering = ["period", "unit", "criterion_code"]
        verbose_name = _("quyết định của hội đồng")
        verbose_name_plural = _("quyết định của hội đồng")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "criterion_code"], name="one_council_decision"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="council_decision_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion_code}: {self.points} ({self.minutes_number})"
