"""What a consistency check reports: the unit, the kind of problem, and its evidence as message arguments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from govscore.scoring.messages import render
from govscore.scoring.model import UnitData


@dataclass(frozen=True)
class Finding:
    unit: str
    unit_code: str
    kind: str
    key: str
    args: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        return render(self.key, lang, **self.args)

    def as_dict(self, lang: str = "vi") -> dict[str, str]:
        return {"unit": self.unit, "unit_code": self.unit_code, "kind": self.kind, "message": self.message(lang)}


def finding(unit: UnitData, kind: str, **args: object) -> Finding:
    """A finding worded by the message `check.<kind>`."""
    return Finding(unit.name, unit.code, kind, f"check.{kind}", args)


def finding_as(unit: UnitData, kind: str, key: str, **args: object) -> Finding:
    """A finding of `kind` worded by another message (`key`; the kind's own when empty)."""
    return Finding(unit.name, unit.code, kind, key or f"check.{kind}", args)
