"""Exploring the graph (issue 7): search by name or number, the neighbourhood of a node, and
the shortest paths between two, as the caller may see them.

Hidden nodes never appear and are never crossed: an unscoped caller gets the store's own
``expand`` and ``shortest_paths`` (one query each); a scoped caller a walk through visible
nodes only (``workflows/explore_visible.py``). Personal fields are masked as everywhere.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, NotFound, ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import NODES
from graph.model.records import Node
from graph.store import AnyOf, GraphStore, Op, PageRequest, Path, Subgraph, Where
from workflows.access import Access, Permission
from workflows.explore_captions import caption
from workflows.explore_visible import Hops, visible_expand, visible_shortest_paths

MAX_DEPTH = 4
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


def visible_node(
    store: GraphStore, access: Access, id_: str, field: str, kind: NodeKind | None = None
) -> Node:
    """The node ``id_`` (of ``kind`` when given) as the caller sees it, or NotFound naming
    ``field``: a hidden node reads as absent."""
    found = store.get_nodes([id_]).get(id_)
    if found is None or not access.can_see(found) or kind not in (None, found.kind):
        raise NotFound(f"{field}: no node '{id_}'")
    return found


def within_range(value: int, field: str, least: int, most: int | None = None) -> int:
    """``value`` if it lies in [least, most], else ValidationError naming ``field``."""
    if value < least or (most is not None and value > most):
        bound = f"at least {least}" if most is None else f"from {least} to {most}"
        raise ValidationError(FieldError(field, f"{value} is not {bound}"))
    return value


def _searched(kind: NodeKind, text: str) -> AnyOf:
    return AnyOf(tuple(Where(f, Op.CONTAINS, text) for f in NODES[kind].search))


def search(
    *,
    store: GraphStore,
    access: Access,
    text: str,
    kinds: Sequence[NodeKind] | None = None,
    first: int = 20,
    ids: Sequence[str] = (),
) -> list[Node]:
    """Visible nodes whose id is ``text`` (or one of ``ids``) first, then those whose caption
    is ``text``, starts with it, or whose name, title or number contains it."""
    access.require(Permission.READ)
    text = text.strip()
    if not text:
        raise ValidationError(FieldError("text", "give some text to search for"))
    within_range(first, "first", 1)
    wanted = list(kinds or NodeKind)
    exact = [
        n
        for n in store.get_nodes(list(dict.fromkeys([text, *ids]))).values()
        if n.kind in wanted and access.can_see(n)
    ]
    seen = {n.id for n in exact}
    found: list[Node] = []
    for kind in wanted:
        where = [_searched(kind, text), *access.conditions(kind)]
        found += store.list_nodes(kind, where, PageRequest(first=first)).items
    lowered = text.lower()

    def closeness(node: Node) -> int:
        label = caption(node).lower()
        return 0 if label == lowered else 1 if label.startswith(lowered) else 2

    order = {kind: i for i, kind in enumerate(wanted)}
    ranked = sorted(
        (n for n in found if n.id not in seen),
        key=lambda n: (closeness(n), order[n.kind], n.id),
    )
    return [access.present(n) for n in [*exact, *ranked][:first]]


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
) -> Subgraph:
    """The node and what lies within ``depth`` hops of it over the allowed relationship types
    and node kinds valid on ``as_of``: nodes by (distance, id), cut at ``limit``."""
    access.require(Permission.READ)
    within_range(depth, "depth", 1, MAX_DEPTH)
    within_range(limit, "limit", 1)
    centre = visible_node(store, access, id_, "id")
    hops = Hops(rel_types or None, kinds or None, as_of)
    if access.scoped:
        return visible_expand(store, access, centre, depth, hops, limit)
    found = store.expand(
        [id_],
        depth=depth,
        rel_types=hops.rel_types,
        node_kinds=hops.kinds,
        as_of=as_of,
        limit=limit,
    )
    return Subgraph(
        [access.present(n) for n in found.nodes], found.rels, found.distance, found.truncated
    )


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
    access.require(Permission.READ)
    within_range(max_length, "max_length", 1, MAX_PATH_LENGTH)
    within_range(limit, "limit", 1)
    first, last = visible_node(store, access, start, "from"), visible_node(store, access, end, "to")
    if start == end:
        return PathResult(PathOutcome.SAME_NODE, 0, [Path([access.present(first)], [])])
    hops = Hops(rel_types or None, None, as_of)
    if access.scoped:
        found = visible_shortest_paths(store, access, first, last, max_length, hops, limit)
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
