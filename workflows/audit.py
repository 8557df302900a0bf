"""Checking the audit trail kept with the graph."""

from __future__ import annotations

from collections.abc import Iterator

from graph.audit import AuditEntry, Verdict, verify
from graph.store import GraphStore

_CHUNK = 10_000


def _entries(store: GraphStore) -> Iterator[AuditEntry]:
    after = 0
    while True:
        chunk = store.audit_entries(after_seq=after, limit=_CHUNK)
        yield from chunk
        if len(chunk) < _CHUNK:
            return
        after = chunk[-1].seq


def verify_store(*, store: GraphStore) -> Verdict:
    """Walk the whole chain and compare its end with the stored head."""
    return verify(_entries(store), store.audit_head())
