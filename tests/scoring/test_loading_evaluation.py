"""Evaluation files: every problem found, located (file, line, unit) and explained in Vietnamese.

The files live in `files/evaluation/` and are scored under `files/evaluation/framework.yaml`
(one indicator of each type). `# !key` at the end of a line marks where a problem with that key
must be reported. File names are shown relative to `files/`, as `display_root` asks.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from govscore.examples import __file__ as examples_init
from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Ratio, Reports, Score

ROOT = Path(__file__).parent / "files"
FILES = ROOT / "evaluation"
EXAMPLE = Path(examples_init).parent / "dongnai-2012" / "evaluation.yaml"
MARK = re.compile(r"#\s*!([a-z_]+\.[a-z_]+)")
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")

HEAD = """format: 1
kind: evaluation
framework: framework.yaml
period: {year: 2024, as_of: 2024-12-31}
units:
  - code: SKHCN
    name: "Sở Khoa học và Công nghệ"
    group: so
"""


def marks(text: str) -> list[tuple[str, int]]:
    """(key, line) of every `# !key` mark, in line order."""
    return [
        (match.group(1), number) for number, line in enumerate(text.splitlines(), 1) for match in MARK.finditer(line)
    ]


def problems_of(path: Path, root: Path | None = ROOT) -> list[Problem]:
    with pytest.raises(ValidationFailed) as caught:
        load_evaluation(path, root)
    assert caught.value.problems, "ValidationFailed must carry its problems"
    return caught.value.problems


def assert_explained(problem: Problem, *names: str) -> None:
    """The rendered message is Vietnamese, differs from the English one and names what is wrong."""
    message = problem.render("vi")
    assert VIETNAMESE & set(message.lower()), message
    assert problem.message("vi") != problem.message("en")
    for name in names:
        assert name in message, (name, message)


def written(tmp_path: Path, text: str) -> Path:
    """An evaluation file in tmp_path, beside a copy of the shared framework."""
    shutil.copy(FILES / "framework.yaml", tmp_path / "framework.yaml")
    path = tmp_path / "evaluation.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- files that load ---------------------------------------------------------------------------


def test_it_loads_the_bundled_example_without_problems():
    evaluation = load_evaluation(EXAMPLE)
    assert evaluation.framework.code == "dongnai-ud-cntt-so-nganh"
    assert evaluation.period.year == 2012
    assert len(evaluation.units) == 20
    first = evaluation.units[0]
    assert (first.code, first.group) == ("SKHCN", "so-nganh")
    assert first.facts["email_accounts"] == Ratio(percent=Decimal(97))
    assert first.published is not None
    assert (first.published.total, first.published.grade) == (Decimal(217), "A+")


def test_it_loads_the_complete_fixture_with_every_kind_of_fact():
    evaluation = load_evaluation(FILES / "valid.yaml", ROOT)
    first, second = evaluation.units
    assert first.facts["email"] == Ratio(Decimal(45), Decimal(50))
    assert first.facts["meetings"] == Decimal(5)
    assert first.facts["regulations"] == ("attt", "thu_dien_tu")
    assert first.facts["monthly_reports"] == Reports(late=(2,), missing=(7,), statuses_given=True)
    assert first.facts["council"] == Score(
        Decimal(40), "Hội đồng chấm theo biên bản họp ngày 05/01/2025", "Hội đồng đánh giá"
    )
    assert first.overrides["3"].points == Decimal(2)
    assert first.published is not None
    assert first.published.criteria == {"1": Decimal(19), "2": Decimal(4)}
    assert second.not_applicable == {"4": "Năm 2024 không tổ chức khảo sát ở cấp huyện"}
    assert second.active_months == (1, 2, 3, 4, 5, 6)
    assert sorted(second.facts["monthly_reports"].received) == [1, 2]
    assert "meetings" not in second.facts  # `~` is no data
    assert evaluation.organisation.short_name == "Sở TTTT"
    assert evaluation.publication.letter_number == "12/STTTT"


# --- one problem per file, located and explained --------------------------------------------------

# (file, key, subject, file the problem is in (relative to files/), names the message must mention)
CASES = [
    ("fact-unknown.yaml", "fact.unknown", "SKHCN", None, ("emails", "email")),
    ("fact-type.yaml", "value.type", "SKHCN", None, ("Đã kết nối mạng", "true/false", "'có'")),
    ("fact-item-unknown.yaml", "value.choice", "SKHCN", None, ("Quy định đã ban hành", "quy_che_noi_bo", "attt")),
    ("fact-month.yaml", "value.month", "SKHCN", None, ("Báo cáo tháng", "13")),
    ("fact-month-received.yaml", "value.month", "SKHCN", None, ("Báo cáo tháng", "13")),
    ("active-months.yaml", "field.month", "SKHCN", None, ("active_months", "tháng 0")),
    ("manual-without-reason.yaml", "value.reason_required", "SKHCN", None, ("Điểm hội đồng chấm", "lý do")),
    ("adjustment-without-reason.yaml", "value.reason_required", "SKHCN", None, ("Điểm trừ", "lý do")),
    ("override-without-reason.yaml", "fact.reason_required", "SKHCN", None, ("1.1", "reason")),
    ("override-range.yaml", "field.range", "SKHCN", None, ("1.1", "0", "10", "12")),
    ("manual-range.yaml", "field.range", "SKHCN", None, ("council", "0", "50", "55")),
    ("fact-decimal-comma.yaml", "yaml.decimal_comma", "SKHCN", None, ("87,5", "87.5", "dấu chấm")),
    ("override-unknown-criterion.yaml", "criterion.unknown", "SKHCN", None, ("9.9",)),
    ("not-applicable-unknown.yaml", "criterion.unknown", "SKHCN", None, ("'8'",)),
    ("not-applicable-without-reason.yaml", "fact.reason_required", "SKHCN", None, ("'4'", "reason")),
    ("group-unknown.yaml", "group.unknown", "SKHCN", None, ("so-nganh", "groups")),
    ("unit-duplicate.yaml", "unit.duplicate", "SKHCN", None, ("SKHCN",)),
    ("framework-missing.yaml", "framework.not_found", "", None, ("khong-co.yaml",)),
    ("kind-wrong.yaml", "kind.wrong", "", None, ("framework", "evaluation")),
    ("format-version.yaml", "format.version", "", None, ("format",)),
    ("substitute-unknown-unit.yaml", "substitute.unknown_unit", "1T", "framework-substitute.yaml", ("1T", "DPTTH")),
]


@pytest.mark.parametrize(("name", "key", "subject", "where", "mentions"), CASES, ids=[case[0] for case in CASES])
def test_it_locates_and_explains_each_problem_of_an_evaluation_file(name, key, subject, where, mentions):
    marked = FILES / (where or name)
    ((_key, line),) = [mark for mark in marks(marked.read_text(encoding="utf-8")) if mark[0] == key]
    problems = problems_of(FILES / name)
    found = [problem for problem in problems if problem.key == key]
    assert [problem.location.line for problem in found] == [line], [problem.render() for problem in problems]
    (problem,) = found
    assert problem.location.file == f"evaluation/{where or name}"
    assert problem.subject == subject
    assert_explained(problem, *mentions)


@pytest.mark.parametrize("name", [case[0] for case in CASES if case[3] is None])
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
    assert {problem.subject for problem in problems} == {"SKHCN", "BDT"}
    assert all(problem.location.file == "evaluation/several-problems.yaml" for problem in problems)


# --- more problems, written to tmp_path -----------------------------------------------------------

# (id, text after the first unit's `group: so` line, with a `# !key` mark; names the message must mention)
UNIT_EDITS = [
    (
        "ratio with other keys",
        "    facts:\n      email: {numerator: 45, total: 50}  # !value.type",
        ("CBCC có hộp thư", "numerator"),
    ),
    (
        "ratio with only a numerator",
        "    facts:\n      email: {numerator: 45}  # !value.ratio_numerator_only",
        ("mẫu số",),
    ),
    ("negative ratio", "    facts:\n      email: {percent: -5}  # !value.negative", ("CBCC có hộp thư", "-5")),
    ("count with a fraction", "    facts:\n      meetings: 2.5  # !value.type", ("Số cuộc họp", "số nguyên", "2,5")),
    ("number above its max", "    facts:\n      satisfaction: 120  # !value.range", ("Chỉ số hài lòng", "100", "120")),
    (
        "count of more than 15 digits",
        "    facts:\n      meetings: 1000000000000000  # !value.too_large",
        ("Số cuộc họp", "quá lớn", "15 chữ số"),
    ),
    (
        "ratio part of more than 15 digits",
        "    facts:\n      email: {numerator: 1, denominator: 99999999999999999999.5}  # !value.too_large",
        ("CBCC có hộp thư", "quá lớn"),
    ),
    (
        "category outside its choices",
        "    facts:\n      staff_term: CBVC  # !value.choice",
        ("Cách gọi đội ngũ", "CBVC", "CBCC; CBCCVC"),
    ),
    ("items not a list", "    facts:\n      regulations: attt  # !value.type", ("Quy định đã ban hành", "danh sách")),
    ("text given a number", "    facts:\n      remark: 12  # !value.type", ("Ghi chú", "chuỗi")),
    (
        "reports with other keys",
        "    facts:\n      monthly_reports: {late: [1], overdue: [2]}  # !value.type",
        ("Báo cáo tháng",),
    ),
    (
        "received date without time",
        "    facts:\n      monthly_reports:\n        received:\n          1: 2024-02-03  # !value.type",
        ("Báo cáo tháng", "HH:MM:SS"),
    ),
    (
        "score without points",
        '    facts:\n      council: {reason: "Hội đồng chấm"}  # !value.type',
        ("Điểm hội đồng chấm", "một số"),
    ),
    (
        "adjustments not a list",
        '    facts:\n      penalties: {points: -1, reason: "Trễ"}  # !value.type',
        ("Điểm trừ",),
    ),
    ("override not a mapping", '    overrides:\n      "1.1": 5  # !field.type', ("1.1", "points")),
    (
        "override of a parent criterion",
        '    overrides:\n      "1": {points: 5, reason: "Điều chỉnh"}  # !criterion.unknown',
        ("'1'",),
    ),
    ("facts not a mapping", "    facts: [connected]  # !field.type", ("facts",)),
    ("unknown published field", "    published: {total: 80, remark: x}  # !field.unknown", ("remark", "total")),
    ("published good not a list", '    published: {good: "Tốt"}  # !field.type', ("good",)),
    ("published rank negative", "    published: {rank: -1}  # !field.range", ("rank", "-1")),
]


@pytest.mark.parametrize(("extra", "mentions"), [edit[1:] for edit in UNIT_EDITS], ids=[edit[0] for edit in UNIT_EDITS])
def test_it_locates_and_explains_more_unit_problems(tmp_path, extra, mentions):
    path = written(tmp_path, HEAD + extra + "\n")
    ((key, line),) = marks(path.read_text(encoding="utf-8"))
    problems = problems_of(path, tmp_path)
    assert [(problem.key, problem.location.line) for problem in problems] == [(key, line)], [
        p.render() for p in problems
    ]
    (problem,) = problems
    assert (problem.location.file, problem.subject) == ("evaluation.yaml", "SKHCN")
    assert_explained(problem, *mentions)


# (id, whole file with one `# !key` mark, names the message must mention)
FILE_EDITS = [
    (
        "year out of range",
        HEAD.replace("{year: 2024, as_of: 2024-12-31}", "{year: 12}  # !field.range"),
        ("year", "12"),
    ),
    (
        "as_of written as text",
        HEAD.replace("as_of: 2024-12-31}", 'as_of: "31/12/2024"}  # !field.type'),
        ("as_of", "YYYY-MM-DD"),
    ),
    ("unknown top-level field", HEAD + "evaluator: Sở TTTT  # !field.unknown\n", ("evaluator", "publication")),
    ("unknown organisation field", HEAD + "organisation: {name: Sở TTTT, phone: 1}  # !field.unknown\n", ("phone",)),
    ("publication date as text", HEAD + 'publication: {date: "07/12/2012"}  # !field.type\n', ("date",)),
    (
        "no units",
        "format: 1\nkind: evaluation\nframework: framework.yaml\nperiod: {year: 2024}\nunits: []  # !field.required\n",
        ("units",),
    ),
    (
        "unit without name",
        HEAD.replace('    name: "Sở Khoa học và Công nghệ"\n', "").replace(
            "  - code: SKHCN", "  - code: SKHCN  # !field.required"
        ),
        ("name",),
    ),
    (
        "YAML syntax error",
        HEAD + "    facts:\n      connected: true\n     email: {percent: 90}  # !yaml.syntax\n",
        ("YAML",),
    ),
]


@pytest.mark.parametrize(("text", "mentions"), [edit[1:] for edit in FILE_EDITS], ids=[edit[0] for edit in FILE_EDITS])
def test_it_locates_and_explains_more_file_problems(tmp_path, text, mentions):
    path = written(tmp_path, text)
    ((key, line),) = marks(text)
    problems = problems_of(path, tmp_path)
    found = [problem for problem in problems if problem.key == key]
    assert [problem.location.line for problem in found] == [line], [p.render() for p in problems]
    (problem,) = found
    assert problem.location.file == "evaluation.yaml"
    assert_explained(problem, *mentions)


def test_it_reports_a_missing_evaluation_file():
    (problem,) = problems_of(FILES / "khong-co.yaml")
    assert (problem.key, problem.location.file, problem.location.line) == (
        "file.missing",
        "evaluation/khong-co.yaml",
        None,
    )
    assert_explained(problem, "khong-co.yaml")


def test_it_reports_an_evaluation_without_a_framework(tmp_path):
    path = written(tmp_path, HEAD.replace("framework: framework.yaml\n", ""))
    (problem,) = problems_of(path, tmp_path)
    assert (problem.key, problem.location.line) == ("field.required", None)
    assert_explained(problem, "framework")


def test_it_reports_the_problems_of_the_framework_an_evaluation_names(tmp_path):
    shutil.copy(ROOT / "framework" / "bands-gap.yaml", tmp_path / "bands-gap.yaml")
    path = tmp_path / "evaluation.yaml"
    path.write_text(HEAD.replace("framework.yaml", "bands-gap.yaml"), encoding="utf-8")
    (problem,) = problems_of(path, tmp_path)
    assert (problem.key, problem.location.file, problem.location.line) == ("bands.gap", "bands-gap.yaml", 14)


def test_it_shows_full_paths_without_a_display_root():
    path = FILES / "fact-unknown.yaml"
    (problem,) = problems_of(path, None)
    assert problem.location.file == str(path)


# --- bugs found while writing these tests -------------------------------------------------------


def test_it_reports_an_unknown_unit_field_once(tmp_path):
    path = written(tmp_path, HEAD + "    email: {percent: 90}\n")
    problems = problems_of(path, tmp_path)
    assert [(problem.key, problem.subject) for problem in problems] == [("field.unknown", "SKHCN")]


def test_it_rejects_reports_mixing_received_times_and_statuses(tmp_path):
    path = written(
        tmp_path,
        HEAD + "    facts:\n      monthly_reports: {late: [1, 13], received: {2: 2024-03-01 08:00:00+07:00}}\n",
    )
    assert [problem.key for problem in problems_of(path, tmp_path)] == ["value.type"]


@pytest.mark.parametrize("criteria", ['{"1": "mười chín"}', "[19, 4]"])
def test_it_reports_published_criterion_points_that_are_not_numbers(tmp_path, criteria):
    path = written(tmp_path, HEAD + f"    published: {{total: 23, criteria: {criteria}}}\n")
    (problem,) = problems_of(path, tmp_path)
    assert problem.key == "field.type"


def test_it_reports_the_problems_of_both_files_at_once(tmp_path):
    shutil.copy(ROOT / "framework" / "bands-gap.yaml", tmp_path / "bands-gap.yaml")
    path = tmp_path / "evaluation.yaml"
    path.write_text(HEAD.replace("framework.yaml", "bands-gap.yaml") + "    facts: {emails: 1}\n", encoding="utf-8")
    keys = sorted(problem.key for problem in problems_of(path, tmp_path))
    assert keys == ["bands.gap", "fact.unknown"]
