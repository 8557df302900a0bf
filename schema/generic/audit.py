"""The audit trail as GraphQL types: entries, pages of them, and the chain's verdict."""

from __future__ import annotations

import base64
import binascii
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from graph.audit import AuditEntry as StoredEntry
from graph.errors import FieldError, ValidationError
from schema.generic.connections import PageInfo
from schema.generic.ids import to_global
from schema.generic.nodes import RELATIONSHIP
from schema.generic.scalars import DateTime


@strawberry.type(
    description="One change: who made it, when, to what, and the state before and after."
)
class AuditEntry:
    seq: int = strawberry.field(description="position in the chain (1, 2, …)")
    at: DateTime = strawberry.field(description="when (UTC)")
    actor: str = strawberry.field(description="who: the token's subject")
    operation: str = strawberry.field(
        description="create, update, delete, link, unlink, transition:<move>; import.start, "
        "import.finish (a load: jiandu load); read.personal (personal fields given unmasked)"
    )
    target: str = strawberry.field(description="the store id of the node or relationship changed")
    target_id: strawberry.ID = strawberry.field(description="its global id")
    before: JSON | None = strawberry.field(description="its state before (null when created)")
    after: JSON | None = strawberry.field(description="its state after (null when deleted)")
    prev_hash: str = strawberry.field(description="the hash of the entry before")
    hash: str = strawberry.field(description="sha-256 over this entry and the hash before")


@strawberry.type(description="An audit entry in a page, with its cursor.")
class AuditEdge:
    cursor: str
    node: AuditEntry


@strawberry.type(description="A page of the audit log, oldest first.")
class AuditConnection:
    edges: list[AuditEdge]
    nodes: list[AuditEntry]
    page_info: PageInfo


@strawberry.type(description="Whether the hash chain is intact, and what is wrong if not.")
class AuditVerdict:
    ok: bool
    checked: int
    problems: list[str]


def _type_name(snapshot: dict[str, Any] | None) -> str | None:
    if snapshot is None:
        return None
    if "start" in snapshot:
        return RELATIONSHIP
    kind = snapshot.get("kind")  # an import's entry names no kind
    return None if kind is None else str(kind)


def entry(stored: StoredEntry) -> AuditEntry:
    record = stored.record
    type_name = _type_name(record.after) or _type_name(record.before) or "Node"
    return AuditEntry(
        seq=stored.seq,
        at=DateTime(record.at),
        actor=record.actor,
        operation=record.operation,
        target=record.target,
        target_id=strawberry.ID(to_global(type_name, record.target)),
        before=cast(JSON, record.before),
        after=cast(JSON, record.after),
        prev_hash=stored.prev_hash,
        hash=stored.hash,
    )


def cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"audit:{seq}".encode()).decode()


def after_seq(value: str | None) -> int:
    if value is None:
        return 0
    try:
        prefix, _, seq = base64.urlsafe_b64decode(value.encode()).decode().partition(":")
        if prefix == "audit":
            return int(seq)
    except (binascii.Error, UnicodeError, ValueError):
        pass
    raise ValidationError(FieldError("after", "not a cursor of the audit log"))


def page(entries: list[StoredEntry], has_next: bool, after: str | None) -> AuditConnection:
    nodes = [entry(e) for e in entries]
    cursors = [cursor(e.seq) for e in entries]
    return AuditConnection(
        edges=[AuditEdge(cursor=c, node=n) for c, n in zip(cursors, nodes, strict=True)],
        nodes=nodes,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=after is not None,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        ),
    )
