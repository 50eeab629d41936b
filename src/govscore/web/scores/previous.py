"""Each unit's result in the year before a period, for pages that show last year beside this year.

The previous period is the one of the year before with the same framework (any framework when none
has it): its results as an imported table printed them, as its latest published edition froze them,
or, not yet published, as they are stored now.
"""

from __future__ import annotations

import json
from decimal import Decimal

from govscore.scoring.results import Previous
from govscore.web.imports.history.models import HistoricalResult
from govscore.web.periods.models import EvaluationPeriod
from govscore.web.publications.models import Publication
from govscore.web.scores.models import Result


def previous_period(period: EvaluationPeriod) -> EvaluationPeriod | None:
    earlier = EvaluationPeriod.objects.filter(year=period.year - 1).select_related("framework")
    same = [each for each in earlier if each.framework.code == period.framework.code]
    chosen = same or list(earlier)
    return chosen[-1] if chosen else None


def previous_results(period: EvaluationPeriod) -> dict[str, Previous]:
    """Unit code → its result in the previous period; empty when there is none."""
    earlier = previous_period(period)
    if earlier is None:
        return {}
    year = earlier.year
    if earlier.is_historical:
        rows = HistoricalResult.objects.filter(period=earlier).select_related("unit")
        return {
            (row.unit.code if row.unit else row.unit_code): Previous(year, Decimal(row.total), row.rank, row.unit_name)
            for row in rows
        }
    publication = Publication.objects.filter(period=earlier).order_by("-edition").first()
    if publication is not None:
        units = json.loads(publication.snapshot_json)["results"]["vi"]["units"]
        return {
            item["code"]: Previous(
                year,
                None if item.get("total") is None else Decimal(str(item["total"])),
                item.get("rank") or None,
                item["name"],
            )
            for item in units
        }
    stored = Result.objects.filter(period=earlier).select_related("unit")
    return {row.unit.code: Previous(year, row.total, row.rank or None, row.unit.name) for row in stored}
