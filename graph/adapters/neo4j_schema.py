"""Neo4j constraints and indexes, created idempotently (``jiandu migrate`` and at start-up).

Ids are unique per kind and, through the common ``Entity`` label, across kinds; relationship
ids are unique per type. A few properties that lists filter on often get a range index.
"""

from __future__ import annotations

from neo4j import Session
from neo4j.exceptions import ClientError

from graph.adapters.cypher import ENTITY, META, label
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import node_fields

AUDIT_ENTRY = "AuditEntry"
AUDIT_HEAD = "AuditHead"
# Equality and prefix filters of the API's lists (region subtree, status tabs, numbers).
INDEXED = ("region_code", "status", "case_number", "code", "number")


def _unique(name: str, pattern: str, var: str, prop: str = "id") -> tuple[str, str]:
    return (
        name,
        f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR {pattern} REQUIRE {var}.{prop} IS UNIQUE",
    )


def _index(name: str, pattern: str, prop: str) -> tuple[str, str]:
    return name, f"CREATE INDEX {name} IF NOT EXISTS FOR {pattern} ON (n.`{prop}`)"


def statements() -> list[tuple[str, str]]:
    """(name, statement) of every constraint and index the store relies on."""
    out = [_unique("jiandu_entity_id", f"(n:{ENTITY})", "n")]
    out += [_unique(f"jiandu_{k.name}_id", f"(n:{label(k)})", "n") for k in NodeKind]
    out += [_unique(f"jiandu_rel_{t.name}_id", f"()-[r:`{t.name}`]-()", "r") for t in RelType]
    out += [
        _index(f"jiandu_{k.name}_{f.name}", f"(n:{label(k)})", f.name)
        for k in NodeKind
        for f in node_fields(k)
        if f.name in INDEXED
    ]
    out += [
        _unique("jiandu_audit_seq", f"(n:{AUDIT_ENTRY})", "n", "seq"),
        _unique("jiandu_audit_head", f"(n:{AUDIT_HEAD})", "n"),
        _unique("jiandu_meta", f"(n:{META})", "n"),
        _index("jiandu_audit_target", f"(n:{AUDIT_ENTRY})", "target"),
        _index("jiandu_audit_actor", f"(n:{AUDIT_ENTRY})", "actor"),
    ]
    return out


def migrate(session: Session) -> list[str]:
    """Creates what is missing and waits until it is online; returns the names created."""
    present = {str(r["name"]) for r in session.run("SHOW INDEXES YIELD name")}
    present |= {str(r["name"]) for r in session.run("SHOW CONSTRAINTS YIELD name")}
    created = []
    for name, statement in statements():
        if name not in present and _create(session, statement):
            created.append(name)
    if created:
        session.run("CALL db.awaitIndexes(600)").consume()
    return created


def _create(session: Session, statement: str) -> bool:
    """Run one schema statement; False when another process created it first. Several
    servers starting together on an empty database race here: Neo4j answers one of them
    with a deadlock (retried by the transaction function) or 'already exists'."""
    try:
        session.execute_write(lambda tx: tx.run(statement).consume())
    except ClientError as exc:
        code = exc.code or ""
        if code.startswith("Neo.ClientError.Schema.") and code.endswith("AlreadyExists"):
            return False
        raise
    return True
