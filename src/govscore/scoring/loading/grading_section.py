"""The `grading` section of a framework file: the basis and the bands, checked against the scale."""

from __future__ import annotations

from decimal import Decimal

from govscore.scoring.errors import Problem
from govscore.scoring.grading import band_issues
from govscore.scoring.model import Band, Bound, Grading
from govscore.scoring.rules.base import ZERO
from govscore.scoring.rules.params import ParamReader


def grading_section(top: ParamReader, max_points: Decimal) -> Grading:
    """The framework's `grading`: bands that cover the scale without overlap or gap."""
    reader = top.child("grading")
    if reader is None:
        top.ctx.problem((), "field.required", field="grading")
        return Grading("points", ())
    basis = reader.choice("basis", ("points", "percent"), "points")
    bands = tuple(reader.mappings("bands", _band))
    reader.finish()
    grading = Grading(basis, bands)  # type: ignore[arg-type]
    if not bands:
        reader.ctx.problem(reader.path, "bands.empty")
        return grading
    _no_duplicate_grades(bands, reader)
    high = Decimal(100) if basis == "percent" else max_points
    for issue in band_issues(grading, ZERO, high):
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
    return grading


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
