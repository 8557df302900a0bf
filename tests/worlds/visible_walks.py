"""The level-by-level walks through visible nodes: the oracle of the store's own walks under
``Access.walk_conditions``.

Scoped callers were once answered this way: each level read with ``neighbours`` and only
the nodes the caller may see (``Access.can_see``) kept and crossed. The explorer now asks the
store to walk under each kind's conditions instead (one query); the tests hold its answers to
these walks, which judge visibility node by node in Python, on both stores. Same contract as
the store's: nodes by (distance, id) cut at ``limit``; all shortest paths ordered by their
node ids then relationship ids.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from graph.errors import QueryTooLarge
from graph.model.dates import valid_at
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import Direction, GraphStore, Neighbour, Path, Subgraph
from workflows.access import Access
from workflows.reading import linked

ALL_TYPES = tuple(RelType)
# A path search through visible nodes gives up past this many nodes reached.
VISIT_LIMIT = 100_000


@dataclass(frozen=True)
class Hops:
    """What a walk may cross: relationship types, node kinds, and the day both are valid."""

    rel_types: Sequence[RelType] | None = None
    kinds: Sequence[NodeKind] | None = None
    as_of: str | None = None


def _valid(props: dict[str, Any], day: str | None) -> bool:
    # Any node kind or relationship type: the validity window is common to all of them, read
    # by name (the typed views are per kind).
    return day is None or valid_at(props.get("valid_from"), props.get("valid_to"), day)


def steps(
    store: GraphStore,
    access: Access,
    ids: Collection[str],
    hops: Hops,
    exempt: Collection[str] = (),
) -> dict[str, list[Neighbour]]:
    """Each id's visible neighbours over what ``hops`` allows (nodes in ``exempt`` need not
    be valid on the day: the ends of a path)."""
    found = linked(store, ids, hops.rel_types or ALL_TYPES, Direction.BOTH, hops.kinds)
    return {
        u: access.visible_neighbours(
            [
                n
                for n in ns
                if _valid(n.rel.props, hops.as_of)
                and (n.node.id in exempt or _valid(n.node.props, hops.as_of))
            ]
        )
        for u, ns in found.items()
    }


def visible_expand(
    store: GraphStore, access: Access, seed: Node, depth: int, hops: Hops, limit: int
) -> Subgraph:
    """The neighbourhood of ``seed`` within ``depth`` hops through visible nodes."""
    dist = {seed.id: 0}
    nodes = {seed.id: access.present(seed)}
    rels: dict[str, Rel] = {}
    order, frontier, expanded = [seed.id], [seed.id], set()
    truncated = False
    for d in range(1, depth + 1):
        found = steps(store, access, frontier, hops)
        expanded.update(frontier)
        layer = set()
        for u in frontier:
            for n in found.get(u, []):
                rels[n.rel.id] = n.rel
                if n.node.id not in dist:
                    dist[n.node.id], nodes[n.node.id] = d, n.node
                    layer.add(n.node.id)
        frontier = sorted(layer)
        order += frontier
        if len(order) > limit:
            truncated = True
            break
        if not frontier:
            break
    kept = order[:limit]
    keep = set(kept)
    # A cut layer below ``depth`` was found but not walked: its relationships inside the cut.
    unwalked = [i for i in kept if dist[i] < depth and i not in expanded]
    for ns in steps(store, access, unwalked, hops).values():
        rels.update((n.rel.id, n.rel) for n in ns)
    inside = [r for r in rels.values() if r.start in keep and r.end in keep]
    return Subgraph(
        nodes=[nodes[i] for i in kept],
        rels=sorted(inside, key=lambda r: r.id),
        distance={i: dist[i] for i in kept},
        truncated=truncated,
    )


Parents = dict[str, list[tuple[str, Rel]]]


def visible_shortest_paths(
    store: GraphStore,
    access: Access,
    start: Node,
    end: Node,
    max_length: int,
    hops: Hops,
    limit: int,
) -> list[Path]:
    """All shortest paths from ``start`` to ``end`` through visible nodes, at most ``limit``.

    Two searches, one from each end, grow a whole level at a time, the smaller frontier
    first; the first level where they meet fixes the length, and every node where they meet
    lies at the same place on every shortest path, so each path is listed once."""
    ends = (start.id, end.id)
    nodes = {start.id: access.present(start), end.id: access.present(end)}
    dist: tuple[dict[str, int], dict[str, int]] = ({start.id: 0}, {end.id: 0})
    parents: tuple[Parents, Parents] = ({}, {})
    frontiers = ([start.id], [end.id])
    reached = [0, 0]
    while sum(reached) < max_length and all(frontiers):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        level = reached[side] + 1
        found = steps(store, access, frontiers[side], hops, exempt=ends)
        layer = set()
        for u in frontiers[side]:
            for n in found.get(u, []):
                v = n.node.id
                if v not in dist[side]:
                    dist[side][v], nodes[v] = level, n.node
                    layer.add(v)
                if dist[side][v] == level:
                    parents[side].setdefault(v, []).append((u, n.rel))
        frontiers[side][:] = sorted(layer)
        reached[side] = level
        meeting = {v for v in layer if v in dist[1 - side]}
        if meeting:
            return _listed(start.id, end.id, parents, meeting, nodes, limit)
        if len(dist[0]) + len(dist[1]) > VISIT_LIMIT:
            raise QueryTooLarge(
                f"paths: more than {VISIT_LIMIT} nodes reached; give relationship types or a "
                "smaller maximum length"
            )
    return []


def _listed(
    start: str,
    end: str,
    parents: tuple[Parents, Parents],
    meeting: set[str],
    nodes: dict[str, Node],
    limit: int,
) -> list[Path]:
    """The paths through the meeting nodes, in order: a depth-first walk from ``start`` over
    children sorted by id, parallel relationships multiplied out in id order."""
    children: dict[str, dict[str, dict[str, Rel]]] = {}

    def add(u: str, v: str, rel: Rel) -> None:
        children.setdefault(u, {}).setdefault(v, {})[rel.id] = rel

    towards_start, towards_end = parents
    stack, seen = list(meeting), set(meeting)
    while stack:
        v = stack.pop()
        for u, rel in towards_start.get(v, ()):
            add(u, v, rel)
            if u not in seen:
                seen.add(u)
                stack.append(u)
    stack, seen = list(meeting), set(meeting)
    while stack:
        v = stack.pop()
        for w, rel in towards_end.get(v, ()):
            add(v, w, rel)
            if w not in seen:
                seen.add(w)
                stack.append(w)
    paths: list[Path] = []

    def walk(u: str, seq: list[str], rel_sets: list[list[Rel]]) -> bool:
        if u == end:
            for combo in itertools.product(*rel_sets):
                paths.append(Path([nodes[i] for i in seq], list(combo)))
                if len(paths) >= limit:
                    return True
            return False
        return any(
            walk(v, [*seq, v], [*rel_sets, [rs[k] for k in sorted(rs)]])
            for v, rs in sorted(children.get(u, {}).items())
        )

    walk(start, [start], [])
    return paths
