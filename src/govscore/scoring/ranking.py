"""Ranks within each group and the grades that depend on them: one place for the CLI, documents and web.

A unit's grade from the bands (and the caps of its own conditions) is its own; a quota on the top grade
depends on the group's ranks, so the final grade is settled here, after ranking.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal
from typing import TypeVar

from govscore.scoring.collation import collation_key
from govscore.scoring.grading import band_of, ordered_bands
from govscore.scoring.model import Framework, GradeQuota, Grading, Ranking, RankStyle
from govscore.scoring.results import UnitResult

T = TypeVar("T")


def ranks_of(values: Sequence[Decimal], style: RankStyle = "competition") -> list[int]:
    """Rank of each value, highest first. Equal values share a rank; after them competition ranks skip
    (1, 2, 2, 4), dense ranks do not (1, 2, 2, 3)."""
    order = sorted(range(len(values)), key=lambda index: values[index], reverse=True)
    ranks = [0] * len(values)
    distinct = 0
    for position, index in enumerate(order):
        if position > 0 and values[index] == values[order[position - 1]]:
            ranks[index] = ranks[order[position - 1]]
        else:
            distinct += 1
            ranks[index] = position + 1 if style == "competition" else distinct
    return ranks


def competition_ranks(values: Sequence[Decimal]) -> list[int]:
    return ranks_of(values, "competition")


def rank_within_groups(
    items: Iterable[T],
    group: Callable[[T], Hashable],
    value: Callable[[T], Decimal],
    style: RankStyle = "competition",
) -> dict[int, int]:
    """Rank of every item (keyed by its position in `items`) within its group."""
    listed = list(items)
    by_group: dict[Hashable, list[int]] = {}
    for index, item in enumerate(listed):
        by_group.setdefault(group(item), []).append(index)
    ranks: dict[int, int] = {}
    for members in by_group.values():
        for index, rank in zip(members, ranks_of([value(listed[i]) for i in members], style), strict=True):
            ranks[index] = rank
    return ranks


@dataclass(frozen=True)
class Entry:
    """What ranking needs of one unit: its group, the value it is ranked on (as displayed), the grade its
    bands and conditions give it, and whether it is ranked at all."""

    group: str
    value: Decimal
    grade: str = ""
    ranked: bool = True


@dataclass(frozen=True)
class Standing:
    """A unit's rank in its group (0: not ranked) and final grade; `quota_from` is the grade it reached
    but lost to the quota ("" when the quota did not move it)."""

    rank: int
    grade: str
    quota_from: str = ""


def standings(ranking: Ranking, grading: Grading, entries: Sequence[Entry]) -> list[Standing]:
    """Every entry's rank within its group and its grade after the framework's quota, in the entries' order."""
    ranked = [index for index, entry in enumerate(entries) if entry.ranked]
    positions = rank_within_groups(
        ranked, lambda index: entries[index].group, lambda index: entries[index].value, ranking.style
    )
    ranks = {index: positions[position] for position, index in enumerate(ranked)}
    result = [Standing(ranks.get(index, 0), entry.grade) for index, entry in enumerate(entries)]
    quota = grading.quota
    if quota is not None:
        by_group: dict[str, list[int]] = {}
        for index in ranked:
            by_group.setdefault(entries[index].group, []).append(index)
        for members in by_group.values():
            for index in _over_quota(quota, members, ranks, entries):
                below = next_grade(grading, entries[index].group, quota.grade)
                result[index] = Standing(ranks[index], below, quota.grade)
    return result


def quota_size(quota: GradeQuota, ranked: int) -> int:
    """How many of `ranked` units may get the quota's grade: the share rounded down."""
    return int((quota.share * ranked / 100).to_integral_value(ROUND_FLOOR))


def _over_quota(quota: GradeQuota, members: list[int], ranks: dict[int, int], entries: Sequence[Entry]) -> list[int]:
    """The members who reached the quota's grade but are not among the first allowed by rank."""
    reached = sorted((index for index in members if entries[index].grade == quota.grade), key=lambda i: ranks[i])
    allowed = quota_size(quota, len(members))
    if len(reached) <= allowed:
        return []
    cut = ranks[reached[allowed]]  # the rank of the first unit beyond the quota
    straddling = ranks[reached[allowed - 1]] == cut if allowed > 0 else False
    if straddling and quota.ties == "keep":
        return [index for index in reached if ranks[index] > cut]
    return [index for index in reached if ranks[index] >= cut]


def next_grade(grading: Grading, group: str, grade: str) -> str:
    """The grade just below `grade` in the group's bands (the same grade when it is already the lowest)."""
    bands = ordered_bands(grading, group)
    for position, band in enumerate(bands):
        if band.grade == grade and position + 1 < len(bands):
            return bands[position + 1].grade
    return grade


def rank_results(framework: Framework, results: Sequence[UnitResult]) -> list[UnitResult]:
    """The results of whole groups ranked within each group, with the grades a quota settles, in the
    order of the published table: groups in the framework's order, ranked units by rank, tied ones as the
    framework says (by name in Vietnamese order, or as published), then the units left out of the ranking."""
    entries = [
        Entry(r.unit.group, r.rank_value, r.grade.grade if r.grade else "", not r.unit.not_ranked) for r in results
    ]
    settled = standings(framework.ranking, framework.grading, entries)
    ranked = [
        replace(result, rank=standing.rank)
        if not standing.quota_from
        else replace(
            result,
            rank=standing.rank,
            grade=band_of(framework.grading, standing.grade, result.unit.group),
            quota_from=standing.quota_from,
        )
        for result, standing in zip(results, settled, strict=True)
    ]
    group_order = {group.code: index for index, group in enumerate(framework.groups)}
    published = framework.ranking.tied_order == "published"

    def place(r: UnitResult) -> tuple[object, ...]:
        position = r.unit.published.position if published and r.unit.published else None
        return (
            group_order.get(r.unit.group, len(group_order)),
            r.unit.group,
            r.rank == 0,
            r.rank if r.rank else -r.rank_value,
            position if position is not None else 0,
            collation_key(r.unit.name),
        )

    ranked.sort(key=place)
    return ranked
