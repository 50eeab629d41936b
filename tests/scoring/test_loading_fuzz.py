"""Any damage to a framework or evaluation file ends in located problems or success, never a crash."""

# Either outcome is allowed here, so problems are asserted inside the except blocks.
# ruff: noqa: PT017

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govscore.examples import example_path
from govscore.scoring.checks import check
from govscore.scoring.engine import score
from govscore.scoring.errors import ValidationFailed
from govscore.scoring.loading.evaluation_file import evaluation_from_data, load_evaluation
from govscore.scoring.loading.framework_file import framework_from_data
from govscore.scoring.loading.yamlfile import parse_yaml_text, read_yaml

EXAMPLE = example_path("dongnai-2012")
assert EXAMPLE is not None
FRAMEWORK_DATA, FRAMEWORK_SOURCE = read_yaml(EXAMPLE.parent / "framework.yaml")
EVALUATION_DATA, EVALUATION_SOURCE = read_yaml(EXAMPLE)
FRAMEWORK = load_evaluation(EXAMPLE).framework

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 500),
    st.decimals(-10, 1000, places=2, allow_nan=False),
    st.text(max_size=8),
    st.lists(st.integers(-2, 14), max_size=3),
    st.just({}),
    st.just([]),
    st.dictionaries(st.sampled_from(["points", "reason", "percent", "late", "type", "code"]), st.integers(-1, 20)),
)


def _paths(node: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*prefix, index)))
    return found


FRAMEWORK_PATHS = [path for path in _paths(FRAMEWORK_DATA) if path]
EVALUATION_PATHS = [path for path in _paths(EVALUATION_DATA) if path]


def _damaged(data: object, path: tuple[object, ...], junk: object, delete: bool) -> object:
    damaged = copy.deepcopy(data)
    node = damaged
    for key in path[:-1]:
        node = node[key]  # type: ignore[index]
    if delete:
        del node[path[-1]]  # type: ignore[attr-defined]
    else:
        node[path[-1]] = junk  # type: ignore[index]
    return damaged


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FRAMEWORK_PATHS), JUNK, st.booleans())
def test_it_survives_any_damage_to_a_framework(path: tuple[object, ...], junk: object, delete: bool) -> None:
    try:
        framework_from_data(_damaged(FRAMEWORK_DATA, path, junk, delete), FRAMEWORK_SOURCE)
    except ValidationFailed as failure:
        assert failure.problems
        assert all(problem.render("vi") for problem in failure.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EVALUATION_PATHS), JUNK, st.booleans())
def test_it_survives_any_damage_to_an_evaluation(path: tuple[object, ...], junk: object, delete: bool) -> None:
    data = _damaged(EVALUATION_DATA, path, junk, delete)
    if not isinstance(data, dict):
        return
    try:
        evaluation = evaluation_from_data(data, EVALUATION_SOURCE, FRAMEWORK)
    except ValidationFailed as failure:
        assert all(problem.render("en") for problem in failure.problems)
        return
    result = score(evaluation)
    check(evaluation, result)
    assert all(isinstance(unit.total, Decimal) for unit in result.units)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_it_reads_any_text_as_yaml_or_says_where_it_fails(text: str) -> None:
    try:
        data, source = parse_yaml_text(text, "fuzz.yaml")
        framework_from_data(data, source)
    except ValidationFailed as failure:
        assert failure.problems[0].location.file == "fuzz.yaml"


def test_it_reports_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Sở Y tế".encode("cp1258", errors="replace") + b"\xff\xfe")
    with pytest.raises(ValidationFailed) as failure:
        read_yaml(path)
    assert failure.value.problems[0].key == "file.encoding"
