"""The store as a caller with an agency token may see it: an unannounced visit (暗访) not yet
finished is not there, unless the caller's agency conducts it (``Access.concealed``).

``workflows.usecase.call`` hands every use case run for such a caller this view of the
store, so that every list, report, walk, pattern and audit read leaves the visit out, not
only the generic reads that ask ``Access.can_see``. Writes pass through unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from graph.audit import AuditEntry
from graph.model.enums import NodeKind
from graph.model.records import Node, Rel
from graph.store import (
    Batch,
    Condition,
    GraphStore,
    Neighbour,
    Op,
    Page,
    PageRequest,
    Path,
    Subgraph,
    Where,
    WriteResult,
)
from graph.wrapper import StoreWrapper


class Concealing(StoreWrapper):
    def __init__(self, inner: GraphStore, agency: str) -> None:
        super().__init__(inner)
        self.agency = agency
        self._hidden: frozenset[str] | None = None  # until the next write

    def hidden(self, node: Node) -> bool:
        return (
            node.kind is NodeKind.SupervisionAction
            and bool(node.props.get("concealed"))
            and self.agency not in (node.props.get("conductor_ids") or ())
        )

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        return {i: n for i, n in super().get_nodes(ids).items() if not self.hidden(n)}

    def list_nodes(
        self, kind: NodeKind, where: Sequence[Condition] = (), page: PageRequest = PageRequest()
    ) -> Page:
        found = super().list_nodes(kind, where, page)
        if kind is not NodeKind.SupervisionAction:
            return found
        kept = [
            (n, c) for n, c in zip(found.items, found.cursors, strict=False) if not self.hidden(n)
        ]
        gone = len(found.items) - len(kept)
        return Page(
            [n for n, _ in kept],
            [c for _, c in kept],
            max(0, found.total - gone),
            found.has_next,
            found.has_previous,
        )

    def neighbours(self, ids: Sequence[str], **kwargs: Any) -> dict[str, list[Neighbour]]:
        found = super().neighbours(ids, **kwargs)
        return {i: [n for n in ns if not self.hidden(n.node)] for i, ns in found.items()}

    def expand(self, seeds: Sequence[str], **kwargs: Any) -> Subgraph:
        found = super().expand(seeds, **kwargs)
        gone = {n.id for n in found.nodes if self.hidden(n)}
        if not gone:
            return found
        return Subgraph(
            [n for n in found.nodes if n.id not in gone],
            [r for r in found.rels if r.start not in gone and r.end not in gone],
            {i: d for i, d in found.distance.items() if i not in gone},
            found.truncated,
        )

    def shortest_paths(self, start: str, end: str, **kwargs: Any) -> list[Path]:
        paths = super().shortest_paths(start, end, **kwargs)
        return [p for p in paths if not any(self.hidden(n) for n in p.nodes)]

    def hidden_ids(self) -> frozenset[str]:
        """The ids of the visits hidden from the caller, asked of the store once until the
        next write (for the operations that answer with ids or values rather than nodes)."""
        if self._hidden is None:
            concealed = [Where("concealed", Op.EQ, True)]
            found = self.inner.node_values(NodeKind.SupervisionAction, concealed, ["conductor_ids"])
            self._hidden = frozenset(
                i for i, (by,) in found.items() if self.agency not in (by or ())
            )
        return self._hidden

    def write(self, batch: Batch) -> WriteResult:
        self._hidden = None
        return super().write(batch)

    def write_many(self, batches: Iterable[Batch]) -> WriteResult:
        self._hidden = None
        return super().write_many(batches)

    def link_groups(
        self, kind: NodeKind, where: Sequence[Condition], **kwargs: Any
    ) -> dict[str, list[str]]:
        found = super().link_groups(kind, where, **kwargs)
        gone = self.hidden_ids()
        if not gone:
            return found
        kept = {
            key: [m for m in members if m not in gone]
            for key, members in found.items()
            if key not in gone
        }
        least = int(kwargs.get("min_size", 1))
        return {key: members for key, members in kept.items() if members and len(members) >= least}

    def rels_among(self, ids: Sequence[str], **kwargs: Any) -> list[Rel]:
        found = super().rels_among(ids, **kwargs)
        gone = self.hidden_ids()
        return [r for r in found if r.start not in gone and r.end not in gone]

    def node_values(
        self, kind: NodeKind, where: Sequence[Condition], fields: Sequence[str]
    ) -> dict[str, tuple[Any, ...]]:
        found = super().node_values(kind, where, fields)
        if kind is not NodeKind.SupervisionAction:
            return found
        gone = self.hidden_ids()
        return {i: v for i, v in found.items() if i not in gone}

    def distances(
        self, pairs: Sequence[tuple[str, str]], **kwargs: Any
    ) -> dict[tuple[str, str], int]:
        found = super().distances(pairs, **kwargs)
        gone = self.hidden_ids()
        return {p: d for p, d in found.items() if p[0] not in gone and p[1] not in gone}

    def scan_nodes(self, kind: NodeKind, *, batch_size: int = 10_000) -> Iterator[list[Node]]:
        for chunk in super().scan_nodes(kind, batch_size=batch_size):
            yield [n for n in chunk if not self.hidden(n)]

    def audit_entries(self, **kwargs: Any) -> list[AuditEntry]:
        entries = super().audit_entries(**kwargs)
        targets = sorted({e.record.target for e in entries})
        current = self.inner.get_nodes(targets)
        gone = {i for i, n in current.items() if self.hidden(n)}
        return [e for e in entries if e.record.target not in gone]
