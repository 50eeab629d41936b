"""Grades from bands, and the check that bands cover their range with no gap and no overlap."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from govscore.scoring.model import Band, Bound, Framework, GradeCap, Grading, UnitData
from govscore.scoring.vietnamese import format_number


def describe_band(band: Band | None, lang: str = "vi") -> str:
    """The band's bounds in words, as a document writes them: `từ 160 đến dưới 180`, `dưới 140`,
    `từ 180 trở lên` (`from 160 to below 180`, `below 140`, `from 180 up`)."""
    if band is None:
        return "?"
    vi = lang == "vi"
    lower, upper = band.lower, band.upper
    parts = []
    if lower is not None:
        word = ("từ" if vi else "from") if lower.inclusive else ("trên" if vi else "above")
        parts.append(f"{word} {format_number(lower.value, None, lang)}")
    if upper is not None:
        if lower is not None:
            word = ("đến" if vi else "to") if upper.inclusive else ("đến dưới" if vi else "to below")
        else:
            word = ("không quá" if vi else "up to") if upper.inclusive else ("dưới" if vi else "below")
        parts.append(f"{word} {format_number(upper.value, None, lang)}")
    elif lower is not None and lower.inclusive:
        parts.append("trở lên" if vi else "up")
    return " ".join(parts)


def grade_for(grading: Grading, value: Decimal, group: str = "") -> Band | None:
    """The band of the group's bands holding `value`; None when the framework grades nobody (or, were
    validation bypassed, when the bands leave the value out)."""
    for band in grading.bands_for(group):
        if band.contains(value):
            return band
    return None


def band_of(grading: Grading, grade: str, group: str = "") -> Band | None:
    """The band that gives `grade` in the group's bands."""
    for band in grading.bands_for(group):
        if band.grade == grade:
            return band
    return None


def ordered_bands(grading: Grading, group: str = "") -> list[Band]:
    """The group's bands from the best grade down (by their lower bounds)."""
    return sorted(grading.bands_for(group), key=_lower_key, reverse=True)


def grade_position(grading: Grading, grade: str) -> int:
    """1 for the best grade, 2 for the next…, 0 for a grade the bands do not name."""
    for position, band in enumerate(ordered_bands(grading), start=1):
        if band.grade == grade:
            return position
    for bands in grading.by_group.values():
        for position, band in enumerate(sorted(bands, key=_lower_key, reverse=True), start=1):
            if band.grade == grade:
                return position
    return 0


@dataclass(frozen=True)
class BandIssue:
    kind: str  # "gap", "overlap" or "empty"
    first: Band
    second: Band | None
    value: Decimal | None
    between: str = ""


def _lower_key(band: Band) -> tuple[int, Decimal, int]:
    if band.lower is None:
        return (0, Decimal(0), 0)
    return (1, band.lower.value, 0 if band.lower.inclusive else 1)


def band_issues(grading: Grading, low: Decimal, high: Decimal) -> list[BandIssue]:
    """Gaps and overlaps among the bands over [low, high] (the range totals can take)."""
    bands = sorted(grading.bands, key=_lower_key)
    issues: list[BandIssue] = []
    for band in bands:
        if (
            band.lower
            and band.upper
            and (
                band.lower.value > band.upper.value
                or (band.lower.value == band.upper.value and not (band.lower.inclusive and band.upper.inclusive))
            )
        ):
            issues.append(BandIssue("empty", band, None, None))
    if not bands:
        return issues
    issues.extend(_edge_issues(bands[0], bands[-1], low, high))
    for below, above in itertools.pairwise(bands):
        issue = _between(below, above)
        if issue is not None:
            issues.append(issue)
    return issues


def _edge_issues(first: Band, last: Band, low: Decimal, high: Decimal) -> list[BandIssue]:
    issues = []
    if first.lower is not None and (
        first.lower.value > low or (first.lower.value == low and not first.lower.inclusive)
    ):
        issues.append(
            BandIssue("gap", first, None, low, f"[{low}; {first.lower.value}" + (")" if first.lower.inclusive else "]"))
        )
    if last.upper is not None and (last.upper.value < high or (last.upper.value == high and not last.upper.inclusive)):
        issues.append(
            BandIssue("gap", last, None, high, ("(" if last.upper.inclusive else "[") + f"{last.upper.value}; {high}]")
        )
    return issues


def _between(below: Band, above: Band) -> BandIssue | None:
    upper: Bound | None = below.upper
    lower: Bound | None = above.lower
    if upper is None or lower is None:
        value = lower.value if lower is not None else (upper.value if upper is not None else None)
        return BandIssue("overlap", below, above, value)
    if upper.value > lower.value or (upper.value == lower.value and upper.inclusive and lower.inclusive):
        return BandIssue("overlap", below, above, lower.value)
    if upper.value < lower.value or (not upper.inclusive and not lower.inclusive):
        open_left = "(" if upper.inclusive else "["
        open_right = ")" if lower.inclusive else "]"
        return BandIssue("gap", below, above, upper.value, f"{open_left}{upper.value}; {lower.value}{open_right}")
    return None


def capped_grade(
    framework: Framework, unit: UnitData, points: Callable[[str], Decimal | None], band: Band | None
) -> tuple[Band | None, GradeCap | None]:
    """The grade the bands give, lowered by the strictest condition the unit fails (and that condition);
    `points` gives a criterion's points, None where it does not apply to the unit."""
    grading = framework.grading
    if band is None or not grading.caps:
        return band, None
    order = [each.grade for each in ordered_bands(grading, unit.group)]
    applied: GradeCap | None = None
    for cap in grading.caps:
        if cap.grade in order and order.index(cap.grade) > order.index(band.grade) and _fails(cap, unit, points):
            band, applied = band_of(grading, cap.grade, unit.group) or band, cap
    return band, applied


def _fails(cap: GradeCap, unit: UnitData, points: Callable[[str], Decimal | None]) -> bool:
    if cap.indicator:
        value = unit.facts.get(cap.indicator)
        return value is not None and value == cap.equals
    assert cap.below is not None
    reached = points(cap.criterion)
    return reached is not None and reached < cap.below
