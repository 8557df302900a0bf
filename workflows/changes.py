"""One use case's change to the graph: nodes and relationships gathered, then written in one
all-or-nothing batch with the versions they were read at and an audit record for each.

A failed use case raises before ``commit``, or the store rejects the whole batch: either way
nothing changes. Snapshots in the audit records have the shape the generic records use
(``kind``/``version``/``props`` for nodes, ``type``/``start``/``end``/``props`` for
relationships), so the audit log reads the same whichever use case wrote it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.audit import AuditRecord
from graph.errors import Conflict
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel, rel_id
from graph.model.validate import make_node, make_rel
from graph.store import Batch, GraphStore

SOURCE = "workflow"
PROVENANCE = ("recorded_by", "recorded_at")


def instant() -> str:
    """The moment a record is made: provenance only, never an input to a rule."""
    return dt.datetime.now(dt.UTC).isoformat()


def new_id(kind: NodeKind) -> str:
    return f"{kind.name.lower()}:{secrets.token_hex(8)}"


def node_snapshot(node: Node) -> dict[str, Any]:
    return {"kind": node.kind.name, "version": node.version, "props": dict(node.props)}


def rel_snapshot(rel: Rel) -> dict[str, Any]:
    return {"type": rel.type.name, "start": rel.start, "end": rel.end, "props": dict(rel.props)}


def check_version(node: Node, version: int) -> None:
    if node.version != version:
        raise Conflict(
            f"{node.id}: version {version} given but the store has {node.version}; "
            "read it again and retry"
        )


@dataclass
class Change:
    """What one use case writes, by ``actor``; ``note`` goes into every audit record;
    ``source`` is the provenance of records that do not name their own."""

    actor: str
    note: str | None = None
    source: str = SOURCE
    at: str = field(default_factory=instant)
    nodes: dict[str, Node] = field(default_factory=dict)
    rels: dict[str, Rel] = field(default_factory=dict)
    expect: dict[str, int] = field(default_factory=dict)
    delete_nodes: list[str] = field(default_factory=list)
    delete_rels: list[str] = field(default_factory=list)
    audit: list[AuditRecord] = field(default_factory=list)

    def _stamp(self, props: Mapping[str, Any]) -> dict[str, Any]:
        kept = {k: v for k, v in props.items() if k not in PROVENANCE}
        return {
            **kept,
            "source": kept.get("source") or self.source,
            "recorded_by": self.actor,
            "recorded_at": self.at,
        }

    def _record(self, operation: str, target: str, before: Any, after: Any) -> None:
        if after is not None and self.note:
            after = {**after, "note": self.note}
        self.audit.append(AuditRecord(self.actor, self.at, operation, target, before, after))

    def create(self, kind: NodeKind, props: Mapping[str, Any], id_: str | None = None) -> Node:
        """A new node (validated against the model); the id must not be in use."""
        node_id = id_ or new_id(kind)
        checked = make_node(kind, node_id, self._stamp(props))
        created = Node(kind, node_id, checked.props, 1)
        self.nodes[node_id] = checked
        self.expect[node_id] = 0
        self._record("create", node_id, None, node_snapshot(created))
        return created

    def update(self, old: Node, changes: Mapping[str, Any], *, operation: str = "update") -> Node:
        """``old`` with ``changes`` (None clears a field), written only if still current."""
        merged = {k: v for k, v in {**old.props, **changes}.items() if v is not None}
        checked = make_node(old.kind, old.id, self._stamp(merged))
        new = Node(old.kind, old.id, checked.props, old.version + 1)
        self.nodes[old.id] = checked
        self.expect[old.id] = old.version
        self._record(operation, old.id, node_snapshot(old), node_snapshot(new))
        return new

    def touch(self, old: Node, operation: str) -> Node:
        """Bump ``old``'s version so that concurrent changes to what hangs off it conflict."""
        return self.update(old, {}, operation=operation)

    def link(
        self,
        type_: RelType,
        start: str,
        end: str,
        props: Mapping[str, Any] | None = None,
        *,
        discriminator: str = "",
        before: Rel | None = None,
    ) -> Rel:
        """The relationship (type, start, end, discriminator), created or replaced."""
        checked = make_rel(type_, "generated", start, end, self._stamp(props or {}))
        rel = Rel(type_, rel_id(type_, start, end, discriminator), start, end, checked.props)
        self.rels[rel.id] = rel
        old = None if before is None else rel_snapshot(before)
        self._record("link", rel.id, old, rel_snapshot(rel))
        return rel

    def restore(self, rel: Rel) -> Rel:
        """A relationship put back exactly as a snapshot had it (id, properties, provenance):
        undoing a change, not a new record."""
        checked = make_rel(rel.type, rel.id, rel.start, rel.end, dict(rel.props))
        restored = Rel(rel.type, rel.id, rel.start, rel.end, checked.props)
        self.rels[restored.id] = restored
        self._record("restore", restored.id, None, rel_snapshot(restored))
        return restored

    def delete(self, old: Node, rel_ids: list[str]) -> None:
        """Delete ``old`` and its relationships (``rel_ids``, kept in the audit record) if it
        is still at the version read."""
        self.delete_nodes.append(old.id)
        self.expect[old.id] = old.version
        self._record("delete", old.id, {**node_snapshot(old), "rels": sorted(rel_ids)}, None)

    def unlink(self, rel: Rel) -> None:
        self.delete_rels.append(rel.id)
        self._record("unlink", rel.id, rel_snapshot(rel), None)

    def commit(self, store: GraphStore) -> None:
        store.write(
            Batch(
                nodes=list(self.nodes.values()),
                rels=list(self.rels.values()),
                delete_nodes=list(self.delete_nodes),
                delete_rels=list(self.delete_rels),
                expect_versions=dict(self.expect),
                audit=list(self.audit),
            )
        )
