"""What an import would change: read values against stored ones.

Both are the core's canonical JSON (`facts.to_json`), in which equal values are equal JSON, so
re-importing an export changes nothing. A blank cell is not in the read values at all: it leaves the
stored value as it is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from govscore.imports.layout import entered_indicators
from govscore.scoring.model import Framework

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
            if old != new:
                changes.append(Change(unit_code, indicator.code, old, new))
    return changes


def fingerprint(changes: list[Change]) -> str:
    """A digest of the changes, so that a confirmed preview is exactly what gets written."""
    payload = [[c.unit_code, c.indicator_code, c.old, c.new] for c in changes]
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
