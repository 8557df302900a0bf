"""Neo4j constraints and indexes, created idempotently (``jiandu migrate`` and at start-up).

Ids are unique per kind and, through the common ``Entity`` label, across kinds; relationship
ids are unique per type. Every field a list sorts or filters on has a range index on
(field, id), and every kind a full-text index over its search fields (``cypher_text``).
Indexes named ``jiandu_…`` that this version no longer declares are dropped.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass

from neo4j import Session
from neo4j.exceptions import ClientError

from graph.adapters.cypher import ENTITY, META, REGION, label, paired_fields, sorted_fields
from graph.adapters.cypher_text import ANALYZER, MISSING, indexed, text_index
from graph.model.enums import NodeKind, RelType

AUDIT_ENTRY = "AuditEntry"
AUDIT_HEAD = "AuditHead"
PREFIX = "jiandu_"
# On the meta node: every node has ``MISSING`` for the sorted fields of this fingerprint.
MISSING_MARKED = "missing_marked"


@dataclass(frozen=True)
class Rule:
    """One constraint or index: its name, the statement creating it, and for an index the
    properties it holds (an index of that name holding others is from another version)."""

    name: str
    statement: str
    props: tuple[str, ...] | None = None


def _unique(name: str, pattern: str, var: str, prop: str = "id") -> Rule:
    return Rule(
        name,
        f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR {pattern} REQUIRE {var}.{prop} IS UNIQUE",
    )


def _index(name: str, pattern: str, *props: str) -> Rule:
    on = ", ".join(f"n.`{p}`" for p in props)
    return Rule(name, f"CREATE INDEX {name} IF NOT EXISTS FOR {pattern} ON ({on})", props)


def _text(kind: NodeKind) -> Rule:
    name = text_index(kind)
    on = ", ".join(f"n.`{p}`" for p in indexed(kind))
    return Rule(
        name,
        f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{label(kind)}) ON EACH [{on}] "
        f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{ANALYZER}'}}}}",
        indexed(kind),
    )


def statements() -> list[tuple[str, str]]:
    """(name, statement) of every constraint and index the store relies on."""
    return [(r.name, r.statement) for r in rules()]


def rules() -> list[Rule]:
    out = [_unique("jiandu_entity_id", f"(n:{ENTITY})", "n")]
    out += [_unique(f"jiandu_{k.name}_id", f"(n:{label(k)})", "n") for k in NodeKind]
    out += [_unique(f"jiandu_rel_{t.name}_id", f"()-[r:`{t.name}`]-()", "r") for t in RelType]
    out += [
        _index(f"jiandu_{k.name}_by_{name}", f"(n:{label(k)})", name, "id")
        for k in NodeKind
        for name in sorted_fields(k)
    ]
    out += [
        _index(f"jiandu_{k.name}_by_{name}_in_region", f"(n:{label(k)})", name, REGION)
        for k in NodeKind
        for name in paired_fields(k)
    ]
    out += [_text(k) for k in NodeKind]
    out += [
        _unique("jiandu_audit_seq", f"(n:{AUDIT_ENTRY})", "n", "seq"),
        _unique("jiandu_audit_head", f"(n:{AUDIT_HEAD})", "n"),
        _unique("jiandu_meta", f"(n:{META})", "n"),
        _index("jiandu_audit_target", f"(n:{AUDIT_ENTRY})", "target"),
        _index("jiandu_audit_actor", f"(n:{AUDIT_ENTRY})", "actor"),
    ]
    return out


def migrate(session: Session) -> list[str]:
    """Drops the indexes of other versions, creates what is missing, and waits until every
    index is online; returns the names created."""
    wanted = rules()
    declared = {r.name: r.props for r in wanted}
    present = {str(r["name"]) for r in session.run("SHOW CONSTRAINTS YIELD name")}
    plain = "SHOW INDEXES YIELD name, properties, owningConstraint WHERE owningConstraint IS NULL"
    constraints = {r.name for r in wanted if r.props is None}
    for row in session.run(plain).data():
        name, props = str(row["name"]), tuple(row["properties"] or ())
        # An index named as one of our constraints, not yet owned by it, is that constraint
        # being created by a server starting beside this one: never dropped.
        if name.startswith(PREFIX) and name not in constraints and declared.get(name) != props:
            _run(session, f"DROP INDEX `{name}` IF EXISTS")
        else:
            present.add(name)
    present |= {str(r["name"]) for r in session.run("SHOW INDEXES YIELD name")}
    missing = [r for r in wanted if r.name not in present]
    created = _create_all(session, missing)
    if created:
        created += _await_online(session, wanted)
    _mark_missing(session)
    return created


AWAIT_TRIES = 10


def _await_online(session: Session, wanted: list[Rule]) -> list[str]:
    """Waits until every index is online. A server starting beside this one may see the
    index it was creating vanish (its transaction rolled back after a deadlock, then
    retried), and Neo4j's wait then fails at once: the missing rules are created again
    and the wait repeated. Returns the names created on the way."""
    created: list[str] = []
    for attempt in range(AWAIT_TRIES):
        try:
            session.run("CALL db.awaitIndexes(600)").consume()
            return created
        except ClientError as exc:
            if exc.code != "Neo.ClientError.Procedure.ProcedureCallFailed":
                raise
            if attempt == AWAIT_TRIES - 1:
                raise
        time.sleep(0.2 * (attempt + 1))
        present = {str(r["name"]) for r in session.run("SHOW INDEXES YIELD name")}
        present |= {str(r["name"]) for r in session.run("SHOW CONSTRAINTS YIELD name")}
        created += _create_all(session, [r for r in wanted if r.name not in present])
    return created


def model_fingerprint() -> str:
    """The model's sorted fields, as the meta node records them once every node has
    ``MISSING`` for them."""
    fields = {k.name: list(sorted_fields(k)) for k in NodeKind}
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:16]


def _mark_missing(session: Session) -> None:
    """Gives ``MISSING`` to the nodes written before it existed or before the sorted fields
    last changed (once per database and model)."""
    fields = {k.name: list(sorted_fields(k)) for k in NodeKind}
    model = model_fingerprint()
    marked = f"MATCH (m:{META} {{id: 'meta'}}) RETURN m.{MISSING_MARKED} AS model"
    found = [r["model"] for r in session.run(marked)]
    if found == [model]:
        return
    session.run(
        f"""
MATCH (n:{ENTITY}) WHERE n.{MISSING} IS NULL OR $all
CALL (n) {{
  WITH n, [k IN labels(n) WHERE k IN keys($fields)][0] AS kind
  SET n.{MISSING} = reduce(s = '', f IN $fields[kind] |
    CASE WHEN n[f] IS NULL THEN s + CASE WHEN s = '' THEN '' ELSE ' ' END + f ELSE s END)
}} IN TRANSACTIONS OF 10000 ROWS""",
        fields=fields,
        all=bool(found and found[0] is not None),
    ).consume()
    _run(session, f"MERGE (m:{META} {{id: 'meta'}}) SET m.{MISSING_MARKED} = '{model}'")


def _create_all(session: Session, rules: list[Rule]) -> list[str]:
    """Creates ``rules`` in one transaction (a fifth of the time of one each on an empty
    database); when another process got there first, one at a time."""
    if not rules:
        return []
    try:
        session.execute_write(lambda tx: [tx.run(r.statement).consume() for r in rules])
    except ClientError as exc:
        if not (exc.code or "").startswith("Neo.ClientError.Schema."):
            raise
        return [r.name for r in rules if _create(session, r.statement)]
    return [r.name for r in rules]


def _create(session: Session, statement: str) -> bool:
    """Run one schema statement; False when another process created it first. Several
    servers starting together on an empty database race here: Neo4j answers one of them
    with a deadlock (retried by the transaction function) or 'already exists'."""
    try:
        _run(session, statement)
    except ClientError as exc:
        code = exc.code or ""
        if code.startswith("Neo.ClientError.Schema.") and code.endswith("AlreadyExists"):
            return False
        raise
    return True


def _run(session: Session, statement: str) -> None:
    session.execute_write(lambda tx: tx.run(statement).consume())
