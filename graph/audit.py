"""The audit trail: an append-only, hash-chained log of every change, kept with the graph.

Each entry's hash covers its own fields and the previous entry's hash, so editing,
reordering or removing an entry breaks the chain from that point on; the store also keeps
the chain's head (last sequence number and hash), so removing the newest entries shows too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    """What a change is: who, when, which operation on which target, before and after."""

    actor: str
    at: str
    operation: str
    target: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    record: AuditRecord
    prev_hash: str
    hash: str


def canonical(record: AuditRecord, seq: int, prev_hash: str) -> str:
    body = {
        "seq": seq,
        "actor": record.actor,
        "at": record.at,
        "operation": record.operation,
        "target": record.target,
        "before": record.before,
        "after": record.after,
        "prev": prev_hash,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def chain(records: Iterable[AuditRecord], head_seq: int, head_hash: str) -> list[AuditEntry]:
    """The entries that append ``records`` after the head (seq, hash)."""
    out = []
    seq, prev = head_seq, head_hash
    for record in records:
        seq += 1
        digest = hashlib.sha256(canonical(record, seq, prev).encode()).hexdigest()
        out.append(AuditEntry(seq, record, prev, digest))
        prev = digest
    return out


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    problems: list[str]


def verify(entries: Iterable[AuditEntry], head: tuple[int, str]) -> Verdict:
    """Check the chain entry by entry, and its end against the stored head."""
    problems: list[str] = []
    seq, prev, checked = 0, GENESIS, 0
    for entry in entries:
        checked += 1
        if entry.seq != seq + 1:
            problems.append(
                f"entry {entry.seq}: expected sequence number {seq + 1} (removed or reordered)"
            )
        if entry.prev_hash != prev:
            problems.append(f"entry {entry.seq}: does not follow the entry before it")
        expected = hashlib.sha256(canonical(entry.record, entry.seq, entry.prev_hash).encode())
        if expected.hexdigest() != entry.hash:
            problems.append(f"entry {entry.seq}: content does not match its hash (edited)")
        seq, prev = entry.seq, entry.hash
    if (seq, prev) != head:
        problems.append(
            f"the log ends at entry {seq} but the head records entry {head[0]} (entries removed)"
        )
    return Verdict(not problems, checked, problems)
