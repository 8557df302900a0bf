"""One Batch as one Neo4j transaction: read what the checks need, check, then write.

Runs as a retried transaction function, so everything here may run more than once. The
nodes whose versions or kinds the checks rely on are write-locked before they are read, so
two writers cannot both pass a version check; raising anywhere rolls the whole batch back.
The rules are the embedded store's (``EmbeddedStore._plan``), the contract tests hold the
two to the same answers.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from graph.adapters.cypher import ENTITY, RELS_BY_ID, VERSION, kind_of, label
from graph.adapters.neo4j_schema import AUDIT_ENTRY, AUDIT_HEAD
from graph.audit import GENESIS, AuditRecord, chain
from graph.errors import Conflict, FieldError, ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import RELS
from graph.model.records import Node, Rel
from graph.store import Batch, WriteResult

LOCK = "_jiandu_lock"  # set and removed again: the write lock stays until commit


@dataclass(frozen=True)
class _Stored:
    kind: NodeKind
    version: int


@dataclass(frozen=True)
class _StoredRel:
    type: RelType
    start: str
    end: str


@dataclass
class _Plan:
    nodes: dict[str, Node] = field(default_factory=dict)
    rels: dict[str, Rel] = field(default_factory=dict)
    del_nodes: set[str] = field(default_factory=set)
    del_rels: set[str] = field(default_factory=set)


def write_batch(tx: ManagedTransaction, batch: Batch) -> WriteResult:
    stored = _read_nodes(tx, batch)
    old_rels = _read_rels(tx, [*(r.id for r in batch.rels), *batch.delete_rels])
    plan = _plan(tx, batch, stored, old_rels)
    _write(tx, plan, old_rels)
    if batch.audit:
        _append_audit(tx, batch.audit)
    return WriteResult(len(plan.nodes), len(plan.rels), len(plan.del_nodes), len(plan.del_rels))


def _read_nodes(tx: ManagedTransaction, batch: Batch) -> dict[str, _Stored]:
    locked = dict.fromkeys([*(n.id for n in batch.nodes), *batch.expect_versions, *batch.delete_nodes])
    ends = dict.fromkeys(e for r in batch.rels for e in (r.start, r.end) if e not in locked)
    rows = [{"id": i, "lock": True} for i in locked] + [{"id": i, "lock": False} for i in ends]
    if not rows:
        return {}
    result = tx.run(
        f"""
UNWIND $rows AS row
MATCH (n:{ENTITY} {{id: row.id}})
FOREACH (_ IN CASE WHEN row.lock THEN [1] ELSE [] END | SET n.{LOCK} = true REMOVE n.{LOCK})
RETURN n.id AS id, labels(n) AS labels, n.{VERSION} AS version""",
        rows=rows,
    )
    return {
        r["id"]: _Stored(kind_of(r["labels"]), int(r["version"] or 0)) for r in result
    }


def _read_rels(tx: ManagedTransaction, ids: list[str]) -> dict[str, _StoredRel]:
    """Relationships by id whatever their type: one index seek per type (ids are unique
    across types, as in the embedded store, but Neo4j indexes relationships per type)."""
    if not ids:
        return {}
    return {
        r["r"]["id"]: _StoredRel(RelType[r["r"].type], r["start"], r["end"])
        for r in tx.run(RELS_BY_ID, ids=list(dict.fromkeys(ids)))
    }


def _incident(tx: ManagedTransaction, ids: set[str]) -> set[str]:
    if not ids:
        return set()
    result = tx.run(
        f"UNWIND $ids AS id MATCH (:{ENTITY} {{id: id}})-[r]-() RETURN DISTINCT r.id AS id",
        ids=sorted(ids),
    )
    return {r["id"] for r in result}


def _plan(
    tx: ManagedTransaction,
    batch: Batch,
    stored: dict[str, _Stored],
    old_rels: dict[str, _StoredRel],
) -> _Plan:
    plan = _Plan()
    plan.del_nodes = {i for i in batch.delete_nodes if i in stored}
    plan.del_rels = {i for i in batch.delete_rels if i in old_rels} | _incident(tx, plan.del_nodes)
    for id_, expected in batch.expect_versions.items():
        current = stored[id_].version if id_ in stored else 0
        if current != expected:
            raise Conflict(
                f"{id_}: version {expected} expected but the store has {current}; "
                "read it again and retry"
            )
    for node in batch.nodes:
        staged = plan.nodes.get(node.id)
        old = stored.get(node.id) if node.id not in plan.del_nodes else None
        kind = staged.kind if staged else old.kind if old else None
        if kind is not None and kind is not node.kind:
            raise ValidationError(
                FieldError("id", f"'{node.id}' is already a {kind.name}, not a {node.kind.name}")
            )
        version = staged.version + 1 if staged else (old.version if old else 0) + 1
        plan.nodes[node.id] = Node(node.kind, node.id, node.props, version)
    for rel in batch.rels:
        ends = []
        for name, end in (("from", rel.start), ("to", rel.end)):
            staged = plan.nodes.get(end)
            old = stored.get(end) if end not in plan.del_nodes else None
            kind = staged.kind if staged else old.kind if old else None
            if kind is None:
                raise ValidationError(FieldError(name, f"no node '{end}'"), where=rel.id)
            ends.append(kind)
        if not RELS[rel.type].allows(ends[0], ends[1]):
            raise ValidationError(
                FieldError(
                    "kind", f"{rel.type.name} cannot link a {ends[0].name} to a {ends[1].name}"
                ),
                where=rel.id,
            )
        plan.rels[rel.id] = rel
        plan.del_rels.discard(rel.id)
    return plan


def _write(tx: ManagedTransaction, plan: _Plan, old_rels: dict[str, _StoredRel]) -> None:
    in_place: dict[RelType, list[Rel]] = defaultdict(list)
    created: dict[RelType, list[Rel]] = defaultdict(list)
    gone: dict[RelType, list[str]] = defaultdict(list)
    for id_ in plan.del_rels:
        if id_ in old_rels:  # the others go with their deleted nodes
            gone[old_rels[id_].type].append(id_)
    for rel in plan.rels.values():
        old = old_rels.get(rel.id)
        if old == _StoredRel(rel.type, rel.start, rel.end) and not (
            {rel.start, rel.end} & plan.del_nodes
        ):
            in_place[rel.type].append(rel)
            continue
        if old is not None:
            gone[old.type].append(rel.id)
        created[rel.type].append(rel)
    for type_, ids in gone.items():
        tx.run(f"UNWIND $ids AS id MATCH ()-[r:`{type_.name}` {{id: id}}]->() DELETE r", ids=ids)
    if plan.del_nodes:
        tx.run(
            f"UNWIND $ids AS id MATCH (n:{ENTITY} {{id: id}}) DETACH DELETE n",
            ids=sorted(plan.del_nodes),
        )
    by_kind: dict[NodeKind, list[dict[str, Any]]] = defaultdict(list)
    for node in plan.nodes.values():
        by_kind[node.kind].append({**node.props, "id": node.id, VERSION: node.version})
    for kind, rows in by_kind.items():
        tx.run(
            f"UNWIND $rows AS row MERGE (n:{ENTITY}:{label(kind)} {{id: row.id}}) SET n = row",
            rows=rows,
        )
    for type_, rels in in_place.items():
        _expect(
            tx,
            f"UNWIND $rows AS row MATCH ()-[r:`{type_.name}` {{id: row.id}}]->() SET r = row.p",
            rels,
        )
    for type_, rels in created.items():
        _expect(
            tx,
            f"UNWIND $rows AS row MATCH (a:{ENTITY} {{id: row.start}}) "
            f"MATCH (b:{ENTITY} {{id: row.end}}) CREATE (a)-[r:`{type_.name}`]->(b) SET r = row.p",
            rels,
        )


def _expect(tx: ManagedTransaction, statement: str, rels: Sequence[Rel]) -> None:
    """Runs a relationship statement and checks it touched every row: an endpoint deleted
    by a concurrent writer after the checks would otherwise drop a relationship silently."""
    rows = [{"id": r.id, "start": r.start, "end": r.end, "p": {**r.props, "id": r.id}} for r in rels]
    done = tx.run(f"{statement} RETURN count(r) AS done", rows=rows).single(strict=True)["done"]
    if done != len(rows):
        raise Conflict("another writer changed the nodes of this batch; retry it")


def _append_audit(tx: ManagedTransaction, records: Sequence[AuditRecord]) -> None:
    head = tx.run(
        f"""
MERGE (h:{AUDIT_HEAD} {{id: 'head'}}) ON CREATE SET h.seq = 0, h.hash = $genesis
SET h.{LOCK} = true REMOVE h.{LOCK}
RETURN h.seq AS seq, h.hash AS hash""",
        genesis=GENESIS,
    ).single(strict=True)
    entries = chain(records, int(head["seq"]), str(head["hash"]))
    rows = [
        {
            "seq": e.seq,
            "at": e.record.at,
            "actor": e.record.actor,
            "operation": e.record.operation,
            "target": e.record.target,
            "before": _dumps(e.record.before),
            "after": _dumps(e.record.after),
            "prev_hash": e.prev_hash,
            "hash": e.hash,
        }
        for e in entries
    ]
    tx.run(
        f"""
UNWIND $rows AS row CREATE (e:{AUDIT_ENTRY}) SET e = row
WITH count(*) AS written
MATCH (h:{AUDIT_HEAD} {{id: 'head'}}) SET h.seq = $seq, h.hash = $hash""",
        rows=rows,
        seq=entries[-1].seq,
        hash=entries[-1].hash,
    ).consume()


def _dumps(value: dict[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
