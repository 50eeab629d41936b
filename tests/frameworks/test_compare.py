"""Two versions compared criterion by criterion, and on their bands and indicators."""

from __future__ import annotations

from govscore.frameworks.compare import ADDED, CHANGED, REMOVED, Change, compare
from govscore.scoring.loading.yamlfile import parse_yaml_text

OLD = """\
title: "Bộ cũ"
max_points: 20
grading: {bands: [{grade: A, from: 10}, {grade: B, below: 10}]}
indicators: [{code: k, title: "Kết nối", type: boolean}]
criteria:
  - {code: "1", title: "Kết nối", max: 10, rule: {type: yes_no, indicator: k}}
  - {code: "2", title: "Thư", max: 10, rule: {type: linear_rate, indicator: e, target_percent: 100}}
"""
NEW = """\
title: "Bộ mới"
max_points: 20
grading: {bands: [{grade: A, from: 12}, {grade: B, below: 12}]}
indicators: [{code: k, title: "Đã kết nối", type: boolean}]
criteria:
  - {code: "2", title: "Thư điện tử", max: 15, rule: {type: linear_rate, indicator: e, target_percent: 90}}
  - {code: "3", title: "Mới", max: 5, rule: {type: manual, indicator: m}}
"""


def _data(text: str) -> dict[str, object]:
    data, _source = parse_yaml_text(text, "x.yaml")
    assert isinstance(data, dict)
    return data


def test_added_removed_and_changed_criteria_with_each_changed_field() -> None:
    found = compare(_data(OLD), _data(NEW))
    assert [(d.code, d.status) for d in found.criteria] == [("2", CHANGED), ("3", ADDED), ("1", REMOVED)]
    assert found.criteria[0].changes == (
        Change("title", "Thư", "Thư điện tử"),
        Change("max", "10", "15"),
        Change("parameters", "target_percent: 100", "target_percent: 90"),
    )
    assert found.framework == (Change("title", "Bộ cũ", "Bộ mới"),)
    assert found.bands == (Change("A", "from: 10", "from: 12"), Change("B", "below: 10", "below: 12"))
    assert [c.field for c in found.indicators] == ["k"]
    assert not found.none
    assert compare(_data(OLD), _data(OLD)).none
