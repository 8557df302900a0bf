"""The embedded topology's ``expand`` against a plain breadth-first reference, on random graphs
with hubs (nodes past ``HUB`` neighbours, whose neighbours are kept sorted by id), before and
after writes that add and drop the hubs' relationships."""

from __future__ import annotations

import random

import pytest

from graph.adapters.embedded_graph import (
    HUB,
    KIND_CODE,
    PLAIN,
    TYPE_CODE,
    Filter,
    Near,
    Topology,
    distance,
    expand,
)
from graph.model.enums import NodeKind, RelType

TYPES = [RelType.HANDLED_BY, RelType.HANDLED, RelType.MEMBER_OF]


def reference(
    g: Topology, seeds: list[int], depth: int, limit: int | None
) -> tuple[list[int], dict[int, int], list[int], bool]:
    """Every node within ``depth`` by (distance, id), cut at ``limit``, and the relationships
    between the kept nodes of which one end is nearer than ``depth``."""
    ids = g.node_ids
    dist = {s: 0 for s in seeds}
    order = sorted(seeds, key=ids.__getitem__)
    frontier = order
    for d in range(1, depth + 1):
        layer = {v for u in frontier for v, _ in g.steps(u, "both") if v not in dist}
        frontier = sorted(layer, key=ids.__getitem__)
        dist.update((v, d) for v in frontier)
        order = order + frontier
    kept = order if limit is None else order[:limit]
    keep = set(kept)
    rels = {
        s if s >= 0 else ~s
        for u in kept
        if dist[u] < depth
        for v, s in g.steps(u, "both")
        if v in keep
    }
    truncated = limit is not None and len(order) > limit
    return kept, {n: dist[n] for n in kept}, sorted(rels), truncated


def _graph(rng: random.Random, nodes: int, hubs: int) -> tuple[Topology, int]:
    g = Topology()
    for n in range(nodes):
        g.put_node(n, f"n:{rng.randrange(10**9):09d}:{n}", NodeKind.Case, 1, 0)
    r = 0
    for h in range(hubs):  # hubs, tied to many nodes, some twice, and to each other
        for v in rng.sample(range(nodes), 2 * HUB + rng.randrange(HUB)):
            for _ in range(1 + (rng.random() < 0.05)):
                g.put_rel(r, f"r{r}", rng.choice(TYPES), h, v, 0)
                r += 1
    for _ in range(nodes * 2):  # and a sparse graph among the others
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        g.put_rel(r, f"r{r}", rng.choice(TYPES), a, b, 0)
        r += 1
    return g, r


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_expand_with_hubs_is_the_breadth_first_answer(seed: int) -> None:
    rng = random.Random(seed)
    g, next_r = _graph(rng, 3_000, 6)
    g.index_hubs()
    assert g.hub(0) is not None and g.hub(2_999) is None

    def check() -> None:
        for _ in range(40):
            seeds = rng.sample(range(3_000), rng.choice([1, 1, 2, 5]))
            if rng.random() < 0.3:
                seeds.append(rng.randrange(6))  # a hub itself
            depth = rng.choice([1, 2, 3])
            limit = rng.choice([None, 1, 2, 40, 500, 2_000])
            found = expand(g, seeds, depth, "both", PLAIN, limit)
            want = reference(g, seeds, depth, limit)
            assert (found.order, found.distance, found.rels, found.truncated) == want
            # The general walk (a filter that lets everything through) agrees as well.
            general = expand(
                g, seeds, depth, "both", Filter(kinds=frozenset({KIND_CODE[NodeKind.Case]})), limit
            )
            assert general.order == found.order and general.rels == found.rels

    check()
    # Writes after the hubs were sorted: relationships added to and dropped from hubs.
    for _ in range(300):
        g.put_rel(next_r, f"r{next_r}", RelType.HANDLED, rng.randrange(6), rng.randrange(3_000), 0)
        next_r += 1
    check()
    g.drop_rels(rng.sample([r for r in range(next_r) if g.types[r] != 255], 400))
    check()


@pytest.mark.parametrize("seed", range(4))
def test_the_relationships_around_nodes_by_type_are_those_of_their_steps(seed: int) -> None:
    """``around`` and ``groups`` find a few types' relationships by scanning the types when
    that is less work than stepping from every node: the same relationships either way,
    kept to the types and the neighbours' kinds asked, each with the node asked about, a
    self-loop's way out before its way in."""
    rng = random.Random(seed)
    g, _ = _graph(rng, 1200, 2)
    for n in range(0, 1200, 3):  # a third of the nodes of another kind
        g.put_node(n, g.node_ids[n], NodeKind.Official, 1, 0)
    rare = rng.randrange(1200)  # one relationship of a type no other has, beside a hub
    g.put_rel(10**6, "rare", RelType.POST_IN, 0, rare, 0)
    g.put_rel(10**6 + 1, "loop", RelType.POST_IN, rare, rare, 0)
    loops = (10**6 + 1, ~(10**6 + 1))
    scanned = walked = 0
    for _ in range(40):
        ns = set(rng.sample(range(1200), rng.choice([1, 3, 40, 900])))
        if rng.random() < 0.5:
            ns.add(rare)
        chosen = rng.sample([*TYPES, RelType.POST_IN], rng.randrange(1, 3))
        types = frozenset(TYPE_CODE[t] for t in chosen)
        kinds = rng.choice([None, frozenset({KIND_CODE[NodeKind.Official]})])
        for direction in ("out", "in", "both"):
            expected = [
                (n, v, s)
                for n in sorted(ns)
                for v, s in g.steps(n, direction)
                if g.types[s if s >= 0 else ~s] in types and (kinds is None or g.kinds[v] in kinds)
            ]
            if g._scan_types(ns, types):
                scanned += 1
            else:
                walked += 1
            for found in (
                list(g._by_type(ns, types, direction, kinds)),
                list(g.around(ns, types, direction, kinds)),
            ):
                assert sorted(found) == sorted(expected)
                loop = [s for n, v, s in found if n == v == rare and s in loops]
                assert loop == [s for _, _, s in expected if s in loops]
            grouped: dict[int, set[int]] = {}
            for n, v, _ in expected:
                grouped.setdefault(v, set()).add(n)
            assert g.groups(ns, types, direction, kinds) == grouped
    assert scanned and walked  # both ways were taken
    # A type's relationships are kept once found, and follow the writes.
    post_in = TYPE_CODE[RelType.POST_IN]
    assert sorted(g.typed(post_in)) == [10**6, 10**6 + 1]
    g.put_rel(10**6 + 2, "more", RelType.POST_IN, 1, 2, 0)
    g.drop_rels([10**6])
    assert sorted(g.of_type(RelType.POST_IN)) == [10**6 + 1, 10**6 + 2]
    g.put_rel(10**6 + 1, "loop", RelType.HANDLED, rare, rare, 0)  # the same rowid, retyped
    assert list(g.typed(post_in)) == [10**6 + 2]
    assert {g.node_ids[v] for _, v, _ in g.around([1], frozenset({post_in}), "out")} == {
        g.node_ids[2]
    }


@pytest.mark.parametrize("seed", [4, 5])
def test_distance_is_the_breadth_first_length_through_allowed_nodes(seed: int) -> None:
    """``distance`` (both sides growing, the last step a test from the smaller set) against
    the breadth-first reference from the start alone, through allowed nodes only; hubs make
    the two sides' sets very unequal, as an official's cases and a case's few neighbours."""
    rng = random.Random(seed)
    g, _ = _graph(rng, 1_500, 4)
    kinds = [NodeKind.Case, NodeKind.Official]
    for n in range(1_500):  # a quarter of the nodes may not be crossed
        if rng.random() < 0.25:
            g.put_node(n, g.node_ids[n], NodeKind.Agency, 1, 0)
    f = Filter(kinds=frozenset(KIND_CODE[k] for k in kinds))
    near = Near(g, f)
    lengths = []
    for _ in range(600):
        start = rng.choice([rng.randrange(4), rng.randrange(1_500)])
        end = rng.choice([rng.randrange(4), rng.randrange(1_500), rng.randrange(1_500)])
        if not f.node_ok(g, end):
            continue
        max_length = rng.choice([0, 1, 2, 2, 3, 4])
        dist = {start: 0}
        frontier = [start]
        for d in range(1, max_length + 1):
            frontier = [v for u in frontier for v, _ in g.steps(u, "both") if f.node_ok(g, v)]
            frontier = [v for v in dict.fromkeys(frontier) if v not in dist]
            dist.update((v, d) for v in frontier)
        want = dist.get(end)
        assert distance(near, start, end, max_length) == want, (start, end, max_length)
        lengths.append(want)
    # The walks found are of every length asked, and some ends lie out of reach.
    assert {0, 1, 2, 3} <= set(lengths) and None in lengths
