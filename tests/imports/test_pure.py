"""The template and import core imports nothing from Django: the CLI and web share it, and it is
tested without a database."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import govscore.imports

pytestmark = pytest.mark.slow  # subprocesses, a browser, backups or PostgreSQL: `pytest -m "not slow"` skips it


def test_it_imports_every_module_without_django() -> None:
    modules = [info.name for info in pkgutil.walk_packages(govscore.imports.__path__, "govscore.imports.")]
    assert len(modules) >= 8
    program = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    completed = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"
