"""A period's stored peer summaries (`PeerSummary`) as the core's `SummarySource`, moved with each change.

A summary missing from the store (a period scored before summaries were kept, a group that had no
unit) is computed from every unit's fact when first asked and stored with the next save.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from govscore.scoring.model import FactValue, Framework
from govscore.scoring.peers import SummaryKey, moved, rule_key, summary_from_json, summary_to_json
from govscore.scoring.rules.base import Rule
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.scores.mapping import PeerFacts
from govscore.web.scores.models import PeerSummary


class StoredSummaries:
    def __init__(self, period: EvaluationPeriod, framework: Framework) -> None:
        self.period = period
        self.peers = PeerFacts(period, framework)
        self.known: dict[SummaryKey, Hashable] = {
            (row.indicator, row.group, row.rule): summary_from_json(row.summary)
            for row in PeerSummary.objects.filter(period=period)
        }
        self.changed: set[SummaryKey] = set()

    def __call__(self, rule: Rule, code: str, group: str) -> Hashable:
        key = (code, group, rule_key(rule))
        if key not in self.known:
            self.known[key] = rule.peer_summary(code, self.peers(code, group))
            self.changed.add(key)
        return self.known[key]

    def move(
        self, rule: Rule, code: str, group: str, changes: Iterable[tuple[FactValue | None, FactValue | None]]
    ) -> bool:
        """Follow units' facts changing from old to new (already written); whether the summary moved.
        A summary that was not stored counts as moved: nothing says what the others were scored with."""
        key = (code, group, rule_key(rule))
        if key not in self.known:
            self(rule, code, group)
            return True
        before = self.known[key]
        after = moved(rule, code, before, changes, lambda: self.peers(code, group))
        if after == before:
            return False
        self.known[key] = after
        self.changed.add(key)
        return True

    def save(self) -> None:
        for code, group, rule in sorted(self.changed):
            PeerSummary.objects.update_or_create(
                period=self.period,
                indicator=code,
                group=group,
                rule=rule,
                defaults={"summary": summary_to_json(self.known[(code, group, rule)])},
            )
        self.changed.clear()


def replace_all(period: EvaluationPeriod, summaries: dict[SummaryKey, Hashable]) -> None:
    """The period's summaries, all written anew (a whole rescoring)."""
    PeerSummary.objects.filter(period=period).delete()
    PeerSummary.objects.bulk_create(
        PeerSummary(period=period, indicator=code, group=group, rule=rule, summary=summary_to_json(summary))
        for (code, group, rule), summary in summaries.items()
    )
