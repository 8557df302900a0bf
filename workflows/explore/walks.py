"""The neighbourhood of a node (周边关系) and the shortest paths between two (关系路径), as the
caller may see them.

Hidden nodes never appear and are never crossed: the store's own ``expand`` and
``shortest_paths`` (one query each) reach only the nodes the caller sees, under each kind's
conditions (``Access.walk_conditions``: the jurisdiction, what the agreements share, the
unannounced visits). Personal fields are masked as everywhere.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.model.enums import NodeKind, RelType
from graph.store import GraphStore, Path, Subgraph
from workflows.access import Access
from workflows.explore.bounds import MAX_WALK, within_range
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
    # The store walks only what the caller sees (``Access.walk_conditions``): one query,
    # whatever the caller's jurisdiction.
    found = store.expand(
        [id_],
        depth=depth,
        rel_types=rel_types or None,
        node_kinds=kinds or None,
        as_of=as_of,
        limit=limit,
        where=access.walk_conditions(),
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
    found = [
        Path([access.present(n) for n in p.nodes], p.rels)
        for p in store.shortest_paths(
            start,
            end,
            max_length=max_length,
            rel_types=rel_types or None,
            as_of=as_of,
            limit=limit,
            where=access.walk_conditions(),
        )
    ]
    if not found:
        return PathResult(PathOutcome.NO_PATH, None, [])
    return PathResult(PathOutcome.FOUND, found[0].length, found)
