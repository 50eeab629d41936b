"""The generated text follows the points that count: a sentence never contradicts them."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from govscore.examples import example_path
from govscore.scoring.engine import score
from govscore.scoring.loading.evaluation_file import load_evaluation
from govscore.scoring.model import Evaluation, Override
from govscore.scoring.text_checks import text_findings

REGULATIONS = "2"


def with_override(evaluation: Evaluation, name: str, override: Override) -> Evaluation:
    units = tuple(
        dataclasses.replace(unit, overrides={**unit.overrides, REGULATIONS: override}) if unit.name == name else unit
        for unit in evaluation.units
    )
    return dataclasses.replace(evaluation, units=units)


def sentence_of(evaluation: Evaluation, name: str, lang: str = "vi") -> tuple[str, str]:
    unit = next(unit for unit in score(evaluation, lang).units if unit.unit.name == name)
    sentence = next(item for item in unit.sentences if item.criterion == REGULATIONS)
    return sentence.column, sentence.text


def test_a_council_override_without_new_facts_makes_the_sentence_say_the_decision() -> None:
    evaluation = load_evaluation(example_path("dongnai-2012"))
    name = "Sở Giáo dục và Đào tạo"  # three of the four regulations not issued
    column, text = sentence_of(evaluation, name)
    assert column == "not_good" and text.startswith("Chưa ban hành 03 quy định")
    changed = with_override(evaluation, name, Override(Decimal(20), "Đã ban hành đủ, văn bản bổ sung.", "hoidong"))
    assert sentence_of(changed, name) == (
        "good",
        "Ban hành 4 quy định nội bộ về ứng dụng CNTT: 20/20 điểm theo kết luận đánh giá "
        "(Đã ban hành đủ, văn bản bổ sung)",
    )
    assert sentence_of(changed, name, "en")[1].endswith(
        "20/20 points as the assessment decided (Đã ban hành đủ, văn bản bổ sung)"
    )
    assert text_findings(score(changed)) == []


def test_an_override_equal_to_the_computed_points_keeps_the_facts_sentence() -> None:
    evaluation = load_evaluation(example_path("dongnai-2012"))
    name = "Sở Giáo dục và Đào tạo"
    before = sentence_of(evaluation, name)
    computed = next(u for u in score(evaluation).units if u.unit.name == name).criterion(REGULATIONS).points
    assert sentence_of(with_override(evaluation, name, Override(computed, "Giữ nguyên")), name) == before


def test_the_bundled_example_has_no_sentence_against_its_points() -> None:
    assert text_findings(score(load_evaluation(example_path("dongnai-2012")))) == []


def test_a_sentence_against_full_points_is_found() -> None:
    """A framework whose sentence conditions disagree with its rule: "not issued" printed for 20/20."""
    evaluation = load_evaluation(example_path("dongnai-2012"))
    criterion = evaluation.framework.criterion(REGULATIONS)
    strict = dataclasses.replace(criterion.narrative[1], when=None)  # "not done well" whatever the facts
    criteria = tuple(
        dataclasses.replace(item, narrative=(strict,)) if item.code == REGULATIONS else item
        for item in evaluation.framework.criteria
    )
    changed = dataclasses.replace(evaluation, framework=dataclasses.replace(evaluation.framework, criteria=criteria))
    findings = text_findings(score(changed))
    name = "Sở Khoa học và Công nghệ"  # all four issued: 20 points
    mine = [item for item in findings if item.unit == name]
    assert [item.kind for item in mine] == ["text_against_points"]
    assert "20/20" in mine[0].message("vi") and "Nội dung thực hiện chưa tốt" in mine[0].message("vi")
