"""The JSON Schemas of framework and evaluation files agree with the loaders and the documentation.

YAML gives dates and timestamps where JSON has strings: files are converted (dates to ISO text,
mapping keys to text) before they are validated, as an editor's YAML plug-in does.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from ruamel.yaml import YAML

from govscore.examples import __file__ as examples_init
from govscore.scoring.errors import ValidationFailed
from govscore.scoring.loading.evaluation_file import evaluation_from_data, load_evaluation
from govscore.scoring.loading.framework_file import framework_from_data, load_framework
from govscore.scoring.loading.yamlfile import parse_yaml_text
from govscore.scoring.rules.params import ParamReader, ParseContext
from govscore.scoring.rules.registry import RULE_TYPES
from govscore.scoring.source import Source

REPO = Path(__file__).parents[2]
SCHEMAS = REPO / "src" / "govscore" / "schemas"
EXAMPLE = Path(examples_init).parent / "dongnai-2012"
FILES = Path(__file__).parent / "files"
DOCS = REPO / "docs"
Validator = jsonschema.Draft202012Validator


def schema(kind: str) -> dict:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def jsonable(value: object) -> object:
    """YAML data as JSON would hold it: dates and timestamps as ISO text, keys as text."""
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    if isinstance(value, datetime.date):  # datetime.datetime too
        return value.isoformat()
    return value


def read(path: Path) -> object:
    return jsonable(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


def validator(kind: str, ref: str = "") -> jsonschema.protocols.Validator:
    """A validator for the whole schema, or for its part `#ref` (an $anchor)."""
    contents = schema(kind)
    if not ref:
        return Validator(contents, format_checker=Validator.FORMAT_CHECKER)
    registry = Registry().with_resource(contents["$id"], Resource.from_contents(contents))
    return Validator({"$ref": contents["$id"] + ref}, registry=registry, format_checker=Validator.FORMAT_CHECKER)


def errors(kind: str, data: object, ref: str = "") -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator(kind, ref).iter_errors(data)]


# --- the schemas themselves ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["framework", "evaluation"])
def test_it_ships_a_valid_draft_2020_12_schema_with_id_title_and_description(kind):
    contents = schema(kind)
    Validator.check_schema(contents)
    assert contents["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert contents["$id"] == f"urn:govscore:schema:{kind}:1"
    assert contents["title"] and contents["description"]
    for name, definition in contents["$defs"].items():
        assert definition.get("description"), name
        assert definition.get("$anchor"), name


def test_it_ships_the_schemas_with_the_package():
    import importlib.resources

    files = importlib.resources.files("govscore") / "schemas"
    assert files.joinpath("framework.schema.json").is_file()
    assert files.joinpath("evaluation.schema.json").is_file()


# --- files that are valid -----------------------------------------------------------------------

VALID = [
    ("framework", EXAMPLE / "framework.yaml"),
    ("evaluation", EXAMPLE / "evaluation.yaml"),
    ("framework", FILES / "framework" / "valid.yaml"),
    ("framework", FILES / "framework" / "all-rules.yaml"),
    ("framework", FILES / "evaluation" / "framework.yaml"),
    ("framework", FILES / "evaluation" / "framework-substitute.yaml"),
    ("evaluation", FILES / "evaluation" / "valid.yaml"),
]


@pytest.mark.parametrize(("kind", "path"), VALID, ids=[f"{path.parent.name}/{path.name}" for _kind, path in VALID])
def test_it_accepts_the_files_the_loaders_accept(kind, path):
    assert errors(kind, read(path)) == []


# --- the schemas know what the loaders know -----------------------------------------------------


def _parameters_read_by(rule_type: str) -> set[str]:
    """The parameter names a rule's parser reads (both modes of periodic_reporting)."""
    names: set[str] = set()
    for extra in ({}, {"mode": "per_period"}):
        reader = ParamReader(rule_type, {"type": rule_type, **extra}, (), ParseContext(Source("-"), {}, ""))
        RULE_TYPES[rule_type].parse(reader)  # type: ignore[attr-defined]
        names |= reader.seen
    return names


def test_it_describes_every_rule_type_and_nothing_else():
    definitions = schema("framework")["$defs"]
    assert sorted(definitions["rule"]["properties"]["type"]["enum"]) == sorted(RULE_TYPES)
    described = {name.removeprefix("rule_") for name in definitions if name.startswith("rule_")}
    assert described == set(RULE_TYPES)


@pytest.mark.parametrize("rule_type", sorted(RULE_TYPES))
def test_it_allows_exactly_the_parameters_each_rule_reads(rule_type):
    definition = schema("framework")["$defs"][f"rule_{rule_type}"]
    assert definition["additionalProperties"] is False
    assert set(definition["properties"]) == _parameters_read_by(rule_type)


def _load_data(kind: str, text: str) -> None:
    data, source = parse_yaml_text(text, "-")
    assert isinstance(data, dict)
    if kind == "framework":
        framework_from_data(data, source)
    else:
        evaluation_from_data(data, source, load_framework(FILES / "evaluation" / "framework.yaml"))


def _fields_allowed_at(text: str, kind: str) -> list[str]:
    """The field names a loader lists when it meets an unknown field in `text`."""
    with pytest.raises(ValidationFailed) as caught:
        _load_data(kind, text)
    (problem,) = {p.args["allowed"]: p for p in caught.value.problems if p.key == "field.unknown"}.values()
    return str(problem.args["allowed"]).split(", ")


FRAMEWORK_TEXT = (FILES / "framework" / "valid.yaml").read_text(encoding="utf-8")
EVALUATION_TEXT = (FILES / "evaluation" / "valid.yaml").read_text(encoding="utf-8")

# (kind, schema part, the file's text with an unknown field `zz` added at that place)
FIELD_LISTS = [
    ("framework", "", FRAMEWORK_TEXT + "zz: 1\n"),
    (
        "framework",
        "#decision",
        FRAMEWORK_TEXT.replace("date: 2024-01-15}", "date: 2024-01-15, issuer: S, title: T, zz: 1}"),
    ),
    ("framework", "#rounding", FRAMEWORK_TEXT + "rounding: {zz: 1}\n"),
    ("framework", "#group", FRAMEWORK_TEXT.replace('name: "Sở, ban, ngành"}', 'name: "Sở, ban, ngành", zz: 1}')),
    ("framework", "#grading", FRAMEWORK_TEXT.replace("grading:\n", "grading:\n  zz: 1\n")),
    ("evaluation", "", EVALUATION_TEXT + "zz: 1\n"),
    ("evaluation", "#period", EVALUATION_TEXT.replace("  as_of: 2024-12-31\n", "  as_of: 2024-12-31\n  zz: 1\n")),
    (
        "evaluation",
        "#organisation",
        EVALUATION_TEXT.replace('  province: "Đồng Nai"\n', '  province: "Đồng Nai"\n  zz: 1\n'),
    ),
    (
        "evaluation",
        "#publication",
        EVALUATION_TEXT.replace('  signer_name: "Nguyễn Văn A"\n', '  signer_name: "Nguyễn Văn A"\n  zz: 1\n'),
    ),
    ("evaluation", "#published", EVALUATION_TEXT.replace("      position: 1\n", "      position: 1\n      zz: 1\n")),
]


@pytest.mark.parametrize(
    ("kind", "part", "text"), FIELD_LISTS, ids=[f"{kind}{part or '#top'}" for kind, part, _text in FIELD_LISTS]
)
def test_it_allows_exactly_the_fields_the_loader_reads(kind, part, text):
    contents = schema(kind)
    if part:
        (definition,) = [d for d in contents["$defs"].values() if d.get("$anchor") == part[1:]]
    else:
        definition = contents
    assert definition["additionalProperties"] is False
    assert sorted(definition["properties"]) == _fields_allowed_at(text, kind)


# --- broken snippets are rejected ---------------------------------------------------------------

DELETE = object()


def changed(data: object, path: tuple, value: object) -> object:
    """A deep copy of `data` with the value at `path` replaced (or deleted with DELETE)."""
    result = copy.deepcopy(data)
    *parents, last = path
    target = result
    for part in parents:
        target = target[part]  # type: ignore[index]
    if value is DELETE:
        del target[last]  # type: ignore[attr-defined]
    else:
        target[last] = value  # type: ignore[index]
    return result


# (id, path in files/framework/valid.yaml, new value)
BROKEN_FRAMEWORKS = [
    ("format 2", ("format",), 2),
    ("kind evaluation", ("kind",), "evaluation"),
    ("unknown top-level field", ("max_point",), 20),
    ("no criteria", ("criteria",), []),
    ("no groups", ("groups",), DELETE),
    ("decision date as text", ("decision", "date"), "15/01/2024"),
    ("rounding places out of range", ("rounding",), {"places": 9}),
    ("bad rounding mode", ("rounding",), {"mode": "bankers"}),
    ("band with from and above", ("grading", "bands", 0, "above"), 10),
    ("band with to and below", ("grading", "bands", 1, "to"), 9),
    ("band without grade", ("grading", "bands", 0, "grade"), DELETE),
    ("no bands", ("grading", "bands"), []),
    ("unknown indicator type", ("indicators", 0, "type"), "yes_no"),
    ("category without choices", ("indicators", 0, "type"), "category"),
    ("unknown rule type", ("criteria", 0, "rule", "type"), "yes_or_no"),
    ("unknown rule parameter", ("criteria", 0, "rule", "points"), 10),
    ("rule parameter of the wrong type", ("criteria", 0, "rule", "yes"), "mười"),
    ("negative rule parameter", ("criteria", 0, "rule", "no"), -1),
    ("rule without indicator", ("criteria", 0, "rule", "indicator"), DELETE),
    ("leaf without rule", ("criteria", 0, "rule"), DELETE),
    (
        "parent with a rule",
        ("criteria", 0, "children"),
        [{"code": "1.1", "title": "A", "max": 10, "rule": {"type": "yes_no", "indicator": "connected"}}],
    ),
    ("criterion without max", ("criteria", 0, "max"), DELETE),
    ("unknown criterion field", ("criteria", 0, "weight"), 2),
    ("substitute without units", ("criteria", 0, "substitute"), {"replaces": "2"}),
    ("narrative column", ("criteria", 0, "narrative"), [{"column": "bad", "text": "x"}]),
    ("narrative without text", ("criteria", 0, "narrative"), [{"column": "good"}]),
    ("malformed condition", ("criteria", 0, "narrative"), [{"column": "good", "when": "value >=", "text": "x"}]),
    (
        "condition comparing two facts",
        ("criteria", 0, "narrative"),
        [{"column": "good", "when": "points == max", "text": "x"}],
    ),
    (
        "condition with dangling and",
        ("criteria", 0, "narrative"),
        [{"column": "good", "when": "value and", "text": "x"}],
    ),
]

# (id, rule) — rules that break a type's own constraints; each replaces criterion 1's rule
BROKEN_RULES = [
    ("step_table without steps", {"type": "step_table", "indicator": "m"}),
    ("step without points", {"type": "step_table", "indicator": "m", "steps": [{"at_least": 1}]}),
    ("categorical fraction above 1", {"type": "categorical", "indicator": "c", "fractions": {"a": 1.5}}),
    ("additive without conditions", {"type": "additive", "conditions": []}),
    ("additive condition without points", {"type": "additive", "conditions": [{"indicator": "b"}]}),
    (
        "best_of with one case",
        {
            "type": "best_of",
            "cases": [
                {"title": "A", "parts": [{"title": "a", "max": 1, "rule": {"type": "yes_no", "indicator": "b"}}]}
            ],
        },
    ),
    (
        "composite part without max",
        {"type": "composite", "parts": [{"title": "a", "rule": {"type": "yes_no", "indicator": "b"}}]},
    ),
    (
        "composite part with a broken rule",
        {"type": "composite", "parts": [{"title": "a", "max": 1, "rule": {"type": "yes_no"}}]},
    ),
    ("periodic deductions without late", {"type": "periodic_reporting", "indicator": "r", "due_day": 5, "missing": 1}),
    (
        "periodic deductions with on_time",
        {"type": "periodic_reporting", "indicator": "r", "due_day": 5, "late": 1, "missing": 1, "on_time": 1},
    ),
    (
        "periodic per_period without on_time",
        {"type": "periodic_reporting", "indicator": "r", "due_day": 5, "mode": "per_period"},
    ),
    ("periodic due day 31", {"type": "periodic_reporting", "indicator": "r", "due_day": 31, "late": 1, "missing": 1}),
    (
        "periodic month 13",
        {"type": "periodic_reporting", "indicator": "r", "due_day": 5, "late": 1, "missing": 1, "to_month": 13},
    ),
    ("linear_rate bad zero_denominator", {"type": "linear_rate", "indicator": "e", "zero_denominator": "skip"}),
    ("linear_rate target 0", {"type": "linear_rate", "indicator": "e", "target_percent": 0}),
    ("adjustments without min", {"type": "adjustments", "indicator": "a"}),
    ("manual with cap", {"type": "manual", "indicator": "s", "cap": 5}),
    ("normalized_to_best bad scope", {"type": "normalized_to_best", "indicator": "v", "scope": "province"}),
    ("counted_items without each", {"type": "counted_items", "indicator": "i"}),
]


@pytest.mark.parametrize(
    ("path", "value"), [case[1:] for case in BROKEN_FRAMEWORKS], ids=[case[0] for case in BROKEN_FRAMEWORKS]
)
def test_it_rejects_broken_framework_snippets(path, value):
    data = read(FILES / "framework" / "valid.yaml")
    assert errors("framework", changed(data, path, value)) != []


@pytest.mark.parametrize("rule", [case[1] for case in BROKEN_RULES], ids=[case[0] for case in BROKEN_RULES])
def test_it_rejects_rules_breaking_their_own_constraints(rule):
    assert errors("framework", rule, "#rule") != []
    own = "#rule-" + rule["type"].replace("_", "-")
    assert errors("framework", rule, own) != []  # rejected by the rule type's own schema


# (id, path in files/evaluation/valid.yaml, new value)
BROKEN_EVALUATIONS = [
    ("kind framework", ("kind",), "framework"),
    ("no framework", ("framework",), DELETE),
    ("year 1800", ("period", "year"), 1800),
    ("as_of as text", ("period", "as_of"), "31/12/2024"),
    ("no units", ("units",), []),
    ("unit without group", ("units", 0, "group"), DELETE),
    ("unknown unit field", ("units", 0, "email"), {"percent": 90}),
    ("ratio with only a numerator", ("units", 0, "facts", "email"), {"numerator": 45}),
    ("ratio with both forms", ("units", 0, "facts", "email"), {"numerator": 45, "denominator": 50, "percent": 90}),
    ("negative percent", ("units", 0, "facts", "email"), {"percent": -1}),
    ("month 13", ("units", 0, "facts", "monthly_reports"), {"late": [13]}),
    (
        "reports mixing both forms",
        ("units", 0, "facts", "monthly_reports"),
        {"late": [1], "received": {"2": "2024-03-01T08:00:00+07:00"}},
    ),
    ("received date without time", ("units", 1, "facts", "monthly_reports", "received", "1"), "2024-02-03"),
    ("received month 13", ("units", 1, "facts", "monthly_reports", "received", "13"), "2025-01-03T08:00:00+07:00"),
    ("score without reason", ("units", 0, "facts", "council"), {"points": 40}),
    ("score with a blank reason", ("units", 0, "facts", "council"), {"points": 40, "reason": "  "}),
    ("adjustment without reason", ("units", 0, "facts", "penalties"), [{"points": -1}]),
    ("override without reason", ("units", 0, "overrides", "3"), {"points": 2}),
    ("override without points", ("units", 0, "overrides", "3"), {"reason": "x"}),
    ("blank not-applicable reason", ("units", 1, "not_applicable", "4"), ""),
    ("active month 0", ("units", 1, "active_months"), [0, 1]),
    ("published rank as text", ("units", 0, "published", "rank"), "nhất"),
    ("published criterion points as text", ("units", 0, "published", "criteria", "1"), "mười chín"),
]


@pytest.mark.parametrize(
    ("path", "value"), [case[1:] for case in BROKEN_EVALUATIONS], ids=[case[0] for case in BROKEN_EVALUATIONS]
)
def test_it_rejects_broken_evaluation_snippets(path, value):
    data = read(FILES / "evaluation" / "valid.yaml")
    assert errors("evaluation", changed(data, path, value)) != []


# --- the documentation's examples are valid --------------------------------------------------

FENCE = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def yaml_blocks(name: str) -> list[str]:
    return FENCE.findall((DOCS / name).read_text(encoding="utf-8"))


def _load(text: str) -> object:
    return jsonable(YAML(typ="safe").load(text))


@pytest.mark.parametrize("name", ["framework-format.md", "evaluation-format.md"])
def test_it_documents_only_yaml_that_parses(name):
    blocks = yaml_blocks(name)
    assert blocks
    for block in blocks:
        parse_yaml_text(block, name)  # raises ValidationFailed on a syntax error


def test_it_documents_every_rule_type_with_a_valid_example():
    rules = [
        data["rule"]
        for block in yaml_blocks("framework-format.md")
        if isinstance(data := _load(block), dict) and set(data) == {"rule"}
    ]
    assert {rule["type"] for rule in rules} == set(RULE_TYPES)
    for rule in rules:
        assert errors("framework", rule, "#rule") == [], rule


def _complete_examples(name: str) -> list[str]:
    return [block for block in yaml_blocks(name) if block.startswith("format: 1\n")]


def test_it_documents_complete_examples_that_load_and_validate(tmp_path):
    (framework_text,) = _complete_examples("framework-format.md")
    (evaluation_text,) = _complete_examples("evaluation-format.md")
    assert errors("framework", _load(framework_text)) == []
    assert errors("evaluation", _load(evaluation_text)) == []
    (tmp_path / "framework.yaml").write_text(framework_text, encoding="utf-8")
    (tmp_path / "evaluation.yaml").write_text(evaluation_text, encoding="utf-8")
    framework = load_framework(tmp_path / "framework.yaml")
    evaluation = load_evaluation(tmp_path / "evaluation.yaml")
    assert evaluation.framework == framework
    assert [unit.code for unit in evaluation.units] == ["SKHCN", "BDT", "BQL"]
