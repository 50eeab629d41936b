"""Unicode normalisation at the boundary for multi-line text.

The core's `nfc` also collapses whitespace (right for names and one-line fields); report
content and YAML keep their line breaks, so they are only normalised to NFC here.
"""

from __future__ import annotations

import unicodedata


def nfc_text(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()
