"""A store that keeps to a request's time budget: every call first checks the deadline and
raises Timeout once it has passed, so that work abandoned by the API (which answers the
client at the deadline) stops at its next call to the store instead of running on. A call
already under way finishes; writes are one batch each, so none is left half done."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from graph.audit import AuditEntry
from graph.errors import Timeout
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


class WithDeadline(GraphStore):
    def __init__(self, inner: GraphStore, seconds: float) -> None:
        self.inner = inner
        self.url = inner.url
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def _check(self) -> None:
        if time.monotonic() > self.deadline:
            raise Timeout(f"the request passed its time budget of {self.seconds:g} s")

    def write(self, batch: Batch) -> WriteResult:
        self._check()
        return self.inner.write(batch)

    def write_many(self, batches: Iterable[Batch]) -> WriteResult:
        self._check()
        return self.inner.write_many(batches)

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        self._check()
        return self.inner.get_nodes(ids)

    def get_rels(self, ids: Sequence[str]) -> dict[str, Rel]:
        self._check()
        return self.inner.get_rels(ids)

    def list_nodes(
        self, kind: NodeKind, where: Sequence[Condition] = (), page: PageRequest = PageRequest()
    ) -> Page:
        self._check()
        return self.inner.list_nodes(kind, where, page)

    def neighbours(self, ids: Sequence[str], **kwargs: Any) -> dict[str, list[Neighbour]]:
        self._check()
        return self.inner.neighbours(ids, **kwargs)

    def expand(self, seeds: Sequence[str], **kwargs: Any) -> Subgraph:
        self._check()
        return self.inner.expand(seeds, **kwargs)

    def shortest_paths(self, start: str, end: str, **kwargs: Any) -> list[Path]:
        self._check()
        return self.inner.shortest_paths(start, end, **kwargs)

    def counts(self) -> Counts:
        self._check()
        return self.inner.counts()

    def scan_nodes(self, kind: NodeKind, *, batch_size: int = 10_000) -> Iterator[list[Node]]:
        self._check()
        for chunk in self.inner.scan_nodes(kind, batch_size=batch_size):
            yield chunk
            self._check()

    def scan_rels(self, type_: RelType, *, batch_size: int = 10_000) -> Iterator[list[Rel]]:
        self._check()
        for chunk in self.inner.scan_rels(type_, batch_size=batch_size):
            yield chunk
            self._check()

    def audit_head(self) -> tuple[int, str]:
        self._check()
        return self.inner.audit_head()

    def audit_entries(self, **kwargs: Any) -> list[AuditEntry]:
        self._check()
        return self.inner.audit_entries(**kwargs)

    def ping(self) -> None:
        self.inner.ping()

    def close(self) -> None:
        """The request's view closes nothing: the store outlives it."""
