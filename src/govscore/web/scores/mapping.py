"""Database rows → the core's `Evaluation`. The only place the web app builds core inputs.

Queries are few and fixed (one per table), whatever the number of units.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from govscore.scoring.facts import from_json
from govscore.scoring.model import (
    Evaluation,
    FactValue,
    Framework,
    Organisation,
    Override,
    OwnMax,
    Period,
    Reports,
    UnitData,
)
from govscore.web.assessment.layers import assessment_overrides
from govscore.web.indicators.models import IndicatorValue
from govscore.web.orgs.lineage import in_period
from govscore.web.orgs.models import Organisation as OrganisationRow
from govscore.web.orgs.models import Unit
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.reports.models import MonthlyReport
from govscore.web.scores.models import ManualScore, NotApplicable, OwnMaximum, RankingExclusion


class StoredFacts:
    """Stored JSON text → the core's fact (`facts.from_json`), once per indicator and distinct text.

    A province's period holds hundreds of thousands of values but few distinct ones per indicator
    (counts, yes/no, the same percentages): decoding each row costs more than scoring it. Facts are
    immutable, so units may share one.
    """

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.indicators = {indicator.code: indicator for indicator in framework.indicators}
        self.known: dict[tuple[str, str | None], FactValue | None] = {}

    def fact(self, code: str, text: str | None) -> FactValue | None:
        key = (code, text)
        if key not in self.known:
            indicator = self.indicators.get(code)
            if indicator is None or indicator.type == "reports" or text is None:
                self.known[key] = None
            else:
                self.known[key] = from_json(indicator, json.loads(text))[0]
        return self.known[key]

    def of_unit(self, values: Iterable[tuple[int, str, str | None]], reports: Iterable[Any]) -> dict[str, FactValue]:
        facts: dict[str, FactValue] = {}
        for _unit_id, code, text in values:
            fact = self.fact(code, text)
            if fact is not None:
                facts[code] = fact
        received = {report.month: report.received_at for report in reports}
        for indicator in self.framework.indicators:
            # Report facts come from received time stamps; a unit expected to report has the fact even when empty.
            if indicator.type == "reports":
                facts[indicator.code] = Reports(received=received)
        return facts


def values_as_text(rows: Any) -> Any:
    # The JSON as text, not decoded: `StoredFacts` parses each distinct text once.
    return rows.values_list("unit_id", "code", Cast("value", output_field=TextField()))


def _overrides(scores: Iterable[ManualScore]) -> dict[str, Override]:
    return {
        score.criterion_code: Override(
            score.points, score.reason, score.entered_by.username if score.entered_by else ""
        )
        for score in scores
    }


def units_in(period: EvaluationPeriod) -> list[Unit]:
    """Units evaluated in a period: those active at some time within its data window."""
    units = Unit.objects.filter(active_in(period)).select_related("group")
    # Sorted in Python: the database's collation (which differs between installations) must not
    # decide the order in which the core sees units.
    return sorted(units, key=lambda unit: unit.code)


def active_in(period: EvaluationPeriod, prefix: str = "") -> Q:
    """Units active at some time within the period's data window (`prefix`: "unit__" from a unit's row)."""
    begins = Q(**{f"{prefix}effective_from__isnull": True}) | Q(**{f"{prefix}effective_from__lte": period.data_to})
    ends = Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": period.data_from})
    return begins & ends


def _grouped(rows: Iterable[Any]) -> Mapping[int, list[Any]]:
    """Rows by unit id: model instances (`unit_id`) or tuples whose first item is the unit id."""
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row[0] if isinstance(row, tuple) else row.unit_id].append(row)
    return grouped


def evaluation_for(
    period: EvaluationPeriod, framework: Framework | None = None, only: Sequence[Unit] | None = None
) -> Evaluation:
    """The period as the core's input: units, facts, report time stamps, manual scores.

    With `only`, those units alone (the others are then the relative rules' `PeerFacts`).
    """
    framework = framework or period.framework.parsed()
    mine = {"unit__in": [unit.pk for unit in only]} if only is not None else {}
    values = _grouped(values_as_text(IndicatorValue.objects.filter(period=period, **mine)))
    received = MonthlyReport.objects.filter(period=period, **mine)
    closing = period.closing_instant()
    if closing is not None:  # received after the closing day: the month counts as missing, not late
        received = received.filter(received_at__lt=closing)
    reports = _grouped(received.values_list("unit_id", "month", "received_at", named=True))
    scores = _grouped(ManualScore.objects.filter(period=period, **mine).select_related("entered_by"))
    excluded = dict(RankingExclusion.objects.filter(period=period, **mine).values_list("unit_id", "reason"))
    # The appraisal's points count unless the council (a manual score) decided the criterion.
    appraised = assessment_overrides(period, None if only is None else [unit.pk for unit in only])
    not_applicable = _grouped(
        NotApplicable.objects.filter(period=period, **mine).values_list("unit_id", "criterion_code", "reason")
    )
    own_max = {
        unit_id: OwnMax(points, reason)
        for unit_id, points, reason in OwnMaximum.objects.filter(period=period, **mine).values_list(
            "unit_id", "points", "reason"
        )
    }
    stored_facts = StoredFacts(framework)
    chosen = units_in(period) if only is None else sorted(_in_period(only, period), key=lambda unit: unit.code)
    # Units that ended inside the window are scored on their own months but not ranked (docs/units.md).
    ended, formerly = in_period(chosen, period.data_to)
    units = tuple(
        UnitData(
            code=unit.code,
            name=unit.name,
            group=unit.group.code,
            facts=stored_facts.of_unit(values.get(unit.pk, []), reports.get(unit.pk, [])),
            overrides={**appraised.get(unit.pk, {}), **_overrides(scores.get(unit.pk, []))},
            active_months=unit.active_months(period.year),
            not_ranked=excluded.get(unit.pk) or ended.get(unit.pk, ""),
            formerly=formerly.get(unit.pk, ()),
            not_applicable={code: reason for _unit_id, code, reason in not_applicable.get(unit.pk, [])},
            own_max=own_max.get(unit.pk),
        )
        for unit in chosen
    )
    organisation = OrganisationRow.objects.first()
    return Evaluation(
        framework=framework,
        period=Period(year=period.year, title=period.title, as_of=period.data_to),
        units=units,
        organisation=Organisation(organisation.name, organisation.short_name, organisation.province)
        if organisation
        else Organisation(),
    )


def _in_period(units: Iterable[Unit], period: EvaluationPeriod) -> list[Unit]:
    return [unit for unit in units if _overlaps(unit, period.data_from, period.data_to)]


def _overlaps(unit: Unit, start: datetime.date, end: datetime.date) -> bool:
    # `active_in`, for units already read
    begins = unit.effective_from is None or unit.effective_from <= end
    ends = unit.effective_to is None or unit.effective_to >= start
    return begins and ends


class PeerFacts:
    """Every unit's fact for an indicator (of one group, or of all units for ""), read when a relative
    rule needs every unit's (`scoring.peers`). Only units in the period count, as in a whole-period
    scoring."""

    def __init__(self, period: EvaluationPeriod, framework: Framework) -> None:
        self.period = period
        self.stored = StoredFacts(framework)

    def __call__(self, code: str, group: str) -> list[FactValue]:
        rows = IndicatorValue.objects.filter(active_in(self.period, "unit__"), period=self.period, code=code)
        if group:
            rows = rows.filter(unit__group__code=group)
        facts = (self.stored.fact(code, text) for _unit_id, _code, text in values_as_text(rows))
        return [fact for fact in facts if fact is not None]
