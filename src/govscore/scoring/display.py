"""Results printed as the framework publishes them: the same decimals in tables, CSV, documents and pages."""

from __future__ import annotations

from decimal import Decimal

from govscore.scoring.model import Framework
from govscore.scoring.values import quantize
from govscore.scoring.vietnamese import format_number, format_percent


def points_text(framework: Framework, value: Decimal, lang: str = "vi") -> str:
    """`69,00` where the framework prints two decimals, `69` where it prints a value's own digits."""
    return format_number(value, framework.display.points, lang)


def percent_text(framework: Framework, percent: Decimal, lang: str = "vi") -> str:
    """A percentage (0–100) with the framework's display decimals (`96,50%`), or rounded to its
    `percent_places` without trailing zeros (`96,5%`)."""
    places = framework.display.percent
    if places is None:
        return format_percent(percent / 100, framework.rounding.percent_places, lang)
    return format_number(percent, places, lang) + "%"


def points_csv(framework: Framework, value: Decimal) -> str:
    """A number for a CSV file: a dot, no thousands separator, the framework's display decimals."""
    places = framework.display.points
    if places is not None:
        return format(quantize(value, places), "f")
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
