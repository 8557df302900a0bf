"""Per-request DataLoaders: one store round trip per batch of the same question, so the
number of round trips grows with the depth of a query, not with the number of results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from graph.store import Direction, Neighbour
from workflows import generic as records

if TYPE_CHECKING:
    from schema.context import Context


@dataclass(frozen=True)
class NeighbourQuery:
    rel_types: tuple[RelType, ...] | None
    direction: Direction
    node_kinds: tuple[NodeKind, ...] | None
    as_of: str | None
    limit: int | None


@dataclass(frozen=True)
class NeighbourKey:
    id: str
    query: NeighbourQuery


class Loaders:
    def __init__(self, context: Context) -> None:
        self._context = context
        self.nodes: DataLoader[str, Node | None] = DataLoader(load_fn=self._nodes)
        self.neighbours: DataLoader[NeighbourKey, list[Neighbour]] = DataLoader(
            load_fn=self._neighbours
        )

    async def _nodes(self, ids: Sequence[str]) -> list[Node | None]:
        found = await self._context.call(records.get_nodes, ids=list(ids))
        return [found.get(i) for i in ids]

    async def _neighbours(self, keys: Sequence[NeighbourKey]) -> list[list[Neighbour]]:
        groups: dict[NeighbourQuery, list[str]] = {}
        for key in keys:
            groups.setdefault(key.query, []).append(key.id)
        answers: dict[NeighbourKey, list[Neighbour]] = {}
        for query, ids in groups.items():
            found = await self._context.call(
                records.neighbours,
                ids=ids,
                rel_types=query.rel_types,
                direction=query.direction,
                node_kinds=query.node_kinds,
                as_of=query.as_of,
                limit=query.limit,
            )
            for id_ in ids:
                answers[NeighbourKey(id_, query)] = found.get(id_, [])
        return [answers[key] for key in keys]
