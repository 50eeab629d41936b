"""Consistency checks on any evaluation, including published results recorded as data.

A published document is never trusted to be consistent with itself: its grades are checked
against its own bands, its totals against its parts and its ranks, its sentences against the
data they state, and the data against the calendar. Each finding names the unit, what is wrong
and the evidence.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from zoneinfo import ZoneInfo

from govscore.scoring.collector import collector_paused
from govscore.scoring.engine import score
from govscore.scoring.findings import Finding, finding
from govscore.scoring.messages import Phrase
from govscore.scoring.model import Criterion, Evaluation, Framework, Ratio, Reports, UnitData
from govscore.scoring.months import parse_month_list
from govscore.scoring.narrative import COLUMNS, Column, narrate
from govscore.scoring.results import CriterionResult, EvaluationResult, UnitResult
from govscore.scoring.rules.items import CountedItems
from govscore.scoring.rules.rates import LinearRate
from govscore.scoring.rules.reporting import PeriodicReporting
from govscore.scoring.standing_checks import standing_findings
from govscore.scoring.values import Months, Percent, Titles, Value, quantize

# The findings that published results alone support. A table imported from a past year's document has
# no facts, and every other check compares results with facts: it would report `no_data` for every
# criterion, a `total_mismatch` against a computed 0, a `text_column` from a reporting rule that reads
# "no reports" as every month missing. A list of what may run, so a new check that needs facts is left
# out until it is added here.
WITHOUT_FACTS = frozenset(
    {
        "grade_not_from_bands",
        "same_total_different_grade",
        "rank_mismatch",
        "order_not_by_total",
        "total_not_sum",
        "points_out_of_range",
        "duplicate_name",
        "text_both_columns",
        "grade_quota",
        "rank_of_unranked",
        "percent_mismatch",
    }
)


def check(evaluation: Evaluation, result: EvaluationResult | None = None, *, facts: bool = True) -> list[Finding]:
    """Every inconsistency of the evaluation's data and of its published results; with `facts=False`
    (a published table without its data), only those the published results alone support."""
    with collector_paused():  # a bulk job like scoring: a country's results stay alive until it ends
        return _check(evaluation, result or score(evaluation), facts)


def _check(evaluation: Evaluation, result: EvaluationResult, facts: bool) -> list[Finding]:
    if not facts:
        return [
            *(each for each in _without_standing(evaluation, result) if each.kind in WITHOUT_FACTS),
            *standing_findings(result, facts=False),
        ]
    findings: list[Finding] = []
    findings.extend(_duplicate_names(evaluation))
    for unit_result in result.units:
        findings.extend(_data_findings(evaluation.framework, unit_result, evaluation))
        if unit_result.unit.published is not None:
            findings.extend(_published_findings(evaluation.framework, unit_result))
    findings.extend(standing_findings(result, facts=True))
    return findings


def _without_standing(evaluation: Evaluation, result: EvaluationResult) -> Iterator[Finding]:
    """Every check but the grades and ranks, which without facts are judged on published values alone."""
    yield from _duplicate_names(evaluation)
    for unit_result in result.units:
        if unit_result.unit.published is not None:
            yield from _published_findings(evaluation.framework, unit_result)


def _finding(unit: UnitData, kind: str, **args: object) -> Finding:
    return finding(unit, kind, **args)


# --- the data themselves ---


def _duplicate_names(evaluation: Evaluation) -> Iterator[Finding]:
    seen: dict[str, UnitData] = {}
    for unit in evaluation.units:
        key = unit.name.casefold()
        if key in seen:
            yield _finding(unit, "duplicate_name", name=unit.name, other=seen[key].code)
        seen.setdefault(key, unit)


def _data_findings(framework: Framework, result: UnitResult, evaluation: Evaluation) -> Iterator[Finding]:
    unit = result.unit
    for code, value in unit.facts.items():
        if isinstance(value, Ratio):
            yield from _ratio_findings(unit, code, value)
    for criterion_result in result.all_criteria():
        if not criterion_result.applicable:
            continue
        criterion = framework.criterion(criterion_result.code)
        if isinstance(criterion.rule, PeriodicReporting):
            yield from _report_findings(unit, criterion, criterion.rule, evaluation.period.year)
        if criterion.rule is not None and not criterion_result.has_data:
            yield _finding(unit, "no_data", code=criterion.code)
    if result.total > result.max_points and not framework.total_may_leave_bounds:
        yield _finding(unit, "total_above_max", total=result.total, max=result.max_points)


def _ratio_findings(unit: UnitData, code: str, value: Ratio) -> Iterator[Finding]:
    if value.percent is not None and value.percent > 100:
        yield _finding(unit, "rate_above_100", indicator=code, rate=Percent(value.percent / 100))
    if value.numerator is not None and value.denominator is not None and value.numerator > value.denominator:
        yield _finding(
            unit,
            "numerator_above_denominator",
            indicator=code,
            numerator=value.numerator,
            denominator=value.denominator,
        )


def _report_findings(unit: UnitData, criterion: Criterion, rule: PeriodicReporting, year: int) -> Iterator[Finding]:
    reports = unit.facts.get(rule.indicator)
    if not isinstance(reports, Reports):
        return
    both = sorted(set(reports.late) & set(reports.missing))
    if both:
        yield _finding(unit, "late_and_missing", code=criterion.code, months=Months(tuple(both)))
    listed = set(reports.late) | set(reports.missing) | set(reports.received)
    outside = sorted(listed - set(rule.months))
    if outside:
        yield _finding(
            unit,
            "month_outside_period",
            code=criterion.code,
            months=Months(tuple(outside)),
            expected=Months(rule.months),
        )
    zone = ZoneInfo(rule.timezone)
    for month, stamp in sorted(reports.received.items()):
        # A report on a month cannot exist before that month is over.
        month_end = datetime.date(year + (month == 12), month % 12 + 1, 1)
        local = stamp.astimezone(zone) if stamp.tzinfo else stamp
        if local.date() < month_end:
            yield _finding(unit, "received_early", code=criterion.code, month=month, received=local.isoformat())


# --- published results against their own bands, sums, ranks and data ---


def _published_findings(framework: Framework, result: UnitResult) -> Iterator[Finding]:
    unit = result.unit
    published = unit.published
    assert published is not None
    if published.total is not None:
        if abs(published.total - result.total) > framework.tolerance:
            yield _finding(unit, "total_mismatch", published=published.total, computed=result.total)
    if published.criteria:
        yield from _published_parts(framework, unit, published.criteria, published.total)
    yield from _published_text(framework, result)


def _published_parts(
    framework: Framework, unit: UnitData, parts: Mapping[str, Decimal], total: Decimal | None
) -> Iterator[Finding]:
    top_codes = {criterion.code for criterion in framework.criteria}
    substitutes = {c.substitute.replaces: c.code for c in framework.criteria if c.substitute is not None}
    required = {code for code in top_codes if code not in substitutes.values()}
    complete = all(code in parts or substitutes.get(code) in parts for code in required)
    for code, points in parts.items():
        try:
            criterion = framework.criterion(code)
        except KeyError:
            continue
        if not criterion.min_points <= points <= criterion.max_points:
            yield _finding(
                unit,
                "points_out_of_range",
                code=code,
                points=points,
                low=criterion.min_points,
                high=criterion.max_points,
            )
    summed = sum((points for code, points in parts.items() if code in top_codes), Decimal(0))
    if total is not None and complete and abs(summed - total) > framework.tolerance:
        yield _finding(unit, "total_not_sum", published=total, parts=summed)


# --- published sentences against the data they state ---

_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_INTEGER = re.compile(r"\b(\d{1,3})\b")
_LATE = re.compile(r"trễ\s+((?:từ\s+)?(?:tháng\s+)?[\d,\s]+(?:\s*(?:và|đến)\s*(?:từ\s+)?(?:tháng\s+)?[\d,\s]+)*)")
_MISSING = re.compile(
    r"không báo cáo\s+((?:từ\s+)?(?:tháng\s+)?[\d,\s]+(?:\s*(?:và|đến)\s*(?:từ\s+)?(?:tháng\s+)?[\d,\s]+)*)"
)


def attribute(framework: Framework, sentence: str) -> Criterion | None:
    """The criterion a free-text sentence speaks of: the one whose keyword appears earliest."""
    folded = sentence.casefold()
    best: tuple[int, Criterion] | None = None
    for criterion in framework.walk():
        for keyword in criterion.keywords:
            position = folded.find(keyword.casefold())
            if position >= 0 and (best is None or position < best[0]):
                best = (position, criterion)
    return None if best is None else best[1]


def _published_text(framework: Framework, result: UnitResult) -> Iterator[Finding]:
    published = result.unit.published
    assert published is not None
    placed: dict[str, dict[Column, str]] = {}
    for column, sentences in zip(COLUMNS, (published.good, published.not_good), strict=True):
        for sentence in sentences:
            criterion = attribute(framework, sentence)
            if criterion is None:
                continue
            placed.setdefault(criterion.code, {})[column] = sentence
            yield from _sentence_findings(framework, result, criterion, column, sentence)
    for code, columns in placed.items():
        if len(columns) == 2:
            yield _finding(
                result.unit, "text_both_columns", code=code, good=columns["good"], not_good=columns["not_good"]
            )


def _criterion_result(result: UnitResult, code: str) -> CriterionResult | None:
    for item in result.all_criteria():
        if item.code == code and item.applicable:
            return item
    return None


def _sentence_findings(
    framework: Framework, result: UnitResult, criterion: Criterion, column: Column, sentence: str
) -> Iterator[Finding]:
    data = _criterion_result(result, criterion.code)
    if data is None or not data.has_data:
        return
    facts: dict[str, Value] = {**data.facts, "points": data.points, "max": data.max_points, "has_data": True}
    facts.update({"@" + k: v for k, v in result.unit.facts.items() if isinstance(v, Decimal | bool | str)})
    expected = narrate(criterion.code, criterion.narrative, facts)
    if expected is not None and expected.column != column:
        yield _finding(
            result.unit,
            "text_column",
            sentence=sentence,
            code=criterion.code,
            published=_column_name(column),
            expected=_column_name(expected.column),
        )
    if isinstance(criterion.rule, LinearRate):
        yield from _rate_text(result.unit, sentence, data.facts.get("rate"))
    elif isinstance(criterion.rule, PeriodicReporting):
        yield from _months_text(result.unit, criterion.rule, sentence)
    elif isinstance(criterion.rule, CountedItems):
        yield from _count_text(result.unit, column, sentence, data.facts)


_COLUMN_NAMES = {"good": Phrase("column.good"), "not_good": Phrase("column.not_good")}
_STATUS_NAMES = {"late": Phrase("status.late"), "missing": Phrase("status.missing")}


def _column_name(column: Column) -> Phrase:
    return _COLUMN_NAMES[column]


def _rate_text(unit: UnitData, sentence: str, rate: Value | None) -> Iterator[Finding]:
    match = _PERCENT.search(sentence)
    if match is None or not isinstance(rate, Percent):
        return
    printed = Decimal(match.group(1).replace(",", "."))
    places = max(0, -printed.as_tuple().exponent)  # type: ignore[operator]
    data = quantize(rate.fraction * 100, places)
    if printed != data:
        yield _finding(unit, "text_rate", sentence=sentence, text_value=f"{match.group(1)}%", data_value=rate)


def _months_text(unit: UnitData, rule: PeriodicReporting, sentence: str) -> Iterator[Finding]:
    reports = unit.facts.get(rule.indicator)
    if not isinstance(reports, Reports) or not reports.statuses_given:
        return
    for pattern, recorded, status in ((_LATE, reports.late, "late"), (_MISSING, reports.missing, "missing")):
        match = pattern.search(sentence)
        text_months: tuple[int, ...] = ()
        if match is not None:
            try:
                text_months = parse_month_list(_month_phrase(match.group(1)))
            except ValueError:
                continue
        if set(text_months) != set(recorded):
            yield _finding(
                unit,
                "text_months",
                sentence=sentence,
                status=_STATUS_NAMES[status],
                text_months=Months(text_months) if text_months else Phrase("none"),
                data_months=Months(tuple(sorted(recorded))) if recorded else Phrase("none"),
            )


def _month_phrase(text: str) -> str:
    phrase = text.strip().rstrip(",.; ")
    if not phrase.startswith(("tháng", "từ")):
        phrase = "tháng " + phrase
    return phrase


def _count_text(unit: UnitData, column: Column, sentence: str, facts: Mapping[str, Value]) -> Iterator[Finding]:
    match = _INTEGER.search(sentence)
    if match is None:
        return
    printed = int(match.group(1))
    name = "count" if column == "good" else "missing_count"
    data = facts.get(name)
    if isinstance(data, Titles):
        data = len(data)
    if isinstance(data, int | Decimal) and printed != data:
        yield _finding(unit, "text_count", sentence=sentence, text_value=printed, data_value=data)
