"""The neighbourhood of a node (周边关系) and the shortest paths between two (关系路径), as the
caller may see them.

Hidden nodes never appear and are never crossed: an unscoped caller gets the store's own
``expand`` and ``shortest_paths`` (one query each); a scoped caller a walk through visible
nodes only (``visible``). Personal fields are masked as everywhere.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.model.enums import NodeKind, RelType
from graph.model.records import Rel
from graph.store import GraphStore, Path, Subgraph
from workflows.access import Access
from workflows.explore.bounds import MAX_WALK, within_range
from workflows.explore.visible import Hops, visible_expand, visible_shortest_paths
from workflows.usecase import use_case

MAX_DEPTH = MAX_WALK
MAX_PATH_LENGTH = 10


class PathOutcome(enum.Enum):
    FOUND = "找到路径"
    NO_PATH = "没有路径"
    SAME_NODE = "同一节点"


@dataclass(frozen=True)
class PathResult:
    outcome: PathOutcome
    length: int | None
    paths: list[Path]


@use_case(sees=["id_"])
def neighbourhood(
    *,
    store: GraphStore,
    access: Access,
    id_: str,
    depth: int = 1,
    kinds: Sequence[NodeKind] | None = None,
    rel_types: Sequence[RelType] | None = None,
    as_of: str | None = None,
    limit: int = 200,
    rel_props: bool = True,
) -> Subgraph:
    """The node and what lies within ``depth`` hops of it over the allowed relationship types
    and node kinds valid on ``as_of``: nodes by (distance, id), cut at ``limit``. Without
    ``rel_props`` the relationships come without their properties (GraphStore.expand)."""
    within_range(depth, "depth", 1, MAX_DEPTH)
    within_range(limit, "limit", 1)
    hops = Hops(rel_types or None, kinds or None, as_of)
    if access.scoped:
        centre = store.get_nodes([id_])[id_]
        seen = visible_expand(store, access, centre, depth, hops, limit)
        if rel_props:
            return seen
        bare = [Rel(r.type, r.id, r.start, r.end) for r in seen.rels]
        return Subgraph(seen.nodes, bare, seen.distance, seen.truncated)
    found = store.expand(
        [id_],
        depth=depth,
        rel_types=hops.rel_types,
        node_kinds=hops.kinds,
        as_of=as_of,
        limit=limit,
        rel_props=rel_props,
    )
    return Subgraph(
        [access.present(n) for n in found.nodes], found.rels, found.distance, found.truncated
    )


def _ends(arguments: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """The two ends of a path, named as the API names them."""
    return [("from", arguments["start"]), ("to", arguments["end"])]


@use_case(sees=[_ends])
def paths(
    *,
    store: GraphStore,
    access: Access,
    start: str,
    end: str,
    max_length: int = 6,
    rel_types: Sequence[RelType] | None = None,
    as_of: str | None = None,
    limit: int = 5,
) -> PathResult:
    """The shortest paths (at most ``limit``) of at most ``max_length`` relationships between
    two nodes, ordered by their node ids then relationship ids."""
    within_range(max_length, "max_length", 1, MAX_PATH_LENGTH)
    within_range(limit, "limit", 1)
    if start == end:
        node = access.present(store.get_nodes([start])[start])
        return PathResult(PathOutcome.SAME_NODE, 0, [Path([node], [])])
    hops = Hops(rel_types or None, None, as_of)
    if access.scoped:
        ends = store.get_nodes([start, end])
        found = visible_shortest_paths(
            store, access, ends[start], ends[end], max_length, hops, limit
        )
    else:
        found = [
            Path([access.present(n) for n in p.nodes], p.rels)
            for p in store.shortest_paths(
                start,
                end,
                max_length=max_length,
                rel_types=hops.rel_types,
                as_of=as_of,
                limit=limit,
            )
        ]
    if not found:
        return PathResult(PathOutcome.NO_PATH, None, [])
    return PathResult(PathOutcome.FOUND, found[0].length, found)
