"""The ledger in words and as data: why a unit got exactly its points.

Every consumer (CLI, web, documents, API) renders results through these functions, so a number
is explained the same way everywhere.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal

from govscore.scoring.describing import describe
from govscore.scoring.display import points_text
from govscore.scoring.grading import describe_band
from govscore.scoring.messages import render
from govscore.scoring.model import FactValue, Framework
from govscore.scoring.results import Change, CriterionResult, EvaluationResult, UnitResult
from govscore.scoring.rules.base import Step
from govscore.scoring.values import plain
from govscore.scoring.vietnamese import format_number, short_date


def render_step(step: Step, lang: str = "vi") -> str:
    # Most steps recur across units ("Có → 10 điểm"): a national ledger repeats them thousands of times.
    # The key carries each argument's type, because True == 1 and Decimal("1.5") == 1.5 in Python.
    key = tuple((name, type(value), value) for name, value in step.args.items())
    try:
        return _render_step_cached(step.key, key, lang)
    except TypeError:  # an unhashable argument: render it directly
        return _render_step(step.key, step.args, lang)


@functools.lru_cache(maxsize=16384)
def _render_step_cached(key: str, args: tuple[tuple[str, type, object], ...], lang: str) -> str:
    return _render_step(key, {name: value for name, _type, value in args}, lang)


def _render_step(key: str, args: Mapping[str, object], lang: str) -> str:
    rendered = {name: render_step(value, lang) if isinstance(value, Step) else value for name, value in args.items()}
    return render(key, lang, **rendered)


def describe_input(framework: Framework, code: str, value: FactValue | None, lang: str = "vi") -> str:
    """A criterion's input as people read it: the indicator's value (`describing.describe`), or none."""
    if value is None:
        return render("none", lang)
    return describe(framework.indicator(code), value, lang)


def explanation(result: CriterionResult, lang: str = "vi") -> str:
    return "; ".join(render_step(step, lang) for step in result.steps)


def grade_cell(result: UnitResult, framework: Framework, lang: str = "vi") -> str:
    """`A+ (217 điểm)`, as the published table writes it; `217 điểm` where the framework grades nobody."""
    points = f"{points_text(framework, result.total, lang)} {render('label.points', lang)}"
    return f"{result.grade.grade} ({points})" if result.grade else points


def standing_notes(result: UnitResult, framework: Framework, lang: str = "vi") -> list[str]:
    """Why the unit's grade or rank is not what its points alone give: a failed condition, a quota, a
    unit left out of the ranking. The document's "Lý do" and the ledger print them."""
    notes = []
    if result.cap is not None:
        notes.append(render("explain.grade_capped", lang, reason=result.cap.reason, grade=result.cap.grade))
    quota = framework.grading.quota
    if result.quota_from and result.grade is not None and quota is not None:
        grade = result.grade.grade
        notes.append(render("explain.grade_quota", lang, reached=result.quota_from, share=quota.share, grade=grade))
    if result.unit.not_ranked:
        notes.append(render("explain.not_ranked", lang, reason=result.unit.not_ranked))
    return notes


def ledger_text(result: UnitResult, evaluation_result: EvaluationResult, lang: str = "vi") -> str:
    """The whole ledger of one unit, readable in a terminal or a text file."""
    evaluation = evaluation_result.evaluation
    framework = evaluation.framework
    unit = result.unit
    decision = framework.decision
    group_size = evaluation_result.group_sizes[unit.group]
    lines = [
        f"{unit.name} ({unit.code})",
        f"{render('label.group', lang)}: {framework.group_name(unit.group)}",
        f"{render('label.framework', lang)}: {framework.title} — {decision.number}"
        + (f" {render('label.dated', lang)} {short_date(decision.date, lang)}" if decision.date else "")
        + f", {render('label.version', lang)} {framework.version}",
        "",
    ]
    for criterion in result.criteria:
        lines.extend(_criterion_lines(criterion, framework, lang, depth=0))
    lines.append("")
    total, maximum = points_text(framework, result.total, lang), format_number(result.max_points, None, lang)
    total_line = f"{render('label.total', lang)}: {total} / {maximum}"
    if result.exact_total != result.total:
        total_line += f" ({format_number(result.exact_total, None, lang)})"
    lines.append(total_line)
    lines.extend("  " + render_step(step, lang) for step in result.rounding_steps)
    band = result.grade
    if band is not None:
        grade_text = f"{band.grade}" + (f" — {band.label}" if band.label else "")
        lines.append(f"{render('label.grade', lang)}: {grade_text} ({describe_band(band, lang)})")
    if result.rank:
        lines.append(f"{render('label.rank', lang)}: {result.rank}/{group_size}")
    lines.extend(standing_notes(result, framework, lang))
    for heading, sentences in (("label.good", result.good), ("label.not_good", result.not_good)):
        lines.append("")
        lines.append(f"{render(heading, lang)}:")
        lines.extend(f"  - {sentence}" for sentence in sentences)
    return "\n".join(lines) + "\n"


def _criterion_lines(result: CriterionResult, framework: Framework, lang: str, depth: int) -> list[str]:
    indent = "  " * depth
    if result.applicable:
        score_text = f"{format_number(result.points, None, lang)} / {format_number(result.max_points, None, lang)}"
    else:
        score_text = render("label.not_applicable", lang)
    rule = f" [{result.rule_type}]" if result.rule_type and result.rule_type != "sum" else ""
    lines = [f"{indent}{result.code}. {result.title}: {score_text}{rule}"]
    for code, value in result.inputs.items():
        lines.append(
            f"{indent}    {render('label.inputs', lang)}: {code} = {describe_input(framework, code, value, lang)}"
        )
    if result.rule_type != "sum":
        lines.extend(f"{indent}    {render_step(step, lang)}" for step in result.steps)
    for child in result.children:
        lines.extend(_criterion_lines(child, framework, lang, depth + 1))
    return lines


@functools.lru_cache(maxsize=8192, typed=True)
def number(value: Decimal) -> int | float:
    """A Decimal for JSON: an int when whole, else the shortest float with the same digits."""
    value = plain(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def criterion_dict(result: CriterionResult, framework: Framework, lang: str, explain: bool = True) -> dict[str, object]:
    """The criterion's points; with `explain`, also its inputs and the explanation in words (the costly part)."""
    data: dict[str, object] = {
        "code": result.code,
        "title": result.title,
        "points": number(result.points),
        "max": number(result.max_points),
        "applicable": result.applicable,
        "rule": result.rule_type,
        "substitute_for": result.substitute_for,
    }
    if explain:
        data["inputs"] = {code: describe_input(framework, code, value, lang) for code, value in result.inputs.items()}
        data["explanation"] = explanation(result, lang)
    return data


def criteria_points(result: UnitResult, framework: Framework) -> list[dict[str, object]]:
    """The unit's criteria without explanations: the same in every language, so built once for all."""
    return [criterion_dict(item, framework, "vi", explain=False) for item in result.all_criteria()]


def unit_summary(result: UnitResult, evaluation_result: EvaluationResult, lang: str = "vi") -> dict[str, object]:
    """The unit's points, grade, rank and sentences in `lang`: `unit_dict` without the criteria."""
    framework = evaluation_result.evaluation.framework
    return {
        "code": result.unit.code,
        "name": result.unit.name,
        "group": result.unit.group,
        "group_name": framework.group_name(result.unit.group),
        "total": number(result.total),
        "exact_total": number(result.exact_total),
        "max": number(result.max_points),
        "percent": number(result.percent),
        "grade": result.grade.grade if result.grade else None,
        "grade_label": result.grade.label if result.grade else None,
        "rank": result.rank or None,
        "not_ranked": result.unit.not_ranked or None,
        "grade_notes": standing_notes(result, framework, lang),
        "previous": _previous_dict(evaluation_result.changes.get(result.unit.code)),
        "good": result.good,
        "not_good": result.not_good,
    }


def _previous_dict(change: Change | None) -> dict[str, object] | None:
    if change is None:
        return None
    before = change.previous
    return {
        "year": before.year,
        "total": None if before.total is None else number(before.total),
        "rank": before.rank,
        "total_change": None if change.total is None else number(change.total),
        "rank_change": change.rank,
    }


def unit_dict(
    result: UnitResult, evaluation_result: EvaluationResult, lang: str = "vi", explain: bool = True
) -> dict[str, object]:
    framework = evaluation_result.evaluation.framework
    criteria = [criterion_dict(item, framework, lang, explain) for item in result.all_criteria()]
    return {**unit_summary(result, evaluation_result, lang), "criteria": criteria}


def evaluation_dict(evaluation_result: EvaluationResult, lang: str = "vi") -> dict[str, object]:
    evaluation = evaluation_result.evaluation
    framework = evaluation.framework
    return {
        "framework": {
            "code": framework.code,
            "version": framework.version,
            "title": framework.title,
            "decision": framework.decision.number,
            "max": number(framework.max_points),
        },
        "period": {"year": evaluation.period.year, "title": evaluation.period.title},
        "units": [unit_dict(result, evaluation_result, lang) for result in evaluation_result.units],
    }
