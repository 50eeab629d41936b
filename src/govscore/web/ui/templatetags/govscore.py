"""Template helpers that show the core's values the way the core writes them, in the reader's language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from govscore.scoring.display import percent_text, points_text
from govscore.scoring.grading import grade_position
from govscore.scoring.model import Framework
from govscore.scoring.previous import rank_move as moved
from govscore.scoring.results import Change
from govscore.scoring.vietnamese import format_number, format_percent
from govscore.web.i18n import current_language
from govscore.web.ui.breadcrumbs import trail

register = template.Library()


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context) -> dict[str, Any]:
    """The trail of pages above this one (`ui.breadcrumbs`)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return {"crumbs": trail(context, match.url_name if match else None)}


@register.filter
def number(value: Decimal | int | None) -> str:
    """`1.234,5` in Vietnamese, `1,234.5` in English; nothing for no value."""
    return "" if value is None else format_number(value, None, current_language())


@register.inclusion_tag("components/grade.html")
def grade_badge(framework: Framework, grade: str, total: Decimal | None = None) -> dict[str, Any]:
    """A grade as a badge, coloured by its place among the framework's bands (the best first), and with
    the total as a published table writes it: `A+ (217 điểm)`."""
    shown = None if total is None else points_text(framework, total, current_language())
    return {"grade": grade, "total": shown, "position": grade_position(framework.grading, grade)}


@register.filter
def rank_move(change: Change | None) -> str:
    """`▲ 3`, `▼ 2`, `=` since last year; nothing without a rank on either side."""
    return "" if change is None else moved(change)


@register.simple_tag
def points(framework: Framework, value: Decimal | None) -> str:
    """A total with the decimals the framework publishes it with (`69,00`)."""
    return "" if value is None else points_text(framework, value, current_language())


@register.simple_tag
def percent(framework: Framework, value: Decimal | None) -> str:
    """A percentage (0–100) as the framework publishes it (`96,50%`)."""
    return "" if value is None else percent_text(framework, value, current_language())


@register.filter
def times(value: int, factor: int) -> int:
    return int(value) * int(factor)


@register.simple_tag
def percent_of(share: Decimal) -> str:
    """A share (0–1) as a whole percentage in the reader's language: `85%`."""
    return format_percent(share, 0, current_language())


@register.simple_tag
def widthof(share: Decimal) -> str:
    """A share (0–1) as an SVG width on a 0–100 box, written with a dot whatever the language."""
    return f"{share * 100:.2f}"
