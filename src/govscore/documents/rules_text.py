"""A criterion's scoring rule in Vietnamese words, for the criteria sheet of the export.

The core explains each unit's points step by step; this says what the rule is before any unit is
scored, the way a framework decision writes its "cách tính điểm".
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from govscore.scoring.model import Criterion, Framework
from govscore.scoring.months import month_list
from govscore.scoring.rules.base import Rule
from govscore.scoring.rules.combined import BestOf, Composite, Part
from govscore.scoring.rules.indices import WeightedIndex
from govscore.scoring.rules.items import Additive, CountedItems
from govscore.scoring.rules.judged import Adjustments, Manual
from govscore.scoring.rules.rates import LinearRate, NormalizedToBest, Survey
from govscore.scoring.rules.reporting import PeriodicReporting
from govscore.scoring.rules.tables import Categorical, StepTable, YesNo
from govscore.scoring.vietnamese import format_number, format_percent

Describer = Callable[[Any, Framework], str]


def _n(value: Decimal | int) -> str:
    return format_number(value, None, "vi")


def _indicator(framework: Framework, code: str) -> str:
    try:
        return framework.indicator(code).title
    except KeyError:
        return code


def _choice(framework: Framework, indicator: str, code: str) -> str:
    try:
        return framework.indicator(indicator).choice_title(code)
    except KeyError:
        return code


ZERO_DENOMINATOR = {"zero": "0 điểm", "full": "điểm tối đa", "not_applicable": "không áp dụng tiêu chí"}


def _linear_rate(rule: LinearRate, framework: Framework) -> str:
    text = f"Điểm tối đa × tỷ lệ ({_indicator(framework, rule.indicator)})"
    if rule.target != 1:
        text += f"; đạt {format_percent(rule.target)} trở lên được điểm tối đa"
    return f"{text}; mẫu số bằng 0: {ZERO_DENOMINATOR.get(rule.zero_denominator, rule.zero_denominator)}"


def _normalized(rule: NormalizedToBest, framework: Framework) -> str:
    scope = "trong khối" if rule.scope == "group" else "trong tất cả đơn vị"
    return f"Điểm tối đa × giá trị của đơn vị / giá trị cao nhất {scope} ({_indicator(framework, rule.indicator)})"


def _survey(rule: Survey, framework: Framework) -> str:
    return f"Điểm tối đa × kết quả khảo sát / {_n(rule.scale)} ({_indicator(framework, rule.indicator)})"


def _step_table(rule: StepTable, framework: Framework) -> str:
    steps = "; ".join(f"từ {_n(step.at_least)}: {_n(step.points)} điểm" for step in rule.steps)
    return f"Theo bậc ({_indicator(framework, rule.indicator)}): {steps}; thấp hơn: {_n(rule.otherwise)} điểm"


def _yes_no(rule: YesNo, framework: Framework) -> str:
    yes = "điểm tối đa" if rule.yes is None else f"{_n(rule.yes)} điểm"
    return f"Có: {yes}; không: {_n(rule.no)} điểm ({_indicator(framework, rule.indicator)})"


def _categorical(rule: Categorical, framework: Framework) -> str:
    shares = "; ".join(
        f"{_choice(framework, rule.indicator, code)}: {format_percent(fraction)} điểm tối đa"
        for code, fraction in rule.fractions
    )
    return f"Theo loại ({_indicator(framework, rule.indicator)}): {shares}; loại khác: 0 điểm"


def _additive(rule: Additive, framework: Framework) -> str:
    parts = "; ".join(f"{condition.title}: {_n(condition.points)} điểm" for condition in rule.conditions)
    return f"Cộng điểm từng điều kiện đạt: {parts}"


def _counted_items(rule: CountedItems, framework: Framework) -> str:
    cap = f", tối đa {_n(rule.cap)} điểm" if rule.cap is not None else ", tối đa bằng điểm tối đa"
    return f"{_n(rule.each)} điểm cho mỗi mục{cap} ({_indicator(framework, rule.indicator)})"


def _parts(parts: tuple[Part, ...], framework: Framework) -> str:
    return "; ".join(
        f"{part.title} (tối đa {_n(part.max_points)} điểm): {rule_text(part.rule, framework)}" for part in parts
    )


def _composite(rule: Composite, framework: Framework) -> str:
    return f"Tổng các phần — {_parts(rule.parts, framework)}"


def _best_of(rule: BestOf, framework: Framework) -> str:
    cases = " | ".join(f"{case.title}: {_parts(case.parts, framework)}" for case in rule.cases)
    return f"Lấy trường hợp có điểm cao nhất — {cases}"


def _reporting(rule: PeriodicReporting, framework: Framework) -> str:
    months = month_list(rule.months)
    due = f"báo cáo {months}, hạn ngày {rule.due_day} tháng sau"
    if rule.mode == "per_period":
        return (
            f"Mỗi tháng: đúng hạn {_n(rule.on_time)} điểm, trễ {_n(rule.late)} điểm, "
            f"không báo cáo {_n(rule.missing)} điểm ({due})"
        )
    return (
        f"Điểm tối đa trừ {_n(rule.late)} điểm mỗi tháng báo cáo trễ và {_n(rule.missing)} điểm mỗi tháng "
        f"không báo cáo, thấp nhất {_n(rule.floor)} điểm ({due})"
    )


def _manual(rule: Manual, framework: Framework) -> str:
    return (
        f"Chấm trực tiếp, từ {_n(rule.minimum)} đến điểm tối đa, có nêu lý do ({_indicator(framework, rule.indicator)})"
    )


def _weighted_index(rule: WeightedIndex, framework: Framework) -> str:
    pillars = " + ".join(f"{_n(each.weight)} × {_indicator(framework, each.indicator)}" for each in rule.pillars)
    return f"Điểm tối đa × chỉ số ({pillars}), chỉ số làm tròn {rule.places} chữ số thập phân"


def _adjustments(rule: Adjustments, framework: Framework) -> str:
    high = "điểm tối đa" if rule.maximum is None else _n(rule.maximum)
    return f"Cộng, trừ điểm theo từng nội dung có nêu lý do, tổng từ {_n(rule.minimum)} đến {high}"


DESCRIBERS: dict[type[Rule], Describer] = {
    LinearRate: _linear_rate,
    NormalizedToBest: _normalized,
    Survey: _survey,
    StepTable: _step_table,
    YesNo: _yes_no,
    Categorical: _categorical,
    Additive: _additive,
    CountedItems: _counted_items,
    Composite: _composite,
    BestOf: _best_of,
    PeriodicReporting: _reporting,
    Manual: _manual,
    Adjustments: _adjustments,
    WeightedIndex: _weighted_index,
}


def rule_text(rule: Rule, framework: Framework) -> str:
    describe = DESCRIBERS.get(type(rule))
    return describe(rule, framework) if describe is not None else rule.type_name


def criterion_rule_text(criterion: Criterion, framework: Framework) -> str:
    if criterion.children:
        return "Tổng điểm các tiêu chí thành phần"
    text = rule_text(criterion.rule, framework) if criterion.rule is not None else ""
    if criterion.substitute is not None:
        units = ", ".join(criterion.substitute.units)
        text += f". Thay tiêu chí {criterion.substitute.replaces} đối với: {units}"
    return text
