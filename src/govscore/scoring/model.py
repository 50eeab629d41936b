"""The framework and evaluation model: plain frozen values, no behaviour beyond lookups.

A *framework* is the versioned criteria set issued by a decision. An *evaluation* is one
period's data: which units were assessed and the facts recorded for each, scored under one
framework version.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

# Locations, bands and rankings have modules of their own; the model is still the one place to import from.
from govscore.scoring.location import NO_LOCATION as NO_LOCATION
from govscore.scoring.location import Location as Location
from govscore.scoring.standing_rules import Band as Band
from govscore.scoring.standing_rules import Bound as Bound
from govscore.scoring.standing_rules import GradeCap as GradeCap
from govscore.scoring.standing_rules import GradeQuota as GradeQuota
from govscore.scoring.standing_rules import Grading as Grading
from govscore.scoring.standing_rules import GradingBasis as GradingBasis
from govscore.scoring.standing_rules import Ranking as Ranking
from govscore.scoring.standing_rules import RankingBasis as RankingBasis
from govscore.scoring.standing_rules import RankStyle as RankStyle

if TYPE_CHECKING:
    from govscore.scoring.narrative import NarrativeEntry
    from govscore.scoring.rules.base import Rule


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
    # A ratio is a share (numerator at most the denominator) unless the framework says it is a quotient
    # that may exceed 1 (Mbps per staff member).
    share: bool = True

    def choice_title(self, code: str) -> str:
        for choice in self.choices:
            if choice.code == code:
                return choice.title
        return code


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
class Display:
    """Decimals results are printed with, as the framework's tables publish them (`69,00`, `96,50%`);
    None prints a value's own digits (`69`, `96,5%`)."""

    points: int | None = None
    percent: int | None = None


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
    # The unit proposes this leaf's points in its self-assessment (an evaluator then appraises them).
    self_assessed: bool = False

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
    ranking: Ranking = field(default_factory=Ranking)
    # How far a published value may be from the one recomputed from its rounded parts (an index summed
    # from 4-decimal pillars can differ in its 4th decimal) before `check` reports it.
    tolerance: Decimal = Decimal(0)
    display: Display = field(default_factory=Display)

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
class OwnMax:
    """A unit's own maximum, declared with its reason instead of splitting criteria for it."""

    points: Decimal
    reason: str


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
    own_max: OwnMax | None = None
    # The codes this unit had in earlier periods (renamed, or the units it was merged from, the one whose
    # results it continues first): its history is followed through them.
    formerly: tuple[str, ...] = ()


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
