"""Grouping by union-find, shared by duplicate marking, entity merging and event merging.

Each caller decides which member represents a group (the earliest article, the most-mentioned
key, the first report), so group ids come out the same whatever order pairs are joined in.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Disjoint sets whose representative is the member that `rank` orders first."""

    def __init__(self, rank: Callable[[T], Any]):
        self.parent: dict[T, T] = {}
        self.rank = rank

    def find(self, item: T) -> T:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, drop = sorted((ra, rb), key=self.rank)
            self.parent[drop] = keep
