"""The `grading` and `ranking` sections of a framework file, checked against the scale and the criteria."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from govscore.scoring.errors import Problem
from govscore.scoring.grading import band_issues
from govscore.scoring.model import Band, Bound, GradeCap, GradeQuota, Grading, Ranking
from govscore.scoring.rules.base import ZERO
from govscore.scoring.rules.params import ParamReader

HUNDRED = Decimal(100)


def grading_section(top: ParamReader, max_points: Decimal, groups: Collection[str]) -> Grading:
    """The framework's `grading`, if any: bands that cover the scale without overlap or gap (for each
    group that has its own), the conditions that cap a grade and the quota of a grade. A framework
    without `grading` grades nobody."""
    reader = top.child("grading")
    if reader is None:
        return Grading("points", ())
    basis = reader.choice("basis", ("points", "percent"), "points")
    high = HUNDRED if basis == "percent" else max_points
    bands = _band_set(reader, high)
    by_group: dict[str, tuple[Band, ...]] = {}
    own = reader.child("groups")
    if own is not None:
        for code in own.raw:
            sub = own.child(str(code))
            if str(code) not in groups:
                own.ctx.problem(own.path + (code,), "group.unknown", group=code)
            if sub is not None:
                by_group[str(code)] = _band_set(sub, high)
                sub.finish()
        own.finish()
    grading = Grading(basis, bands, by_group)  # type: ignore[arg-type]
    caps = tuple(reader.mappings("caps", lambda cap: _cap(cap, grading), minimum=1)) if "caps" in reader.raw else ()
    reader.seen.add("caps")
    quota = _quota(reader, grading)
    reader.finish()
    return Grading(basis, bands, by_group, caps, quota)  # type: ignore[arg-type]


def ranking_section(top: ParamReader, grading: Grading) -> Ranking:
    """The framework's `ranking`: by default on what grades (points when nothing does), competition ranks."""
    reader = top.child("ranking")
    if reader is None:
        return Ranking(grading.basis)
    basis = reader.choice("basis", ("points", "percent"), grading.basis)
    style = reader.choice("style", ("competition", "dense"), "competition")
    tied_order = reader.choice("tied_order", ("name", "published"), "name")
    reader.finish()
    return Ranking(basis, style, tied_order)  # type: ignore[arg-type]


def _band_set(reader: ParamReader, high: Decimal) -> tuple[Band, ...]:
    bands = tuple(reader.mappings("bands", _band))
    if "bands" not in reader.raw:
        return bands
    if not bands:
        reader.ctx.problem(reader.path, "bands.empty")
        return bands
    _no_duplicate_grades(bands, reader)
    for issue in band_issues(Grading("points", bands), ZERO, high):
        location = issue.first.location
        if issue.kind == "overlap":
            second = issue.second.grade if issue.second else ""
            args = {"value": issue.value, "first": issue.first.grade, "second": second}
            reader.ctx.problems.append(Problem(location, "bands.overlap", args))
        elif issue.kind == "gap":
            upper = issue.second.grade if issue.second else issue.first.grade
            args = {"between": issue.between, "lower": issue.first.grade, "upper": upper}
            reader.ctx.problems.append(Problem(location, "bands.gap", args))
        else:
            reader.ctx.problems.append(Problem(location, "bands.empty_interval", {"grade": issue.first.grade}))
    return bands


def _no_duplicate_grades(bands: tuple[Band, ...], reader: ParamReader) -> None:
    seen: set[str] = set()
    for band in bands:
        if band.grade in seen:
            reader.ctx.problems.append(Problem(band.location, "bands.duplicate", {"grade": band.grade}))
        seen.add(band.grade)


def _band(reader: ParamReader) -> Band:
    grade = str(reader.raw_value("grade") or "")
    if not grade:
        reader.ctx.problem(reader.path, "field.required", field="grade")
    lower = _bound(reader, "from", "above")
    upper = _bound(reader, "to", "below")
    return Band(
        grade, reader.string("label", ""), reader.string("short", ""), lower, upper, reader.ctx.source.at(reader.path)
    )


def _bound(reader: ParamReader, inclusive: str, exclusive: str) -> Bound | None:
    reader.seen.update((inclusive, exclusive))
    if inclusive in reader.raw and exclusive in reader.raw:
        reader.ctx.problem(reader.path + (exclusive,), "bands.bound", first=inclusive, second=exclusive)
    if inclusive in reader.raw:
        return Bound(reader.decimal(inclusive), True)
    if exclusive in reader.raw:
        return Bound(reader.decimal(exclusive), False)
    reader.seen.update((inclusive, exclusive))
    return None


def _known_grade(reader: ParamReader, grading: Grading) -> str:
    grade = str(reader.raw_value("grade") or "")
    if not grade:
        reader.ctx.problem(reader.path, "field.required", field="grade")
    elif grade not in grading.grades():
        reader.ctx.problem(reader.path + ("grade",), "grade.unknown", grade=grade, known=", ".join(grading.grades()))
    return grade


def _cap(reader: ParamReader, grading: Grading) -> GradeCap:
    grade = _known_grade(reader, grading)
    reason = reader.string("reason")
    criterion = reader.string("criterion", "")
    below = reader.optional_decimal("below")
    indicator = reader.string("indicator", "")
    equals = reader.raw_value("equals")
    if bool(criterion) == bool(indicator) or (criterion and below is None) or (indicator and equals is None):
        reader.ctx.problem(reader.path, "cap.condition")
    if not isinstance(equals, bool | str | Decimal | int | None):
        reader.ctx.problem(reader.path + ("equals",), "cap.condition")
        equals = None
    value = Decimal(equals) if isinstance(equals, int) and not isinstance(equals, bool) else equals
    return GradeCap(grade, reason, criterion, below, indicator, value, reader.ctx.source.at(reader.path))


def _quota(top: ParamReader, grading: Grading) -> GradeQuota | None:
    reader = top.child("quota")
    if reader is None:
        return None
    grade = _known_grade(reader, grading)
    share = reader.decimal("share", minimum=ZERO)
    if share > HUNDRED:
        reader.ctx.problem(reader.path + ("share",), "field.range", field="share", low=0, high=100, actual=share)
    ties = reader.choice("ties", ("keep", "drop"), "keep")
    reader.finish()
    return GradeQuota(grade, share, ties, reader.ctx.source.at(reader.path))  # type: ignore[arg-type]
