"""Standard competition ranking (1, 2, 2, 4) within each group, on the value as published."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from decimal import Decimal
from typing import TypeVar

T = TypeVar("T")


def competition_ranks(values: Sequence[Decimal]) -> list[int]:
    """Rank of each value, highest first; equal values share the rank and the next one skips."""
    order = sorted(range(len(values)), key=lambda index: values[index], reverse=True)
    ranks = [0] * len(values)
    for position, index in enumerate(order):
        if position > 0 and values[index] == values[order[position - 1]]:
            ranks[index] = ranks[order[position - 1]]
        else:
            ranks[index] = position + 1
    return ranks


def rank_within_groups(
    items: Iterable[T], group: Callable[[T], Hashable], value: Callable[[T], Decimal]
) -> dict[int, int]:
    """Competition rank of every item (keyed by its position in `items`) within its group."""
    listed = list(items)
    by_group: dict[Hashable, list[int]] = {}
    for index, item in enumerate(listed):
        by_group.setdefault(group(item), []).append(index)
    ranks: dict[int, int] = {}
    for members in by_group.values():
        for index, rank in zip(members, competition_ranks([value(listed[i]) for i in members]), strict=True):
            ranks[index] = rank
    return ranks
