"""A realistic framework and the data of a province or of the whole country, for the benchmarks.

60 leaf criteria in 7 sections mixing every rule type (linear rate, normalized to best in the group
and among all units, step table, yes/no, categorical, additive, counted items, best of cases,
composite, periodic reporting, deductions, survey, manual, criteria for one group only, a
substitute), with narrative templates; three groups (departments, districts, communes); and units
with generated facts of every type. `evaluation_yaml` writes it all as files, as a province would
send them; `evaluation` builds the same in memory.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

YEAR = 2024
SEED = 2024
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
GROUPS = (("so-nganh", "Sở, ban, ngành", 0.1), ("huyen", "UBND cấp huyện", 0.2), ("xa", "UBND cấp xã", 0.7))
BROADCASTER = "DPTTH"
ITEMS = ("attt", "thu_dien_tu", "van_ban", "mang_chuyen_dung", "mot_cua")
ROLES = ("chair", "deputy", "none")


@dataclass
class Spec:
    """The framework as it is being written: indicators, criteria (YAML text) and leaf count."""

    indicators: list[str] = field(default_factory=list)
    sections: list[tuple[str, str, list[str]]] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    leaves: int = 0

    def indicator(self, code: str, title: str, kind: str, extra: str = "") -> str:
        self.indicators.append(f'  - {{code: {code}, title: "{title}", type: {kind}{extra}}}')
        self.kinds[code] = kind
        return code


def _narrative(fact: str, threshold: str, good: str, bad: str) -> str:
    return (
        "\n        narrative:\n"
        f'          - {{column: good, when: "{fact} >= {threshold}", text: "{good}"}}\n'
        f'          - {{column: not_good, text: "{bad}"}}'
    )


def framework_spec() -> Spec:
    spec = Spec()
    spec.indicator("regulations", "Quy định nội bộ đã ban hành", "items", _choices(ITEMS))
    spec.indicator("role", "Vai trò trong Ban chỉ đạo", "category", _choices(ROLES))
    spec.indicator("monthly_reports", "Báo cáo tháng về ứng dụng CNTT", "reports")
    spec.indicator("frequency_licensed", "Đăng ký tần số đúng quy định", "boolean")
    spec.indicator("council", "Điểm hội đồng chấm", "score")
    spec.indicator("penalties", "Điểm trừ", "adjustments")
    sections: list[tuple[str, str, list[str]]] = []
    for number, title in enumerate(
        ("Hạ tầng kỹ thuật", "Ứng dụng nội bộ", "Dịch vụ công trực tuyến", "Nhân lực", "An toàn thông tin"), 1
    ):
        sections.append((str(number), title, [_leaf(spec, f"{number}.{index}", index) for index in range(1, 11)]))
    sections.append(("6", "Chỉ đạo và báo cáo", _reporting_leaves(spec)))
    sections.append(("7", "Tiêu chí riêng theo khối", _group_leaves(spec)))
    spec.sections = sections
    spec.leaves = sum(len(children) for _code, _title, children in sections)
    return spec


def _choices(codes: tuple[str, ...]) -> str:
    return ", choices: [" + ", ".join(f'{{code: {code}, title: "{code}"}}' for code in codes) + "]"


def _leaf(spec: Spec, code: str, index: int) -> str:
    """One leaf, its rule chosen by its place so that every section mixes the simple rule types."""
    key = code.replace(".", "_")
    head = f'      - code: "{code}"\n        title: "Tiêu chí {code}"\n        max: 10\n'
    kind = index % 10
    if kind in (1, 2):
        spec.indicator(f"r{key}", f"Tỷ lệ {code}", "ratio")
        rule = f"{{type: linear_rate, indicator: r{key}}}"
        story = _narrative("rate", "80", f"Tỷ lệ {code} đạt {{rate}}", f"Tỷ lệ {code} chỉ đạt {{rate}}")
        return head + f"        rule: {rule}" + story
    if kind == 3:
        spec.indicator(f"v{key}", f"Băng thông {code}", "number")
        scope = "all" if code.startswith("3") else "group"
        return head + f"        rule: {{type: normalized_to_best, indicator: v{key}, scope: {scope}}}"
    if kind in (4, 5):
        spec.indicator(f"b{key}", f"Đã triển khai {code}", "boolean")
        story = (
            "\n        narrative:\n"
            f'          - {{column: good, when: "value", text: "Đã triển khai {code}"}}\n'
            f'          - {{column: not_good, text: "Chưa triển khai {code}"}}'
        )
        return head + f"        rule: {{type: yes_no, indicator: b{key}}}" + story
    if kind == 6:
        spec.indicator(f"c{key}", f"Số cuộc họp {code}", "count")
        steps = "[{at_least: 12, points: 10}, {at_least: 6, points: 6}, {at_least: 1, points: 2}]"
        return head + f"        rule: {{type: step_table, indicator: c{key}, steps: {steps}, otherwise: 0}}"
    if kind == 7:
        spec.indicator(f"s{key}", f"Chỉ số hài lòng {code}", "number", ", max: 100")
        return head + f"        rule: {{type: survey, indicator: s{key}, scale: 100}}"
    if kind == 8:
        first, second = spec.indicator(f"a{key}", f"Dự họp {code}", "boolean"), f"h{key}"
        spec.indicator(second, f"Chủ trì họp {code}", "boolean")
        rule = (
            f"{{type: additive, conditions: [{{indicator: {first}, points: 5, title: 'dự họp'}}, "
            f"{{indicator: {second}, points: 5, title: 'chủ trì họp'}}]}}"
        )
        story = '\n        narrative:\n          - {column: not_good, when: "unmet_count > 0", text: "Chưa {unmet}"}'
        return head + f"        rule: {rule}" + story
    if kind == 9:
        if code.startswith(("1", "3")):
            rule = (
                f"{{type: composite, parts: [{{title: 'Tỷ lệ', max: 6, rule: {{type: linear_rate, "
                f"indicator: r{key.replace('_9', '_1')}}}}}, {{title: 'Quy định', max: 4, rule: "
                f"{{type: counted_items, indicator: regulations, each: 1}}}}]}}"
            )
        elif code.startswith("2"):
            rule = "{type: categorical, indicator: role, fractions: {chair: 1, deputy: 0.5, none: 0}}"
        else:
            rule = (
                f"{{type: best_of, cases: [{{title: 'Theo tỷ lệ', parts: [{{title: 'Tỷ lệ', max: 10, rule: "
                f"{{type: linear_rate, indicator: r{key.replace('_9', '_2')}}}}}]}}, {{title: 'Theo quy định', "
                f"parts: [{{title: 'Quy định', max: 10, rule: {{type: counted_items, indicator: regulations, "
                f"each: 2}}}}]}}]}}"
            )
        return head + f"        rule: {rule}"
    # kind 0: the items every unit must issue
    story = (
        "\n        narrative:\n"
        '          - {column: good, when: "missing_count == 0", text: "Ban hành đủ {count} quy định"}\n'
        '          - {column: not_good, text: "Chưa ban hành {missing_count:02} quy định: {missing}"}'
    )
    return head + "        rule: {type: counted_items, indicator: regulations, each: 2, cap: 10}" + story


def _reporting_leaves(spec: Spec) -> list[str]:
    reporting = (
        '      - code: "6.1"\n        title: "Báo cáo định kỳ hàng tháng"\n        max: 10\n'
        "        rule: {type: periodic_reporting, indicator: monthly_reports, from_month: 1, to_month: 10, "
        "due_day: 5, mode: deductions, late: 0.5, missing: 1, floor: 0}\n"
        "        narrative:\n"
        '          - {column: good, when: "late_count == 0 and missing_count == 0", '
        'text: "Đảm bảo chế độ báo cáo định kỳ"}\n'
        '          - column: not_good\n            text: "Chưa đảm bảo chế độ báo cáo định kỳ: {parts}"\n'
        "            parts:\n"
        '              - {when: "late_count > 0", text: "báo cáo trễ {late_months}"}\n'
        '              - {when: "missing_count > 0", text: "không báo cáo {missing_months}"}'
    )
    substitute = (
        '      - code: "6.1T"\n        title: "Đăng ký tần số (thay tiêu chí 6.1)"\n        max: 10\n'
        f'        substitute: {{replaces: "6.1", units: [{BROADCASTER}]}}\n'
        "        rule: {type: yes_no, indicator: frequency_licensed}"
    )
    manual = (
        '      - code: "6.2"\n        title: "Đánh giá của hội đồng"\n        max: 10\n'
        "        rule: {type: manual, indicator: council}"
    )
    deductions = (
        '      - code: "6.3"\n        title: "Điểm trừ"\n        max: 0\n        min: -5\n'
        "        rule: {type: adjustments, indicator: penalties, min: -5, max: 0}\n"
        '        narrative:\n          - {column: not_good, when: "count > 0", '
        'text: "Bị trừ {deductions} điểm: {deduction_reasons}"}'
    )
    return [reporting, substitute, manual, deductions]


def _group_leaves(spec: Spec) -> list[str]:
    leaves = []
    for index in range(1, 7):
        group = "so-nganh" if index <= 3 else "xa"
        code = f"7.{index}"
        key = code.replace(".", "_")
        spec.indicator(f"r{key}", f"Tỷ lệ riêng {code}", "ratio")
        leaves.append(
            f'      - code: "{code}"\n        title: "Tiêu chí riêng {code}"\n        max: 5\n'
            f"        applies_to: [{group}]\n        rule: {{type: linear_rate, indicator: r{key}}}"
        )
    return leaves


def framework_yaml() -> str:
    spec = framework_spec()
    criteria = []
    total = 0
    for code, title, children in spec.sections:
        maxima = [_max_of(child) for child in children if "substitute:" not in child]
        total += sum(maxima)
        criteria.append(
            f'  - code: "{code}"\n    title: "{title}"\n    max: {sum(maxima)}\n    children:\n' + "\n".join(children)
        )
    groups = "\n".join(f'  - {{code: {code}, name: "{name}"}}' for code, name, _share in GROUPS)
    return f"""format: 1
kind: framework
code: bench-ung-dung-cntt
version: "{YEAR}"
title: "Bộ tiêu chí đánh giá mức độ ứng dụng CNTT (thử tốc độ, 60 tiêu chí)"
decision: {{number: "1/QĐ-BENCH", date: {YEAR}-01-15, issuer: "Sở Khoa học và Công nghệ"}}
max_points: {total}
rounding: {{at: total, places: 2, mode: half_up, percent_places: 2}}
groups:
{groups}
grading:
  basis: percent
  bands:
    - {{grade: "Xuất sắc", from: 90, to: 100}}
    - {{grade: "Tốt", from: 75, below: 90}}
    - {{grade: "Khá", from: 60, below: 75}}
    - {{grade: "Trung bình", from: 45, below: 60}}
    - {{grade: "Yếu", below: 45}}
indicators:
{chr(10).join(spec.indicators)}
criteria:
{chr(10).join(criteria)}
"""


def _max_of(leaf: str) -> int:
    return int(leaf.split("max: ", 1)[1].split("\n", 1)[0])


# ---------------------------------------------------------------------------------------------- units


def unit_specs(size: int, seed: int = SEED) -> list[tuple[str, str, str]]:
    """(code, name, group) of `size` units; the first is the broadcaster of the substitute criterion."""
    rng = random.Random(seed)
    specs = [(BROADCASTER, "Đài Phát thanh - Truyền hình", "so-nganh")]
    weights = [share for _code, _name, share in GROUPS]
    for index in range(1, size):
        group = rng.choices([code for code, _name, _share in GROUPS], weights=weights)[0]
        kind = {"so-nganh": "Sở", "huyen": "UBND huyện", "xa": "UBND xã"}[group]
        specs.append((f"U{index:05d}", f"{kind} số {index:05d}", group))
    return specs


def unit_facts(kinds: dict[str, str], code: str, rng: random.Random) -> dict[str, object]:
    """One unit's facts in the plain shape (what a file holds and `facts.read_value` reads)."""
    facts: dict[str, object] = {}
    for indicator, kind in kinds.items():
        if kind == "ratio":
            staff = rng.randint(20, 400)
            facts[indicator] = {"numerator": rng.randint(staff // 3, staff), "denominator": staff}
        elif kind == "number":
            facts[indicator] = Decimal(rng.randint(0, 1000)) / 10
        elif kind == "count":
            facts[indicator] = rng.randint(0, 15)
        elif kind == "boolean" and indicator != "frequency_licensed":
            facts[indicator] = rng.random() < 0.8
    facts["regulations"] = sorted(rng.sample(ITEMS, rng.randint(0, len(ITEMS))))
    facts["role"] = rng.choice(ROLES)
    facts["council"] = {"points": Decimal(rng.randint(40, 100)) / 10, "reason": "Hội đồng chấm"}
    if rng.random() < 0.1:
        facts["penalties"] = [{"points": Decimal(-1), "reason": "Để lộ thông tin trên cổng"}]
    if code == BROADCASTER:
        facts["frequency_licensed"] = True
    return facts


def received_times(rng: random.Random) -> dict[int, datetime.datetime]:
    """The months reported and when: a few not at all, some after the due day (5th of the next month)."""
    received = {}
    for month in range(1, 11):
        fate = rng.random()
        if fate < 0.08:
            continue
        days = rng.randint(1, 21) if fate < 0.2 else -rng.randint(0, 4)
        due = datetime.date(YEAR, month + 1, 5)
        day = due + datetime.timedelta(days=days)
        received[month] = datetime.datetime(day.year, day.month, day.day, 9, 30, tzinfo=LOCAL)
    return received


def evaluation_yaml(size: int, seed: int = SEED) -> str:
    """The evaluation file of `size` units (its framework is `framework.yaml` beside it)."""
    spec = framework_spec()
    rng = random.Random(seed)
    lines = [
        "format: 1",
        "kind: evaluation",
        "framework: framework.yaml",
        f"period: {{year: {YEAR}, title: 'Đánh giá năm {YEAR}', as_of: {YEAR}-12-31}}",
        "units:",
    ]
    for code, name, group in unit_specs(size, seed):
        facts = unit_facts(spec.kinds, code, rng)
        lines += [f"  - code: {code}", f'    name: "{name}"', f"    group: {group}", "    facts:"]
        for indicator, value in facts.items():
            lines.append(f"      {indicator}: {_yaml(value)}")
        stamps = ", ".join(f"{month}: {stamp.isoformat(sep=' ')}" for month, stamp in received_times(rng).items())
        lines.append(f"      monthly_reports: {{received: {{{stamps}}}}}")
    return "\n".join(lines) + "\n"


def _yaml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_yaml(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
