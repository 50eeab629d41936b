"""Commands that need the web application (registered only when it is installed)."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any, lang: str) -> None:
    """Hook for the web application's commands (`demo`, `serve`); none without it."""
    del commands, lang
    return None


__all__ = ["argparse", "register"]
