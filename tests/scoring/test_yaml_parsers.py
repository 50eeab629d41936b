"""The fast YAML reader gives what the located one gives, or leaves the file to it; problems are located either way."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govscore.examples import EXAMPLES_DIR
from govscore.scoring.errors import Problem, ValidationFailed
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.loading.yamlfile import _NOT_FAST, _fast, _located, parse_yaml_text
from govscore.scoring.values import as_date, as_stamp

FILES = Path(__file__).parent / "files"


def same(fast: object, located: object) -> bool:
    """Equal data, a date on the located side matching its ISO text on the fast side."""
    if isinstance(located, datetime.datetime):
        return as_stamp(fast) == located
    if isinstance(located, datetime.date):
        return as_date(fast) == located
    if isinstance(located, dict):
        return (
            isinstance(fast, dict)
            and fast.keys() == located.keys()
            and all(same(fast[k], v) for k, v in located.items())
        )
    if isinstance(located, list):
        return isinstance(fast, list) and len(fast) == len(located) and all(map(same, fast, located))
    return type(fast) is type(located) and fast == located


SCALARS = [
    "1e3",
    ".5",
    '"1"',
    '"2012"',
    '"1.1"',
    "1",
    "-3",
    "0",
    "1.5",
    "1.50",
    "-0.25",
    "2.5E-2",
    "true",
    "false",
    "null",
    "",
    "yes",
    "no",
    "on",
    "abc",
    "Sở Y tế",
    "'true'",
    '"2024-02-05"',
    "2024-02-05",
    "2024-02-05 09:30:00+07:00",
    "2024-02-05T09:30:00Z",
    "09:30",
    "1/2",
    "'it''s'",
    '"tab\\there"',
    "[1, 2]",
    "{a: 1}",
]
# Plain scalars YAML reads otherwise than JSON: the fast reader must leave them to ruamel.yaml.
OTHERWISE = [
    "~",
    "Null",
    "NULL",
    "True",
    "FALSE",
    ".inf",
    "-.Inf",
    ".nan",
    "0x1F",
    "0o17",
    "010",
    "1_000",
    "+1",
]
# The same, quoted: text to both readers, but JSON does not tell them from the plain ones.
QUOTED_OTHERWISE = ["'010'", '"~"', '"True"', "'1_000'"]
STRUCTURES = ["!!str 123", "&a 1", "{a: 1, a: 2}", "[*a]", "{<<: {a: 1}}", "{1.5: a}", "{true: a}", "'a\tb'"]


@pytest.mark.parametrize("scalar", SCALARS)
def test_a_scalar_reads_the_same_both_ways(scalar: str) -> None:
    text = f"value: {scalar}\nlist: [{scalar if not scalar.startswith(('-', '[', '{')) else 'x'}]\n"
    fast, (located, _source) = _fast(text), _located(text, "x.yaml")
    assert fast is not _NOT_FAST, scalar
    assert same(fast, located), (scalar, fast, located)


@pytest.mark.parametrize("scalar", OTHERWISE + QUOTED_OTHERWISE)
def test_what_json_would_read_otherwise_is_read_by_the_located_reader(scalar: str) -> None:
    text = f"value: {scalar}\n"
    assert _fast(text) is _NOT_FAST
    assert parse_yaml_text(text, "x.yaml")[0] == _located(text, "x.yaml")[0]


@pytest.mark.parametrize("scalar", STRUCTURES)
def test_what_json_does_not_carry_is_left_to_the_located_reader(scalar: str) -> None:
    assert _fast(f"value: {scalar}\n") is _NOT_FAST


@pytest.mark.parametrize(
    "path", sorted(EXAMPLES_DIR.glob("*/*.yaml")), ids=lambda path: path.parent.name + "/" + path.name
)
def test_the_bundled_files_read_fast_and_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = _fast(text)
    assert fast is not _NOT_FAST
    assert same(fast, _located(text, path.name)[0])


def problems(read: Callable[[], object]) -> list[Problem] | None:
    try:
        read()
    except ValidationFailed as failed:
        return failed.problems
    return None


@given(st.text(alphabet=st.sampled_from(list("abTNe:- {}[],'\"#\n\t0123.~!&*?|>_+%@`\\")), max_size=40))
def test_any_text_reads_the_same_both_ways_or_fails_as_the_located_reader_fails(text: str) -> None:
    text += "\n"  # as `parse_yaml_text` ends every file
    refused = problems(lambda: _located(text, "x.yaml"))
    if refused is not None:
        # rapidyaml reads some texts ruamel.yaml refuses; then the first problem found in them, which
        # needs its line, is the syntax error itself.
        assert problems(lambda: parse_yaml_text(text, "x.yaml")[1].at(("a",)).line) == refused, text
        return
    fast = _fast(text)
    assert fast is _NOT_FAST or same(fast, _located(text, "x.yaml")[0]), (text, fast)


def test_a_problem_in_a_file_read_fast_is_located_on_its_line() -> None:
    data, source = parse_yaml_text("a: 1\nb:\n  c: [1, 2, 3]\n", "x.yaml")
    assert data == {"a": 1, "b": {"c": [1, 2, 3]}}
    assert source.at(("b", "c", 2)).line == 3
    assert source.at(("a",)).line == 1


def test_a_syntax_error_says_where_and_prints_nothing_else(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValidationFailed) as raised:
        parse_yaml_text('a: 1\nb: "unclosed\n', "x.yaml")
    (problem,) = raised.value.problems
    assert (problem.key, problem.location.line) == ("yaml.syntax", 3)
    assert capfd.readouterr().err == ""


def test_an_evaluation_with_dates_as_text_loads_as_with_dates(tmp_path: Path) -> None:
    source = EXAMPLES_DIR / "dongnai-2012"
    (tmp_path / "framework.yaml").write_text((source / "framework.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    text = (source / "evaluation.yaml").read_text(encoding="utf-8")
    (tmp_path / "evaluation.yaml").write_text(text, encoding="utf-8")
    plain = load_evaluation(tmp_path / "evaluation.yaml")
    quoted = text.replace("as_of: 2012-12-07", 'as_of: "2012-12-07"').replace("date: 2012-12-07", 'date: "2012-12-07"')
    assert quoted.count('"2012-12-07"') == 3
    (tmp_path / "evaluation.yaml").write_text(quoted, encoding="utf-8")
    again = load_evaluation(tmp_path / "evaluation.yaml")
    assert (again.period, again.publication) == (plain.period, plain.publication)
