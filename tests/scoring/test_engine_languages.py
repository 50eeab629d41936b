"""Scoring once for several languages gives exactly what scoring each language alone gives."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace
from decimal import Decimal

import pytest

from govscore.examples import example_path
from govscore.scoring.engine import score, score_in, score_unit
from govscore.scoring.ledger import evaluation_dict
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.rules.base import Rule
from govscore.scoring.rules.rates import NormalizedToBest


@pytest.mark.parametrize("langs", [("vi", "en"), ("en", "vi")])
def test_scoring_in_several_languages_matches_scoring_each(langs: tuple[str, str]) -> None:
    evaluation = load_evaluation(example_path("dongnai-2012"))  # type: ignore[arg-type]
    together = score_in(evaluation, langs)
    for lang in langs:
        alone = score(evaluation, lang)
        assert evaluation_dict(together[lang], lang) == evaluation_dict(alone, lang)
        assert [unit.good for unit in together[lang].units] == [unit.good for unit in alone.units]
    # Only the words differ: the framework's templates are Vietnamese, the month lists follow the language.
    first = {lang: together[lang].units[0].not_good for lang in langs}
    assert "tháng 2" in first["vi"][0]
    assert "month 2" in first["en"][0]


def test_scoring_one_unit_gives_what_scoring_the_period_gives() -> None:
    evaluation = load_evaluation(example_path("dongnai-2012"))  # type: ignore[arg-type]
    whole = score(evaluation, "vi")
    for unit in whole.units:
        alone = score_unit(evaluation, unit.unit.code, "vi").units[0]
        assert (alone.total, alone.grade, alone.good, alone.not_good) == (
            unit.total,
            unit.grade,
            unit.good,
            unit.not_good,
        )
        assert [(c.code, c.points, c.steps) for c in alone.all_criteria()] == [
            (c.code, c.points, c.steps) for c in unit.all_criteria()
        ]


def test_a_unit_alone_takes_what_relative_rules_need_from_the_summary_source(build) -> None:  # type: ignore[no-untyped-def]
    fw = build.framework([build.leaf("1", 10, NormalizedToBest("n"))], groups=("g", "h"))
    units = [
        build.unit("a", {"n": Decimal(50)}, group="g"),
        build.unit("b", {"n": Decimal(100)}, group="g"),
        build.unit("c", {"n": Decimal(400)}, group="h"),
    ]
    whole = build.run(fw, units)
    asked: list[tuple[str, str]] = []

    def summary(rule: Rule, code: str, group: str) -> Hashable:
        asked.append((code, group))
        return rule.peer_summary(code, [u.facts[code] for u in units if not group or u.group == group])

    lonely = replace(whole.evaluation, units=(units[0],))
    alone = score_unit(lonely, "a", summaries=summary).units[0]
    assert alone.total == whole.unit("a").total == Decimal(5)
    assert asked == [("n", "g")]
