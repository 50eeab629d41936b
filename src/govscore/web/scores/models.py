"""Manual scores (always with a reason) and the cache of the core's results."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Coalesce

from govscore.web.audit.versions import version_field
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod


class ManualScore(models.Model):
    """A council's or evaluator's points for one leaf criterion; the core applies it as an override."""

    period = models.ForeignKey(
        EvaluationPeriod, on_delete=models.CASCADE, related_name="manual_scores", verbose_name="kỳ đánh giá"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="manual_scores", verbose_name="đơn vị")
    criterion_code = models.CharField("mã tiêu chí", max_length=32)
    points = models.DecimalField("điểm", max_digits=9, decimal_places=3)
    reason = models.TextField("lý do")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người chấm",
    )
    entered_at = models.DateTimeField("nhập lúc", auto_now=True)
    version = version_field()

    class Meta:
        ordering = ["period", "unit", "criterion_code"]
        verbose_name = "điểm chấm tay"
        verbose_name_plural = "điểm chấm tay"
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "criterion_code"], name="one_manual_score"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="manual_score_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion_code}: {self.points}"


class TextJSONEncoder(json.JSONEncoder):
    """JSON with Vietnamese letters as themselves, not `\\u` escapes: half the size, twice as fast to read."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


# The key of `Result.detail` holding the criteria's points, beside the language codes.
CRITERIA = "criteria"
# What a ranking row shows, copied per language from `ledger.unit_dict` into `Result.summary`.
SUMMARY_KEYS = ("total", "max", "percent", "good", "not_good")


class Result(models.Model):
    """What the core computed for one unit, rewritten by `scores.actions.recompute` on any change."""

    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="results")
    group_code = models.CharField(max_length=64)
    # As many places as a framework may ask for (rounding places up to 6): stored values must equal the core's.
    total = models.DecimalField(max_digits=18, decimal_places=6)
    max_points = models.DecimalField(max_digits=18, decimal_places=6)
    percent = models.DecimalField(max_digits=12, decimal_places=6)
    grade = models.CharField(max_length=16, blank=True)
    grade_label = models.CharField(max_length=64, blank=True)
    grade_cell = models.CharField(max_length=64, blank=True)
    rank = models.PositiveIntegerField()
    position = models.PositiveIntegerField(help_text="thứ tự trong bảng kết quả của core")
    # Per language, the unit's points and sentences (ledger.unit_summary), and under CRITERIA its
    # criteria's points, the same in every language: {"criteria": [...], "vi": {...}, "en": {...}}.
    # Rows written before the criteria were shared keep them per language (`detail_for` reads both).
    detail = models.JSONField(default=dict, encoder=TextJSONEncoder)
    # Per language, the few keys of `detail` a ranking row shows (SUMMARY_KEYS): a ranking of thousands
    # of units then never reads the criteria and ledgers.
    summary = models.JSONField(default=dict, encoder=TextJSONEncoder)
    # The unit name's dense rank in Vietnamese alphabetical order within the period (equal names share
    # it), so pages sort by name in SQL instead of building collation keys for every unit per request.
    name_order = models.PositiveIntegerField(default=0)
    # A hash of everything above: a rescoring rewrites only the rows whose content changed, so a write
    # touching one unit costs a few row updates, not the whole period.
    digest = models.CharField(max_length=64, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period", "position"]
        verbose_name = "kết quả"
        verbose_name_plural = "kết quả"
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="one_result_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.grade_cell}"

    def detail_for(self, lang: str) -> dict[str, object]:
        """`ledger.unit_dict` in `lang` without explanations (Vietnamese when `lang` is missing)."""
        texts = self.detail.get(lang) or self.detail.get("vi", {})
        if CRITERIA not in self.detail:
            return texts
        return {**texts, CRITERIA: self.detail[CRITERIA]}

    def summary_for(self, lang: str) -> dict[str, object]:
        return self.summary.get(lang) or self.summary.get("vi", {})

    @staticmethod
    def summary_in(lang: str) -> Coalesce:
        """`summary_for(lang)` computed by the database, for `values()` queries that skip the large columns."""
        return Coalesce(KeyTransform(lang, "summary"), KeyTransform("vi", "summary"), output_field=models.JSONField())
