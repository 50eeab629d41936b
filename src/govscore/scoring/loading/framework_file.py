"""Framework files (`kind: framework`, `format: 1`): parsed, then validated as a whole."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path as FilePath

from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.loading.grading_section import grading_section, ranking_section
from govscore.scoring.loading.narrative_section import narrative_section
from govscore.scoring.loading.yamlfile import read_yaml
from govscore.scoring.messages import Phrase, Shown
from govscore.scoring.model import (
    Choice,
    Criterion,
    Decision,
    Display,
    Framework,
    Indicator,
    IndicatorType,
    Rounding,
    Substitution,
    UnitGroup,
)
from govscore.scoring.rules.base import ZERO, Rule
from govscore.scoring.rules.params import ParamReader, ParseContext, check_rule_bounds
from govscore.scoring.rules.registry import parse_rule
from govscore.scoring.source import Path, Source
from govscore.scoring.values import as_date

FORMAT = 1
INDICATOR_TYPES: tuple[IndicatorType, ...] = (
    "number",
    "count",
    "boolean",
    "category",
    "ratio",
    "items",
    "reports",
    "score",
    "adjustments",
    "text",
)


def load_framework(path: FilePath | str, display_name: str | None = None) -> Framework:
    """Read and validate a framework file; ValidationFailed lists every problem found."""
    data, source = read_yaml(FilePath(path), display_name)
    return framework_from_data(data, source)


def framework_from_data(data: object, source: Source) -> Framework:
    framework, problems = framework_and_problems(data, source)
    if problems:
        raise ValidationFailed(problems)
    assert framework is not None
    return framework


def framework_and_problems(data: object, source: Source) -> tuple[Framework | None, list[Problem]]:
    """The framework read as well as it can be, with every problem found; None if it is not a mapping."""
    ctx = ParseContext(source, {}, "")
    if not isinstance(data, dict):
        ctx.problem((), "file.not_mapping", actual=Shown(data))
        return None, ctx.problems
    top = ParamReader("", data, (), ctx)
    check_header(top, "framework")
    framework = _framework(top, ctx)
    top.finish()
    return framework, ctx.problems


def check_header(top: ParamReader, kind: str) -> None:
    version = top.raw_value("format")
    if version != FORMAT:
        plain = version is None or (isinstance(version, int) and not isinstance(version, bool))
        shown = version if plain else Shown(version)
        top.ctx.problem(("format",), "format.version", expected=FORMAT, actual=shown)
    actual_kind = top.raw_value("kind")
    if actual_kind != kind:
        top.ctx.problem(("kind",), "kind.wrong", expected=kind, actual=actual_kind)


def _framework(top: ParamReader, ctx: ParseContext) -> Framework | None:
    code = top.string("code")
    version = str(top.raw_value("version") or "")
    if not version:
        ctx.problem(("version",), "field.required", field="version")
    title = top.string("title")
    decision = _decision(top)
    max_points = top.decimal("max_points", minimum=ZERO)
    note = top.string("note", "")
    rounding = _rounding(top)
    may_leave = top.boolean("total_may_leave_bounds", False)
    groups = _groups(top)
    indicators = _indicators(top)
    # The first declaration of a code counts; a later one is reported as the duplicate.
    ctx.indicators = {}
    for indicator in indicators:
        ctx.indicators.setdefault(indicator.code, indicator)
    criteria = _criteria_list(top, "criteria", ctx, {group.code for group in groups})
    grading = grading_section(top, max_points, {group.code for group in groups})
    ranking = ranking_section(top, grading)
    tolerance = _tolerance(top)
    display = _display(top)
    framework = Framework(
        code,
        version,
        title,
        decision,
        max_points,
        tuple(criteria),
        grading,
        rounding,
        tuple(indicators),
        tuple(groups),
        may_leave,
        note,
        ctx.source.at(()),
        ranking,
        tolerance,
        display,
    )
    _validate_tree(framework, ctx)
    _validate_caps(framework, ctx)
    return framework


def _display(top: ParamReader) -> Display:
    reader = top.child("display")
    if reader is None:
        return Display()
    points = reader.integer("points", -1, low=0, high=6) if "points" in reader.raw else None
    percent = reader.integer("percent", -1, low=0, high=6) if "percent" in reader.raw else None
    reader.seen.update(("points", "percent"))
    reader.finish()
    return Display(points, percent)


def _tolerance(top: ParamReader) -> Decimal:
    reader = top.child("check")
    if reader is None:
        return ZERO
    tolerance = reader.decimal("tolerance", ZERO, minimum=ZERO)
    reader.finish()
    return tolerance


def _validate_caps(framework: Framework, ctx: ParseContext) -> None:
    """A condition that caps a grade names a criterion or an indicator the framework has."""
    codes = {criterion.code for criterion in framework.walk()}
    for cap in framework.grading.caps:
        if cap.criterion and cap.criterion not in codes:
            ctx.problems.append(Problem(cap.location, "cap.unknown_criterion", {"code": cap.criterion}))
        if cap.indicator and cap.indicator not in ctx.indicators:
            ctx.problems.append(Problem(cap.location, "indicator.unknown", {"indicator": cap.indicator}))


def _decision(top: ParamReader) -> Decision:
    reader = top.child("decision")
    if reader is None:
        top.ctx.problem((), "field.required", field="decision")
        return Decision("", None)
    number = reader.string("number")
    written = reader.raw_value("date")
    date = as_date(written)
    if written is not None and date is None:
        reader.ctx.problem(
            reader.path + ("date",), "field.type", field="date", expected=Phrase("expected.date"), actual=Shown(written)
        )
    decision = Decision(
        number,
        date,
        reader.string("issuer", ""),
        reader.string("title", ""),
    )
    reader.finish()
    return decision


def _rounding(top: ParamReader) -> Rounding:
    reader = top.child("rounding")
    if reader is None:
        return Rounding()
    at = reader.choice("at", ("total", "criterion"), "total")
    places = reader.integer("places", 2, low=0, high=6)
    mode = reader.choice("mode", ("half_up", "half_even", "down", "up"), "half_up")
    percent_places = reader.integer("percent_places", 1, low=0, high=6)
    reader.finish()
    return Rounding(at, places, mode, percent_places)  # type: ignore[arg-type]


def _groups(top: ParamReader) -> list[UnitGroup]:
    def read(reader: ParamReader) -> UnitGroup:
        return UnitGroup(reader.string("code"), reader.string("name"))

    groups = top.mappings("groups", read, minimum=0) if "groups" in top.raw else []
    top.seen.add("groups")
    _no_duplicates([(group.code, ("groups", index)) for index, group in enumerate(groups)], top.ctx)
    return groups


def _indicators(top: ParamReader) -> list[Indicator]:
    def read(reader: ParamReader) -> Indicator:
        code = reader.string("code")
        kind = reader.choice("type", INDICATOR_TYPES)
        choices = tuple(reader.mappings("choices", _choice, minimum=0)) if "choices" in reader.raw else ()
        reader.seen.add("choices")
        if kind in ("category", "items") and not choices:
            reader.ctx.problem(reader.path, "field.required", field="choices")
        return Indicator(
            code,
            reader.string("title"),
            kind,  # type: ignore[arg-type]
            reader.string("unit", ""),
            reader.optional_decimal("min"),
            reader.optional_decimal("max"),
            choices,
            reader.string("description", ""),
            reader.ctx.source.at(reader.path),
            reader.boolean("share", True) if kind == "ratio" else True,
        )

    indicators = top.mappings("indicators", read, minimum=0) if "indicators" in top.raw else []
    top.seen.add("indicators")
    _no_duplicates([(indicator.code, ("indicators", i)) for i, indicator in enumerate(indicators)], top.ctx)
    return indicators


def _choice(reader: ParamReader) -> Choice:
    return Choice(reader.string("code"), reader.string("title"))


def _no_duplicates(codes: list[tuple[str, Path]], ctx: ParseContext) -> None:
    first: dict[str, Path] = {}
    for code, path in codes:
        if code in first:
            first_line = ctx.source.at(first[code]).line
            ctx.problem(path, "code.duplicate", code=code, first_line=first_line)
        else:
            first[code] = path


def _criteria_list(parent: ParamReader, name: str, ctx: ParseContext, groups: set[str]) -> list[Criterion]:
    return parent.mappings(name, lambda reader: _criterion(reader, ctx, groups))


def _criterion(reader: ParamReader, ctx: ParseContext, groups: set[str]) -> Criterion:
    code = str(reader.raw_value("code") or "")
    if not code:
        ctx.problem(reader.path, "field.required", field="code")
    previous, ctx.criterion = ctx.criterion, code
    title = reader.string("title")
    max_points = reader.decimal("max")
    min_points = reader.decimal("min", ZERO)
    children: tuple[Criterion, ...] = ()
    if "children" in reader.raw:
        children = tuple(_criteria_list(reader, "children", ctx, groups))
    rule = None
    raw_rule = reader.raw_value("rule")
    if children and raw_rule is not None:
        ctx.problem(reader.path + ("rule",), "rule.parent_has_rule", code=code)
    elif not children:
        if isinstance(raw_rule, dict):
            rule = parse_rule(raw_rule, reader.path + ("rule",), ctx)
        else:
            ctx.problem(reader.path, "rule.leaf_needs_rule", code=code)
    applies_to = _strings(reader, "applies_to")
    for group in applies_to:
        if group not in groups:
            ctx.problem(reader.path + ("applies_to",), "group.unknown", group=group)
    substitute = _substitution(reader)
    narrative = narrative_section(reader, rule.fact_names if rule is not None else frozenset(), ctx)
    keywords = _strings(reader, "keywords")
    note = reader.string("note", "")
    self_assessed = reader.boolean("self_assessed", False)
    if self_assessed and children:
        ctx.problem(reader.path + ("self_assessed",), "criterion.self_assessed_parent", code=code)
    reader.finish()
    ctx.criterion = previous
    if rule is not None:
        _check_rule_bounds(code, rule, max_points, reader.path + ("rule",), ctx)
    return Criterion(
        code,
        title,
        max_points,
        min_points,
        rule,
        children,
        tuple(applies_to),
        substitute,
        narrative,
        tuple(keywords),
        note,
        ctx.source.at(reader.path),
        self_assessed and not children,
    )


def _check_rule_bounds(code: str, rule: Rule, declared: Decimal, path: Path, ctx: ParseContext) -> None:
    check_rule_bounds(ctx, path, code, code, rule, declared)


def _strings(reader: ParamReader, name: str) -> list[str]:
    value = reader.raw_value(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str | int) for item in value):
        reader.ctx.problem(
            reader.path + (name,), "field.type", field=name, expected=Phrase("expected.texts"), actual=Shown(value)
        )
        return []
    return [str(item) for item in value]


def _substitution(reader: ParamReader) -> Substitution | None:
    sub = reader.child("substitute")
    if sub is None:
        return None
    replaces = str(sub.raw_value("replaces") or "")
    if not replaces:
        sub.ctx.problem(sub.path, "field.required", field="replaces")
    units = _strings(sub, "units")
    if not units:
        sub.ctx.problem(sub.path, "field.required", field="units")
    sub.finish()
    return Substitution(replaces, tuple(units), sub.ctx.source.at(sub.path))


def _validate_tree(framework: Framework, ctx: ParseContext) -> None:
    codes = [(criterion.code, criterion) for criterion in framework.walk()]
    first: dict[str, Criterion] = {}
    for code, criterion in codes:
        if code in first:
            ctx.problems.append(
                Problem(
                    criterion.location, "code.duplicate", {"code": code, "first_line": first[code].location.line}, code
                )
            )
        first.setdefault(code, criterion)
    for criterion in framework.walk():
        if criterion.children:
            _check_sum(criterion.code, criterion.max_points, criterion.children, criterion, ctx, "max.sum")
    _check_sum("", framework.max_points, framework.criteria, None, ctx, "max.framework_sum")
    _validate_substitutes(framework, first, ctx)


def _check_sum(
    code: str, declared: Decimal, children: tuple[Criterion, ...], owner: Criterion | None, ctx: ParseContext, key: str
) -> None:
    actual = sum((child.max_points for child in children if child.substitute is None), ZERO)
    if actual != declared:
        location = owner.location if owner is not None else ctx.source.at(("max_points",))
        ctx.problems.append(Problem(location, key, {"code": code, "declared": declared, "actual": actual}, code))


def _validate_substitutes(framework: Framework, by_code: Mapping[str, Criterion], ctx: ParseContext) -> None:
    for criterion in framework.walk():
        substitute = criterion.substitute
        if substitute is None:
            continue
        replaced = by_code.get(substitute.replaces)
        if replaced is None:
            unknown = {"code": criterion.code, "replaces": substitute.replaces}
            ctx.problems.append(Problem(substitute.location, "substitute.unknown_criterion", unknown, criterion.code))
            continue
        chain = _substitute_chain(criterion, by_code)
        if chain is not None:
            ctx.problems.append(
                Problem(substitute.location, "substitute.cycle", {"chain": " → ".join(chain)}, criterion.code)
            )
        elif replaced.max_points != criterion.max_points:
            args: dict[str, object] = {
                "code": criterion.code,
                "replaces": replaced.code,
                "actual": criterion.max_points,
                "expected": replaced.max_points,
            }
            ctx.problems.append(Problem(substitute.location, "substitute.max", args, criterion.code))


def _substitute_chain(start: Criterion, by_code: Mapping[str, Criterion]) -> list[str] | None:
    """The cycle through `start` if substitutes lead back to it, else None."""
    chain = [start.code]
    current: Criterion | None = start
    while current is not None and current.substitute is not None:
        nxt = current.substitute.replaces
        if nxt == start.code:
            return [*chain, nxt]
        if nxt in chain:
            return None
        chain.append(nxt)
        current = by_code.get(nxt)
    return None
