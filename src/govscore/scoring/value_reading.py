"""A value being read by the one codec (`facts`): its problems, worded with its indicator's title."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from govscore.scoring.limits import NUMBER_DIGITS, NUMBER_LIMIT, TEXT_MAX, WHOLE_LIMIT
from govscore.scoring.messages import Phrase, Shown, render
from govscore.scoring.model import Indicator
from govscore.scoring.values import plain

Part = str | int


@dataclass(frozen=True)
class ValueProblem:
    """What is wrong with a value, and where in it (`("numerator",)`, `(2,)`, `("received", 3)`)."""

    key: str
    args: Mapping[str, object] = field(default_factory=dict)
    part: tuple[Part, ...] = ()

    def message(self, lang: str = "vi") -> str:
        return render(self.key, lang, **self.args)


class Invalid(Exception):
    def __init__(self, *problems: ValueProblem) -> None:
        super().__init__(problems)
        self.problems = list(problems)


class Reading:
    """One indicator's value being read: its problems, worded with the indicator's title."""

    def __init__(self, indicator: Indicator, text_max: int | None = TEXT_MAX) -> None:
        self.indicator = indicator
        self.text_max = text_max

    def problem(self, key: str, part: tuple[Part, ...] = (), **args: object) -> ValueProblem:
        return ValueProblem(key, {"indicator": self.indicator.title, **args}, part)

    def wrong_type(self, expected: str, raw: object, part: tuple[Part, ...] = ()) -> Invalid:
        return Invalid(self.problem("value.type", part, expected=Phrase(expected), actual=Shown(raw)))

    def number(self, raw: object, part: tuple[Part, ...] = (), expected: str = "expected.number") -> Decimal:
        if type(raw) is int:  # most numbers of a file: whole, already plain
            if -WHOLE_LIMIT < raw < WHOLE_LIMIT:
                return Decimal(raw)
            raise Invalid(self.problem("value.too_large", part, digits=NUMBER_DIGITS))
        if isinstance(raw, bool) or not isinstance(raw, int | Decimal) or not Decimal(raw).is_finite():
            raise self.wrong_type(expected, raw, part)
        number = Decimal(raw)
        if not -NUMBER_LIMIT < number < NUMBER_LIMIT:
            raise Invalid(self.problem("value.too_large", part, digits=NUMBER_DIGITS))
        return plain(number)

    def text(self, raw: object, part: tuple[Part, ...] = ()) -> str:
        if not isinstance(raw, str):
            raise self.wrong_type("expected.text", raw, part)
        return self.fitting(raw, part)

    def reason(self, raw: object, part: tuple[Part, ...] = ()) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise Invalid(self.problem("value.reason_required", part))
        return self.fitting(raw.strip(), part)

    def fitting(self, text: str, part: tuple[Part, ...]) -> str:
        if self.text_max is not None and len(text) > self.text_max:
            raise Invalid(self.problem("value.too_long", part, limit=self.text_max, count=len(text)))
        return text

    def mapping(self, raw: object, keys: set[str], expected: str) -> dict[str, object]:
        if not isinstance(raw, Mapping) or not raw or not set(raw) <= keys:
            raise self.wrong_type(expected, raw)
        return {str(key): value for key, value in raw.items() if value is not None}
