"""Scoring once for several languages gives exactly what scoring each language alone gives."""

from __future__ import annotations

import pytest

from govscore.examples import example_path
from govscore.scoring.engine import score, score_in
from govscore.scoring.ledger import evaluation_dict
from govscore.scoring.loading.evaluation_file import load_evaluation


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
