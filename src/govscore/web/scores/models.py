"""Manual scores (always with a reason) and the cache of the core's results."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govscore.web.audit.versions import author_field, version_field
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod


class ManualScore(models.Model):
    """A council's or evaluator's points for one leaf criterion; the core applies it as an override."""

    period = models.ForeignKey(
        EvaluationPeriod, on_delete=models.CASCADE, related_name="manual_scores", verbose_name=_("kỳ đánh giá")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="manual_scores", verbose_name=_("đơn vị"))
    criterion_code = models.CharField(_("mã tiêu chí"), max_length=32)
    points = models.DecimalField(_("điểm"), max_digits=9, decimal_places=3)
    reason = models.TextField(_("lý do"))
    entered_by = author_field(_("người chấm"))
    entered_at = models.DateTimeField(_("nhập lúc"), auto_now=True)
    version = version_field()

    class Meta:
        ordering = ["period", "unit", "criterion_code"]
        verbose_name = _("điểm chấm tay")
        verbose_name_plural = _("điểm chấm tay")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "criterion_code"], name="one_manual_score"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="manual_score_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion_code}: {self.points}"


class RankingExclusion(models.Model):
    """A unit scored and graded in a period but left out of its group's ranking (created or merged during
    the year, excluded by the decision), with the reason printed where its rank would be."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, verbose_name=_("kỳ đánh giá"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, verbose_name=_("đơn vị"))
    reason = models.TextField(_("lý do"))
    set_by = author_field(_("người ghi"))
    set_at = models.DateTimeField(_("ghi lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đơn vị không xếp hạng")
        verbose_name_plural = _("đơn vị không xếp hạng")
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="one_exclusion_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.reason}"


class NotApplicable(models.Model):
    """A criterion that does not apply to one unit in a period (a parent: its whole branch), with the reason
    printed in its place; its points and its max are left out of the unit's."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, verbose_name=_("kỳ đánh giá"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("đơn vị"))
    criterion_code = models.CharField(_("mã tiêu chí"), max_length=32)
    reason = models.TextField(_("lý do"))
    set_by = author_field(_("người ghi"))
    set_at = models.DateTimeField(_("ghi lúc"), auto_now=True)

    class Meta:
        ordering = ["period", "unit", "criterion_code"]
        verbose_name = _("tiêu chí không áp dụng")
        verbose_name_plural = _("tiêu chí không áp dụng")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "criterion_code"], name="one_not_applicable"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="not_applicable_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion_code}: {self.reason}"


class OwnMaximum(models.Model):
    """A unit's own maximum in a period, declared with its reason instead of splitting criteria for it."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, verbose_name=_("kỳ đánh giá"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name=_("đơn vị"))
    points = models.DecimalField(_("điểm tối đa"), max_digits=18, decimal_places=6)
    reason = models.TextField(_("lý do"))
    set_by = author_field(_("người ghi"))
    set_at = models.DateTimeField(_("ghi lúc"), auto_now=True)

    class Meta:
        verbose_name = _("điểm tối đa riêng")
        verbose_name_plural = _("điểm tối đa riêng")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="one_own_maximum"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="own_maximum_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.points}"


class Result(models.Model):
    """What the core computed for one unit, kept up to date in the transaction of every change
    (`scores.rescoring`): the numbers pages sort, filter and count by. Explanations and sentences are
    computed when a page shows them, in the reader's language; a publication freezes its own copy.
    """

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="results")
    group_code = models.CharField(max_length=64)
    # As many places as a framework may ask for (rounding places up to 6): stored values equal the core's.
    total = models.DecimalField(max_digits=18, decimal_places=6)
    max_points = models.DecimalField(max_digits=18, decimal_places=6)
    percent = models.DecimalField(max_digits=12, decimal_places=6)
    # What ranks the unit in its group, as the core says (points or percent, rounded as published).
    rank_value = models.DecimalField(max_digits=18, decimal_places=6)
    # The grade its bands and conditions give the unit, and the grade it gets once a quota on the group
    # has been applied by rank (the same without a quota).
    reached_grade = models.CharField(max_length=16, blank=True, default="")
    grade = models.CharField(max_length=16, blank=True)
    # 0: scored and graded but left out of the ranking, for the reason in `not_ranked`.
    rank = models.PositiveIntegerField()
    not_ranked = models.TextField(blank=True, default="")
    # The unit name's dense rank in Vietnamese alphabetical order within the period (equal names share
    # it), so pages sort by name in SQL instead of building collation keys for every unit per request.
    name_order = models.PositiveIntegerField(default=0)
    # Every applicable criterion's points and max, as exact text: {"1.1": ["4.5", "5"], ...}.
    criteria = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period", "group_code", "rank", "name_order"]
        verbose_name = _("kết quả")
        verbose_name_plural = _("kết quả")
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="one_result_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.grade} ({self.total})"


class PeerSummary(models.Model):
    """What a relative rule takes from the units of a group (or of all units, `group` blank), as the core
    computes it (`scoring.peers`): the best value, say. Kept current with the results, so a save reads
    it instead of every unit's data."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, related_name="peer_summaries")
    indicator = models.CharField(max_length=64)
    group = models.CharField(max_length=64, blank=True)
    # The rule asking, by its parameters (`peers.rule_key`).
    rule = models.TextField()
    summary = models.JSONField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "indicator", "group", "rule"], name="one_peer_summary")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.group or '*'}: {self.summary}"
