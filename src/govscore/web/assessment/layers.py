"""The layers of a criterion's points, kept with who and when — self-assessed, appraised, council — and
the one that counts, which `scores.mapping` hands to the core as an override (the core computes; this
module only chooses which stored points the core is told).

Which layer counts: the council's points (a manual score) over the evaluator's adjustment, over the
unit's self-assessed points once the evaluator has accepted them; with none of them, the computed points.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from govscore.scoring.model import Override
from govscore.web.assessment.models import Appraisal, CriterionAssessment
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.models import ManualScore

Decision = Appraisal.Decision
# Printed as the reason ("Lý do") when accepted self-assessed points count: the document's language.
ACCEPTED_REASON = "Điểm tự đánh giá được thẩm định chấp nhận"
SELF, APPRAISED, COUNCIL = "self", "appraised", "council"
LAYER_NAMES = {SELF: _("Tự đánh giá"), APPRAISED: _("Thẩm định"), COUNCIL: _("Hội đồng")}


@dataclass(frozen=True)
class Layer:
    kind: str
    points: Decimal | None
    text: str
    by: str
    at: datetime.datetime | None
    counts: bool = False

    @property
    def name(self) -> str:
        return str(LAYER_NAMES[self.kind])


def _username(user: object) -> str:
    return str(getattr(user, "username", "") or "")


def assessment_overrides(
    period: EvaluationPeriod, unit_ids: Collection[int] | None = None
) -> dict[int, dict[str, Override]]:
    """Per unit, the appraisal layer's points that count (before any council score): adjusted points,
    and accepted self-assessed points."""
    mine = Q(unit_id__in=list(unit_ids)) if unit_ids is not None else Q()
    proposed = CriterionAssessment.objects.filter(
        period=OuterRef("period"), unit=OuterRef("unit"), criterion_code=OuterRef("criterion_code")
    ).values("proposed_points")[:1]
    appraisals = (
        Appraisal.objects.filter(mine, period=period)
        .exclude(decision=Decision.RETURN)
        .annotate(proposed=Subquery(proposed))
        .select_related("decided_by")
    )
    overrides: dict[int, dict[str, Override]] = defaultdict(dict)
    for appraisal in appraisals:  # one query, whatever the number of units
        by = _username(appraisal.decided_by)
        if appraisal.decision == Decision.ADJUST and appraisal.points is not None:
            overrides[appraisal.unit_id][appraisal.criterion_code] = Override(appraisal.points, appraisal.reason, by)
        elif appraisal.proposed is not None:
            reason = appraisal.reason or ACCEPTED_REASON
            points = Decimal(appraisal.proposed)
            overrides[appraisal.unit_id][appraisal.criterion_code] = Override(points, reason, by)
    return overrides


def criterion_layers(period: EvaluationPeriod, unit_id: int) -> dict[str, list[Layer]]:
    """Each criterion's layers in order, the one that counts marked."""
    layers: dict[str, list[Layer]] = defaultdict(list)
    for entry in CriterionAssessment.objects.filter(period=period, unit_id=unit_id).select_related("entered_by"):
        layers[entry.criterion_code].append(
            Layer(SELF, entry.proposed_points, entry.note, _username(entry.entered_by), entry.entered_at)
        )
    for appraisal in Appraisal.objects.filter(period=period, unit_id=unit_id).select_related("decided_by"):
        points = appraisal.points if appraisal.decision == Decision.ADJUST else None
        text = f"{appraisal.get_decision_display()}: {appraisal.reason}" if appraisal.reason else ""
        layers[appraisal.criterion_code].append(
            Layer(
                APPRAISED,
                points,
                text or appraisal.get_decision_display(),
                _username(appraisal.decided_by),
                appraisal.decided_at,
            )
        )
    for score in ManualScore.objects.filter(period=period, unit_id=unit_id).select_related("entered_by"):
        layers[score.criterion_code].append(
            Layer(COUNCIL, score.points, score.reason, _username(score.entered_by), score.entered_at)
        )
    overrides = assessment_overrides(period, [unit_id]).get(unit_id, {})
    return {code: _mark(code, rows, overrides) for code, rows in layers.items()}


def _mark(code: str, rows: list[Layer], overrides: dict[str, Override]) -> list[Layer]:
    """Mark the layer that counts: the council's when there is one, else the accepted or adjusted one."""
    kinds = [row.kind for row in rows]
    counting = COUNCIL if COUNCIL in kinds else None
    if counting is None and code in overrides:
        counting = APPRAISED if any(row.kind == APPRAISED and row.points is not None for row in rows) else SELF
    return [Layer(row.kind, row.points, row.text, row.by, row.at, row.kind == counting) for row in rows]
