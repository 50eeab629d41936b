"""Evaluation files (`kind: evaluation`): one period's units and their facts under one framework."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path as FilePath

from govscore.scoring.collector import collector_paused
from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.loading.facts_section import ManualBound, Reader, facts_section, manual_bounds, value_readers
from govscore.scoring.loading.framework_file import check_header, framework_and_problems
from govscore.scoring.loading.yamlfile import read_yaml
from govscore.scoring.messages import Phrase, Shown
from govscore.scoring.model import (
    Evaluation,
    Framework,
    Organisation,
    Override,
    OwnMax,
    Period,
    Publication,
    Published,
    UnitData,
)
from govscore.scoring.rules.params import ParamReader, ParseContext
from govscore.scoring.source import Source
from govscore.scoring.values import as_date


@collector_paused()
def load_evaluation(path: FilePath | str, display_root: FilePath | None = None) -> Evaluation:
    """Read an evaluation file and the framework it names; every problem of both is reported."""
    path = FilePath(path)
    name = _display(path, display_root)
    data, source = read_yaml(path, name)
    if not isinstance(data, dict):
        raise ValidationFailed([Problem(source.at(()), "file.not_mapping", {"actual": Shown(data)})])
    ref = data.get("framework")
    if not isinstance(ref, str):
        raise ValidationFailed([Problem(source.at(("framework",)), "field.required", {"field": "framework"})])
    framework_path = path.parent / ref
    if not framework_path.is_file():
        raise ValidationFailed([Problem(source.at(("framework",)), "framework.not_found", {"ref": ref})])
    framework_data, framework_source = read_yaml(framework_path, _display(framework_path, display_root))
    framework, framework_problems = framework_and_problems(framework_data, framework_source)
    if framework is None:
        raise ValidationFailed(framework_problems)
    # The evaluation is checked against the framework as far as it could be read, so that the
    # problems of both files are reported together.
    try:
        evaluation = evaluation_from_data(data, source, framework)
    except ValidationFailed as failed:
        raise ValidationFailed(framework_problems + failed.problems) from None
    if framework_problems:
        raise ValidationFailed(framework_problems)
    return evaluation


def _display(path: FilePath, root: FilePath | None) -> str:
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def evaluation_from_data(data: dict[str, object], source: Source, framework: Framework) -> Evaluation:
    ctx = ParseContext(source, {indicator.code: indicator for indicator in framework.indicators}, "")
    top = ParamReader("", data, (), ctx)
    check_header(top, "evaluation")
    top.string("framework")
    period = _period(top)
    organisation = _organisation(top)
    publication = _publication(top)
    bounds, readers = manual_bounds(framework), value_readers(framework)
    units = tuple(top.mappings("units", lambda reader: _unit(reader, framework, bounds, readers)))
    top.finish()
    _check_units(units, framework, ctx)
    if ctx.problems:
        raise ValidationFailed(ctx.problems)
    return Evaluation(framework, period, units, organisation, publication, source.at(()))


def _date(reader: ParamReader, name: str, required: bool = False) -> datetime.date | None:
    value = reader.raw_value(name)
    if value is None:
        if required:
            reader.ctx.problem(reader.path, "field.required", field=name)
        return None
    date = as_date(value)
    if date is not None:
        return date
    reader.ctx.problem(
        reader.path + (name,), "field.type", field=name, expected=Phrase("expected.date"), actual=Shown(value)
    )
    return None


def _period(top: ParamReader) -> Period:
    reader = top.child("period")
    if reader is None:
        top.ctx.problem((), "field.required", field="period")
        return Period(0)
    period = Period(reader.integer("year", low=1990, high=2200), reader.string("title", ""), _date(reader, "as_of"))
    reader.finish()
    return period


def _organisation(top: ParamReader) -> Organisation:
    reader = top.child("organisation")
    if reader is None:
        return Organisation()
    organisation = Organisation(
        reader.string("name", ""), reader.string("short_name", ""), reader.string("province", "")
    )
    reader.finish()
    return organisation


def _publication(top: ParamReader) -> Publication:
    reader = top.child("publication")
    if reader is None:
        return Publication()
    publication = Publication(
        reader.string("place", ""),
        _date(reader, "date"),
        reader.string("letter_number", ""),
        _date(reader, "letter_date"),
        reader.string("issuer", ""),
        reader.string("title", ""),
        reader.string("signer_title", ""),
        reader.string("signer_name", ""),
    )
    reader.finish()
    return publication


def _unit(
    reader: ParamReader, framework: Framework, bounds: Sequence[ManualBound], readers: Mapping[str, Reader]
) -> UnitData:
    code = str(reader.raw_value("code") or "")
    if not code:
        reader.ctx.problem(reader.path, "field.required", field="code")
    previous, reader.ctx.criterion = reader.ctx.criterion, code
    name = reader.string("name")
    group = reader.string("group")
    if framework.groups and group and group not in {g.code for g in framework.groups}:
        reader.ctx.problem(reader.path + ("group",), "group.unknown", group=group)
    facts = facts_section(reader, bounds, readers)
    not_applicable = _reasons(reader, "not_applicable", framework)
    overrides = _overrides(reader, framework)
    published = _published(reader)
    active = _active_months(reader)
    not_ranked = reader.string("not_ranked", "").strip()
    own_max = _own_max(reader)
    formerly = _codes(reader, "formerly")
    reader.finish()
    reader.ctx.criterion = previous
    return UnitData(
        code,
        name,
        group,
        facts,
        not_applicable,
        overrides,
        published,
        active,
        reader.ctx.source.at(reader.path),
        not_ranked,
        own_max,
        formerly,
    )


def _own_max(reader: ParamReader) -> OwnMax | None:
    sub = reader.child("own_max")
    if sub is None:
        return None
    points = sub.decimal("points", minimum=Decimal(0))
    reason = sub.string("reason").strip()
    if not reason:
        sub.ctx.problem(sub.path, "fact.reason_required", indicator="own_max")
    sub.finish()
    return OwnMax(points, reason)


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _active_months(reader: ParamReader) -> tuple[int, ...] | None:
    """The months a unit existed in, when not the whole year (units created, merged or dissolved)."""
    if "active_months" not in reader.raw:
        return None
    value, path = reader.raw_value("active_months"), reader.path + ("active_months",)
    if not isinstance(value, list):
        reader.ctx.problem(
            path, "field.type", field="active_months", expected=Phrase("expected.months"), actual=Shown(value)
        )
        return ()
    months = []
    for index, month in enumerate(value):
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            reader.ctx.problem(path + (index,), "field.month", field="active_months", month=Shown(month))
        else:
            months.append(month)
    return tuple(months)


def _reasons(reader: ParamReader, name: str, framework: Framework) -> dict[str, str]:
    raw = reader.raw_value(name)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        reader.ctx.problem(
            reader.path + (name,),
            "field.type",
            field=name,
            expected=Phrase("expected.reasons_map"),
            actual=Shown(raw),
        )
        return {}
    known = {criterion.code for criterion in framework.walk()}
    reasons = {}
    for code, reason in raw.items():
        if code not in known:
            reader.ctx.problem(reader.path + (name, code), "criterion.unknown", code=code)
        elif not isinstance(reason, str) or not reason.strip():
            reader.ctx.problem(reader.path + (name, code), "fact.reason_required", indicator=code)
        else:
            reasons[code] = reason.strip()
    return reasons


def _overrides(reader: ParamReader, framework: Framework) -> dict[str, Override]:
    raw = reader.raw_value("overrides")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        reader.ctx.problem(
            reader.path + ("overrides",),
            "field.type",
            field="overrides",
            expected=Phrase("expected.mapping"),
            actual=Shown(raw),
        )
        return {}
    known = {criterion.code: criterion for criterion in framework.walk()}
    overrides = {}
    for code, item in raw.items():
        path = reader.path + ("overrides", code)
        criterion = known.get(code)
        if criterion is None or criterion.children:
            reader.ctx.problem(path, "criterion.unknown", code=code)
            continue
        if not isinstance(item, dict) or not _is_number(item.get("points")):
            reader.ctx.problem(path, "field.type", field=code, expected=Phrase("expected.score"), actual=Shown(item))
            continue
        points = Decimal(item["points"])
        if not criterion.min_points <= points <= criterion.max_points:
            reader.ctx.problem(
                path, "field.range", field=code, low=criterion.min_points, high=criterion.max_points, actual=points
            )
            continue
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            reader.ctx.problem(path, "fact.reason_required", indicator=code)
            continue
        overrides[code] = Override(points, reason.strip(), str(item.get("by", "")))
    return overrides


def _published(reader: ParamReader) -> Published | None:
    sub = reader.child("published")
    if sub is None:
        return None
    position = sub.integer("position", 0, low=0, high=1_000_000) or None
    rank = sub.integer("rank", 0, low=0, high=1_000_000) or None
    total = sub.optional_decimal("total")
    grade_raw = sub.raw_value("grade")
    good = _texts(sub, "good")
    not_good = _texts(sub, "not_good")
    criteria = _published_criteria(sub)
    percent = sub.optional_decimal("percent", minimum=Decimal(0))
    max_points = sub.optional_decimal("max_points", minimum=Decimal(0))
    sub.finish()
    grade = None if grade_raw is None else str(grade_raw)
    return Published(position, rank, total, grade, good, not_good, criteria, percent, max_points)


def _published_criteria(reader: ParamReader) -> dict[str, Decimal]:
    raw = reader.mapping("criteria", "expected.points_map")
    criteria: dict[str, Decimal] = {}
    for code, points in raw.items():
        if not _is_number(points):
            reader.ctx.problem(
                reader.path + ("criteria", code),
                "field.type",
                field=code,
                expected=Phrase("expected.number"),
                actual=Shown(points),
            )
            continue
        assert isinstance(points, int | Decimal)
        criteria[str(code)] = Decimal(points)
    return criteria


def _codes(reader: ParamReader, name: str) -> tuple[str, ...]:
    value = reader.raw_value(name)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str | int) and str(item) for item in value):
        reader.ctx.problem(
            reader.path + (name,), "field.type", field=name, expected=Phrase("expected.list"), actual=Shown(value)
        )
        return ()
    return tuple(str(item) for item in value)


def _texts(reader: ParamReader, name: str) -> tuple[str, ...]:
    value = reader.raw_value(name)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        reader.ctx.problem(
            reader.path + (name,), "field.type", field=name, expected=Phrase("expected.sentences"), actual=Shown(value)
        )
        return ()
    return tuple(value)


def _check_units(units: tuple[UnitData, ...], framework: Framework, ctx: ParseContext) -> None:
    seen: set[str] = set()
    for unit in units:
        if unit.code in seen:
            ctx.problems.append(Problem(unit.location, "unit.duplicate", {"code": unit.code}, unit.code))
        seen.add(unit.code)
    for criterion in framework.walk():
        if criterion.substitute is None:
            continue
        for code in criterion.substitute.units:
            if code not in seen:
                args = {"code": criterion.code, "unit": code}
                ctx.problems.append(
                    Problem(criterion.substitute.location, "substitute.unknown_unit", args, criterion.code)
                )
