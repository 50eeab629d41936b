"""The sentence of a criterion whose points were decided rather than computed (an override)."""

from __future__ import annotations

from govscore.scoring.messages import render
from govscore.scoring.model import Criterion
from govscore.scoring.narrative import Column, Sentence
from govscore.scoring.results import CriterionResult, UnitResult


def decided_sentence(criterion: Criterion, result: CriterionResult, lang: str) -> Sentence | None:
    """An override that changed the points without a changed fact: the facts' sentence would contradict
    the points (none of four regulations issued, yet 5 points), so the sentence says what was decided,
    in the column the decision moved the criterion to."""
    override, computed = result.override, result.computed_points
    if override is None or computed is None or not _changed(result):
        return None
    column: Column = "good" if override.points > computed else "not_good"
    text = render(
        "narrative.decided",
        lang,
        title=criterion.title,
        points=override.points,
        max=result.max_points,
        reason=override.reason.strip().rstrip("."),
    )
    return Sentence(criterion.code, column, text)


def decision_reasons(result: UnitResult) -> str:
    """The reasons of the points that were decided rather than computed, criterion by criterion: what the
    document prints as the unit's "Lý do đánh giá"."""
    parts = [
        f"{item.title}: {item.override.reason.strip().rstrip('.')}"
        for item in result.all_criteria()
        if item.override is not None and _changed(item)
    ]
    return "; ".join(parts)


def _changed(result: CriterionResult) -> bool:
    return result.override is not None and result.computed_points not in (None, result.override.points)
