"""A value as people read it, in their language: one function for every page, file and message."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from govscore.scoring.facts import JsonValue, from_json
from govscore.scoring.messages import render
from govscore.scoring.model import Adjustment, FactValue, Indicator, Ratio, Reports, Score
from govscore.scoring.months import month_list
from govscore.scoring.vietnamese import format_number


def describe(indicator: Indicator, fact: FactValue | None, lang: str = "vi") -> str:
    """A value as a person reads it: `40/50`, `97,5%`, `Có`, a choice's title, item titles, `1.234,5`."""
    if fact is None:
        return "—"
    if isinstance(fact, bool):
        return render("answer.yes" if fact else "answer.no", lang)
    if isinstance(fact, Decimal):
        return format_number(fact, None, lang)
    if isinstance(fact, Ratio):
        if fact.percent is not None:
            return f"{format_number(fact.percent, None, lang)}%"
        assert fact.numerator is not None and fact.denominator is not None
        return f"{format_number(fact.numerator, None, lang)}/{format_number(fact.denominator, None, lang)}"
    if isinstance(fact, Score):
        return f"{format_number(fact.points, None, lang)} ({render('label.reason', lang)}: {fact.reason})"
    if isinstance(fact, Reports):
        return _describe_reports(fact, lang)
    if isinstance(fact, tuple):
        if all(isinstance(item, Adjustment) for item in fact):
            return "; ".join(_adjustment(item, lang) for item in fact if isinstance(item, Adjustment)) or render(
                "none", lang
            )
        return "; ".join(indicator.choice_title(str(item)) for item in fact) or render("none", lang)
    if indicator.type == "category":
        return indicator.choice_title(fact)
    return fact


def _adjustment(item: Adjustment, lang: str) -> str:
    sign = "+" if item.points > 0 else ""
    return f"{sign}{format_number(item.points, None, lang)}: {item.reason}"


def _describe_reports(value: Reports, lang: str) -> str:
    if not value.statuses_given:
        months = month_list(sorted(value.received), lang)
        return f"{render('label.received', lang)}: {months or render('none', lang)}"
    parts = []
    if value.late:
        parts.append(f"{render('label.late', lang)}: {month_list(value.late, lang)}")
    if value.missing:
        parts.append(f"{render('label.missing', lang)}: {month_list(value.missing, lang)}")
    return "; ".join(parts) or render("none", lang)


def describe_json(indicator: Indicator, stored: JsonValue, lang: str = "vi") -> str:
    """A stored value as `describe` shows it; one the framework no longer accepts, as it was stored."""
    if stored is None:
        return "—"
    fact, _problems = from_json(indicator, stored)
    if fact is None:
        return _jsonable_text(stored)
    return describe(indicator, fact, lang)


def _jsonable_text(stored: JsonValue) -> str:
    if isinstance(stored, Mapping):
        return "; ".join(f"{key}: {_jsonable_text(item)}" for key, item in stored.items())
    if isinstance(stored, list):
        return ", ".join(_jsonable_text(item) for item in stored)
    return str(stored)
