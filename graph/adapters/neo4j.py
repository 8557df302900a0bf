"""The Neo4j store: the supervision graph in Neo4j 5.26 or later, through the official driver.

A node is stored with its kind as label plus the common label ``Entity``, its properties,
``id`` and the store's ``version``; a relationship with its type, properties and ``id``.
Every read is one Cypher query (``cypher``, ``cypher_list``, ``cypher_graph``); every
batch is one retried transaction (``neo4j_batch``); ``neo4j_schema`` holds the constraints
and indexes. ``bolt://`` reaches one server, ``neo4j://``
a cluster or Aura (reads then go to secondaries). Driver errors leave this module as the
project's own (``graph.errors``).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit, urlunsplit

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as driver

from graph.adapters import cypher, cypher_graph, cypher_list, neo4j_schema
from graph.adapters.cypher import VERSION
from graph.adapters.cypher_text import MISSING
from graph.adapters.neo4j_batch import (
    NotNew,
    mark_foreign_ids,
    may_be_new,
    write_batch,
    write_new,
)
from graph.adapters.neo4j_list import Estimates, list_page
from graph.adapters.neo4j_schema import AUDIT_ENTRY, AUDIT_HEAD
from graph.audit import GENESIS, AuditEntry, AuditRecord
from graph.errors import BackendUnavailable, Conflict, NotFound, QueryTooLarge
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import (
    NOT_COUNTED,
    Batch,
    Condition,
    Counts,
    Direction,
    GraphStore,
    Neighbour,
    NodeConditions,
    Page,
    PageRequest,
    Path,
    Subgraph,
    WriteResult,
    encode_cursor,
    value_fields,
)

DEFAULT_DATABASE = "neo4j"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
CONNECT_TIMEOUT = 5.0  # seconds to open a connection: a dead address fails fast
RETRY_TIME = 15.0  # seconds a transaction is retried (deadlocks, leader changes); settable
NODE_CHUNK = 10_000  # nodes read per query (``get_nodes``, ``neighbours``)
RACES = 3  # attempts of a batch that loses races to create the same relationship ids
T = TypeVar("T")
UNREACHABLE = (driver.ServiceUnavailable, driver.SessionExpired, driver.ConnectionPoolError)


class Neo4jStore(GraphStore):
    parallel_reads = True  # each query on a core of the server's

    def __init__(
        self,
        uri: str,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str = DEFAULT_DATABASE,
        retry_seconds: float = RETRY_TIME,
    ) -> None:
        parts = urlsplit(uri)
        user = user or (unquote(parts.username) if parts.username else None)
        password = password or (unquote(parts.password) if parts.password else None)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        # Credentials in the URI are for the driver only: the URL is shown in messages.
        self.url = urlunsplit((parts.scheme, netloc, "", "", ""))
        self.database = database
        self._user = user
        # When Neo4j was last found unreachable (monotonic seconds), or None: until a probe
        # reaches it again, each call fails at once instead of retrying for RETRY_TIME.
        self._down: float | None = None
        self._estimates = Estimates()  # list_nodes' statistics, kept across pages
        if parts.scheme not in SCHEMES:
            raise BackendUnavailable(
                f"{uri.split('@')[-1]} is not a Neo4j URI (bolt:// for one server, neo4j:// for "
                "a cluster or Aura)"
            )
        auth = (user or "neo4j", password) if password else None
        try:
            self._driver = GraphDatabase.driver(
                self.url,
                auth=auth,
                connection_timeout=CONNECT_TIMEOUT,
                connection_acquisition_timeout=2 * CONNECT_TIMEOUT,
                max_transaction_retry_time=retry_seconds,
                notifications_min_severity="OFF",
            )
        except (driver.ConfigurationError, ValueError) as exc:
            raise BackendUnavailable(f"{self.url} is not a Neo4j URI: {_first_line(exc)}") from exc
        try:
            with self._errors():
                self._driver.verify_connectivity()
            self.migrate()
        except BaseException:
            self._driver.close()
            raise

    @classmethod
    def from_env(cls, uri: str | None = None) -> Neo4jStore:
        """A store from ``JIANDU_NEO4J_URI``, ``_USER``, ``_PASSWORD`` and ``_DATABASE``;
        ``uri`` (from ``--store``) wins over the variable."""
        target = uri or os.environ.get("JIANDU_NEO4J_URI")
        if not target:
            raise BackendUnavailable("no Neo4j URI: set JIANDU_NEO4J_URI or pass --store neo4j://…")
        return cls(
            target,
            user=os.environ.get("JIANDU_NEO4J_USER") or None,
            password=os.environ.get("JIANDU_NEO4J_PASSWORD") or None,
            database=os.environ.get("JIANDU_NEO4J_DATABASE") or DEFAULT_DATABASE,
            retry_seconds=_seconds("JIANDU_NEO4J_RETRY_SECONDS", RETRY_TIME),
        )

    # -- plumbing ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        where = f"Neo4j at {self.url}"
        if self._down is not None:
            self._probe(where)
        try:
            yield
        except driver.AuthError as exc:
            who = f"user '{self._user or 'neo4j'}'"
            raise BackendUnavailable(f"{where} refused {who}: {_first_line(exc)}") from exc
        except driver.ConstraintError as exc:
            raise Conflict(
                f"another writer changed the same records at the same time; retry "
                f"({_first_line(exc)})"
            ) from exc
        except driver.Neo4jError as exc:
            code = exc.code or ""
            if code.endswith("DatabaseNotFound"):
                raise BackendUnavailable(f"{where} has no database '{self.database}'") from exc
            if _too_large(exc):
                raise QueryTooLarge(f"{where}: {_first_line(exc)}") from exc
            if isinstance(exc, driver.ClientError) and not isinstance(exc, driver.Forbidden):
                raise  # a query this adapter got wrong: keep Neo4j's whole account of it
            raise BackendUnavailable(f"{where} failed: {_first_line(exc)}") from exc
        except UNREACHABLE as exc:
            self._down = time.monotonic()
            raise BackendUnavailable(f"cannot reach {where}: {_first_line(exc)}") from exc
        except driver.DriverError as exc:  # e.g. a store already closed
            raise BackendUnavailable(f"{where}: {_first_line(exc)}") from exc

    def _probe(self, where: str) -> None:
        """After Neo4j was found unreachable: one connection attempt (refused at once, at most
        CONNECT_TIMEOUT when the address is dead), so that callers learn of an outage within
        their time budget; the first attempt that connects closes the outage."""
        down = self._down
        try:
            self._driver.verify_connectivity()
        except (*UNREACHABLE, driver.Neo4jError, driver.DriverError, OSError) as exc:
            since = time.monotonic() - down if down is not None else 0.0
            raise BackendUnavailable(
                f"cannot reach {where} (unreachable for {since:.0f} s): {_first_line(exc)}"
            ) from exc
        self._down = None

    def _session(self) -> neo4j.Session:
        return self._driver.session(
            database=self.database,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
        )

    def _query(self, query: str, params: dict[str, Any]) -> list[neo4j.Record]:
        with self._errors(), self._session() as session:
            return session.execute_read(_bounded(_fetch), query, params)

    def migrate(self) -> list[str]:
        """Creates the missing constraints and indexes; returns their names."""
        with self._errors(), self._session() as session:
            return neo4j_schema.migrate(session)

    # -- writes --------------------------------------------------------------------------

    def write(self, batch: Batch) -> WriteResult:
        self._estimates.clear()
        with self._errors(), self._session() as session:
            if may_be_new(batch):
                try:
                    return session.execute_write(_bounded(write_new), batch)
                except (driver.ConstraintError, NotNew):
                    pass  # some of it exists, or is wrong: look everything up and check
            if not all(cypher.names_itself(r) for r in batch.rels):
                session.execute_write(mark_foreign_ids)
            for _ in range(RACES - 1):
                try:
                    return session.execute_write(_bounded(write_batch), batch)
                except driver.ConstraintError:
                    # Another writer created one of these relationship ids after this batch
                    # looked for it (node lookups lock, relationship lookups do not): look
                    # again and upsert what is there now, as if one wrote after the other.
                    continue
            return session.execute_write(_bounded(write_batch), batch)

    # -- reads ---------------------------------------------------------------------------

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        with self._errors(), self._session() as session:
            found = session.execute_read(_bounded(_nodes_by_id), list(dict.fromkeys(ids)))
        return {i: found[i] for i in ids if i in found}

    def get_rels(self, ids: Sequence[str]) -> dict[str, Rel]:
        rows = self._query(cypher.RELS_BY_ID, cypher.rels_by_id(ids))
        found = {r.id: r for r in (_rel([row["r"], row["start"], row["end"]]) for row in rows)}
        return {i: found[i] for i in ids if i in found}

    def list_nodes(
        self, kind: NodeKind, where: Sequence[Condition] = (), page: PageRequest = PageRequest()
    ) -> Page:
        listing = cypher_list.Listing(kind, where, page.order_by)
        with self._errors(), self._session() as session:
            found = session.execute_read(_bounded(list_page), listing, page, self._estimates)
        return Page(
            items=[_node(n) for n, _ in found.rows],
            cursors=[encode_cursor([v is None, v, n["id"]]) for n, v in found.rows],
            total=NOT_COUNTED if found.total is None else found.total,
            has_next=found.has_next,
            has_previous=found.has_previous,
        )

    def neighbours(
        self,
        ids: Sequence[str],
        *,
        rel_types: Sequence[RelType] | None = None,
        direction: Direction = Direction.BOTH,
        node_kinds: Sequence[NodeKind] | None = None,
        as_of: str | None = None,
        limit: int | None = None,
    ) -> dict[str, list[Neighbour]]:
        wanted = list(dict.fromkeys(ids))
        query, params = cypher_graph.neighbours(
            wanted, rel_types, direction, node_kinds, as_of, limit
        )
        with self._errors(), self._session() as session:
            rows, nodes = session.execute_read(_bounded(_neighbours), query, params)
        found = {}
        for here, near in rows:
            found[here] = [
                Neighbour(_rel([r, here, b] if out else [r, b, here]), nodes[b], out)
                for r, b, out in near
                if b in nodes
            ]
        return {i: found[i] for i in wanted if i in found}

    def rels_among(
        self, ids: Sequence[str], *, rel_types: Sequence[RelType] | None = None
    ) -> list[Rel]:
        wanted = list(dict.fromkeys(ids))
        if not wanted or (rel_types is not None and not rel_types):
            return []
        rows = self._query(*cypher_graph.rels_among(wanted, rel_types))
        found = (_rel([row["r"], row["start"], row["end"]]) for row in rows)
        return sorted(found, key=lambda r: r.id)

    def expand(
        self,
        seeds: Sequence[str],
        *,
        depth: int,
        rel_types: Sequence[RelType] | None = None,
        node_kinds: Sequence[NodeKind] | None = None,
        direction: Direction = Direction.BOTH,
        as_of: str | None = None,
        limit: int | None = None,
        where: NodeConditions | None = None,
        rel_props: bool = True,
    ) -> Subgraph:
        query, params = cypher_graph.expand(
            list(dict.fromkeys(seeds)),
            depth,
            rel_types,
            node_kinds,
            direction,
            as_of,
            limit,
            where,
            rel_props=rel_props,
        )
        (row,) = self._query(query, params)
        kept = [(_node(n), int(d)) for n, d in row["kept"]]
        if rel_props:
            found = [_rel(r) for r in row["rels"]]
        else:
            found = [Rel(RelType[t], i, a, b) for i, t, a, b in row["rels"]]
        rels = sorted(found, key=lambda r: r.id)
        return Subgraph(
            nodes=[n for n, _ in kept],
            rels=rels,
            distance={n.id: d for n, d in kept},
            truncated=bool(row["truncated"]),
        )

    def shortest_paths(
        self,
        start: str,
        end: str,
        *,
        max_length: int,
        rel_types: Sequence[RelType] | None = None,
        direction: Direction = Direction.BOTH,
        as_of: str | None = None,
        limit: int = 10,
        where: NodeConditions | None = None,
    ) -> list[Path]:
        query, params = cypher_graph.shortest_paths(
            start, end, max_length, rel_types, direction, as_of, limit, where
        )
        (row,) = self._query(query, params)
        for id_, key in ((start, "a"), (end, "b")):
            if row[key] is None:
                raise NotFound(f"no node '{id_}'")
        if start == end:
            return [Path([_node(row["a"])], [])] if limit > 0 else []
        return [
            Path([_node(n) for n in nodes], [_rel(r) for r in rels]) for nodes, rels in row["paths"]
        ]

    def distances(
        self,
        pairs: Sequence[tuple[str, str]],
        *,
        max_depth: int,
        node_kinds: Sequence[NodeKind] | None = None,
    ) -> dict[tuple[str, str], int]:
        unique = list(dict.fromkeys((str(a), str(b)) for a, b in pairs))
        out: dict[tuple[str, str], int] = {}
        same = [a for a, b in unique if a == b]
        if same:
            out.update({(i, i): 0 for i in self.get_nodes(same)})
        apart = [[a, b] for a, b in unique if a != b]
        if apart and max_depth in (1, 2):
            # One or two steps: from each node's neighbours, read once however many pairs
            # it is in (88,000 pairs of 44,000 cases and 4,800 officials: one search per
            # pair re-walked each official's cases for every case of theirs).
            query, params = cypher_graph.near_ids(
                sorted({i for pair in apart for i in pair}), node_kinds
            )
            near = {
                i: (ok, set(ns)) for row in self._query(query, params) for i, ok, ns in row["chunk"]
            }
            for a, b in apart:
                if a not in near or b not in near or not near[b][0]:
                    continue
                around = near[a][1]
                if b in around:
                    out[(a, b)] = 1
                elif max_depth == 2 and not around.isdisjoint(near[b][1]):
                    out[(a, b)] = 2
        elif apart and max_depth >= 1:
            query, params = cypher_graph.distances(apart, max_depth, node_kinds)
            for row in self._query(query, params):
                out[(row["a"], row["b"])] = int(row["d"])
        return {pair: out[pair] for pair in unique if pair in out}

    def link_groups(
        self,
        kind: NodeKind,
        where: Sequence[Condition],
        *,
        rel_types: Sequence[RelType],
        direction: Direction,
        node_kinds: Sequence[NodeKind] | None = None,
        min_size: int = 1,
    ) -> dict[str, list[str]]:
        if not rel_types:
            return {}
        query, params = cypher_graph.link_groups(
            kind, list(where), rel_types, direction, node_kinds, min_size
        )
        rows = self._query(query, params)
        found = {key: sorted(members) for row in rows for key, members in row["chunk"]}
        return dict(sorted(found.items()))

    def node_values(
        self, kind: NodeKind, where: Sequence[Condition], fields: Sequence[str]
    ) -> dict[str, tuple[Any, ...]]:
        query, params = cypher_graph.node_values(kind, list(where), value_fields(fields))
        rows = self._query(query, params)
        found = {id_: tuple(values) for row in rows for id_, values in row["chunk"]}
        return dict(sorted(found.items()))

    def counts(self) -> Counts:
        (row,) = self._query(cypher.COUNTS, {})
        return Counts(
            nodes={k: int(row[f"n_{k.name}"]) for k in NodeKind},
            rels={t: int(row[f"r_{t.name}"]) for t in RelType},
        )

    def scan_nodes(self, kind: NodeKind, *, batch_size: int = 10_000) -> Iterator[list[Node]]:
        query = (
            f"MATCH (n:`{kind.name}`) USING INDEX n:`{kind.name}`(id) WHERE n.id > $after "
            "RETURN n ORDER BY n.id LIMIT $size"
        )
        for rows in self._scan(query, batch_size):
            yield [_node(r["n"]) for r in rows]

    def scan_rels(self, type_: RelType, *, batch_size: int = 10_000) -> Iterator[list[Rel]]:
        query = (
            f"MATCH (a)-[r:`{type_.name}`]->(b) USING INDEX r:`{type_.name}`(id) "
            "WHERE r.id > $after RETURN r, a.id AS s, b.id AS e ORDER BY r.id LIMIT $size"
        )
        for rows in self._scan(query, batch_size):
            yield [_rel([r["r"], r["s"], r["e"]]) for r in rows]

    def _scan(self, query: str, batch_size: int) -> Iterator[list[neo4j.Record]]:
        """Keyset pages by id: each chunk is one query, resumed after the last id seen."""
        after = ""
        while True:
            rows = self._query(query, {"after": after, "size": batch_size})
            if not rows:
                return
            yield rows
            last = rows[-1][0]
            after = last["id"]
            if len(rows) < batch_size:
                return

    def audit_head(self) -> tuple[int, str]:
        rows = self._query(
            f"MATCH (h:{AUDIT_HEAD} {{id: 'head'}}) RETURN h.seq AS seq, h.hash AS hash",
            {},
        )
        return (int(rows[0]["seq"]), str(rows[0]["hash"])) if rows else (0, GENESIS)

    def audit_entries(
        self,
        *,
        target: str | None = None,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        after_seq: int = 0,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        filters = ["e.seq > $after"]
        params: dict[str, Any] = {"after": after_seq}
        index = "target" if target is not None else "actor" if actor is not None else "seq"
        for name, test, value in (
            ("target", "e.target = $target", target),
            ("actor", "e.actor = $actor", actor),
            ("since", "e.at >= $since", since),
            ("until", "e.at <= $until", until),
        ):
            if value is not None:
                filters.append(test)
                params[name] = value
        cut = ""
        if limit is not None:
            cut, params["limit"] = " LIMIT $limit", limit
        rows = self._query(
            f"MATCH (e:{AUDIT_ENTRY}) USING INDEX e:{AUDIT_ENTRY}({index}) "
            f"WHERE {' AND '.join(filters)} "
            f"RETURN e ORDER BY e.seq{cut}",
            params,
        )
        return [_audit(r["e"]) for r in rows]

    def ping(self) -> None:
        """One round trip without the driver's retries, so that a readiness probe answers
        within CONNECT_TIMEOUT whether Neo4j is up or not."""
        with self._errors(), self._session() as session:
            session.run("RETURN 1").consume()

    def close(self) -> None:
        self._driver.close()


def _seconds(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise BackendUnavailable(f"{name}={text!r}: expected seconds from 0 to 3600")
    return value


def _fetch(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> list[neo4j.Record]:
    return list(tx.run(query, params))


def _neighbours(
    tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]
) -> tuple[list[list[Any]], dict[str, Node]]:
    """The rows of ``cypher_graph.neighbours`` ([id, [rel, neighbour id, out]…]), and each
    neighbour read once."""
    (record,) = tx.run(query, params)
    rows: list[list[Any]] = record["rows"]
    return rows, _nodes_by_id(tx, list({b for _, near in rows for _, b, _ in near}))


def _nodes_by_id(tx: neo4j.ManagedTransaction, ids: list[str]) -> dict[str, Node]:
    """The nodes with these ids that exist, NODE_CHUNK to a query, in one transaction."""
    nodes: dict[str, Node] = {}
    for start in range(0, len(ids), NODE_CHUNK):
        (row,) = tx.run(cypher_graph.NODES_BY_ID, {"ids": ids[start : start + NODE_CHUNK]})
        nodes.update((n.id, n) for n in map(_node, row["nodes"]))
    return nodes


def _too_large(exc: driver.Neo4jError) -> bool:
    code = exc.code or ""
    return any(k in code for k in ("OutOfMemory", "MemoryLimit", "TransactionTimedOut"))


def _bounded(work: Callable[..., T]) -> Callable[..., T]:
    """``work`` as a transaction function that is not retried when it outgrows the server's
    memory or time limits: the driver counts those as transient, but the same work would
    fail the same way again."""

    def run(tx: neo4j.ManagedTransaction, *args: Any) -> T:
        try:
            return work(tx, *args)
        except driver.Neo4jError as exc:
            if _too_large(exc):
                raise QueryTooLarge(f"Neo4j: {_first_line(exc)}") from exc
            raise

    return run


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc).strip() or type(exc).__name__
    return str(text).splitlines()[0]


def _props(entity: neo4j.graph.Entity, hidden: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in sorted(entity.items()) if k not in hidden}


def _node(n: neo4j.graph.Node) -> Node:
    props = _props(n, ("id", VERSION, MISSING))
    return Node(cypher.kind_of(n.labels), n["id"], props, int(n[VERSION] or 0))


def _rel(row: Sequence[Any]) -> Rel:
    r, start, end = row
    return Rel(RelType[r.type], r["id"], start, end, _props(r, ("id",)))


def _audit(e: neo4j.graph.Node) -> AuditEntry:
    def loads(text: str | None) -> dict[str, Any] | None:
        return None if text is None else dict(json.loads(text))

    record = AuditRecord(
        e["actor"],
        e["at"],
        e["operation"],
        e["target"],
        loads(e.get("before")),
        loads(e.get("after")),
    )
    return AuditEntry(int(e["seq"]), record, e["prev_hash"], e["hash"])
