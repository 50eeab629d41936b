"""The scoring core imports nothing from Django, so the CLI, web and documents share one engine."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import govscore.scoring

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it


def test_it_imports_every_core_module_without_django() -> None:
    modules = [info.name for info in pkgutil.walk_packages(govscore.scoring.__path__, "govscore.scoring.")]
    assert len(modules) > 15
    program = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    completed = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"
