"""The `facts` of a unit in an evaluation file."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from govscore.scoring.facts import ValueProblem, value_reader
from govscore.scoring.model import FactValue, Framework, Score
from govscore.scoring.rules.judged import Manual
from govscore.scoring.rules.params import ParamReader, ParseContext
from govscore.scoring.source import Path

Reader = Callable[[object], tuple[FactValue | None, list[ValueProblem]]]


def value_readers(framework: Framework) -> dict[str, Reader]:
    """Each indicator's reader, prepared once per file for every unit's facts."""
    return {indicator.code: value_reader(indicator) for indicator in framework.indicators}


def facts_section(
    reader: ParamReader, bounds: Sequence[ManualBound], readers: Mapping[str, Reader]
) -> dict[str, FactValue]:
    """A unit's `facts`: each value read by the one codec, its problems at the line of the part they are
    about; a manual score outside its criterion's bounds refused."""
    facts = _facts(reader, readers)
    _manual_scores_in_range(reader, bounds, facts)
    return facts


def _facts(reader: ParamReader, readers: Mapping[str, Reader]) -> dict[str, FactValue]:
    raw = reader.mapping("facts")
    facts: dict[str, FactValue] = {}
    for code, value in raw.items():
        read = readers.get(code)
        if read is None:
            allowed = ", ".join(sorted(reader.ctx.indicators))
            reader.ctx.problem(reader.path + ("facts", code), "fact.unknown", indicator=code, allowed=allowed)
            continue
        if value is None:
            continue
        fact, problems = read(value)
        if problems:
            fact_problems(
                [_decimal_comma(problem, value) for problem in problems], reader.path + ("facts", code), reader.ctx
            )
        if fact is not None:
            facts[code] = fact
    return facts


@dataclass(frozen=True)
class ManualBound:
    """A criterion scored by hand: the points its `score` indicator may hold."""

    indicator: str
    low: Decimal
    high: Decimal


def manual_bounds(framework: Framework) -> tuple[ManualBound, ...]:
    """Worked out once per file: every unit's scores are held to them."""
    return tuple(
        ManualBound(criterion.rule.indicator, criterion.rule.minimum, criterion.max_points)
        for criterion in framework.walk()
        if isinstance(criterion.rule, Manual)
    )


def _manual_scores_in_range(reader: ParamReader, bounds: Sequence[ManualBound], facts: Mapping[str, FactValue]) -> None:
    """A manual score outside its criterion's bounds is refused, not clamped: the evaluator meant
    something else, and a silent clamp would hide it."""
    for bound in bounds:
        score = facts.get(bound.indicator)
        if isinstance(score, Score) and not bound.low <= score.points <= bound.high:
            path = reader.path + ("facts", bound.indicator, "points")
            reader.ctx.problem(
                path, "field.range", field=bound.indicator, low=bound.low, high=bound.high, actual=score.points
            )


_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")


def _decimal_comma(problem: ValueProblem, value: object) -> ValueProblem:
    """A number written with a decimal comma (`87,5`) is text to YAML: say to write a dot instead."""
    written: object = value
    for part in problem.part:
        if isinstance(written, dict):
            written = written.get(part)
        elif isinstance(written, list) and isinstance(part, int) and 0 <= part < len(written):
            written = written[part]
        else:
            return problem
    if isinstance(written, str) and _DECIMAL_COMMA.fullmatch(written.strip()):
        dotted = written.strip().replace(",", ".")
        return ValueProblem("yaml.decimal_comma", {"value": written.strip(), "dotted": dotted}, problem.part)
    return problem


def fact_problems(problems: list[ValueProblem], path: Path, ctx: ParseContext) -> None:
    """The value's problems, each at the line of the part of the value it is about."""
    for problem in problems:
        ctx.problem(path + problem.part, problem.key, **problem.args)
