"""The embedded store: SQLite on local disk, with only the topology in memory.

SQLite (WAL journal) holds every record and the indexes every list and text search is
served from (``embedded_schema``, ``embedded_query``, ``embedded_text``); memory holds the
topology under the records' rowids (``embedded_graph``) and a bounded cache of records.
Every ``write`` (and ``write_many``) is one SQLite transaction: a process killed in the middle
leaves the previous state, which SQLite restores on the next open. An exclusive lock file
keeps a second writer out; readers may open a read-only snapshot while a writer runs.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import queue
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import IO, Any

import networkx as nx

from graph.adapters import embedded_graph as walks
from graph.adapters.embedded_graph import Filter, Topology
from graph.adapters.embedded_query import Compiled, Estimates, Key, Listing, register
from graph.adapters.embedded_schema import TABLES, VERSION, column, create_all, has_rows
from graph.audit import GENESIS, AuditEntry, AuditRecord, chain
from graph.errors import (
    BackendUnavailable,
    Conflict,
    FieldError,
    NotFound,
    StoreLocked,
    ValidationError,
)
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import ALLOWED_ENDS, NODES, FieldType
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
    Op,
    Page,
    PageRequest,
    Path,
    Subgraph,
    Where,
    WriteResult,
    decode_cursor,
    encode_cursor,
    value_fields,
)

DB_FILE = "graph.sqlite3"
LOCK_FILE = "writer.lock"
# Records kept in memory beside the topology (each of nodes and relationships).
CACHE = int(os.environ.get("JIANDU_EMBEDDED_CACHE", "50000"))
# A write_many adding more rows than this to a kind (and more than it held) builds that
# kind's indexes once at the end instead of row by row.
BULK_ROWS = 20_000
_CHUNK = 10_000

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_NAMES: dict[NodeKind | RelType, str] = {k: k.name for k in (*NodeKind, *RelType)}
_loads = json.loads


class _Cache:
    """At most about ``size`` records: two generations, the older dropped whole."""

    def __init__(self, size: int) -> None:
        self._half = max(size // 2, 1)
        self._young: dict[int, Any] = {}
        self._old: dict[int, Any] = {}

    def get(self, key: int) -> Any:
        found = self._young.get(key)
        if found is None:
            found = self._old.get(key)
            if found is not None:
                self.put(key, found)
        return found

    def put(self, key: int, value: Any) -> None:
        self._young[key] = value
        if len(self._young) > self._half:
            self._old, self._young = self._young, {}

    def drop(self, key: int) -> None:
        self._young.pop(key, None)
        self._old.pop(key, None)

    def clear(self) -> None:
        self._young.clear()
        self._old.clear()


class _Writer:
    """The SQL of one write_many. Large jobs run on a second thread: SQLite does its work
    outside the GIL, so it overlaps the Python that prepares the next rows. Reads of the
    transaction ``sync`` first."""

    THREADED = 2_000  # rows in one job from which the thread pays off

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._jobs: queue.Queue[tuple[str, Sequence[Sequence[Any]]] | None] = queue.Queue(4)
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        self._raise()
        if self._thread is None and len(rows) >= self.THREADED:
            self._thread = threading.Thread(target=self._run, name="jiandu-sql", daemon=True)
            self._thread.start()
        if self._thread is None:
            self._db.executemany(sql, rows)
        else:
            self._jobs.put((sql, rows))

    def one(self, sql: str, args: Sequence[Any] = ()) -> None:
        self.many(sql, [args])

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                if self._error is None:
                    self._db.executemany(*job)
            except BaseException as exc:  # handed to the writing thread by _raise
                self._error = exc
            finally:
                self._jobs.task_done()
        self._jobs.task_done()

    def sync(self) -> None:
        """Return when every job so far is done (raising its error, if one failed)."""
        if self._thread is not None:
            self._jobs.join()
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None


@dataclass
class _Plan:
    """One batch, checked against the store: what to write, under which rowids."""

    nodes: list[tuple[int, Node, bool]] = field(default_factory=list)  # (n, node, is new)
    rels: list[tuple[int, Rel, int, int, bool]] = field(default_factory=list)  # r, rel, ends
    del_nodes: list[int] = field(default_factory=list)
    del_rels: set[int] = field(default_factory=set)


class _Bulk:
    """The kind tables a write_many fills enough to drop their indexes until it ends."""

    def __init__(self, db: sqlite3.Connection, sql: _Writer, held: list[int]) -> None:
        self._db = db
        self._sql = sql
        self._held = held
        self._added = [0] * len(held)
        self.dropped: list[NodeKind] = []

    def added(self, kind: NodeKind, rows: int) -> None:
        code = walks.KIND_CODE[kind]
        self._added[code] += rows
        if self._added[code] > max(BULK_ROWS, self._held[code]) and kind not in self.dropped:
            self.dropped.append(kind)
            for name in TABLES[kind].indexes():
                self._sql.one(f"DROP INDEX IF EXISTS {name}")

    def finish(self) -> None:
        """Build the dropped indexes (``sql`` synced: on this thread, SQLite sorting with
        helper threads)."""
        self._db.execute("PRAGMA threads = 2")
        for kind in self.dropped:
            table = TABLES[kind]
            for sql in table.indexes().values():
                self._db.execute(sql)
            self._db.execute(f"INSERT INTO {table.text} ({table.text}) VALUES ('optimize')")
            self._db.execute(f"ANALYZE {table.name}")


class EmbeddedStore(GraphStore):
    def __init__(
        self, path: str | os.PathLike[str], *, read_only: bool = False, cache: int = CACHE
    ) -> None:
        self.dir = FsPath(path)
        self.url = str(self.dir)
        self.read_only = read_only
        self._mutex = threading.RLock()
        self._lock_file: IO[str] | None = None
        db_path = self.dir / DB_FILE
        if read_only:
            if not db_path.exists():
                raise NotFound(f"no embedded store at {self.dir}")
            self._db = sqlite3.connect(
                f"file:{db_path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
        else:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._lock_file = self._acquire_lock()
            self._db = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA cache_size=-65536")
        self._db.execute("PRAGMA secure_delete=OFF")
        self._db.execute("PRAGMA analysis_limit=1000")  # ANALYZE samples: seconds, not minutes
        register(self._db)
        self._nodes = _Cache(cache)
        self._rels = _Cache(cache)
        self._g = Topology()
        self._estimates = Estimates()
        try:
            self._prepare()
            self._load()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise BackendUnavailable(f"cannot read the store at {self.dir}: {exc}") from exc

    def _acquire_lock(self) -> IO[str]:
        return self.lock_for_writing(self.dir)

    @staticmethod
    def lock_for_writing(directory: FsPath) -> IO[str]:
        """The writer's lock on a store directory (StoreLocked while another holds it); held
        until the returned file is closed."""
        f = open(directory / LOCK_FILE, "a+")  # noqa: SIM115 - held for the store's lifetime
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip() or "unknown"
            f.close()
            raise StoreLocked(
                f"the store at {directory} is open for writing by another process (pid {holder}); "
                "stop it, or open this one read-only"
            ) from None
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()))
        f.flush()
        return f

    def _prepare(self) -> None:
        """Check the layout's version; a writer creates what is missing."""
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if "nodes" in tables and "meta" not in tables:
            raise BackendUnavailable(
                f"the store at {self.dir} has the layout of an earlier Jiandu: export it with "
                "that version (jiandu export) and load the files into a new store"
            )
        if "meta" in tables:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != VERSION:
                raise BackendUnavailable(
                    f"the store at {self.dir} has layout version {row and row[0]}, not {VERSION}"
                )
        if self.read_only:
            if "meta" not in tables:  # the writer creating it has not committed its layout
                raise NotFound(f"no embedded store at {self.dir} yet: it is being created")
            return
        # One transaction: a reader sees no layout or all of it, never some of the tables.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            create_all(self._db.execute)
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('version', ?)", (VERSION,))
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _load(self) -> None:
        db, g = self._db, Topology()
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        if "nodes" in tables:
            (max_n,) = db.execute("SELECT coalesce(max(n), 0) FROM nodes").fetchone()
            (max_r,) = db.execute("SELECT coalesce(max(r), 0) FROM rels").fetchone()
            g.reserve(max_n + 1, max_r + 1)
            g.load_nodes(db.execute("SELECT n, id, kind, version, valid_from, valid_to FROM nodes"))
            g.load_rels(
                db.execute("SELECT r, id, type, start, end, valid_from, valid_to FROM rels")
            )
            g.index_hubs()
        self._g = g
        self._next_n = len(g.node_ids)
        self._next_r = len(g.rel_ids)
        self._nodes.clear()
        self._rels.clear()

    # -- writes ----------------------------------------------------------------------------

    def write(self, batch: Batch) -> WriteResult:
        return self.write_many([batch])

    def write_many(self, batches: Iterable[Batch]) -> WriteResult:
        if self.read_only:
            raise BackendUnavailable(f"the store at {self.dir} is open read-only")
        with self._mutex:
            db = self._db
            done = WriteResult(0, 0, 0, 0)
            touched = False  # memory changed: on failure, read it again from the disk
            sql = _Writer(db)
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    bulk = _Bulk(db, sql, list(self._g.kind_count))
                    for batch in batches:
                        plan = self._plan(batch)
                        self._commit(sql, plan, batch.audit, bulk)
                        touched = True
                        done = done + self._apply(plan)
                    sql.sync()
                    bulk.finish()
                except BaseException:
                    sql.close()
                    db.execute("ROLLBACK")
                    raise
                sql.close()
                db.execute("COMMIT")
                self._estimates.clear()
            except sqlite3.Error as exc:
                self._estimates.clear()
                if touched:
                    self._load()
                raise BackendUnavailable(f"cannot write the store at {self.dir}: {exc}") from exc
            except BaseException:
                if touched:
                    self._load()
                raise
            return done

    def _plan(self, batch: Batch) -> _Plan:
        g = self._g
        index, rel_index = g.node_index, g.rel_index
        plan = _Plan()
        plan.del_nodes = [index[i] for i in dict.fromkeys(batch.delete_nodes) if i in index]
        deleted = set(plan.del_nodes)
        plan.del_rels = {rel_index[i] for i in batch.delete_rels if i in rel_index}
        for n in plan.del_nodes:
            plan.del_rels.update(g.incident(n))
        for id_, expected in batch.expect_versions.items():
            current = g.versions[index[id_]] if id_ in index else 0
            if current != expected:
                raise Conflict(
                    f"{id_}: version {expected} expected but the store has {current}; "
                    "read it again and retry"
                )
        staged: dict[str, tuple[int, Node, bool]] = {}
        for node in batch.nodes:
            before = staged.get(node.id)
            stored = index.get(node.id)
            if stored is not None and stored in deleted:
                stored = None
            kind = before[1].kind if before else (g.kind(stored) if stored is not None else None)
            if kind is not None and kind is not node.kind:
                raise ValidationError(
                    FieldError(
                        "id", f"'{node.id}' is already a {kind.name}, not a {node.kind.name}"
                    )
                )
            if before is not None:
                version, n_, new = before[1].version + 1, before[0], before[2]
            elif stored is not None:
                version, n_, new = g.versions[stored] + 1, stored, False
            else:
                version, n_, new = 1, self._next_n, True
                self._next_n += 1
            staged[node.id] = (n_, Node(node.kind, node.id, node.props, version), new)
        plan.nodes = list(staged.values())
        rels: dict[str, tuple[int, Rel, int, int, bool]] = {}
        for rel in batch.rels:
            start, start_kind = self._endpoint(rel, "from", rel.start, staged, deleted)
            end, end_kind = self._endpoint(rel, "to", rel.end, staged, deleted)
            if (start_kind, end_kind) not in ALLOWED_ENDS[rel.type]:
                raise ValidationError(
                    FieldError(
                        "kind",
                        f"{rel.type.name} cannot link a {start_kind.name} to a {end_kind.name}",
                    ),
                    where=rel.id,
                )
            known = rels.get(rel.id)
            r = known[0] if known else rel_index.get(rel.id)
            if r is None:
                r = self._next_r
                self._next_r += 1
                rels[rel.id] = (r, rel, start, end, True)
            else:
                rels[rel.id] = (r, rel, start, end, known[4] if known else False)
        plan.rels = list(rels.values())
        plan.del_rels.difference_update(r for r, *_ in plan.rels)
        return plan

    def _endpoint(
        self,
        rel: Rel,
        name: str,
        id_: str,
        staged: dict[str, tuple[int, Node, bool]],
        deleted: set[int],
    ) -> tuple[int, NodeKind]:
        found = staged.get(id_)
        if found is not None:
            return found[0], found[1].kind
        n = self._g.node_index.get(id_)
        if n is None or n in deleted:
            raise ValidationError(FieldError(name, f"no node '{id_}'"), where=rel.id)
        return n, self._g.kind(n)

    def _commit(self, sql: _Writer, plan: _Plan, audit: Sequence[AuditRecord], bulk: _Bulk) -> None:
        stale = [n for n, _, new in plan.nodes if not new] + plan.del_nodes
        if stale:
            sql.sync()
            self._unindex(sql, stale)
        sql.many("DELETE FROM rels WHERE r = ?", [(r,) for r in plan.del_rels])
        sql.many("DELETE FROM nodes WHERE n = ?", [(n,) for n in plan.del_nodes])
        sql.many(
            "INSERT OR REPLACE INTO nodes (n, id, kind, version, valid_from, valid_to, props) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (n, nd.id, _NAMES[nd.kind], nd.version, *_window(nd.props), _dumps(nd.props))
                for n, nd, _ in plan.nodes
            ],
        )
        by_kind: dict[NodeKind, list[tuple[int, Node]]] = {}
        for n, node, _ in plan.nodes:
            by_kind.setdefault(node.kind, []).append((n, node))
        for kind, written in by_kind.items():
            bulk.added(kind, len(written))
            table = TABLES[kind]
            sql.many(table.insert(), [table.row(n, nd.id, nd.props) for n, nd in written])
            texts = [t for t in (table.text_row(n, nd.props) for n, nd in written) if t]
            sql.many(table.insert_text(), texts)
            listed = [row for n, nd in written for row in has_rows(kind, n, nd.props)]
            sql.many("INSERT INTO has_values VALUES (?, ?, ?, ?)", listed)
        sql.many(
            "INSERT OR REPLACE INTO rels (r, id, type, start, end, valid_from, valid_to, props) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (r, rel.id, _NAMES[rel.type], start, end, *_window(rel.props), _dumps(rel.props))
                for r, rel, start, end, _ in plan.rels
            ],
        )
        if audit:
            sql.sync()
            self._append_audit(audit)

    def _unindex(self, sql: _Writer, ns: list[int]) -> None:
        """Take stored nodes out of their kind tables, text indexes and list values."""
        g = self._g
        for chunk in _chunks(ns):
            rows = self._db.execute(
                "SELECT n, props FROM nodes WHERE n IN (SELECT value FROM json_each(?))",
                (_ints(chunk),),
            ).fetchall()
            for n, raw in rows:
                props = _loads(raw)
                table = TABLES[g.kind(n)]
                sql.one(f"DELETE FROM {table.name} WHERE n = ?", (n,))
                text = table.text_row(n, props)
                if text is not None:
                    sql.one(table.delete_text(), text)
                if has_rows(g.kind(n), n, props):
                    sql.one("DELETE FROM has_values WHERE n = ?", (n,))

    def _apply(self, plan: _Plan) -> WriteResult:
        g = self._g
        g.drop_rels(plan.del_rels)
        for r in plan.del_rels:
            self._rels.drop(r)
        for n in plan.del_nodes:
            g.drop_node(n)
            self._nodes.drop(n)
        g.reserve(self._next_n, self._next_r)
        for n, node, new in plan.nodes:
            g.put_node(n, node.id, node.kind, node.version, g.window(*_window(node.props)))
            if not new:
                self._nodes.drop(n)
        for r, rel, start, end, _ in plan.rels:
            g.put_rel(r, rel.id, rel.type, start, end, g.window(*_window(rel.props)))
            self._rels.drop(r)
        self._next_n = max(self._next_n, len(g.node_ids))
        self._next_r = max(self._next_r, len(g.rel_ids))
        return WriteResult(len(plan.nodes), len(plan.rels), len(plan.del_nodes), len(plan.del_rels))

    def _append_audit(self, records: Sequence[AuditRecord]) -> None:
        entries = chain(records, *self._head())
        self._db.executemany(
            "INSERT INTO audit (seq, at, actor, operation, target, before, after, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    e.seq,
                    e.record.at,
                    e.record.actor,
                    e.record.operation,
                    e.record.target,
                    None if e.record.before is None else _dumps(e.record.before),
                    None if e.record.after is None else _dumps(e.record.after),
                    e.prev_hash,
                    e.hash,
                )
                for e in entries
            ),
        )
        last = entries[-1]
        self._db.execute(
            "INSERT OR REPLACE INTO audit_head (one, seq, hash) VALUES (1, ?, ?)",
            (last.seq, last.hash),
        )

    def _head(self) -> tuple[int, str]:
        row = self._db.execute("SELECT seq, hash FROM audit_head WHERE one = 1").fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS)

    # -- records by rowid ------------------------------------------------------------------

    def _node_records(self, ns: Iterable[int], *, cached: bool = True) -> dict[int, Node]:
        g, cache = self._g, self._nodes
        out: dict[int, Node] = {}
        missing: list[int] = []
        for n in ns:
            found = cache.get(n) if cached else None
            if found is None:
                missing.append(n)
            else:
                out[n] = found
        for chunk in _chunks(missing):
            rows = self._db.execute(
                "SELECT n, version, props FROM nodes WHERE n IN (SELECT value FROM json_each(?))",
                (_ints(chunk),),
            )
            for n, version, props in rows:
                node = out[n] = Node(g.kind(n), g.node_ids[n], _loads(props), version)
                if cached:
                    cache.put(n, node)
        return out

    def _rel_records(self, rs: Iterable[int], *, cached: bool = True) -> dict[int, Rel]:
        g, cache = self._g, self._rels
        ids = g.node_ids
        out: dict[int, Rel] = {}
        missing: list[int] = []
        for r in rs:
            found = cache.get(r) if cached else None
            if found is None:
                missing.append(r)
            else:
                out[r] = found
        for chunk in _chunks(missing):
            rows = self._db.execute(
                "SELECT r, props FROM rels WHERE r IN (SELECT value FROM json_each(?))",
                (_ints(chunk),),
            )
            for r, props in rows:
                rel = out[r] = Rel(
                    g.rel_type(r),
                    g.rel_ids[r],
                    ids[g.starts[r]],
                    ids[g.ends[r]],
                    _loads(props),
                )
                if cached:
                    cache.put(r, rel)
        return out

    # -- reads -----------------------------------------------------------------------------

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        with self._mutex:
            index = self._g.node_index
            ns = {i: index[i] for i in ids if i in index}
            found = self._node_records(ns.values())
            return {i: found[n] for i, n in ns.items()}

    def get_rels(self, ids: Sequence[str]) -> dict[str, Rel]:
        with self._mutex:
            index = self._g.rel_index
            rs = {i: index[i] for i in ids if i in index}
            found = self._rel_records(rs.values())
            return {i: found[r] for i, r in rs.items()}

    def list_nodes(
        self,
        kind: NodeKind,
        where: Sequence[Condition] = (),
        page: PageRequest = PageRequest(),
    ) -> Page:
        with self._mutex:
            listing = Listing(
                self._db,
                TABLES[kind],
                where,
                page.order_by,
                page.descending,
                size=self._g.kind_count[walks.KIND_CODE[kind]],
                estimates=self._estimates,
            )
            after = _cursor_key(listing, page.after, "after")
            before = _cursor_key(listing, page.before, "before")
            first, last = page.first, page.last
            listing.plan(first if first is not None else last)
            if first is not None or last is None:
                rows = listing.walk(True, after, before, None if first is None else first + 1)
                more = first is not None and len(rows) > first
                window = rows[:first] if first is not None else rows
                chosen = window[len(window) - last :] if last is not None else window
                cut_front = last is not None and len(window) > last
            else:
                back = listing.walk(False, before, after, last + 1)
                more = cut_front = len(back) > last
                chosen = back[:last][::-1]
            has_previous = cut_front or (
                after is not None and bool(listing.walk(False, after, None, 1, inclusive=True))
            )
            if more and first is not None:
                has_next = True
            else:
                anchor = listing.row_key(chosen[-1]) if chosen else after
                has_next = bool(listing.walk(True, anchor, None, 1))
            found = self._node_records(n for n, _, _ in chosen)
            items = [found[n] for n, _, _ in chosen]
            return Page(
                items=items,
                cursors=[_cursor(node, page.order_by) for node in items],
                total=listing.count() if page.count else NOT_COUNTED,
                has_next=has_next,
                has_previous=has_previous,
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
        f = Filter.of(rel_types, node_kinds, as_of, None)
        with self._mutex:
            g = self._g
            node_ids, rel_ids, types = g.node_ids, g.rel_ids, walks.TYPES
            asked = {
                n: id_ for id_ in dict.fromkeys(ids) if (n := g.node_index.get(id_)) is not None
            }
            by_node: dict[int, list[tuple[str, str, str, int, int, bool]]] = {n: [] for n in asked}
            dated = f.as_of is not None  # types and kinds are kept by ``around``
            for n, v, s in g.around(asked, f.types, direction.value, f.kinds):
                r = s if s >= 0 else ~s
                if not dated or (f.rel_ok(g, r) and f.node_ok(g, v)):
                    name = types[g.types[r]].name
                    by_node[n].append((name, node_ids[v], rel_ids[r], v, r, s >= 0))
            chosen: dict[str, list[tuple[str, str, str, int, int, bool]]] = {}
            for n, id_ in asked.items():
                found = by_node[n]
                found.sort(key=lambda x: x[:3])  # stable: a self-loop's way out comes first
                chosen[id_] = found[:limit] if limit is not None else found
            nodes = self._node_records({v for found in chosen.values() for *_, v, _, _ in found})
            rels = self._rel_records({r for found in chosen.values() for *_, r, _ in found})
            return {
                id_: [Neighbour(rels[r], nodes[v], out) for *_, v, r, out in found]
                for id_, found in chosen.items()
            }

    def _admit(self, where: NodeConditions | None) -> walks.Admit | None:
        """The nodes a walk may reach under ``where``, asked of SQL a level at a time."""
        if not where or not any(where.values()):
            return None
        g, db = self._g, self._db
        # Each kind's conditions compiled when a walk first meets the kind (a scoped caller's
        # conditions name the shared ids under every shareable kind: thousands of values).
        compiled: dict[NodeKind, Compiled | None] = {}

        def admit(candidates: list[int]) -> Collection[int]:
            by_kind: dict[NodeKind, list[int]] = {}
            for n in candidates:
                by_kind.setdefault(g.kind(n), []).append(n)
            out: set[int] = set()
            for kind, ns in by_kind.items():
                if kind not in compiled:
                    conds = where.get(kind)
                    compiled[kind] = Compiled(TABLES[kind], conds) if conds else None
                c = compiled[kind]
                if c is None:
                    out.update(ns)
                    continue
                sql = c.select("k.n IN (SELECT value FROM json_each(?)) AND ")
                for chunk in _chunks(ns):
                    out.update(n for (n,) in db.execute(sql, [_ints(chunk), *c.params]))
            return out

        return admit

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
        with self._mutex:
            g = self._g
            f = Filter.of(rel_types, node_kinds, as_of, self._admit(where))
            starts = [g.node_index[s] for s in dict.fromkeys(seeds) if s in g.node_index]
            found = walks.expand(g, starts, depth, direction.value, f, limit)
            nodes = self._node_records(found.order)
            ids = g.node_ids
            if rel_props:
                rels = list(self._rel_records(found.rels).values())
            else:  # from the topology alone: no record read
                rel_ids, starts_, ends = g.rel_ids, g.starts, g.ends
                rels = [
                    Rel(g.rel_type(r), rel_ids[r], ids[starts_[r]], ids[ends[r]])
                    for r in found.rels
                ]
            return Subgraph(
                nodes=[nodes[n] for n in found.order],
                rels=sorted(rels, key=lambda r: r.id),
                distance={ids[n]: d for n, d in found.distance.items()},
                truncated=found.truncated,
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
        with self._mutex:
            g = self._g
            for id_ in (start, end):
                if id_ not in g.node_index:
                    raise NotFound(f"no node '{id_}'")
            if limit <= 0:
                return []
            s, e = g.node_index[start], g.node_index[end]
            if s == e:
                return [Path([self._node_records([s])[s]], [])]
            f = Filter.of(rel_types, None, as_of, self._admit(where))
            meet = walks.bidirectional(g, s, e, direction.value, f, max_length)
            if meet is None:
                return []
            routes = _routes(g, s, e, meet.start_parents, meet.end_parents, meet.meet, limit)
            nodes = self._node_records({n for seq, _ in routes for n in seq})
            rels = self._rel_records({r for _, combo in routes for r in combo})
            return [
                Path([nodes[n] for n in seq], [rels[r] for r in combo]) for seq, combo in routes
            ]

    def distances(
        self,
        pairs: Sequence[tuple[str, str]],
        *,
        max_depth: int,
        node_kinds: Sequence[NodeKind] | None = None,
    ) -> dict[tuple[str, str], int]:
        with self._mutex:
            g = self._g
            index = g.node_index
            f = Filter.of(None, node_kinds, None, None)
            near = walks.Near(g, f)  # each node's neighbours found once for all the pairs
            out: dict[tuple[str, str], int] = {}
            for pair in dict.fromkeys(pairs):
                s, e = index.get(pair[0]), index.get(pair[1])
                if s is None or e is None:
                    continue
                if s == e:
                    out[pair] = 0
                elif f.node_ok(g, e):
                    length = walks.distance(near, s, e, max_depth)
                    if length is not None:
                        out[pair] = length
            return out

    def rels_among(
        self, ids: Sequence[str], *, rel_types: Sequence[RelType] | None = None
    ) -> list[Rel]:
        f = Filter.of(rel_types, None, None, None)
        with self._mutex:
            g = self._g
            ns = [n for i in dict.fromkeys(ids) if (n := g.node_index.get(i)) is not None]
            found = self._rel_records(walks.rels_among(g, ns, f))
            return sorted(found.values(), key=lambda r: r.id)

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
        f = Filter.of(rel_types, node_kinds, None, None)
        with self._mutex:
            g = self._g
            matched = self._matched(kind, where)
            groups = g.groups(matched, f.types, direction.value, f.kinds)
            ids = g.node_ids
            kept = {
                ids[v]: sorted(ids[n] for n in members)
                for v, members in groups.items()
                if len(members) >= min_size
            }
            return dict(sorted(kept.items()))

    def _matched(self, kind: NodeKind, where: Sequence[Condition]) -> set[int]:
        """The compact ids of the nodes of ``kind`` meeting ``where``; nodes named by their
        ids alone (a detector's tens of thousands) are looked up in the topology, not in
        SQL."""
        g = self._g
        if (
            len(where) == 1
            and isinstance(cond := where[0], Where)
            and cond.field == "id"
            and cond.op is Op.IN
            and isinstance(cond.value, list | tuple | set | frozenset)
        ):
            code, index, kinds = walks.KIND_CODE[kind], g.node_index, g.kinds
            return {
                n
                for i in cond.value
                if isinstance(i, str) and (n := index.get(i)) is not None and kinds[n] == code
            }
        c = Compiled(TABLES[kind], where)
        return {n for (n,) in self._db.execute(c.select(), c.params)}

    def node_values(
        self, kind: NodeKind, where: Sequence[Condition], fields: Sequence[str]
    ) -> dict[str, tuple[Any, ...]]:
        names = value_fields(fields)
        c = Compiled(TABLES[kind], where)
        if _as_columns(kind, names):
            # The kind table's own columns (every such field is one, written from the same
            # properties): no JSON parsed at all, where json_extract parsed every record's
            # properties (a person's five fields, for every person of a province).
            columns = ", ".join("k.id" if f == "id" else f"k.{column(f)}" for f in names)
            sql = f"SELECT k.id{', ' if names else ''}{columns} FROM {c.table.name} AS k "
            sql += f"WHERE {c.where}"
            with self._mutex:
                rows = self._db.execute(sql, c.params).fetchall()
            return {row[0]: tuple(row[1:]) for row in sorted(rows, key=lambda row: row[0])}
        # json_extract with two paths or more answers a JSON array: one parse of the row's
        # properties for every field, and true/false/lists come back as they were stored.
        paths = [_path(f) for f in names]
        paths += [_path("id")] * (2 - len(paths))
        marks = ", ".join("?" * len(paths))
        sql = (
            f"SELECT k.id, json_extract(nd.props, {marks}) FROM {c.table.name} AS k "
            f"JOIN nodes AS nd ON nd.n = k.n WHERE {c.where}"
        )
        at = {f: i for i, f in enumerate(names)}
        with self._mutex:
            rows = self._db.execute(sql, [*paths, *c.params]).fetchall()
        out = {}
        for id_, found in rows:
            values = _loads(found)
            out[id_] = tuple(id_ if f == "id" else values[at[f]] for f in names)
        return dict(sorted(out.items()))

    def counts(self) -> Counts:
        with self._mutex:
            g = self._g
            return Counts(
                nodes={k: g.kind_count[i] for i, k in enumerate(walks.KINDS)},
                rels={t: g.type_count[i] for i, t in enumerate(walks.TYPES)},
            )

    def scan_nodes(self, kind: NodeKind, *, batch_size: int = 10_000) -> Iterator[list[Node]]:
        with self._mutex:
            ids = self._g.node_ids
            ns = sorted(self._g.of_kind(kind), key=ids.__getitem__)
        for i in range(0, len(ns), batch_size):
            chunk = ns[i : i + batch_size]
            with self._mutex:
                found = self._node_records(chunk, cached=False)
            yield [found[n] for n in chunk if n in found]

    def scan_rels(self, type_: RelType, *, batch_size: int = 10_000) -> Iterator[list[Rel]]:
        with self._mutex:
            ids = self._g.rel_ids
            rs = sorted(self._g.of_type(type_), key=ids.__getitem__)
        for i in range(0, len(rs), batch_size):
            chunk = rs[i : i + batch_size]
            with self._mutex:
                found = self._rel_records(chunk, cached=False)
            yield [found[r] for r in chunk if r in found]

    def audit_head(self) -> tuple[int, str]:
        with self._mutex:
            return self._head()

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
        sql = [
            "SELECT seq, at, actor, operation, target, before, after, prev_hash, hash"
            " FROM audit WHERE seq > ?"
        ]
        args: list[Any] = [after_seq]
        for name, op, value in (
            ("target", "=", target),
            ("actor", "=", actor),
            ("at", ">=", since),
            ("at", "<=", until),
        ):
            if value is not None:
                sql.append(f"AND {name} {op} ?")
                args.append(value)
        sql.append("ORDER BY seq")
        if limit is not None:
            sql.append("LIMIT ?")
            args.append(limit)
        with self._mutex:
            rows = self._db.execute(" ".join(sql), args).fetchall()
        return [
            AuditEntry(
                seq,
                AuditRecord(
                    actor,
                    at,
                    operation,
                    target_,
                    None if before is None else json.loads(before),
                    None if after is None else json.loads(after),
                ),
                prev,
                digest,
            )
            for seq, at, actor, operation, target_, before, after, prev, digest in rows
        ]

    def networkx(self) -> nx.MultiDiGraph[str]:
        """A new networkx graph of the topology (node ids; relationship ids as keys), for
        analytics and benchmarks: the store itself holds no networkx graph."""
        with self._mutex:
            g = self._g
            out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
            out.add_nodes_from(i for i in g.node_ids if i)
            ids = g.node_ids
            for r, rid in enumerate(g.rel_ids):
                if rid:
                    out.add_edge(ids[g.starts[r]], ids[g.ends[r]], key=rid)
            return out

    def ping(self) -> None:
        try:
            with self._mutex:
                self._db.execute("SELECT 1").fetchone()
        except sqlite3.Error as exc:
            raise BackendUnavailable(f"the store at {self.dir} does not answer: {exc}") from exc

    def close(self) -> None:
        with self._mutex:
            if not self.read_only:
                # A store closing on an error must still close.
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("PRAGMA optimize")
            self._db.close()
            if self._lock_file is not None:
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)
                self._lock_file.close()
                self._lock_file = None


# The field types json_extract answers as JSON would be read in Python (a string, a number,
# null); a boolean comes back from it as 0 or 1, and a list as JSON text.
_PLAIN_TYPES = frozenset(
    {
        FieldType.STR, FieldType.TEXT, FieldType.INT, FieldType.FLOAT, FieldType.DATE,
        FieldType.DATETIME, FieldType.ENUM, FieldType.CODE,
    }
)  # fmt: skip


def _as_columns(kind: NodeKind, names: Sequence[str]) -> bool:
    """Whether every field asked is the id or a declared field of ``kind`` that holds one
    plain value (validated on every write), so that SQL may answer it as a column."""
    spec, held = NODES[kind], TABLES[kind].fields
    for name in names:
        if name == "id":
            continue
        found = spec.field(name)
        if found is None or found.many or found.type not in _PLAIN_TYPES or name not in held:
            return False
    return True


def _window(props: dict[str, Any]) -> tuple[Any, Any]:
    return props.get("valid_from"), props.get("valid_to")


def _path(field: str) -> str:
    """The JSON path of a property (``value_fields`` lets only identifiers through)."""
    return f'$."{field}"'


def _chunks(items: Sequence[int] | list[int]) -> Iterator[list[int]]:
    items = list(items)
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _ints(ns: Iterable[int]) -> str:
    return "[" + ",".join(map(str, ns)) + "]"


def _cursor_key(listing: Listing, cursor: str | None, name: str) -> Key | None:
    if cursor is None:
        return None
    raw = decode_cursor(cursor, name)
    return listing.key(bool(raw[0]), raw[1], str(raw[2]))


def _cursor(node: Node, order_by: str) -> str:
    value = node.id if order_by == "id" else node.props.get(order_by)
    return encode_cursor([value is None, value, node.id])


def _routes(
    g: Topology,
    start: int,
    end: int,
    fwd: walks.Parents,
    bwd: walks.Parents,
    meeting: set[int],
    limit: int,
) -> list[tuple[list[int], tuple[int, ...]]]:
    """Every shortest path through the meeting nodes, as (nodes, rels), ordered by their node
    ids then relationship ids, at most ``limit``."""
    # Forward parents lead back to start; backward parents lead on to end. Invert the
    # forward ones below the meeting nodes so a depth-first walk from start lists the
    # node sequences in order; parallel relationships multiply out in order too.
    children: dict[int, list[tuple[int, int]]] = {}
    stack = list(meeting)
    seen = set(meeting)
    while stack:
        v = stack.pop()
        for u, r in fwd.get(v, ()):
            children.setdefault(u, []).append((v, r))
            if u not in seen:
                seen.add(u)
                stack.append(u)
    for v in meeting:
        if v != end:
            children.setdefault(v, []).extend(bwd.get(v, ()))
    on_tail = set()
    stack = [v for v in meeting if v != end]
    while stack:
        v = stack.pop()
        for w, _ in bwd.get(v, ()):
            if w != end and w not in on_tail and w not in meeting:
                on_tail.add(w)
                children.setdefault(w, []).extend(bwd.get(w, ()))
                stack.append(w)
    node_id, rel_id = g.node_ids.__getitem__, g.rel_ids.__getitem__
    grouped: dict[int, list[tuple[int, list[int]]]] = {}
    for u, pairs in children.items():
        by_node: dict[int, list[int]] = {}
        for v, r in pairs:
            by_node.setdefault(v, []).append(r)
        grouped[u] = [
            (v, sorted(rs, key=rel_id))
            for v, rs in sorted(by_node.items(), key=lambda x: node_id(x[0]))
        ]
    routes: list[tuple[list[int], tuple[int, ...]]] = []

    def walk(u: int, seq: list[int], rel_sets: list[list[int]]) -> bool:
        if u == end:
            for combo in itertools.product(*rel_sets):
                routes.append((seq, combo))
                if len(routes) >= limit:
                    return True
            return False
        return any(walk(v, [*seq, v], [*rel_sets, rs]) for v, rs in grouped.get(u, ()))

    walk(start, [start], [])
    return routes
