"""Every rule type can be said in words, and the words carry the rule's own parameters."""

from __future__ import annotations

from govscore.documents.rules_text import DESCRIBERS, criterion_rule_text
from govscore.scoring.model import Evaluation
from govscore.scoring.rules.items import CountedItems
from govscore.scoring.rules.registry import RULE_TYPES
from govscore.scoring.vietnamese import format_number


def test_every_registered_rule_type_has_words() -> None:
    assert set(RULE_TYPES.values()) == set(DESCRIBERS)


def test_the_words_carry_the_parameters(evaluation: Evaluation) -> None:
    framework = evaluation.framework
    regulations = framework.criterion("2")
    assert isinstance(regulations.rule, CountedItems) and regulations.rule.cap is not None
    text = criterion_rule_text(regulations, framework)
    assert f"{format_number(regulations.rule.each)} điểm cho mỗi mục" in text
    assert f"tối đa {format_number(regulations.rule.cap)} điểm" in text
    assert framework.indicator(regulations.rule.indicator).title in text
    assert criterion_rule_text(framework.criterion("1"), framework) == "Tổng điểm các tiêu chí thành phần"
    assert "Thay tiêu chí 4 đối với: DPTTH" in criterion_rule_text(framework.criterion("4T"), framework)
