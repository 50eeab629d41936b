"""Does the generated text agree with the points? Run on a live period before it is published.

A sentence in the "done well" column about a criterion that scored nothing, or in the "not done well"
column about one with full points, contradicts the table printed beside it: the framework's sentence
conditions disagree with its rule, or points were changed without the facts. Each such sentence is a
finding that must be resolved, or accepted with a reason, before the period is published.
"""

from __future__ import annotations

from collections.abc import Iterator

from govscore.scoring.findings import Finding, finding
from govscore.scoring.messages import Phrase
from govscore.scoring.results import EvaluationResult, UnitResult

_COLUMN_NAMES = {"good": Phrase("column.good"), "not_good": Phrase("column.not_good")}


def text_findings(result: EvaluationResult) -> list[Finding]:
    """Every sentence whose column contradicts its criterion's points, unit by unit."""
    return [item for unit_result in result.units for item in _unit_findings(unit_result)]


def _unit_findings(result: UnitResult) -> Iterator[Finding]:
    criteria = {item.code: item for item in result.all_criteria()}
    for sentence in result.sentences:
        criterion = criteria.get(sentence.criterion)
        if criterion is None or criterion.max_points <= 0:
            continue
        nothing = sentence.column == "good" and criterion.points <= 0
        everything = sentence.column == "not_good" and criterion.points >= criterion.max_points
        if nothing or everything:
            yield finding(
                result.unit,
                "text_against_points",
                sentence=sentence.text,
                title=criterion.title,
                column=_COLUMN_NAMES[sentence.column],
                points=criterion.points,
                max=criterion.max_points,
            )
