"""The core speaks "vi" or "en"; Django's active language may carry a region ("en-us")."""

from __future__ import annotations

from django.utils.translation import get_language


def current_language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"
