"""A store seen through a wrapper that is told of every call before it is made: the base of
the request's deadline (graph.deadline) and of the tests' counting store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from graph.audit import AuditEntry
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import (
    Batch,
    Condition,
    Counts,
    GraphStore,
    Neighbour,
    Page,
    PageRequest,
    Path,
    Subgraph,
    WriteResult,
)


class StoreWrapper(GraphStore):
    """Passes every call to ``inner`` after ``_before(name)`` (a scan: before each chunk)."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.url = inner.url
        self.parallel_reads = inner.parallel_reads

    def _before(self, name: str) -> None:
        """Called before each call to the store; may raise to stop it."""

    def write(self, batch: Batch) -> WriteResult:
        self._before("write")
        return self.inner.write(batch)

    def write_many(self, batches: Iterable[Batch]) -> WriteResult:
        self._before("write_many")
        return self.inner.write_many(batches)

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        self._before("get_nodes")
        return self.inner.get_nodes(ids)

    def get_rels(self, ids: Sequence[str]) -> dict[str, Rel]:
        self._before("get_rels")
        return self.inner.get_rels(ids)

    def list_nodes(
        self, kind: NodeKind, where: Sequence[Condition] = (), page: PageRequest = PageRequest()
    ) -> Page:
        self._before("list_nodes")
        return self.inner.list_nodes(kind, where, page)

    def neighbours(self, ids: Sequence[str], **kwargs: Any) -> dict[str, list[Neighbour]]:
        self._before("neighbours")
        return self.inner.neighbours(ids, **kwargs)

    def expand(self, seeds: Sequence[str], **kwargs: Any) -> Subgraph:
        self._before("expand")
        return self.inner.expand(seeds, **kwargs)

    def shortest_paths(self, start: str, end: str, **kwargs: Any) -> list[Path]:
        self._before("shortest_paths")
        return self.inner.shortest_paths(start, end, **kwargs)

    def distances(
        self, pairs: Sequence[tuple[str, str]], **kwargs: Any
    ) -> dict[tuple[str, str], int]:
        self._before("distances")
        return self.inner.distances(pairs, **kwargs)

    def rels_among(self, ids: Sequence[str], **kwargs: Any) -> list[Rel]:
        self._before("rels_among")
        return self.inner.rels_among(ids, **kwargs)

    def link_groups(
        self, kind: NodeKind, where: Sequence[Condition], **kwargs: Any
    ) -> dict[str, list[str]]:
        self._before("link_groups")
        return self.inner.link_groups(kind, where, **kwargs)

    def node_values(
        self, kind: NodeKind, where: Sequence[Condition], fields: Sequence[str]
    ) -> dict[str, tuple[Any, ...]]:
        self._before("node_values")
        return self.inner.node_values(kind, where, fields)

    def counts(self) -> Counts:
        self._before("counts")
        return self.inner.counts()

    def scan_nodes(self, kind: NodeKind, *, batch_size: int = 10_000) -> Iterator[list[Node]]:
        self._before("scan_nodes")
        for chunk in self.inner.scan_nodes(kind, batch_size=batch_size):
            yield chunk
            self._before("scan_nodes")

    def scan_rels(self, type_: RelType, *, batch_size: int = 10_000) -> Iterator[list[Rel]]:
        self._before("scan_rels")
        for chunk in self.inner.scan_rels(type_, batch_size=batch_size):
            yield chunk
            self._before("scan_rels")

    def audit_head(self) -> tuple[int, str]:
        self._before("audit_head")
        return self.inner.audit_head()

    def audit_entries(self, **kwargs: Any) -> list[AuditEntry]:
        self._before("audit_entries")
        return self.inner.audit_entries(**kwargs)

    def ping(self) -> None:
        self._before("ping")
        self.inner.ping()

    def close(self) -> None:
        self.inner.close()
