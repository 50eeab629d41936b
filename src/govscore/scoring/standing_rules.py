"""How a framework grades and ranks: bands (per group if it says so), conditions that cap a grade, a
quota of the top grade, and what units are ranked on and how ties share a rank."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from govscore.scoring.location import NO_LOCATION, Location


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
