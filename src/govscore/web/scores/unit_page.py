"""A unit's page: its score explained by the core, criterion by criterion, and its path to the next grade.

Both come from the core on the unit's own data (`explained`), which costs far more than the page around
them; the template keeps the part they fill in the shared cache under `unit_version`, so they are
computed again only when something they depend on changed.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import Any

from django.db.models import Max, Q

from govscore.scoring.engine import score_unit
from govscore.scoring.ledger import describe_input, explanation
from govscore.scoring.next_grade import NextGrade, next_grade
from govscore.scoring.results import UnitResult
from govscore.web.audit.models import AuditEntry
from govscore.web.indicators.models import EvidenceFile
from govscore.web.orgs.models import Unit, UnitGroup
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.status import as_of
from govscore.web.scores.mapping import evaluation_for
from govscore.web.scores.models import PeerSummary, Result
from govscore.web.scores.summaries import StoredSummaries


def explained(period: EvaluationPeriod, unit: Unit, lang: str) -> tuple[UnitResult | None, NextGrade | None]:
    """The unit scored by the core on its own, with explanations and sentences in `lang`, and the fewest
    changes of its own data that lift it to its next grade; the other units are seen through the
    period's stored summaries, read once for both."""
    framework = period.framework.parsed()
    evaluation = evaluation_for(period, framework, only=[unit])
    if not evaluation.units:
        return None, None
    summaries = StoredSummaries(period, framework)
    result = score_unit(evaluation, unit.code, lang, summaries).units[0]
    return result, next_grade(evaluation, unit.code, summaries=summaries, peer_facts=summaries.peers, scored=result)


def unit_version(period: EvaluationPeriod, unit: Unit, stored: Result, lang: str) -> str:
    """Changes whenever what `explained` gives for the unit may have: every write to the unit's data or
    to the period is audited (values, reports, evidence, scores, appraisals, names), a rescoring that
    moved the unit's numbers stamps its result, and what the others' data gives relative rules is in
    the period's peer summaries. Statuses of monthly reports depend on the day."""
    audited = AuditEntry.objects.filter(Q(unit_id=unit.pk) | Q(period_id=period.pk, unit_id__isnull=True)).aggregate(
        last=Max("pk")
    )["last"]
    # Only what rules compare the unit with: its own group's units, or every unit (group blank).
    summaries = (
        PeerSummary.objects.filter(period=period)
        .filter(Q(group="") | Q(group__in=UnitGroup.objects.filter(pk=unit.group_id).values("code")))
        .order_by("pk")
        .values_list("pk", "summary")
    )
    peers = hashlib.sha256(repr(list(summaries)).encode()).hexdigest()[:16]
    return (
        f"unit:{period.pk}:{period.framework_id}:{unit.pk}:{lang}:{as_of(period)}:{audited}"
        f":{stored.pk}:{stored.computed_at.isoformat()}:{peers}"
    )


class ExplainedUnit:
    """What the cached part of the page shows, computed on first use: a render served from the cache
    never computes it."""

    def __init__(self, period: EvaluationPeriod, unit: Unit, stored: Result, lang: str) -> None:
        self.period, self.unit, self.stored, self.lang = period, unit, stored, lang

    @cached_property
    def _computed(self) -> tuple[UnitResult | None, NextGrade | None]:
        return explained(self.period, self.unit, self.lang)

    @property
    def result(self) -> UnitResult | None:
        return self._computed[0]

    @cached_property
    def path(self) -> NextGrade | None:
        path = self._computed[1]
        if path is not None and path.current is not None and path.current.grade != self.stored.grade:
            # A quota took the grade its bands gave: the next grade then depends on the other units' ranks.
            return None
        return path

    @property
    def next_headline(self) -> str:
        return self.path.headline(self.lang) if self.path else ""

    @property
    def next_lines(self) -> list[str]:
        return self.path.lines(self.lang) if self.path else []

    @cached_property
    def criteria(self) -> list[dict[str, Any]]:
        """Each criterion with its inputs and their evidence files, so every input links to its proof."""
        if self.result is None:
            return []
        framework = self.period.framework.parsed()
        evidence = _evidence_by_indicator(self.period, self.unit)
        rows = []
        for item in self.result.all_criteria():
            inputs = [
                (
                    framework.indicator(code).title,
                    describe_input(framework, code, value, self.lang),
                    evidence.get(code, []),
                )
                for code, value in item.inputs.items()
            ]
            rows.append({"result": item, "inputs": inputs, "explanation": explanation(item, self.lang)})
        return rows


def _evidence_by_indicator(period: EvaluationPeriod, unit: Unit) -> dict[str, list[EvidenceFile]]:
    files = EvidenceFile.objects.filter(indicator_value__period=period, indicator_value__unit=unit).select_related(
        "indicator_value"
    )
    grouped: dict[str, list[EvidenceFile]] = {}
    for item in files:
        grouped.setdefault(item.indicator_value.code, []).append(item)
    return grouped
