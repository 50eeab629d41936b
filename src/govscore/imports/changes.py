"""What an import would change: read values against stored ones, compared by meaning, not by spelling.

Stored values were written by several paths (the form keeps whole numbers as JSON numbers, the
import as text), so `40`, `"40"` and `"40.0"` are the same value and re-importing an export changes
nothing. A blank cell is not in the read values at all: it leaves the stored value as it is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from govscore.imports.layout import NO_ITEMS, entered_indicators
from govscore.imports.messages import render
from govscore.scoring.model import Framework, Indicator
from govscore.scoring.vietnamese import format_number

Stored = Mapping[tuple[str, str], object]


@dataclass(frozen=True)
class Change:
    unit_code: str
    indicator_code: str
    old: object | None
    new: object

    @property
    def added(self) -> bool:
        return self.old is None


def compute_changes(framework: Framework, stored: Stored, incoming: Mapping[str, Mapping[str, object]]) -> list[Change]:
    """Changes in the file's row order, then the framework's indicator order. `stored` maps (unit code,
    indicator code) to the stored value."""
    indicators = entered_indicators(framework)
    changes = []
    for unit_code, values in incoming.items():
        for indicator in indicators:
            if indicator.code not in values:
                continue
            new = values[indicator.code]
            old = stored.get((unit_code, indicator.code))
            if old is None or canonical(indicator, old) != canonical(indicator, new):
                changes.append(Change(unit_code, indicator.code, old, new))
    return changes


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _raw(value: object) -> Hashable:
    """A value that no parsed value equals, so a malformed stored value is always replaced."""
    return ("raw", json.dumps(value, sort_keys=True, default=str))


def canonical(indicator: Indicator, value: object) -> Hashable:
    """The meaning of a stored value, for comparison."""
    match indicator.type:
        case "number" | "count":
            number = _number(value)
            return _raw(value) if number is None else number
        case "ratio":
            return _ratio(value)
        case "items":
            if isinstance(value, list) and all(isinstance(item, str) for item in value):
                return frozenset(value), len(value)
            return _raw(value)
        case "boolean":
            return value if isinstance(value, bool) else _raw(value)
    return value if isinstance(value, str) else _raw(value)


def _ratio(value: object) -> Hashable:
    if not isinstance(value, dict):
        return _raw(value)
    parts = {key: _number(item) for key, item in value.items()}
    if None in parts.values():
        return _raw(value)
    return tuple(sorted(parts.items()))


def display_value(indicator: Indicator, value: object, lang: str = "vi") -> str:
    """A stored value as a person reads it: `40/50`, `97%`, `Có`, a choice's title, item codes."""
    if value is None:
        return "—"
    if indicator.type in ("number", "count"):
        return _shown_number(value, lang)
    if indicator.type == "ratio" and isinstance(value, dict):
        if "percent" in value:
            return f"{_shown_number(value['percent'], lang)}%"
        return f"{_shown_number(value.get('numerator'), lang)}/{_shown_number(value.get('denominator'), lang)}"
    if indicator.type == "boolean" and isinstance(value, bool):
        return render("answer.yes" if value else "answer.no", lang)
    if indicator.type == "category" and isinstance(value, str):
        return indicator.choice_title(value)
    if indicator.type == "items" and isinstance(value, list):
        return ", ".join(str(item) for item in value) or NO_ITEMS
    return str(value)


def _shown_number(value: object, lang: str) -> str:
    number = _number(value)
    return str(value) if number is None else format_number(number, None, lang)


def fingerprint(changes: list[Change]) -> str:
    """A digest of the changes, so that a confirmed preview is exactly what gets written."""
    payload = [[c.unit_code, c.indicator_code, c.old, c.new] for c in changes]
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
