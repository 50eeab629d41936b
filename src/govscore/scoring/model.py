"""The framework and evaluation model: plain frozen values, no behaviour beyond lookups.

A *framework* is the versioned criteria set issued by a decision. An *evaluation* is one
period's data: which units were assessed and the facts recorded for each, scored under one
framework version.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from govscore.scoring.narrative import NarrativeEntry
    from govscore.scoring.rules.base import Rule


class Location:
    """Where a value came from, so that every message can point at it.

    The line may be found only when it is first read: a file read fast is parsed again for its lines
    only when something has to be located in it (`loading.yamlfile`).
    """

    __slots__ = ("_column", "_find", "_line", "file")

    def __init__(
        self,
        file: str,
        line: int | None = None,
        column: int | None = None,
        *,
        find: Callable[[], tuple[int | None, int | None]] | None = None,
    ) -> None:
        self.file, self._line, self._column, self._find = file, line, column, find

    def _found(self) -> None:
        if self._find is not None:
            (self._line, self._column), self._find = self._find(), None

    @property
    def line(self) -> int | None:
        self._found()
        return self._line

    @property
    def column(self) -> int | None:
        self._found()
        return self._column

    def _key(self) -> tuple[str, int | None, int | None]:
        return self.file, self.line, self.column

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Location) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Location({self.file!r}, {self.line!r}, {self.column!r})"

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}"


NO_LOCATION = Location("<memory>")

IndicatorType = Literal[
    "number",
    "count",
    "boolean",
    "category",
    "ratio",
    "items",
    "reports",
    "score",
    "adjustments",
    "text",
]


@dataclass(frozen=True)
class Choice:
    code: str
    title: str


@dataclass(frozen=True)
class Indicator:
    """A fact collected for each unit (one column of a data sheet)."""

    code: str
    title: str
    type: IndicatorType
    unit: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: tuple[Choice, ...] = ()
    description: str = ""
    location: Location = field(default=NO_LOCATION, compare=False)

    def choice_title(self, code: str) -> str:
        for choice in self.choices:
            if choice.code == code:
                return choice.title
        return code


@dataclass(frozen=True)
class Bound:
    value: Decimal
    inclusive: bool


@dataclass(frozen=True)
class Band:
    """One grade: a half-open or closed interval on points or on % of the unit's own max."""

    grade: str
    label: str = ""
    short: str = ""
    lower: Bound | None = None
    upper: Bound | None = None
    location: Location = field(default=NO_LOCATION, compare=False)

    def contains(self, value: Decimal) -> bool:
        if self.lower is not None:
            if value < self.lower.value or (value == self.lower.value and not self.lower.inclusive):
                return False
        if self.upper is not None:
            if value > self.upper.value or (value == self.upper.value and not self.upper.inclusive):
                return False
        return True


GradingBasis = Literal["points", "percent"]


@dataclass(frozen=True)
class GradeCap:
    """A condition that keeps a unit at or below `grade` whatever its points: a criterion's points below
    `below`, or an indicator's value equal to `equals`. `reason` is printed where the grade is."""

    grade: str
    reason: str
    criterion: str = ""
    below: Decimal | None = None
    indicator: str = ""
    equals: bool | str | Decimal | None = None
    location: Location = field(default=NO_LOCATION, compare=False)


QuotaTies = Literal["keep", "drop"]


@dataclass(frozen=True)
class GradeQuota:
    """At most `share` percent of a group's ranked units get `grade`; the others who reach it get the
    next grade, taken by rank. Units tied at the cut-off all keep it (`keep`) or none does (`drop`)."""

    grade: str
    share: Decimal
    ties: QuotaTies = "keep"
    location: Location = field(default=NO_LOCATION, compare=False)


@dataclass(frozen=True)
class Grading:
    """How units are graded; no bands at all means the framework grades nobody (ranks and values only)."""

    basis: GradingBasis
    bands: tuple[Band, ...]
    # Bands of their own for some groups (a grade from 85 for districts, from 80 for departments).
    by_group: Mapping[str, tuple[Band, ...]] = field(default_factory=dict)
    caps: tuple[GradeCap, ...] = ()
    quota: GradeQuota | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.bands)

    def bands_for(self, group: str) -> tuple[Band, ...]:
        return self.by_group.get(group, self.bands)

    def all_bands(self) -> Iterator[Band]:
        """Every band of every set, the framework's first."""
        yield from self.bands
        for bands in self.by_group.values():
            yield from bands

    def grades(self) -> tuple[str, ...]:
        """Every grade the framework may give, best first as its bands list them, each once."""
        return tuple(dict.fromkeys(band.grade for band in self.all_bands()))


RankingBasis = Literal["points", "percent"]
RankStyle = Literal["competition", "dense"]
TiedOrder = Literal["name", "published"]


@dataclass(frozen=True)
class Ranking:
    """What units are ranked on within their group, how ties share a rank (competition 1, 2, 2, 4 or
    dense 1, 2, 2, 3), and in what order tied units are listed."""

    basis: RankingBasis = "points"
    style: RankStyle = "competition"
    tied_order: TiedOrder = "name"


RoundingMode = Literal["half_up", "half_even", "down", "up"]
RoundingTarget = Literal["criterion", "total"]


@dataclass(frozen=True)
class Rounding:
    """The framework's rounding, applied once: to each leaf criterion or to the total."""

    at: RoundingTarget = "total"
    places: int = 2
    mode: RoundingMode = "half_up"
    percent_places: int = 1


@dataclass(frozen=True)
class UnitGroup:
    code: str
    name: str


@dataclass(frozen=True)
class Substitution:
    """For the named units this criterion is answered in place of `replaces`."""

    replaces: str
    units: tuple[str, ...]
    location: Location = field(default=NO_LOCATION, compare=False)


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    max_points: Decimal
    min_points: Decimal = Decimal(0)
    rule: Rule | None = None
    children: tuple[Criterion, ...] = ()
    applies_to: tuple[str, ...] = ()
    substitute: Substitution | None = None
    narrative: tuple[NarrativeEntry, ...] = ()
    keywords: tuple[str, ...] = ()
    note: str = ""
    location: Location = field(default=NO_LOCATION, compare=False)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def applies_to_group(self, group: str) -> bool:
        return not self.applies_to or group in self.applies_to

    def walk(self) -> Iterator[Criterion]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Decision:
    number: str
    date: datetime.date | None
    issuer: str = ""
    title: str = ""


@dataclass(frozen=True)
class Framework:
    code: str
    version: str
    title: str
    decision: Decision
    max_points: Decimal
    criteria: tuple[Criterion, ...]
    grading: Grading
    rounding: Rounding = Rounding()
    indicators: tuple[Indicator, ...] = ()
    groups: tuple[UnitGroup, ...] = ()
    total_may_leave_bounds: bool = False
    note: str = ""
    location: Location = field(default=NO_LOCATION, compare=False)
    ranking: Ranking = Ranking()

    def walk(self) -> Iterator[Criterion]:
        for criterion in self.criteria:
            yield from criterion.walk()

    def criterion(self, code: str) -> Criterion:
        return self._criteria_by_code[code]

    def indicator(self, code: str) -> Indicator:
        return self._indicators_by_code[code]

    # Looked up for every criterion of every unit: a walk of the tree each time made scoring n × k².
    # The first of duplicated codes wins, as a walk would find it (the loader reports duplicates).
    @functools.cached_property
    def _criteria_by_code(self) -> dict[str, Criterion]:
        found: dict[str, Criterion] = {}
        for criterion in self.walk():
            found.setdefault(criterion.code, criterion)
        return found

    @functools.cached_property
    def _indicators_by_code(self) -> dict[str, Indicator]:
        found: dict[str, Indicator] = {}
        for indicator in self.indicators:
            found.setdefault(indicator.code, indicator)
        return found

    def group_name(self, code: str) -> str:
        for group in self.groups:
            if group.code == code:
                return group.name
        return code


# --- Facts: the values one unit reported, typed by the indicator they answer. ---


@dataclass(frozen=True)
class Ratio:
    """A share kept as recorded: numerator and denominator, or only the printed percentage."""

    numerator: Decimal | None = None
    denominator: Decimal | None = None
    percent: Decimal | None = None

    @property
    def fraction(self) -> Decimal | None:
        """The share as a fraction; None when the denominator is zero (the rule decides)."""
        if self.percent is not None:
            return self.percent / 100
        assert self.numerator is not None and self.denominator is not None
        if self.denominator == 0:
            return None
        return self.numerator / self.denominator


@dataclass(frozen=True)
class Reports:
    """A unit's periodic reports: received time stamps, or statuses as published.

    Periods are months numbered 1..12 of the evaluation year.
    """

    received: Mapping[int, datetime.datetime] = field(default_factory=dict)
    late: tuple[int, ...] = ()
    missing: tuple[int, ...] = ()
    statuses_given: bool = False


@dataclass(frozen=True)
class Score:
    points: Decimal
    reason: str
    by: str = ""


@dataclass(frozen=True)
class Adjustment:
    points: Decimal
    reason: str


FactValue = Decimal | bool | str | Ratio | Reports | Score | tuple[str, ...] | tuple[Adjustment, ...]


@dataclass(frozen=True)
class Published:
    """A result as a published document printed it, kept to check against the data."""

    position: int | None = None
    rank: int | None = None
    total: Decimal | None = None
    grade: str | None = None
    good: tuple[str, ...] = ()
    not_good: tuple[str, ...] = ()
    criteria: Mapping[str, Decimal] = field(default_factory=dict)
    # What some tables print besides (or instead of) the total: the percent of the unit's own max, that max.
    percent: Decimal | None = None
    max_points: Decimal | None = None


@dataclass(frozen=True)
class Override:
    """A council's adjustment of one criterion's points, always with its reason."""

    points: Decimal
    reason: str
    by: str = ""


@dataclass(frozen=True)
class UnitData:
    code: str
    name: str
    group: str
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    not_applicable: Mapping[str, str] = field(default_factory=dict)
    overrides: Mapping[str, Override] = field(default_factory=dict)
    published: Published | None = None
    active_months: tuple[int, ...] | None = None
    location: Location = field(default=NO_LOCATION, compare=False)
    # Why the unit is scored and graded but left out of its group's ranking (created or merged during the
    # year, excluded by the decision); empty when it is ranked.
    not_ranked: str = ""


@dataclass(frozen=True)
class Period:
    year: int
    title: str = ""
    as_of: datetime.date | None = None


@dataclass(frozen=True)
class Publication:
    place: str = ""
    date: datetime.date | None = None
    letter_number: str = ""
    letter_date: datetime.date | None = None
    issuer: str = ""
    title: str = ""
    signer_title: str = ""
    signer_name: str = ""


@dataclass(frozen=True)
class Organisation:
    name: str = ""
    short_name: str = ""
    province: str = ""


@dataclass(frozen=True)
class Evaluation:
    framework: Framework
    period: Period
    units: tuple[UnitData, ...]
    organisation: Organisation = Organisation()
    publication: Publication = Publication()
    location: Location = field(default=NO_LOCATION, compare=False)

    def unit(self, name_or_code: str) -> UnitData:
        for unit in self.units:
            if name_or_code in (unit.code, unit.name):
                return unit
        folded = name_or_code.casefold()
        for unit in self.units:
            if folded in (unit.code.casefold(), unit.name.casefold()):
                return unit
        raise KeyError(name_or_code)
