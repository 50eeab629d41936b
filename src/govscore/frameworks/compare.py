"""Two versions of a framework compared criterion by criterion (added, removed, changed title, max, rule,
parameters, groups, substitute, sentences) and on the framework's own fields and grade bands.

Read from the mappings of the two versions' files, so that a parameter is compared as it is written.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from govscore.frameworks.yaml_text import flow_text

Data = Mapping[str, Any]
ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# What is compared of a criterion: its fields as the format names them.
CRITERION_FIELDS = ("title", "max", "min", "rule_type", "rule_indicator", "parameters", "applies_to", "substitute")
FRAMEWORK_FIELDS = ("title", "max_points", "decision", "rounding", "ranking", "display", "groups", "grading_basis")


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class CriterionDifference:
    code: str
    title: str
    status: str
    changes: tuple[Change, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Differences:
    framework: tuple[Change, ...]
    criteria: tuple[CriterionDifference, ...]
    bands: tuple[Change, ...]
    indicators: tuple[Change, ...]

    @property
    def none(self) -> bool:
        return not (self.framework or self.criteria or self.bands or self.indicators)


def compare(old: Data, new: Data) -> Differences:
    return Differences(
        tuple(_changes(_framework_fields(old), _framework_fields(new), FRAMEWORK_FIELDS)),
        tuple(_criteria(old, new)),
        tuple(_changes(_bands(old), _bands(new), sorted(set(_bands(old)) | set(_bands(new))))),
        tuple(_changes(_indicators(old), _indicators(new), sorted(set(_indicators(old)) | set(_indicators(new))))),
    )


def _text(value: object) -> str:
    if value is None or value == [] or value == {}:
        return ""
    return flow_text(value)[1:-1] if isinstance(value, Mapping) else flow_text(value)


def _changes(old: Mapping[str, str], new: Mapping[str, str], fields: Any) -> Iterator[Change]:
    for name in fields:
        before, after = old.get(name, ""), new.get(name, "")
        if before != after:
            yield Change(name, before, after)


def _framework_fields(data: Data) -> dict[str, str]:
    grading = data.get("grading") or {}
    values = {name: _text(data.get(name)) for name in FRAMEWORK_FIELDS}
    values["title"] = str(data.get("title") or "")
    values["grading_basis"] = str(grading.get("basis") or ("points" if grading else ""))
    return values


def _walk(criteria: list[Data]) -> Iterator[Data]:
    for criterion in criteria:
        yield criterion
        yield from _walk(criterion.get("children") or [])


def _criterion_fields(criterion: Data) -> dict[str, str]:
    rule = dict(criterion.get("rule") or {})
    return {
        "title": str(criterion.get("title") or ""),
        "max": _text(criterion.get("max")),
        "min": _text(criterion.get("min")),
        "rule_type": str(rule.pop("type", "") or ""),
        "rule_indicator": str(rule.pop("indicator", "") or ""),
        "parameters": _text(rule),
        "applies_to": ", ".join(str(code) for code in criterion.get("applies_to") or []),
        "substitute": _text(criterion.get("substitute")),
        "narrative": _text(criterion.get("narrative")),
    }


def _criteria(old: Data, new: Data) -> Iterator[CriterionDifference]:
    before = {str(c.get("code")): c for c in _walk(old.get("criteria") or [])}
    after = {str(c.get("code")): c for c in _walk(new.get("criteria") or [])}
    for code, criterion in after.items():
        if code not in before:
            yield CriterionDifference(code, str(criterion.get("title") or ""), ADDED)
            continue
        fields = (*CRITERION_FIELDS, "narrative")
        changes = tuple(_changes(_criterion_fields(before[code]), _criterion_fields(criterion), fields))
        if changes:
            yield CriterionDifference(code, str(criterion.get("title") or ""), CHANGED, changes)
    for code, criterion in before.items():
        if code not in after:
            yield CriterionDifference(code, str(criterion.get("title") or ""), REMOVED)


def _bands(data: Data) -> dict[str, str]:
    """Each grade's band (`A`, or `A (huyen)` for a group's own), as written."""
    grading = data.get("grading") or {}
    found: dict[str, str] = {}
    sets = [("", grading.get("bands") or [])]
    sets += [(str(group), (own or {}).get("bands") or []) for group, own in (grading.get("groups") or {}).items()]
    for group, bands in sets:
        for band in bands:
            name = f"{band.get('grade')} ({group})" if group else str(band.get("grade"))
            found[name] = _text({key: value for key, value in band.items() if key != "grade"})
    for cap in grading.get("caps") or []:
        found[f"cap {cap.get('grade')}: {cap.get('reason')}"] = _text(cap)
    if grading.get("quota"):
        found["quota"] = _text(grading.get("quota"))
    return found


def _indicators(data: Data) -> dict[str, str]:
    return {str(item.get("code")): _text(item) for item in data.get("indicators") or []}
