"""A past published table as the core sees it: an `Evaluation` whose units carry only their `published`
blocks (no facts), and the core's consistency findings that published data alone can support."""

from __future__ import annotations

from collections.abc import Sequence

from govscore.imports.history_layout import SHEET, HistoryRow
from govscore.scoring.checks import check
from govscore.scoring.findings import Finding
from govscore.scoring.model import Evaluation, Framework, Location, Organisation, Period, UnitData


def history_evaluation(
    framework: Framework,
    year: int,
    rows: Sequence[HistoryRow],
    *,
    title: str = "",
    organisation: Organisation | None = None,
) -> Evaluation:
    """The table as a core Evaluation: units with their `published` block and no facts."""
    units = tuple(
        UnitData(
            code=row.code,
            name=row.name,
            group=row.group,
            published=row.published,
            location=Location(SHEET, row.row or None),
        )
        for row in rows
    )
    return Evaluation(framework, Period(year, title), units, organisation or Organisation())


def history_findings(evaluation: Evaluation) -> list[Finding]:
    """The core's consistency findings that need no facts (`checks.WITHOUT_FACTS`)."""
    return check(evaluation, facts=False)
