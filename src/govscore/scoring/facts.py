"""Indicator values: the one way a value is checked, stored, read back and shown.

Every way in — an evaluation file, the data form, the XLSX import, the demo — hands `read_value` the
value in its plain shape (a number as int or Decimal, a mapping for a ratio, a list of item codes, …)
and gets the core's fact, or the problems with it in the same words whichever way it came. The
database keeps `to_json(fact)`: one canonical JSON shape in which numbers are exact decimal text without
trailing zeros (`"40"`, `"0.5"`), items are in the indicator's order, and every optional part is left
out, so equal values are equal JSON. `from_json` reads it back; `describing.describe` shows a value as
people write it.

Shapes (plain → JSON):
  number, count   40                               → "40"
  boolean         true                             → true
  category, text  "code" / "some text"             → the same
  ratio           {numerator: 40, denominator: 50} → {"numerator": "40", "denominator": "50"}
                  {percent: 97.5}                  → {"percent": "97.5"}
  items           [a, b]                           → ["a", "b"]
  score           {points: 5, reason: "…"}         → {"points": "5", "reason": "…"}
  adjustments     [{points: -2, reason: "…"}]      → [{"points": "-2", "reason": "…"}]
  reports         {late: [1], missing: [3]}        → {"late": [1], "missing": [3]}
                  {received: {1: 2012-02-03T09:30:00+07:00}} → {"received": {"1": "2012-02-03T09:30:00+07:00"}}
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from govscore.scoring.limits import TEXT_MAX, WHOLE_LIMIT
from govscore.scoring.messages import Phrase, Shown
from govscore.scoring.model import Adjustment, FactValue, Indicator, Ratio, Reports, Score
from govscore.scoring.value_reading import Invalid, Part, Reading
from govscore.scoring.value_reading import ValueProblem as ValueProblem
from govscore.scoring.values import as_stamp, plain

JsonValue = Any  # None | bool | str | list[JsonValue] | dict[str, JsonValue]
HUNDRED = Decimal(100)


def read_value(
    indicator: Indicator, raw: object, *, text_max: int | None = TEXT_MAX
) -> tuple[FactValue | None, list[ValueProblem]]:
    """The fact a value in its plain shape stands for, or None and every problem found with it.

    `text_max`: the longest text it may hold (None: any, for values already stored)."""
    return value_reader(indicator, text_max=text_max)(raw)


def value_reader(
    indicator: Indicator, *, text_max: int | None = TEXT_MAX
) -> Callable[[object], tuple[FactValue | None, list[ValueProblem]]]:
    """`read_value` for one indicator, prepared once for the many values of a file (a country's file
    reads a quarter of a million)."""
    reading, read = Reading(indicator, text_max), _READERS[indicator.type]

    def reader(raw: object) -> tuple[FactValue | None, list[ValueProblem]]:
        try:
            return read(reading, raw), []
        except Invalid as invalid:
            return None, invalid.problems

    return reader


def _number(reading: Reading, raw: object) -> Decimal:
    indicator = reading.indicator
    whole = indicator.type == "count"
    number = reading.number(raw, expected="expected.whole" if whole else "expected.number")
    if whole and number != number.to_integral_value():
        raise reading.wrong_type("expected.whole", raw)
    low = indicator.minimum if indicator.minimum is not None else Decimal(0)
    high = indicator.maximum
    if high is not None and not low <= number <= high:
        raise Invalid(reading.problem("value.range", low=low, high=high, actual=number))
    if number < low:
        raise Invalid(_below(reading, low, number, ()))
    return number


def _below(reading: Reading, low: Decimal, number: Decimal, part: tuple[Part, ...]) -> ValueProblem:
    if low == 0:
        return reading.problem("value.negative", part, actual=number)
    return reading.problem("value.at_least", part, low=low, actual=number)


def _boolean(reading: Reading, raw: object) -> bool:
    if not isinstance(raw, bool):
        raise reading.wrong_type("expected.yes_no", raw)
    return raw


def _choice(reading: Reading, raw: object, part: tuple[Part, ...] = ()) -> str:
    choices = reading.indicator.choices
    if not isinstance(raw, str) or raw not in {choice.code for choice in choices}:
        # Titles for people, codes for files: a data sheet takes either, an evaluation file the code.
        allowed = "; ".join(
            choice.code if choice.title == choice.code else f"{choice.title} ({choice.code})" for choice in choices
        )
        raise Invalid(reading.problem("value.choice", part, actual=Shown(raw), allowed=allowed))
    return raw


def _items(reading: Reading, raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list | tuple):
        raise reading.wrong_type("expected.item_codes", raw)
    problems: list[ValueProblem] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        try:
            code = _choice(reading, item, (index,))
        except Invalid as invalid:
            problems.extend(invalid.problems)
            continue
        if code in seen:
            problems.append(reading.problem("value.item_twice", (index,), item=code))
        seen.add(code)
    if problems:
        raise Invalid(*problems)
    return tuple(choice.code for choice in reading.indicator.choices if choice.code in seen)


def _ratio(reading: Reading, raw: object) -> Ratio:
    if type(raw) is dict and len(raw) == 2:
        # The usual shape, whole numbers in order, taken without the checks that name each part.
        numerator, denominator = raw.get("numerator"), raw.get("denominator")
        if type(numerator) is int and type(denominator) is int and 0 <= numerator <= denominator < WHOLE_LIMIT:
            return Ratio(Decimal(numerator), Decimal(denominator))
    given = reading.mapping(raw, {"numerator", "denominator", "percent"}, "expected.ratio")
    numbers: dict[str, Decimal] = {}
    problems: list[ValueProblem] = []
    for name, value in given.items():
        try:
            numbers[name] = reading.number(value, (name,))
        except Invalid as invalid:
            problems.extend(invalid.problems)
            continue
        if numbers[name] < 0:
            problems.append(_below(reading, Decimal(0), numbers[name], (name,)))
    if problems:
        raise Invalid(*problems)
    numerator, denominator, percent = (numbers.get(name) for name in ("numerator", "denominator", "percent"))
    if percent is not None:
        if numerator is not None or denominator is not None:
            raise Invalid(reading.problem("value.ratio_both", ("percent",)))
        if percent > HUNDRED:
            raise Invalid(reading.problem("value.percent_over", ("percent",), actual=percent))
        return Ratio(percent=percent)
    if numerator is None:
        raise Invalid(reading.problem("value.ratio_denominator_only", ("numerator",)))
    if denominator is None:
        raise Invalid(reading.problem("value.ratio_numerator_only", ("denominator",)))
    if numerator > denominator and reading.indicator.share:
        problem = reading.problem("value.ratio_over", ("numerator",), numerator=numerator, denominator=denominator)
        raise Invalid(problem)
    return Ratio(numerator, denominator)


def _score(reading: Reading, raw: object) -> Score:
    given = reading.mapping(raw, {"points", "reason", "by"}, "expected.score")
    points = reading.number(given.get("points"), ("points",))
    reason = reading.reason(given.get("reason"), ("reason",))
    return Score(points, reason, reading.text(given.get("by", ""), ("by",)))


def _adjustments(reading: Reading, raw: object) -> tuple[Adjustment, ...]:
    if not isinstance(raw, list | tuple):
        raise reading.wrong_type("expected.adjustments", raw)
    items: list[Adjustment] = []
    problems: list[ValueProblem] = []
    for index, item in enumerate(raw):
        try:
            if not isinstance(item, Mapping) or not set(item) <= {"points", "reason"}:
                raise reading.wrong_type("expected.adjustment", item, (index,))
            points = reading.number(item.get("points"), (index, "points"))
            items.append(Adjustment(points, reading.reason(item.get("reason"), (index, "reason"))))
        except Invalid as invalid:
            problems.extend(invalid.problems)
    if problems:
        raise Invalid(*problems)
    return tuple(items)


def _months(reading: Reading, raw: object, part: tuple[Part, ...]) -> tuple[int, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list | tuple):
        raise reading.wrong_type("expected.months", raw, part)
    problems = [
        reading.problem("value.month", (*part, index), month=Shown(month))
        for index, month in enumerate(raw)
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12
    ]
    if problems:
        raise Invalid(*problems)
    return tuple(sorted(set(raw)))


def _reports(reading: Reading, raw: object) -> Reports:
    given = reading.mapping(raw, {"late", "missing", "received"}, "expected.reports")
    if "received" not in given:
        late = _months(reading, given.get("late"), ("late",))
        return Reports(late=late, missing=_months(reading, given.get("missing"), ("missing",)), statuses_given=True)
    if len(given) > 1:
        raise reading.wrong_type("expected.reports", raw)
    received = given["received"]
    if not isinstance(received, Mapping):
        raise reading.wrong_type("expected.received", received, ("received",))
    stamps: dict[int, datetime.datetime] = {}
    problems: list[ValueProblem] = []
    for month, stamp in received.items():
        number = int(month) if isinstance(month, int | str) and str(month).isdigit() else 0
        where = ("received", month)
        if not 1 <= number <= 12:
            problems.append(reading.problem("value.month", where, month=Shown(month)))
        elif (moment := as_stamp(stamp)) is None or moment.tzinfo is None:
            problems.append(
                reading.problem("value.type", where, expected=Phrase("expected.stamp"), actual=Shown(stamp))
            )
        else:
            stamps[number] = moment
    if problems:
        raise Invalid(*problems)
    return Reports(received=dict(sorted(stamps.items())))


# A number as people type it: digits, with a decimal comma (as Vietnamese writes it) or point.
_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:[,.]\d+)?")
# `1.234` is 1234 to a Vietnamese reader and 1.234 to an English one: neither is assumed.
_THOUSANDS = re.compile(r"[+-]?\d{1,3}\.\d{3}")


def number_from_text(indicator: Indicator, text: str) -> tuple[Decimal | None, list[ValueProblem]]:
    """A number typed as text (a form field, a text cell), or the problem in the words `read_value` uses."""
    typed = text.strip().replace(" ", "").replace("\u00a0", "")
    reading = Reading(indicator)
    if _THOUSANDS.fullmatch(typed):
        return None, [reading.problem("value.ambiguous_number", actual=Shown(typed))]
    if not _NUMBER_TEXT.fullmatch(typed):
        return None, [
            type_problem(indicator, "expected.whole" if indicator.type == "count" else "expected.number", typed)
        ]
    return Decimal(typed.replace(",", ".")), []


def type_problem(indicator: Indicator, expected: str, raw: object) -> ValueProblem:
    """`{indicator}: must be {expected} (found {raw})`, for a reader that knows the value's type is wrong."""
    return Reading(indicator).wrong_type(expected, raw).problems[0]


_READERS: dict[str, Callable[[Reading, object], FactValue]] = {
    "number": _number,
    "count": _number,
    "boolean": _boolean,
    "category": _choice,
    "text": lambda reading, raw: reading.text(raw),
    "ratio": _ratio,
    "items": _items,
    "score": _score,
    "adjustments": _adjustments,
    "reports": _reports,
}


# Stored JSON.
@functools.lru_cache(maxsize=65536)
def number_text(value: Decimal) -> str:
    """A number as stored: exact, no exponent, no trailing zeros (`40`, `0.5`)."""
    return format(plain(value), "f")


def to_plain(fact: FactValue) -> object:
    """The fact in the plain shape `read_value` reads (Decimals as they are): what a file would hold."""
    if isinstance(fact, Ratio):
        if fact.percent is not None:
            return {"percent": fact.percent}
        return {"numerator": fact.numerator, "denominator": fact.denominator}
    if isinstance(fact, Score):
        score: dict[str, object] = {"points": fact.points, "reason": fact.reason}
        return {**score, "by": fact.by} if fact.by else score
    if isinstance(fact, Reports):
        if fact.statuses_given:
            return {"late": list(fact.late), "missing": list(fact.missing)}
        return {"received": dict(fact.received)}
    if isinstance(fact, tuple):
        return [
            {"points": item.points, "reason": item.reason} if isinstance(item, Adjustment) else item for item in fact
        ]
    return fact


def to_json(fact: FactValue) -> JsonValue:
    """The canonical stored shape: equal facts give equal JSON."""
    return _jsonable(to_plain(fact))


def _jsonable(value: object) -> JsonValue:
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


# Where the JSON shape holds numbers as text, per indicator type: numbers are read back as Decimals.
_NUMBER_PARTS = {"ratio": {"numerator", "denominator", "percent"}, "score": {"points"}, "adjustments": {"points"}}


def from_json(indicator: Indicator, stored: JsonValue) -> tuple[FactValue | None, list[ValueProblem]]:
    """The fact a stored value stands for, checked again as on the way in (a framework may have changed);
    a text stored before its length was limited counts as it was stored."""
    return read_value(indicator, _from_stored(indicator.type, stored), text_max=None)


def _from_stored(indicator_type: str, stored: JsonValue) -> object:
    if indicator_type in ("number", "count"):
        return _decimal(stored)
    parts = _NUMBER_PARTS.get(indicator_type)
    if parts is not None and isinstance(stored, Mapping):
        return {key: _decimal(item) if key in parts else item for key, item in stored.items()}
    if parts is not None and isinstance(stored, list):
        return [_from_stored(indicator_type, item) for item in stored]
    if indicator_type == "reports" and isinstance(stored, Mapping) and isinstance(stored.get("received"), Mapping):
        return {"received": {int(month): _stamp(text) for month, text in stored["received"].items()}}
    return stored


def _decimal(value: object) -> object:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return value
    return value


def _stamp(text: object) -> object:
    try:
        return datetime.datetime.fromisoformat(str(text))
    except ValueError:
        return text
