"""Published grades and ranks judged the way the framework grades and ranks.

A published table is graded and ranked again from its own printed values, on the framework's bases
(points or percent of the unit's own max), with its bands per group, its rank style, its quota and the
units it leaves out of the ranking, through the same `standings` as scoring; every difference from what
was printed is a finding. Conditions that cap a grade need the unit's data, so they count only when the
check has facts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from govscore.scoring.engine import percent_of
from govscore.scoring.findings import Finding, finding, finding_as
from govscore.scoring.grading import band_of, grade_for
from govscore.scoring.model import Framework, GradingBasis, Published
from govscore.scoring.ranking import Entry, Standing, standings
from govscore.scoring.results import EvaluationResult, UnitResult
from govscore.scoring.values import Percent, quantize

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class _Printed:
    """One unit of the published table with its printed values on each basis (None: not printed)."""

    result: UnitResult
    published: Published
    points: Decimal | None
    percent: Decimal | None

    def on(self, basis: GradingBasis) -> Decimal | None:
        return self.percent if basis == "percent" else self.points


def standing_findings(result: EvaluationResult, *, facts: bool) -> Iterator[Finding]:
    framework = result.evaluation.framework
    printed = [each for member in result.units if (each := _printed(framework, member, facts)) is not None]
    yield from _percent_findings(framework, printed)
    basis = framework.ranking.basis
    for _group, members in itertools.groupby(
        sorted(printed, key=lambda each: each.result.unit.group), key=lambda each: each.result.unit.group
    ):
        listed = [each for each in members if each.on(basis) is not None]
        settled = _settled(framework, listed, facts)
        for each, standing in zip(listed, settled, strict=True):
            yield from _grade_findings(framework, each, standing, facts)
            yield from _rank_findings(framework, each, standing)
        yield from _order_findings(framework, listed)
        if not framework.grading.quota and not (facts and framework.grading.caps):
            yield from _same_value_findings(framework, listed)


def _printed(framework: Framework, member: UnitResult, facts: bool) -> _Printed | None:
    """The unit's printed values; a table that prints ranks only is judged on the computed values,
    when there are facts to compute them from."""
    published = member.unit.published
    if published is None:
        return None
    if published.total is None and published.percent is None:
        if not facts or published.rank is None:
            return None
        return _Printed(member, published, member.total, member.percent)
    percent = published.percent
    own_max = published.max_points if published.max_points is not None else member.max_points
    if percent is None and published.total is not None and own_max:
        percent = percent_of(framework, published.total, own_max)
    return _Printed(member, published, published.total, percent)


def _settled(framework: Framework, listed: Sequence[_Printed], facts: bool) -> list[Standing]:
    grading, ranking = framework.grading, framework.ranking
    entries = []
    for each in listed:
        unit = each.result.unit
        graded = each.on(grading.basis)
        band = grade_for(grading, graded, unit.group) if graded is not None else None
        cap = each.result.cap if facts else None
        if band is not None and cap is not None:
            band = band_of(grading, cap.grade, unit.group) or band
        value = each.on(ranking.basis)
        assert value is not None
        entries.append(Entry(unit.group, value, band.grade if band else "", not unit.not_ranked))
    return standings(ranking, grading, entries)


def _grade_findings(framework: Framework, each: _Printed, standing: Standing, facts: bool) -> Iterator[Finding]:
    grading, unit, printed = framework.grading, each.result.unit, each.published.grade
    if not grading.enabled or printed is None or printed == standing.grade:
        return
    if standing.quota_from:
        quota = grading.quota
        assert quota is not None
        yield finding(unit, "grade_quota", published=printed, expected=standing.grade, grade=quota.grade)
        return
    cap = each.result.cap if facts else None
    if cap is not None and cap.grade == standing.grade:
        yield finding(unit, "grade_capped", published=printed, expected=standing.grade, reason=cap.reason)
        return
    value = each.on(grading.basis)
    band = band_of(grading, standing.grade, unit.group)
    args: dict[str, object] = {"published": printed, "expected": standing.grade or "?", "band": band or "?"}
    if grading.basis == "percent":
        assert value is not None
        args["value"] = Percent(value / HUNDRED, framework.rounding.percent_places)
        yield finding_as(unit, "grade_not_from_bands", "check.grade_not_from_bands_percent", **args)
    else:
        yield finding(unit, "grade_not_from_bands", total=value, **args)


def _rank_findings(framework: Framework, each: _Printed, standing: Standing) -> Iterator[Finding]:
    unit, printed = each.result.unit, each.published.rank
    if printed is None:
        return
    if unit.not_ranked:
        yield finding(unit, "rank_of_unranked", published=printed, reason=unit.not_ranked)
    elif printed != standing.rank:
        key = "check.rank_mismatch_percent" if framework.ranking.basis == "percent" else ""
        yield finding_as(unit, "rank_mismatch", key, published=printed, expected=standing.rank)


def _order_findings(framework: Framework, listed: Sequence[_Printed]) -> Iterator[Finding]:
    """A table printed in rank order must not list a unit before one ranked above it."""
    basis = framework.ranking.basis
    positioned = sorted(
        (each for each in listed if each.published.position and not each.result.unit.not_ranked),
        key=lambda each: each.published.position or 0,
    )
    for earlier, later in itertools.pairwise(positioned):
        first, second = earlier.on(basis), later.on(basis)
        assert first is not None and second is not None
        if second > first:
            key = "check.order_not_by_percent" if basis == "percent" else ""
            values = (Percent(second / HUNDRED), Percent(first / HUNDRED)) if basis == "percent" else (second, first)
            yield finding_as(
                earlier.result.unit,
                "order_not_by_total",
                key,
                position=earlier.published.position,
                other=later.result.unit.name,
                other_total=values[0],
                total=values[1],
            )


def _same_value_findings(framework: Framework, listed: Sequence[_Printed]) -> Iterator[Finding]:
    """Without a quota or a condition, the same graded value must give the same grade in a group."""
    basis = framework.grading.basis
    first_of: dict[Decimal, _Printed] = {}
    for each in listed:
        value = each.on(basis)
        if value is None:
            continue
        first = first_of.setdefault(value, each)
        grade, first_grade = each.published.grade, first.published.grade
        if first is not each and grade and first_grade and grade != first_grade:
            shown: object = Percent(value / HUNDRED) if basis == "percent" else value
            yield finding_as(
                each.result.unit,
                "same_total_different_grade",
                "check.same_percent_different_grade" if basis == "percent" else "",
                total=shown,
                other=first.result.unit.name,
                grade=grade,
                other_grade=first_grade,
            )


def _percent_findings(framework: Framework, printed: Sequence[_Printed]) -> Iterator[Finding]:
    """A printed percent must be the printed total over the unit's max, rounded as the framework says."""
    places = framework.rounding.percent_places
    for each in printed:
        published = each.published
        own_max = published.max_points if published.max_points is not None else each.result.max_points
        if published.percent is None or published.total is None or not own_max:
            continue
        expected = percent_of(framework, published.total, own_max)
        if abs(quantize(published.percent, places) - expected) > framework.tolerance * HUNDRED / own_max:
            yield finding(
                each.result.unit,
                "percent_mismatch",
                published=Percent(published.percent / HUNDRED, places),
                expected=Percent(expected / HUNDRED, places),
                total=published.total,
                max=own_max,
            )
