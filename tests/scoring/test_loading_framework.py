"""Framework files: every problem found, located (file, line, criterion) and explained in Vietnamese.

The broken files live in `files/framework/`; each is the small valid framework `valid.yaml` with
something wrong, and `# !key` at the end of a line marks where a problem with that key must be
reported. The edits in EDITS make further broken copies of `valid.yaml` in `tmp_path`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from govscore.examples import __file__ as examples_init
from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.loading.framework_file import load_framework
from govscore.scoring.narrative import Template
from govscore.scoring.rules.registry import RULE_TYPES

FILES = Path(__file__).parent / "files" / "framework"
VALID = FILES / "valid.yaml"
EXAMPLE = Path(examples_init).parent / "dongnai-2012" / "framework.yaml"
MARK = re.compile(r"#\s*!([a-z_]+\.[a-z_]+)")
# Letters found in Vietnamese and in neither English nor the YAML names the messages quote.
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def marks(text: str) -> list[tuple[str, int]]:
    """(key, line) of every `# !key` mark, in line order."""
    return [
        (match.group(1), number) for number, line in enumerate(text.splitlines(), 1) for match in MARK.finditer(line)
    ]


def problems_of(path: Path, display_name: str | None = None) -> list[Problem]:
    with pytest.raises(ValidationFailed) as caught:
        load_framework(path, display_name)
    assert caught.value.problems, "ValidationFailed must carry its problems"
    return caught.value.problems


def assert_explained(problem: Problem, *names: str) -> None:
    """The rendered message is Vietnamese, differs from the English one and names what is wrong."""
    message = problem.render("vi")
    assert VIETNAMESE & set(message.lower()), message
    assert problem.message("vi") != problem.message("en")
    for name in names:
        assert name in message, (name, message)


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = VALID.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in valid.yaml"
    path = tmp_path / "framework.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --- files that load ---------------------------------------------------------------------------


def test_it_loads_the_bundled_example_without_problems():
    framework = load_framework(EXAMPLE)
    assert (framework.code, framework.version, framework.max_points) == (
        "dongnai-ud-cntt-so-nganh",
        "2012",
        Decimal(220),
    )
    assert [c.code for c in framework.walk()] == ["1", "1.1", "1.2", "2", "3", "4", "4T", "5"]
    assert [band.grade for band in framework.grading.bands] == ["A+", "A", "B", "C"]
    assert framework.criterion("4T").substitute is not None
    assert framework.criterion("4T").substitute.units == ("DPTTH",)


@pytest.mark.parametrize("name", ["valid.yaml", "all-rules.yaml"])
def test_it_loads_the_valid_fixtures_without_problems(name):
    framework = load_framework(FILES / name)
    assert framework.criteria


def test_it_loads_every_rule_type_with_its_parameters_from_the_complete_fixture():
    framework = load_framework(FILES / "all-rules.yaml")
    used = {criterion.rule.type_name for criterion in framework.walk() if criterion.rule is not None}
    assert used == set(RULE_TYPES)
    assert framework.rounding.at == "criterion"
    assert framework.rounding.mode == "half_even"
    assert framework.grading.basis == "percent"
    assert framework.version == "2024"  # an unquoted number is read as text
    assert framework.criterion("4.1").applies_to == ("so",)
    assert framework.criterion("7").min_points == Decimal(-5)


# --- one problem per file, located and explained --------------------------------------------------

# (file, key, subjects in line order, names the Vietnamese message must mention)
CASES = [
    ("yaml-syntax.yaml", "yaml.syntax", ("",), ("YAML",)),
    ("rule-unknown.yaml", "rule.unknown", ("2",), ("linear_rat", "linear_rate")),
    ("rule-param-unknown.yaml", "rule.param_unknown", ("1",), ("yes_no", "points", "indicator, no, yes")),
    ("rule-param-type.yaml", "field.type", ("2",), ("target_percent", "tám mươi")),
    ("indicator-unknown.yaml", "indicator.unknown", ("1",), ("network",)),
    ("indicator-type.yaml", "indicator.type", ("2",), ("connected", "boolean", "ratio")),
    ("criterion-duplicate.yaml", "code.duplicate", ("2",), ("'2'", "dòng 23")),
    ("indicator-duplicate.yaml", "code.duplicate", ("",), ("email", "dòng 17")),
    ("max-sum.yaml", "max.sum", ("1",), ("'1'", "20", "15")),
    ("max-framework-sum.yaml", "max.framework_sum", ("",), ("25", "20")),
    ("max-rule-exceeds.yaml", "max.rule_exceeds", ("1",), ("'1'", "15", "10")),
    ("bands-gap.yaml", "bands.gap", ("",), ("(10; 12)", "'A'", "'B'")),
    ("bands-overlap.yaml", "bands.overlap", ("",), ("10", "'A'", "'B'")),
    ("bands-bound.yaml", "bands.bound", ("",), ("from", "above")),
    ("template-unknown-fact.yaml", "template.unknown_fact", ("2",), ("percent", "linear_rate", "rate")),
    ("template-unknown-indicator.yaml", "indicator.unknown", ("2",), ("staff_term",)),
    ("condition-syntax.yaml", "condition.syntax", ("2",), ("rate >=",)),
    ("substitute-unknown-criterion.yaml", "substitute.unknown_criterion", ("2T",), ("2T", "'3'")),
    ("substitute-cycle.yaml", "substitute.cycle", ("1T", "2T"), ("1T → 2T", "→ 1T")),
    ("leaf-without-rule.yaml", "rule.leaf_needs_rule", ("2",), ("'2'", "rule")),
    ("parent-with-rule.yaml", "rule.parent_has_rule", ("1",), ("'1'", "rule")),
    ("format-version.yaml", "format.version", ("",), ("format", "2")),
    ("kind-wrong.yaml", "kind.wrong", ("",), ("evaluation", "framework")),
]


@pytest.mark.parametrize(("name", "key", "subjects", "mentions"), CASES, ids=[case[0] for case in CASES])
def test_it_locates_and_explains_each_problem_of_a_framework_file(name, key, subjects, mentions):
    path = FILES / name
    lines = [line for mark_key, line in marks(path.read_text(encoding="utf-8")) if mark_key == key]
    assert len(lines) == len(subjects), "the fixture marks one line per expected problem"
    found = sorted((problem for problem in problems_of(path) if problem.key == key), key=lambda p: p.location.line or 0)
    assert [problem.location.line for problem in found] == lines
    assert [problem.subject for problem in found] == list(subjects)
    for problem in found:
        assert problem.location.file == str(path)
        assert_explained(problem, *mentions)


KNOWN_EXTRA: dict[str, pytest.MarkDecorator] = {}


@pytest.mark.parametrize(
    "name", [pytest.param(case[0], marks=KNOWN_EXTRA[case[0]]) if case[0] in KNOWN_EXTRA else case[0] for case in CASES]
)
def test_it_reports_nothing_but_the_marked_problems(name):
    path = FILES / name
    reported = sorted((problem.key, problem.location.line) for problem in problems_of(path))
    assert reported == sorted(marks(path.read_text(encoding="utf-8")))


def test_it_reports_every_problem_of_a_file_not_only_the_first():
    path = FILES / "several-problems.yaml"
    expected = marks(path.read_text(encoding="utf-8"))
    assert len(expected) >= 8
    problems = problems_of(path)
    assert sorted((problem.key, problem.location.line) for problem in problems) == sorted(expected)
    assert all(problem.location.file == str(path) for problem in problems)


# --- more problems, made by editing valid.yaml --------------------------------------------------

# (id, text in valid.yaml, replacement with a `# !key` mark, subject, names the message must mention)
EDITS = [
    (
        "unknown top-level field",
        "max_points: 20\n",
        "max_points: 20\nmax_point: 20  # !field.unknown\n",
        "",
        ("max_point", "max_points"),
    ),
    (
        "unknown indicator field",
        '{code: email, title: "Tỷ lệ hộp thư", type: ratio}',
        '{code: email, title: "Tỷ lệ hộp thư", type: ratio, kind: ratio}  # !field.unknown',
        "",
        ("kind", "code, description"),
    ),
    (
        "missing type",
        "{type: yes_no, indicator: connected}",
        "{indicator: connected}  # !field.required",
        "1",
        ("type",),
    ),
    ("negative max_points", "max_points: 20", "max_points: -20  # !field.negative", "", ("max_points", "-20")),
    (
        "bad rounding mode",
        "max_points: 20\n",
        "max_points: 20\nrounding: {mode: bankers}  # !field.choice\n",
        "",
        ("mode", "bankers", "half_even"),
    ),
    (
        "rounding places out of range",
        "max_points: 20\n",
        "max_points: 20\nrounding: {places: 9}  # !field.range\n",
        "",
        ("places", "9"),
    ),
    ("bad grading basis", "grading:\n", "grading:\n  basis: score  # !field.choice\n", "", ("basis", "percent")),
    ("bad indicator type", "type: ratio}", "type: percentage}  # !field.choice", "", ("type", "percentage")),
    (
        "category without choices",
        '{code: email, title: "Tỷ lệ hộp thư", type: ratio}',
        '{code: email, title: "Tỷ lệ hộp thư", type: ratio}\n'
        '  - {code: role, title: "Vai trò", type: category}  # !field.required',
        "",
        ("choices",),
    ),
    (
        "band empty interval",
        "{grade: A, from: 10}",
        "{grade: A, from: 10, to: 20}\n    - {grade: X, from: 5, below: 5}  # !bands.empty_interval",
        "",
        ("'X'",),
    ),
    (
        "band declared twice",
        "{grade: B, below: 10}",
        "{grade: B, below: 10}\n    - {grade: B, above: 30}  # !bands.duplicate",
        "",
        ("'B'",),
    ),
    (
        "no bands",
        "  bands:\n    - {grade: A, from: 10}\n    - {grade: B, below: 10}\n",
        "  bands: []  # !field.required\n",
        "",
        ("bands",),
    ),
    (
        "unknown group in applies_to",
        "    max: 10\n    rule: {type: yes_no",
        "    max: 10\n    applies_to: [huyen]  # !group.unknown\n    rule: {type: yes_no",
        "1",
        ("huyen",),
    ),
    (
        "substitute max differs",
        "    rule: {type: linear_rate, indicator: email}",
        '    rule: {type: linear_rate, indicator: email}\n  - code: "2T"\n    title: "Thay thế"\n    max: 5\n'
        '    substitute: {replaces: "2", units: [BQL]}  # !substitute.max\n'
        "    rule: {type: yes_no, indicator: connected}",
        "2T",
        ("2T", "'2'", "5", "10"),
    ),
    (
        "narrative column",
        "    rule: {type: linear_rate, indicator: email}",
        "    rule: {type: linear_rate, indicator: email}\n"
        "    narrative:\n      - {column: bad, text: x}  # !field.choice",
        "2",
        ("column", "not_good"),
    ),
    (
        "fact named in a condition",
        "    rule: {type: linear_rate, indicator: email}",
        "    rule: {type: linear_rate, indicator: email}\n    narrative:\n"
        '      - {column: good, when: "ratio >= 80", text: "Tốt"}  # !template.unknown_fact',
        "2",
        ("ratio", "rate"),
    ),
    (
        "fact named in a part",
        "    rule: {type: linear_rate, indicator: email}",
        "    rule: {type: linear_rate, indicator: email}\n    narrative:\n"
        '      - column: not_good  # !template.unknown_fact\n        text: "Chưa tốt: {parts}"\n'
        '        parts:\n          - {when: "rate < 50", text: "còn {missing_count} hộp thư"}',
        "2",
        ("missing_count",),
    ),
    (
        "condition comparing two facts",
        "    rule: {type: linear_rate, indicator: email}",
        "    rule: {type: linear_rate, indicator: email}\n    narrative:\n"
        '      - {column: good, when: "points == max", text: "Đủ"}  # !condition.syntax',
        "2",
        ("points == max",),
    ),
    (
        "YAML duplicate key",
        "    max: 10\n    rule: {type: yes_no",
        "    max: 10\n    max: 5  # !yaml.syntax\n    rule: {type: yes_no",
        "",
        ("max",),
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "subject", "mentions"), [edit[1:] for edit in EDITS], ids=[edit[0] for edit in EDITS]
)
def test_it_locates_and_explains_more_problems(tmp_path, old, new, subject, mentions):
    path = edited(tmp_path, old, new)
    ((key, line),) = marks(path.read_text(encoding="utf-8"))
    problems = problems_of(path)
    found = [problem for problem in problems if problem.key == key]
    assert [problem.location.line for problem in found] == [line], [problem.render() for problem in problems]
    (problem,) = found
    assert problem.location.file == str(path)
    assert problem.subject == subject
    assert_explained(problem, *mentions)


def test_it_reports_a_missing_top_level_field_on_the_file(tmp_path):
    path = edited(tmp_path, 'title: "Bộ tiêu chí tối thiểu"\n', "")
    (problem,) = problems_of(path)
    assert (problem.key, problem.location.file, problem.location.line) == ("field.required", str(path), None)
    assert_explained(problem, "'title'")


def test_it_reports_a_file_that_is_not_a_mapping(tmp_path):
    path = tmp_path / "framework.yaml"
    path.write_text("- format: 1\n- kind: framework\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert (problem.key, problem.location.line) == ("file.not_mapping", None)
    assert_explained(problem, "tên: giá trị", "một danh sách")


def test_it_reports_a_categorical_fraction_outside_0_to_1(tmp_path):
    path = edited(
        tmp_path,
        '{code: email, title: "Tỷ lệ hộp thư", type: ratio}',
        '{code: email, title: "Tỷ lệ hộp thư", type: ratio}\n'
        '  - {code: role, title: "Vai trò", type: category, choices: [{code: chair, title: "Trưởng ban"}]}',
    )
    text = path.read_text(encoding="utf-8").replace(
        "rule: {type: yes_no, indicator: connected}",
        "rule:\n      type: categorical\n      indicator: role\n      fractions:\n        chair: 1.5  # !field.range",
    )
    path.write_text(text, encoding="utf-8")
    (problem,) = problems_of(path)
    assert (problem.key, problem.location.line, problem.subject) == ("field.range", marks(text)[0][1], "1")
    assert_explained(problem, "chair", "1,5")


def test_it_reports_a_missing_file():
    (problem,) = problems_of(FILES / "khong-co.yaml")
    assert problem.key == "file.missing"
    assert problem.location.line is None
    assert_explained(problem, "khong-co.yaml")


def test_it_names_the_file_as_told():
    (problem,) = problems_of(FILES / "kind-wrong.yaml", "bo-tieu-chi/kind-wrong.yaml")
    assert problem.location.file == "bo-tieu-chi/kind-wrong.yaml"
    assert problem.render("vi").startswith("bo-tieu-chi/kind-wrong.yaml:3: ")


# --- bugs found while writing these tests -------------------------------------------------------


def test_it_reports_a_band_with_from_and_above_once():
    problems = problems_of(FILES / "bands-bound.yaml")
    assert [problem.key for problem in problems] == ["bands.bound"]


def test_it_reports_an_unknown_criterion_field_once(tmp_path):
    path = edited(
        tmp_path, "    max: 10\n    rule: {type: yes_no", "    max: 10\n    weight: 2\n    rule: {type: yes_no"
    )
    problems = problems_of(path)
    assert [(problem.key, problem.subject) for problem in problems] == [("field.unknown", "1")]


def test_it_lists_every_valid_indicator_field_when_one_is_unknown(tmp_path):
    path = edited(tmp_path, "type: ratio}", "type: ratio, kind: ratio}")
    (problem,) = problems_of(path)
    assert "choices, code, description, max, min, share, title, type, unit" in problem.render("vi")


def test_it_reports_a_composite_part_whose_rule_exceeds_the_part_max(tmp_path):
    path = edited(
        tmp_path,
        "rule: {type: yes_no, indicator: connected}",
        "rule:\n      type: composite\n      parts:\n"
        '        - {title: "Kết nối", max: 5, rule: {type: yes_no, indicator: connected, "yes": 10}}'
        "  # !max.rule_exceeds\n"
        '        - {title: "Hộp thư", max: 5, rule: {type: linear_rate, indicator: email}}',
    )
    assert [problem.key for problem in problems_of(path)] == ["max.rule_exceeds"]


def test_it_reports_a_reporting_period_that_ends_before_it_starts(tmp_path):
    path = edited(
        tmp_path,
        "rule: {type: yes_no, indicator: connected}",
        "rule: {type: periodic_reporting, indicator: reports, from_month: 10, to_month: 3,"
        " due_day: 5, late: 1, missing: 1}",
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "type: boolean}", "type: boolean}\n  - {code: reports, title: B, type: reports}"
        )
    )
    problems_of(path)


@pytest.mark.parametrize(
    ("rule", "indicator_type"),
    [
        ("{type: periodic_reporting, indicator: extra, due_day: 5, late: 1, missing: 1, floor: 15}", "reports"),
        ("{type: adjustments, indicator: extra, min: 12}", "adjustments"),
        ("{type: manual, indicator: extra, min: 12}", "score"),
    ],
)
def test_it_reports_a_rule_whose_lowest_points_exceed_the_max(tmp_path, rule, indicator_type):
    path = edited(tmp_path, "rule: {type: yes_no, indicator: connected}", f"rule: {rule}")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "type: boolean}", f"type: boolean}}\n  - {{code: extra, title: X, type: {indicator_type}}}"
        )
    )
    assert [problem.key for problem in problems_of(path)] == ["min.rule_exceeds"]


def test_it_locates_a_bad_categorical_fraction_on_its_own_line(tmp_path):
    path = edited(
        tmp_path,
        '{code: email, title: "Tỷ lệ hộp thư", type: ratio}',
        '{code: email, title: "Tỷ lệ hộp thư", type: ratio}\n'
        '  - {code: role, title: "Vai trò", type: category,'
        " choices: [{code: chair, title: T}, {code: deputy, title: P}]}",
    )
    text = path.read_text(encoding="utf-8").replace(
        "rule: {type: yes_no, indicator: connected}",
        "rule:\n      type: categorical\n      indicator: role\n      fractions:\n"
        '        chair: 1\n        deputy: "một nửa"  # !field.type',
    )
    path.write_text(text, encoding="utf-8")
    (problem,) = problems_of(path)
    assert (problem.key, problem.location.line) == marks(text)[0]


@pytest.mark.parametrize("text", ["đạt {Rate}", "đạt {rate:2}", "đạt { rate }"])
def test_it_reports_a_malformed_placeholder(tmp_path, text):
    assert Template(text).names() == set()  # the placeholder is not recognised at all
    path = edited(
        tmp_path,
        "    rule: {type: linear_rate, indicator: email}",
        f'    rule: {{type: linear_rate, indicator: email}}\n    narrative:\n      - {{column: good, text: "{text}"}}',
    )
    assert [problem.key for problem in problems_of(path)] == ["template.syntax"]


def test_it_explains_a_format_given_as_text(tmp_path):
    path = edited(tmp_path, "format: 1\n", 'format: "1"\n')
    (problem,) = problems_of(path)
    assert problem.key == "format.version"
    assert "'1'" in problem.render("vi")
