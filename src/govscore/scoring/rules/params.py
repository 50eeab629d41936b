"""Reading a rule's parameters: typed, located, every problem collected rather than raised."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from govscore.scoring.errors import Problem
from govscore.scoring.messages import Phrase, Shown
from govscore.scoring.model import Indicator, IndicatorType
from govscore.scoring.source import Path, Source

if TYPE_CHECKING:
    from govscore.scoring.rules.base import Rule

T = TypeVar("T")

_MISSING: Any = object()


@dataclass
class ParseContext:
    source: Source
    indicators: Mapping[str, Indicator]
    criterion: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path: Path, key: str, **args: object) -> None:
        self.problems.append(Problem(self.source.at(path), key, args, self.criterion))


def check_rule_bounds(ctx: ParseContext, path: Path, subject: str, code: str, rule: Rule, declared: Decimal) -> None:
    """Report a rule that can give more than `declared`, or whose lowest points are above it."""
    possible = rule.possible_max(declared)
    if possible > declared:
        args = {"code": code, "possible": possible, "declared": declared}
        ctx.problems.append(Problem(ctx.source.at(path), "max.rule_exceeds", args, subject))
    lowest = rule.lowest_bound(declared)
    if lowest > declared:
        args = {"code": code, "lowest": lowest, "declared": declared}
        ctx.problems.append(Problem(ctx.source.at(path), "min.rule_exceeds", args, subject))


class ParamReader:
    """Reads one rule's parameter mapping; call `finish()` to report unknown parameters."""

    def __init__(self, rule_type: str, raw: Mapping[str, object], path: Path, ctx: ParseContext):
        self.rule_type = rule_type
        self.raw = raw
        self.path = path
        self.ctx = ctx
        self.seen: set[str] = {"type"} if rule_type else set()
        self.finished = False

    def _get(self, name: str, default: object) -> object:
        self.seen.add(name)
        if name in self.raw:
            return self.raw[name]
        if default is _MISSING:
            self.ctx.problem(self.path, "field.required", field=name)
        return default

    def _bad(self, name: str, expected: str, value: object) -> None:
        self.ctx.problem(self.path + (name,), "field.type", field=name, expected=Phrase(expected), actual=Shown(value))

    def decimal(self, name: str, default: Decimal | None = _MISSING, *, minimum: Decimal | None = None) -> Decimal:
        if name in self.raw and self.raw[name] is None:
            # `each:` with nothing after it: a forgotten value, not zero.
            self.seen.add(name)
            self.ctx.problem(self.path + (name,), "field.required", field=name)
            return Decimal(0)
        value = self._get(name, default)
        if value is None or value is _MISSING:
            return Decimal(0)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self._bad(name, "expected.number", value)
            return Decimal(0)
        number = Decimal(value)
        if minimum is not None and number < minimum:
            self.ctx.problem(self.path + (name,), "field.negative", field=name, actual=number)
        return number

    def optional_decimal(self, name: str, *, minimum: Decimal | None = None) -> Decimal | None:
        if name not in self.raw:
            self.seen.add(name)
            return None
        return self.decimal(name, minimum=minimum)

    def integer(self, name: str, default: int = _MISSING, *, low: int, high: int) -> int:
        value = self._get(name, default)
        if value is _MISSING:
            return low
        if isinstance(value, bool) or not isinstance(value, int):
            self._bad(name, "expected.whole", value)
            return low
        if not low <= value <= high:
            self.ctx.problem(self.path + (name,), "field.range", field=name, low=low, high=high, actual=value)
        return value

    def string(self, name: str, default: str = _MISSING) -> str:
        value = self._get(name, default)
        if value is _MISSING:
            return ""
        if not isinstance(value, str):
            self._bad(name, "expected.text", value)
            return ""
        return value

    def boolean(self, name: str, default: bool = _MISSING) -> bool:
        value = self._get(name, default)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            self._bad(name, "expected.yes_no", value)
            return False
        return value

    def choice(self, name: str, options: tuple[str, ...], default: str = _MISSING) -> str:
        value = self._get(name, default)
        if value is _MISSING:
            return options[0]
        if value not in options:
            self.ctx.problem(self.path + (name,), "field.choice", field=name, allowed=", ".join(options), actual=value)
            return options[0]
        assert isinstance(value, str)
        return value

    def indicator(self, name: str, types: frozenset[IndicatorType]) -> str:
        code = self.string(name)
        if not code:
            return code
        indicator = self.ctx.indicators.get(code)
        if indicator is None:
            self.ctx.problem(self.path + (name,), "indicator.unknown", indicator=code)
        elif indicator.type not in types:
            self.ctx.problem(
                self.path + (name,),
                "indicator.type",
                indicator=code,
                actual=indicator.type,
                expected=" / ".join(sorted(types)),
            )
        return code

    def mapping(self, name: str, expected: str = "expected.mapping", *, required: bool = False) -> dict[str, object]:
        """A nested mapping read by the caller itself; empty (with a problem when given) otherwise."""
        value = self._get(name, _MISSING if required else None)
        if not isinstance(value, dict):
            if value is not _MISSING and (value is not None or required):
                self._bad(name, expected, value)
            return {}
        return value

    def decimal_map(self, name: str) -> dict[str, Decimal]:
        value = self.mapping(name, "expected.code_numbers", required=True)
        result: dict[str, Decimal] = {}
        for key, number in value.items():
            if isinstance(number, bool) or not isinstance(number, int | Decimal):
                self.ctx.problem(
                    self.path + (name, key),
                    "field.type",
                    field=f"{name}.{key}",
                    expected=Phrase("expected.number"),
                    actual=Shown(number),
                )
                continue
            result[str(key)] = Decimal(number)
        return result

    def mappings(self, name: str, read: Callable[[ParamReader], T], *, minimum: int = 1) -> list[T]:
        """A list of parameter mappings, each read by `read` with its own located reader."""
        value = self._get(name, _MISSING)
        if not isinstance(value, list):
            if value is not _MISSING:
                self._bad(name, "expected.list", value)
            return []
        if len(value) < minimum:
            self.ctx.problem(self.path + (name,), "field.required", field=name)
        result: list[T] = []
        for index, item in enumerate(value):
            item_path = self.path + (name, index)
            if not isinstance(item, dict):
                self.ctx.problem(
                    item_path, "field.type", field=name, expected=Phrase("expected.mapping"), actual=Shown(item)
                )
                continue
            reader = ParamReader(self.rule_type, item, item_path, self.ctx)
            result.append(read(reader))
            reader.finish()
        return result

    def rules(self, name: str, parse: Callable[[Mapping[str, object], Path, ParseContext], Rule | None]) -> list[Rule]:
        """Nested rules (parts of a composite or a case), parsed by the registry."""
        value = self._get(name, _MISSING)
        if not isinstance(value, list):
            if value is not _MISSING:
                self._bad(name, "expected.list", value)
            return []
        parsed: list[Rule] = []
        for index, item in enumerate(value):
            item_path = self.path + (name, index)
            if not isinstance(item, dict):
                self.ctx.problem(
                    item_path, "field.type", field=name, expected=Phrase("expected.mapping"), actual=Shown(item)
                )
                continue
            rule = parse(item, item_path, self.ctx)
            if rule is not None:
                parsed.append(rule)
        return parsed

    def raw_value(self, name: str) -> object:
        """A value read by the caller itself (nested structures); marks it as known."""
        self.seen.add(name)
        return self.raw.get(name)

    def child(self, name: str) -> ParamReader | None:
        """A reader over a nested mapping, or None (with a problem) if it is not a mapping."""
        value = self.raw_value(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            self._bad(name, "expected.mapping", value)
            return None
        return ParamReader("", value, self.path + (name,), self.ctx)

    def finish(self, extra_allowed: frozenset[str] = frozenset()) -> None:
        if self.finished:  # a caller may finish a nested reader before `mappings` does
            return
        self.finished = True
        allowed = self.seen | extra_allowed
        for key in self.raw:
            if key in allowed:
                continue
            names = ", ".join(sorted(allowed - {"type"} if self.rule_type else allowed))
            if self.rule_type:
                self.ctx.problem(
                    self.path + (key,), "rule.param_unknown", type=self.rule_type, param=key, allowed=names
                )
            else:
                self.ctx.problem(self.path + (key,), "field.unknown", field=key, allowed=names)
