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
    existing = {str(r["name"]) for r in session.run("SHOW CONSTRAINTS YIELD name")}
    present = set(existing)
    plain = "SHOW INDEXES YIELD name, properties, owningConstraint WHERE owningConstraint IS NULL"
    constraints = {r.name for r in wanted if r.props is None}
    for row in session.run(plain).data():
        name, props = str(row["name"]), tuple(row["properties"] or ())
        # An index named as one of our constraints, not yet owned by it, is that constraint
        # being created by a server starting beside this one: not dropped here (one that
        # outlives its creator is, by ``_await_online``).
        if name.startswith(PREFIX) and name not in constraints and declared.get(name) != props:
            _run(session, f"DROP INDEX `{name}` IF EXISTS")
        else:
            present.add(name)
    present |= {str(r["name"]) for r in session.run("SHOW INDEXES YIELD name")}
    missing = [r for r in wanted if r.name not in present]
    created = _create_all(session, missing)
    if created or not constraints <= existing:
        created += _await_online(session, wanted)
    _mark_missing(session)
    return created


AWAIT_SECONDS = 600  # in all, for the indexes to come online
AWAIT_SLICE = 20  # one wait; between two, what keeps an index from coming online is sought
ORPHAN_SECONDS = 10  # how long an index stays an orphan before it is dropped
FAILED = "Neo.ClientError.Procedure.ProcedureCallFailed"


def _await_online(session: Session, wanted: list[Rule]) -> list[str]:
    """Waits until every index is online and every constraint exists. Returns the names
    created on the way.

    Servers starting together race to create the schema, and Neo4j may roll back a
    loser's constraint after a deadlock. Two things can then go wrong. The index that
    constraint was creating may vanish, and Neo4j's wait fails at once. Or the index may
    stay behind owned by no constraint, populated but never online, and the wait never
    ends. So the wait runs in slices. Between slices, an index named as one of our
    constraints that no constraint owns, fully populated, is an orphan. An orphan still
    there ``ORPHAN_SECONDS`` later is dropped: a constraint being created beside us owns
    its index moments after populating it. Then the missing rules are created again."""
    created: list[str] = []
    constraints = {r.name for r in wanted if r.props is None}
    deadline = time.monotonic() + AWAIT_SECONDS
    seen: dict[str, float] = {}  # orphan → when first seen
    pause = 0.2
    while True:
        try:
            session.run(f"CALL db.awaitIndexes({AWAIT_SLICE})").consume()
            online = True
        except ClientError as exc:
            if exc.code != FAILED or time.monotonic() > deadline:
                raise
            online = False
        have = {str(r["name"]) for r in session.run("SHOW CONSTRAINTS YIELD name")}
        if online and constraints <= have:
            return created
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"Neo4j's constraints {sorted(constraints - have)} were not created within "
                f"{AWAIT_SECONDS} s"
            )
        now = time.monotonic()
        orphans = _orphans(session, constraints - have)
        seen = {name: seen.get(name, now) for name in orphans}
        for name, since in seen.items():
            if now - since >= ORPHAN_SECONDS:
                _drop_orphan(session, name)
        time.sleep(pause)
        pause = min(2 * pause, 2.0)
        present = {str(r["name"]) for r in session.run("SHOW INDEXES YIELD name")}
        present |= {str(r["name"]) for r in session.run("SHOW CONSTRAINTS YIELD name")}
        created += _create_all(session, [r for r in wanted if r.name not in present])


def _drop_orphan(session: Session, name: str) -> None:
    """Drops the orphan index ``name``, unless a constraint took it meanwhile."""
    try:
        _run(session, f"DROP INDEX `{name}` IF EXISTS")
    except ClientError as exc:
        if not (exc.code or "").startswith("Neo.ClientError.Schema."):
            raise


def _orphans(session: Session, names: set[str]) -> set[str]:
    """Those of ``names`` (constraints that do not exist) held by an index that no
    constraint owns, fully populated."""
    if not names:
        return set()
    found = session.run(
        "SHOW INDEXES YIELD name, owningConstraint, populationPercent "
        "WHERE owningConstraint IS NULL AND name IN $names AND populationPercent >= 100 "
        "RETURN name",
        names=sorted(names),
    )
    return {str(r["name"]) for r in found}


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
