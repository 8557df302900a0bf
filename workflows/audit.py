"""Checking the audit trail kept with the graph."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from graph.audit import AuditEntry, AuditRecord, Verdict, verify
from graph.store import Batch, GraphStore

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


READ_PERSONAL = "read.personal"


def record_personal_reads(
    store: GraphStore, actor: str, reads: Mapping[tuple[str, str], Iterable[str]]
) -> None:
    """Record that ``actor`` was given these personal fields unmasked, by (kind, id) of the
    record read: one audit entry each, operation ``read.personal``, the kind and the fields
    in ``after``."""
    if not reads:
        return
    at = dt.datetime.now(dt.UTC).isoformat()
    records = [
        AuditRecord(actor, at, READ_PERSONAL, id_, None, {"kind": kind, "fields": sorted(names)})
        for (kind, id_), names in sorted(reads.items())
    ]
    store.write(Batch(audit=records))
