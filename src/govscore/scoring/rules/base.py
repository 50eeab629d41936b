"""What every scoring rule is: parameters in, points with their explanation out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from typing import ClassVar

from govscore.scoring.model import FactValue, IndicatorType, Period
from govscore.scoring.values import Value

ZERO = Decimal(0)
ONE = Decimal(1)


class _Rescan:
    def __repr__(self) -> str:
        return "RESCAN"


# `Rule.moved_summary`'s answer when the change alone does not tell: read every unit's fact again.
RESCAN: Hashable = _Rescan()


@dataclass(frozen=True)
class Step:
    """One line of an explanation: a message key and its arguments."""

    key: str
    args: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleInput:
    """What a rule may look at for one unit: its facts, its max, and its peers for relative rules."""

    max_points: Decimal
    facts: Mapping[str, FactValue]
    period: Period
    peers: Callable[[str, str], Sequence[FactValue]] = lambda _code, _scope: ()
    active_months: tuple[int, ...] | None = None
    # (rule, indicator, scope) → `rule.peer_summary` of the peers, computed once per scope by the engine.
    summaries: Callable[[Rule, str, str], Hashable] | None = None

    def fact(self, code: str) -> FactValue | None:
        return self.facts.get(code)

    def with_max(self, max_points: Decimal) -> RuleInput:
        """The same unit seen by a part of a rule, which has its own max."""
        return RuleInput(max_points, self.facts, self.period, self.peers, self.active_months, self.summaries)

    def peer_summary(self, rule: Rule, code: str, scope: str) -> Hashable:
        """What `rule` takes from the peers' facts of `code` (a group's best value, say)."""
        if self.summaries is not None:
            return self.summaries(rule, code, scope)
        return rule.peer_summary(code, self.peers(code, scope))


Detail = tuple[Sequence[Step], Mapping[str, Value]]

# A rule's points for many units at once (zero where it does not apply) and the positions where it does not.
Column = tuple[list[Decimal], set[int]]
# (rule, indicator, scope, group) → the summary of the peers' facts (`RuleInput.summaries` for one group).
GroupSummary = Callable[["Rule", str, str, str], Hashable]


class Cells:
    """Many units seen by one rule at once: a criterion is scored down its column, its parameters read
    once, instead of one `RuleInput` and `Outcome` per unit (a country is 300,000 cells)."""

    __slots__ = ("active", "facts", "groups", "max_points", "period", "summary")

    def __init__(
        self,
        facts: Sequence[Mapping[str, FactValue]],
        groups: Sequence[str],
        active: Sequence[tuple[int, ...] | None],
        max_points: Decimal,
        period: Period,
        summary: GroupSummary,
    ) -> None:
        self.facts, self.groups, self.active = facts, groups, active
        self.max_points, self.period, self.summary = max_points, period, summary

    def values(self, code: str) -> list[FactValue | None]:
        return [facts.get(code) for facts in self.facts]

    def with_max(self, max_points: Decimal) -> Cells:
        return Cells(self.facts, self.groups, self.active, max_points, self.period, self.summary)

    def summaries(self, rule: Rule, code: str, scope: str) -> list[Hashable]:
        """Each unit's summary of its peers' facts of `code`, worked out once per group."""
        by_group: dict[str, Hashable] = {}
        found = []
        for group in self.groups:
            if group not in by_group:
                by_group[group] = self.summary(rule, code, scope, group)
            found.append(by_group[group])
        return found

    def inputs(self) -> list[RuleInput]:
        return [
            RuleInput(self.max_points, facts, self.period, active_months=active, summaries=self._of_group(group))
            for facts, group, active in zip(self.facts, self.groups, self.active, strict=True)
        ]

    def _of_group(self, group: str) -> Callable[[Rule, str, str], Hashable]:
        summary = self.summary
        return lambda rule, code, scope: summary(rule, code, scope, group)


@dataclass(frozen=True)
class Raise:
    """A change of one of the unit's own inputs that raises a rule's points: the new value, and how far
    it moves the input as a share of its range (0 to 1), so that the cheapest changes can be chosen."""

    indicator: str
    value: FactValue
    effort: Decimal


class Outcome:
    """A rule's points for one unit, with its explanation (`steps`) and the facts its sentences may name.

    A rule may give the explanation as `detail`, a function called only when someone reads the steps or
    the facts: ranking a country's units needs their points alone, not a sentence per criterion of each.
    """

    __slots__ = ("_detail", "_explained", "applicable", "has_data", "points")

    def __init__(
        self,
        points: Decimal,
        steps: Sequence[Step] = (),
        facts: Mapping[str, Value] | None = None,
        applicable: bool = True,
        has_data: bool = True,
        *,
        detail: Callable[[], Detail] | None = None,
    ) -> None:
        self.points = points
        self.applicable = applicable
        self.has_data = has_data
        self._detail = detail
        self._explained: tuple[tuple[Step, ...], Mapping[str, Value]] | None = (
            None if detail is not None else (tuple(steps), facts if facts is not None else {})
        )

    def _made(self) -> tuple[tuple[Step, ...], Mapping[str, Value]]:
        if self._explained is None:
            assert self._detail is not None
            steps, facts = self._detail()
            self._explained, self._detail = (tuple(steps), facts), None
        return self._explained

    @property
    def steps(self) -> tuple[Step, ...]:
        return self._made()[0]

    @property
    def facts(self) -> Mapping[str, Value]:
        return self._made()[1]


class Rule(ABC):
    """A scoring rule: data in a framework file, evaluated for one unit at a time."""

    type_name: ClassVar[str]
    # Facts the narrative templates of a criterion may use, beside `points` and `max`.
    fact_names: ClassVar[frozenset[str]] = frozenset()

    @abstractmethod
    def evaluate(self, inp: RuleInput) -> Outcome:
        """Points for one unit; never outside [0, max] unless the rule is signed."""

    @abstractmethod
    def indicators(self) -> tuple[str, ...]:
        """Indicator codes this rule reads."""

    def column(self, cells: Cells) -> Column:
        """The points of many units, the same as `evaluate` gives each (without the explanation). By
        default through `evaluate`; the common rules score the column directly."""
        points: list[Decimal] = []
        excluded: set[int] = set()
        for index, inp in enumerate(cells.inputs()):
            outcome = self.evaluate(inp)
            points.append(outcome.points)
            if not outcome.applicable:
                excluded.add(index)
        return points, excluded

    def possible_max(self, max_points: Decimal) -> Decimal:
        """The most this rule can give, for validation against the criterion's max."""
        return max_points

    def possible_min(self, max_points: Decimal) -> Decimal:
        return ZERO

    def lowest_bound(self, max_points: Decimal) -> Decimal:
        """The lower bound the rule clamps its points to; above `max_points` it would exceed the max."""
        return self.possible_min(max_points)

    def raises(self, inp: RuleInput, needed: Decimal) -> tuple[Raise, ...]:
        """Changes of the unit's own inputs that raise its points, each aiming at `needed` more points
        (or as many as the rule can still give). None by default: points people set (a council's score,
        deductions) are not the unit's to change."""
        return ()

    def raise_words(self, inp: RuleInput, indicator: str, before: FactValue | None, after: FactValue) -> Step:
        """A change of `indicator` from `before` to `after` in words. The message gets the indicator's
        `title` and both values as people read them (`after`, `before`) besides the step's own arguments."""
        return Step("raise.reach")

    def compared(self) -> tuple[tuple[str, str], ...]:
        """(indicator, scope) pairs on which this rule compares a unit with others (scope "group": the
        unit's group, "all": every unit); empty for a rule that looks at the unit's own data only."""
        return ()

    def peer_summary(self, indicator: str, peers: Sequence[FactValue]) -> Hashable:
        """What the rule takes from the other units' facts of `indicator`: while it stays the same, a
        change of some units' data changes no other unit's points. By default, all of them."""
        return tuple(sorted(repr(peer) for peer in peers))

    def moved_summary(
        self, indicator: str, summary: Hashable, old: FactValue | None, new: FactValue | None
    ) -> Hashable:
        """The summary once one unit's fact went from `old` to `new`, or RESCAN when that needs every
        unit's fact (by default: always)."""
        return RESCAN

    def relative_parts(self) -> tuple[Rule, ...]:
        """The rules that ask for a summary of the other units' facts: this one, or its parts'."""
        return (self,) if self.compared() else ()

    @property
    def is_relative(self) -> bool:
        """True when a unit's points depend on other units' data."""
        return bool(self.compared())


def no_data(facts: Mapping[str, Value] | None = None) -> Outcome:
    return Outcome(ZERO, (Step("explain.no_data"),), dict(facts or {}), has_data=False)


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(high, value))


NUMERIC_TYPES: frozenset[IndicatorType] = frozenset({"number", "count"})


def ceil_to(value: Decimal, places: int) -> Decimal:
    """`value` rounded up to `places` decimals: a proposed value must give at least the points it names."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)


def places_of(value: Decimal, most: int = 2) -> int:
    """The decimals a value is written with (at most `most`): a proposed value is written alike."""
    exponent = value.normalize().as_tuple().exponent
    return min(most, max(0, -exponent)) if isinstance(exponent, int) else 0
