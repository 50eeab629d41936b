"""Shared inputs of the document tests: the 2012 example scored by the core, and a two-group variant."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import pytest
from docx.document import Document as DocxDocument

from govscore.documents import DocumentOptions, results_docx
from govscore.examples import example_path
from govscore.scoring.engine import score
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Evaluation, UnitGroup
from govscore.scoring.results import EvaluationResult


def dongnai() -> Evaluation:
    path = example_path("dongnai-2012")
    assert path is not None
    return load_evaluation(path)


def two_groups(evaluation: Evaluation) -> Evaluation:
    """The 2012 units split into two groups (every other unit moves), so ranks and numbering restart."""
    framework = replace(
        evaluation.framework,
        groups=(UnitGroup("so", "Khối sở, ban, ngành"), UnitGroup("dv", "Khối đơn vị sự nghiệp")),
    )
    units = tuple(replace(unit, group="so" if index % 2 == 0 else "dv") for index, unit in enumerate(evaluation.units))
    return replace(evaluation, framework=framework, units=units)


def open_docx(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="session")
def evaluation() -> Evaluation:
    return dongnai()


@pytest.fixture(scope="session")
def result(evaluation: Evaluation) -> EvaluationResult:
    return score(evaluation, "vi")


@pytest.fixture(scope="session")
def grouped_result(evaluation: Evaluation) -> EvaluationResult:
    return score(two_groups(evaluation), "vi")


@pytest.fixture(scope="session")
def seed_docx(result: EvaluationResult) -> DocxDocument:
    return open_docx(results_docx(result))


@pytest.fixture(scope="session")
def summary_docx(grouped_result: EvaluationResult) -> DocxDocument:
    return open_docx(results_docx(grouped_result, DocumentOptions(layout="summary")))
