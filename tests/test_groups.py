"""Union-find: groups are transitive and the representative is chosen by rank, not join order."""

from __future__ import annotations

from transforms.groups import UnionFind


def test_groups_are_transitive_and_ranked():
    groups = UnionFind(rank=lambda k: k)
    groups.union("c", "b")
    groups.union("b", "a")
    groups.union("x", "y")
    assert groups.find("c") == groups.find("a") == "a"
    assert groups.find("y") == "x"
    assert groups.find("lonely") == "lonely"


def test_representative_does_not_depend_on_join_order():
    counts = {"kim|myungsoo": 5, "kim|myeongsu": 2, "kim|myungsu": 1}
    rank = lambda k: (-counts[k], k)  # noqa: E731
    forward, backward = UnionFind(rank), UnionFind(rank)
    forward.union("kim|myungsu", "kim|myeongsu")
    forward.union("kim|myeongsu", "kim|myungsoo")
    backward.union("kim|myungsoo", "kim|myungsu")
    backward.union("kim|myeongsu", "kim|myungsu")
    assert {forward.find(k) for k in counts} == {backward.find(k) for k in counts} == {"kim|myungsoo"}
