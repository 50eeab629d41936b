"""The build step pyproject.toml cannot state: message catalogs (.po) compiled to .mo.

The .po files are what the team edits and reviews; the .mo files gettext reads are made here, for a
wheel in the build folder and for an editable install (`scripts/setup`) beside the .po files.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

PACKAGE_ROOT = Path(__file__).resolve().parent / "src"


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Every `LC_MESSAGES/*.po` under `source` written as `.mo` at the same place under `target`."""
    written = []
    for po in sorted(source.glob("govscore/**/LC_MESSAGES/*.po")):
        mo = target / po.relative_to(source).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as stream:
            catalog = read_po(stream)
        with mo.open("wb") as stream:
            write_mo(stream, catalog)
        written.append(mo)
    return written


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        compile_catalogs(PACKAGE_ROOT, PACKAGE_ROOT if self.editable_mode else Path(self.build_lib))


setup(cmdclass={"build_py": BuildWithCatalogs})
