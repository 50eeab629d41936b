"""The consistency check on the live period: the core's findings of sentences that contradict their
points, each either pending or accepted with a reason. Pending findings block publication."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from govscore.scoring.engine import score
from govscore.scoring.findings import Finding
from govscore.scoring.text_checks import text_findings
from govscore.web.assessment.models import AcceptedFinding
from govscore.web.i18n import current_language
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.mapping import evaluation_for


@dataclass(frozen=True)
class LiveFinding:
    finding: Finding
    fingerprint: str
    accepted: AcceptedFinding | None

    @property
    def unit(self) -> str:
        return self.finding.unit

    @property
    def message(self) -> str:
        return self.finding.message(current_language())


def _fingerprint(finding: Finding) -> str:
    # The Vietnamese wording names the unit, the sentence and the points: a change of any is a new finding.
    return hashlib.sha256(f"{finding.unit_code}\n{finding.kind}\n{finding.message('vi')}".encode()).hexdigest()


def live_findings(period: EvaluationPeriod) -> list[LiveFinding]:
    """The period's findings now, as the core scores and words it in Vietnamese (the document's language)."""
    if period.is_historical:
        return []
    findings = text_findings(score(evaluation_for(period), "vi"))
    accepted = {row.fingerprint: row for row in AcceptedFinding.objects.filter(period=period)}
    marked = [(item, _fingerprint(item)) for item in findings]
    return [LiveFinding(item, mark, accepted.get(mark)) for item, mark in marked]


def pending_findings(period: EvaluationPeriod) -> list[LiveFinding]:
    return [item for item in live_findings(period) if item.accepted is None]
