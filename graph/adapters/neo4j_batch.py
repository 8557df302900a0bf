"""One Batch as one Neo4j transaction: read what the checks need, check, then write.

Runs as a retried transaction function, so everything here may run more than once. The
nodes whose versions or kinds the checks rely on are write-locked before they are read, so
two writers cannot both pass a version check; raising anywhere rolls the whole batch back.
The rules are the embedded store's (``EmbeddedStore._plan``); the contract tests hold the
two to the same answers.

Records found by the reads are then addressed by element id. New ones are created a
statement per kind or type, its label or type written in it from the model's own enumeration
(never from input), as the bare-driver baseline does; Neo4j plans each once. Each statement
returns at most one record: the driver's cost is per record.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from graph.adapters.cypher import (
    ENTITY,
    FOREIGN_IDS,
    META,
    REL_KEYS_BY_ID,
    VERSION,
    kind_of,
    label,
    names_itself,
    node_by_id,
    rels_by_id,
)
from graph.adapters.cypher_text import MISSING, missing
from graph.adapters.neo4j_schema import AUDIT_ENTRY, AUDIT_HEAD
from graph.audit import GENESIS, AuditRecord, chain
from graph.errors import Conflict, FieldError, ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import ALLOWED_ENDS, RELS
from graph.model.records import Node, Rel
from graph.store import Batch, WriteResult

# The kinds each type may join, as (start label, end label) pairs: tested where it is created.
_PAIRS = {t: sorted([a.name, b.name] for a, b in ends) for t, ends in ALLOWED_ENDS.items()}
LOCK = "_jiandu_lock"  # set and removed again: the write lock stays until commit
NEW_BATCH = 1_000  # records from which a batch is first tried as all new (``write_new``)


@dataclass(frozen=True)
class _Stored:
    kind: NodeKind
    version: int
    eid: str


@dataclass(frozen=True)
class _StoredRel:
    type: RelType
    start: str
    end: str
    eid: str


@dataclass
class _Plan:
    nodes: dict[str, Node] = field(default_factory=dict)
    rels: dict[str, Rel] = field(default_factory=dict)
    del_nodes: set[str] = field(default_factory=set)
    del_rels: set[str] = field(default_factory=set)


def write_batch(tx: ManagedTransaction, batch: Batch) -> WriteResult:
    stored = _read_nodes(tx, batch)
    old_rels = _read_rels(tx, batch)
    deleted = {i for i in batch.delete_nodes if i in stored}
    plan = _plan(batch, stored, old_rels, deleted, _incident(tx, deleted))
    _write(tx, plan, stored, old_rels)
    if batch.audit:
        _append_audit(tx, batch.audit)
    return WriteResult(len(plan.nodes), len(plan.rels), len(plan.del_nodes), len(plan.del_rels))


def may_be_new(batch: Batch) -> bool:
    """Whether ``write_new`` may take the batch: large, and only records to store (no
    deletes, versions to check or audit records), with relationship ids that name their
    type (so that the type's uniqueness constraint sees every id that could clash)."""
    return (
        len(batch.nodes) + len(batch.rels) >= NEW_BATCH
        and not (batch.delete_nodes or batch.delete_rels or batch.expect_versions or batch.audit)
        and all(names_itself(r) for r in batch.rels)
    )


def _rel_row(rel: Rel) -> dict[str, Any]:
    """A relationship as the statements that create or update it take it."""
    return {"start": rel.start, "end": rel.end, "p": {**rel.props, "id": rel.id}}


class NotNew(Exception):
    """Some relationship of a batch tried as all new was not created as asked: an end is
    missing or of a kind its type does not join. The transaction rolls back and the batch is
    written by ``write_batch``, whose checks name the record and the field."""


def write_new(tx: ManagedTransaction, batch: Batch) -> WriteResult:
    """``write_batch`` for a batch whose records are all new, the way a load usually is: it
    creates them without looking for them first. The uniqueness constraints on ids answer
    that question instead: a record that exists after all fails the transaction with
    ConstraintError. A relationship finds its ends by id as it is created, and the kinds of
    the ends are tested in the same statement; one that is not created raises ``NotNew``.
    Either way the caller writes the batch with ``write_batch``."""
    plan = _plan(Batch(nodes=batch.nodes), {}, {}, set(), set())
    _write(tx, plan, {}, {})
    rels = {r.id: r for r in batch.rels}  # as ``_plan``: the last of an id, where it first came
    by_type: dict[RelType, list[dict[str, Any]]] = {}
    for rel in rels.values():
        by_type.setdefault(rel.type, []).append(_rel_row(rel))
    for type_, rows in by_type.items():
        (record,) = tx.run(
            f"""
UNWIND $rows AS row
MATCH {node_by_id("a", "row.start")}
MATCH {node_by_id("b", "row.end")}
WITH row, a, b WHERE any(pair IN $pairs WHERE pair[0] IN labels(a) AND pair[1] IN labels(b))
CREATE (a)-[r:`{type_.name}`]->(b) SET r = row.p
RETURN count(r) AS done""",
            rows=rows,
            pairs=_PAIRS[type_],
        )
        if record["done"] != len(rows):
            raise NotNew(type_.name)
    return WriteResult(len(plan.nodes), len(rels), 0, 0)


def _read_nodes(tx: ManagedTransaction, batch: Batch) -> dict[str, _Stored]:
    locked = dict.fromkeys(
        [*(n.id for n in batch.nodes), *batch.expect_versions, *batch.delete_nodes]
    )
    ends = dict.fromkeys(e for r in batch.rels for e in (r.start, r.end) if e not in locked)
    rows = [{"id": i, "lock": True} for i in locked] + [{"id": i, "lock": False} for i in ends]
    return _lookup(tx, rows)


def _lookup(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> dict[str, _Stored]:
    """The stored nodes of these ids, write-locking those whose row says ``lock``."""
    if not rows:
        return {}
    # One record for all the rows: the driver's cost is per record (a batch's 20,000 ends).
    (record,) = tx.run(
        f"""
UNWIND $rows AS row
MATCH {node_by_id("n", "row.id")}
FOREACH (_ IN CASE WHEN row.lock THEN [1] ELSE [] END | SET n.{LOCK} = true REMOVE n.{LOCK})
RETURN collect([n.id, labels(n), n.{VERSION}, elementId(n)]) AS found""",
        rows=rows,
    )
    return {
        id_: _Stored(kind_of(labels), int(version or 0), eid)
        for id_, labels, version, eid in record["found"]
    }


def _read_rels(tx: ManagedTransaction, batch: Batch) -> dict[str, _StoredRel]:
    ids = [*(r.id for r in batch.rels), *batch.delete_rels]
    if not ids:
        return {}
    return {
        r["id"]: _StoredRel(RelType[r["type"]], r["start"], r["end"], r["eid"])
        for r in tx.run(REL_KEYS_BY_ID, rels_by_id(ids))
    }


def mark_foreign_ids(tx: ManagedTransaction) -> None:
    """Records, before they are written, that some relationship ids name no type."""
    tx.run(f"MERGE (m:{META} {{id: 'meta'}}) SET m.{FOREIGN_IDS} = true").consume()


def _incident(tx: ManagedTransaction, ids: set[str]) -> set[str]:
    if not ids:
        return set()
    result = tx.run(
        f"UNWIND $ids AS id MATCH {node_by_id('n', 'id')} MATCH (n)-[r]-() "
        "RETURN DISTINCT r.id AS id",
        ids=sorted(ids),
    )
    return {r["id"] for r in result}


def _plan(
    batch: Batch,
    stored: dict[str, _Stored],
    old_rels: dict[str, _StoredRel],
    deleted: set[str],
    incident: set[str],
) -> _Plan:
    plan = _Plan(del_nodes=deleted)
    plan.del_rels = {i for i in batch.delete_rels if i in old_rels} | incident
    for id_, expected in batch.expect_versions.items():
        current = stored[id_].version if id_ in stored else 0
        if current != expected:
            raise Conflict(
                f"{id_}: version {expected} expected but the store has {current}; "
                "read it again and retry"
            )

    def kind(id_: str) -> NodeKind | None:
        if id_ in plan.nodes:
            return plan.nodes[id_].kind
        old = stored.get(id_) if id_ not in deleted else None
        return old.kind if old else None

    for node in batch.nodes:
        was = kind(node.id)
        if was is not None and was is not node.kind:
            raise ValidationError(
                FieldError("id", f"'{node.id}' is already a {was.name}, not a {node.kind.name}")
            )
        staged = plan.nodes.get(node.id)
        old = stored.get(node.id) if node.id not in deleted else None
        version = (staged.version if staged else old.version if old else 0) + 1
        plan.nodes[node.id] = Node(node.kind, node.id, node.props, version)
    for rel in batch.rels:
        ends = []
        for name, end in (("from", rel.start), ("to", rel.end)):
            found = kind(end)
            if found is None:
                raise ValidationError(FieldError(name, f"no node '{end}'"), where=rel.id)
            ends.append(found)
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


def _write(
    tx: ManagedTransaction,
    plan: _Plan,
    stored: dict[str, _Stored],
    old_rels: dict[str, _StoredRel],
) -> None:
    # Relationships of deleted nodes go with them; the others are deleted by element id.
    gone = [old_rels[i].eid for i in plan.del_rels if i in old_rels]
    in_place: list[dict[str, Any]] = []
    created: dict[RelType, list[dict[str, Any]]] = {}  # by type: a statement each, below
    for rel in plan.rels.values():
        old = old_rels.get(rel.id)
        row = _rel_row(rel)
        if old is None:
            created.setdefault(rel.type, []).append(row)
        elif (old.type, old.start, old.end) == (rel.type, rel.start, rel.end) and not (
            {rel.start, rel.end} & plan.del_nodes
        ):
            in_place.append({**row, "eid": old.eid})
        else:
            gone.append(old.eid)
            created.setdefault(rel.type, []).append(row)
    if gone:
        tx.run("UNWIND $eids AS e MATCH ()-[r]->() WHERE elementId(r) = e DELETE r", eids=gone)
    if plan.del_nodes:
        tx.run(
            "UNWIND $eids AS e MATCH (n) WHERE elementId(n) = e DETACH DELETE n",
            eids=[stored[i].eid for i in plan.del_nodes],
        )
    updated: list[dict[str, Any]] = []
    fresh: dict[NodeKind, list[dict[str, Any]]] = {}
    for node in plan.nodes.values():
        props = {**node.props, "id": node.id, VERSION: node.version}
        props[MISSING] = missing(node.kind, node.props)
        if node.id in stored and node.id not in plan.del_nodes:
            updated.append({"eid": stored[node.id].eid, "p": props})
        else:
            fresh.setdefault(node.kind, []).append(props)
    if updated:  # locked by _read_nodes: still there, still of the same kind
        tx.run(
            "UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.eid SET n = row.p", rows=updated
        )
    eids = {i: s.eid for i, s in stored.items() if i not in plan.del_nodes}
    # _read_nodes' lookup holds these ids: a writer creating one too waits for us. A statement
    # per kind, its label written in it from the model (see the module's docstring).
    for kind, rows in fresh.items():
        create = f"UNWIND $rows AS p CREATE (n:{ENTITY}:{label(kind)}) SET n = p"
        if created:  # the new nodes' element ids, for the relationships to them: one record
            (record,) = tx.run(f"{create} RETURN collect([n.id, elementId(n)]) AS eids", rows=rows)
            eids.update(record["eids"])
        else:
            tx.run(create, rows=rows).consume()
    _expect(tx, "MATCH ()-[r]->() WHERE elementId(r) = row.eid SET r = row.p", in_place)
    # Ends by element id, checked by id: a node deleted meanwhile is not found again.
    for type_, rows in created.items():
        for row in rows:
            row["a"], row["b"] = eids[row["start"]], eids[row["end"]]
        _expect(
            tx,
            "MATCH (a) WHERE elementId(a) = row.a AND a.id = row.start "
            "MATCH (b) WHERE elementId(b) = row.b AND b.id = row.end "
            f"CREATE (a)-[r:`{type_.name}`]->(b) SET r = row.p",
            rows,
        )


def _expect(tx: ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> None:
    """Runs a relationship statement over ``rows`` and checks it touched every one: an
    endpoint deleted by a concurrent writer after the reads would drop a row silently."""
    if not rows:
        return
    result = tx.run(f"UNWIND $rows AS row {statement} RETURN count(r) AS done", rows=rows)
    if result.single(strict=True)["done"] != len(rows):
        raise Conflict("another writer changed the nodes of this batch at the same time; retry")


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
            "before": audit_json(e.record.before),
            "after": audit_json(e.record.after),
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


def audit_json(value: dict[str, Any] | None) -> str | None:
    """An audit record's before or after as stored: canonical JSON, or None."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
