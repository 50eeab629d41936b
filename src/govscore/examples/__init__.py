"""Bundled example evaluations, addressable by name (`govscore score dongnai-2012`)."""

from __future__ import annotations

from pathlib import Path

EXAMPLES_DIR = Path(__file__).resolve().parent


def example_names() -> list[str]:
    return sorted(path.parent.name for path in EXAMPLES_DIR.glob("*/evaluation.yaml"))


def example_path(name: str) -> Path | None:
    path = EXAMPLES_DIR / name / "evaluation.yaml"
    return path if path.is_file() else None
