"""Template helpers that show the core's values the way the core writes them, in the reader's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from govscore.scoring.grading import grade_position
from govscore.scoring.model import Framework
from govscore.scoring.vietnamese import format_number
from govscore.web.i18n import current_language

register = template.Library()


@register.filter
def number(value: Decimal | int | None) -> str:
    """`1.234,5` in Vietnamese, `1,234.5` in English; nothing for no value."""
    return "" if value is None else format_number(value, None, current_language())


@register.inclusion_tag("components/grade.html")
def grade_badge(framework: Framework, grade: str, total: Decimal | None = None) -> dict[str, Any]:
    """A grade as a badge, coloured by its place among the framework's bands (the best first), and with
    the total as a published table writes it: `A+ (217 điểm)`."""
    return {"grade": grade, "total": total, "position": grade_position(framework.grading, grade)}


@register.filter
def times(value: int, factor: int) -> int:
    return int(value) * int(factor)
