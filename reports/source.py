"""Reading the graph for reports, through the GraphStore port only.

Small kinds are scanned whole; large ones (cases, complaints) are listed by a coarse date
window that the store evaluates, then cut exactly to the period here, because a partial
date's overlap with a period is not one comparison a store condition can express.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import Condition, Direction, GraphStore, Neighbour, Op, Where
from reports.period import Period

CHUNK = 5_000


def all_nodes(store: GraphStore, kind: NodeKind) -> list[Node]:
    return [node for chunk in store.scan_nodes(kind) for node in chunk]


def all_rels(store: GraphStore, type_: RelType) -> list[Rel]:
    return [rel for chunk in store.scan_rels(type_) for rel in chunk]


def nodes_dated(
    store: GraphStore,
    kind: NodeKind,
    field: str,
    period: Period,
    where: Sequence[Condition] = (),
) -> list[Node]:
    """Nodes of ``kind`` whose date ``field`` falls in ``period``, in id order."""
    window = (
        Where(field, Op.GTE, period.date_from[:4]),
        Where(field, Op.LTE, period.date_to),
    )
    page = store.list_nodes(kind, [*window, *where])
    found = [n for n in page.items if period.contains(n.get(field))]
    return sorted(found, key=lambda n: n.id)


def values_dated(
    store: GraphStore,
    kind: NodeKind,
    field: str,
    period: Period,
    fields: Sequence[str],
) -> list[tuple[str, dict[str, Any]]]:
    """``nodes_dated`` for a reader of a few values: each node's id with ``field`` and
    ``fields`` (None where missing), in id order, asked of the store as values
    (``GraphStore.node_values``), not as whole records."""
    window = [Where(field, Op.GTE, period.date_from[:4]), Where(field, Op.LTE, period.date_to)]
    names = list(dict.fromkeys([field, *fields]))
    found = store.node_values(kind, window, names)
    rows = ((i, dict(zip(names, found[i], strict=True))) for i in sorted(found))
    return [(i, row) for i, row in rows if period.contains(row[field])]


def linked(
    store: GraphStore,
    ids: Sequence[str],
    types: Sequence[RelType],
    direction: Direction,
) -> dict[str, list[Neighbour]]:
    """The neighbours of many ids over some relationship types, asked in chunks."""
    out: dict[str, list[Neighbour]] = {}
    unique = list(dict.fromkeys(ids))
    for i in range(0, len(unique), CHUNK):
        out.update(store.neighbours(unique[i : i + CHUNK], rel_types=types, direction=direction))
    return out
