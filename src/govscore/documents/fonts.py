"""Where the PDF's fonts are: Tinos (fonts-croscore) first, Liberation Serif 2 (fonts-liberation2) next.

Both are metric-compatible with Times New Roman and have every Vietnamese letter. The PDF is
compiled with only these folders, never the machine's other fonts, so it looks the same on every
server, and a missing font is an error rather than a silent fallback to a face without the letters.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import typst

from govscore.documents.errors import DocumentError

FONT_DIRS_ENV = "GOVSCORE_FONT_DIRS"
DEFAULT_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/croscore"),
    Path("/usr/share/fonts/truetype/liberation2"),
)
# The regular face of each family the PDF names, as the font packages ship it.
FONT_FILES = ("Tinos-Regular.ttf", "LiberationSerif-Regular.ttf")


def font_dirs() -> list[Path]:
    """Folders holding at least one of the PDF's fonts; `GOVSCORE_FONT_DIRS` (os.pathsep-separated)
    replaces the Debian locations."""
    configured = os.environ.get(FONT_DIRS_ENV)
    candidates = [Path(item) for item in configured.split(os.pathsep) if item] if configured else DEFAULT_FONT_DIRS
    found = [folder for folder in candidates if any((folder / name).is_file() for name in FONT_FILES)]
    if not found:
        searched = ", ".join(str(folder) for folder in candidates)
        raise DocumentError(
            f"Không tìm thấy phông Tinos hoặc Liberation Serif (đã tìm trong: {searched}). "
            f"Cài gói fonts-croscore hoặc fonts-liberation2, hoặc đặt {FONT_DIRS_ENV}.",
            f"The Tinos or Liberation Serif font was not found (searched: {searched}). "
            f"Install fonts-croscore or fonts-liberation2, or set {FONT_DIRS_ENV}.",
        )
    return found


def pdf_fonts() -> typst.Fonts:
    """The PDF's fonts, read once per set of folders: scanning them is most of a small PDF's time."""
    return _fonts(tuple(str(folder) for folder in font_dirs()))


@lru_cache(maxsize=4)
def _fonts(folders: tuple[str, ...]) -> typst.Fonts:
    # Typst's own embedded fonts are left out too: a missing letter must not come from another face.
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=list(folders))
