"""The embedded store: SQLite on local disk for durability, networkx in memory for traversal.

Every batch is one SQLite transaction (WAL journal): a process killed in the middle of a
batch leaves the previous state, which SQLite restores on the next open. The in-memory
graph changes only after the transaction commits. An exclusive lock file keeps a second
writer out; readers may open a read-only snapshot while a writer runs.
"""

from __future__ import annotations

import bisect
import fcntl
import itertools
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path as FsPath
from typing import IO, Any

import networkx as nx

from graph.audit import GENESIS, AuditEntry, AuditRecord, chain
from graph.errors import (
    BackendUnavailable,
    Conflict,
    FieldError,
    NotFound,
    StoreLocked,
    ValidationError,
)
from graph.model.dates import valid_at
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import ALLOWED_ENDS
from graph.model.records import Node, Rel
from graph.store import (
    AnyOf,
    Batch,
    Condition,
    Counts,
    Direction,
    GraphStore,
    Neighbour,
    Op,
    Page,
    PageRequest,
    Path,
    Subgraph,
    WriteResult,
    decode_cursor,
    encode_cursor,
)

DB_FILE = "graph.sqlite3"
LOCK_FILE = "writer.lock"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, version INTEGER NOT NULL, props TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rels (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL,
    props TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, operation TEXT NOT NULL,
    target TEXT NOT NULL, before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_target ON audit (target, seq);
CREATE INDEX IF NOT EXISTS audit_actor ON audit (actor, seq);
CREATE TABLE IF NOT EXISTS audit_head (
    one INTEGER PRIMARY KEY CHECK (one = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL
);
"""

SortKey = tuple[bool, Any, str]
Adjacency = dict[str, dict[str, dict[str, dict[str, Any]]]]


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def _valid(props: dict[str, Any], day: str | None) -> bool:
    return day is None or valid_at(props.get("valid_from"), props.get("valid_to"), day)


def _matches(node: Node, cond: Condition) -> bool:
    if isinstance(cond, AnyOf):
        return any(_matches(node, c) for c in cond.conditions)
    value = node.id if cond.field == "id" else node.props.get(cond.field)
    op, want = cond.op, cond.value
    if op is Op.EQ:
        return value == want if want is not None else value is None
    if value is None:
        return False
    if op is Op.IN:
        return value in want
    if op is Op.HAS:
        return isinstance(value, list) and want in value
    if op is Op.CONTAINS:
        return isinstance(value, str) and str(want).lower() in value.lower()
    if op is Op.PREFIX:
        return isinstance(value, str) and value.startswith(str(want))
    try:
        return bool(value >= want) if op is Op.GTE else bool(value <= want)
    except TypeError:
        return False


class EmbeddedStore(GraphStore):
    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
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
            self._db.executescript(_SCHEMA)
        self._nodes: dict[str, Node] = {}
        self._rels: dict[str, Rel] = {}
        self._kind_ids: dict[NodeKind, set[str]] = {k: set() for k in NodeKind}
        self._type_ids: dict[RelType, set[str]] = {t: set() for t in RelType}
        self._g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        # networkx's own adjacency dicts, read directly: its views cost twice as much per hop.
        self._succ: Adjacency = vars(self._g)["_succ"]
        self._pred: Adjacency = vars(self._g)["_pred"]
        self._order_cache: dict[tuple[NodeKind, str], tuple[list[SortKey], list[str]]] = {}
        self._load()

    def _acquire_lock(self) -> IO[str]:
        f = open(self.dir / LOCK_FILE, "a+")  # noqa: SIM115 - held for the store's lifetime
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip() or "unknown"
            f.close()
            raise StoreLocked(
                f"the store at {self.dir} is open for writing by another process (pid {holder}); "
                "stop it, or open this one read-only"
            ) from None
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()))
        f.flush()
        return f

    def _load(self) -> None:
        nodes, rels, loads = self._nodes, self._rels, json.loads
        kinds = {k.name: (k, self._kind_ids[k]) for k in NodeKind}
        types = {t.name: (t, self._type_ids[t]) for t in RelType}
        try:
            for id_, kind, version, props in self._db.execute(
                "SELECT id, kind, version, props FROM nodes"
            ):
                k, ids = kinds[kind]
                nodes[id_] = Node(k, id_, loads(props), version)
                ids.add(id_)
            self._g.add_nodes_from(nodes)
            for id_, type_, start, end, props in self._db.execute(
                "SELECT id, type, start, end, props FROM rels"
            ):
                t, ids = types[type_]
                rel = rels[id_] = Rel(t, id_, start, end, loads(props))
                ids.add(id_)
                self._link(rel)
        except sqlite3.DatabaseError as exc:
            raise BackendUnavailable(f"cannot read the store at {self.dir}: {exc}") from exc

    # -- in-memory state -------------------------------------------------------------------

    def _put_node(self, node: Node) -> None:
        old = self._nodes.get(node.id)
        if old is None:
            self._g.add_node(node.id)
        self._nodes[node.id] = node
        self._kind_ids[node.kind].add(node.id)

    def _drop_node(self, id_: str) -> None:
        node = self._nodes.pop(id_)
        self._kind_ids[node.kind].discard(id_)
        self._g.remove_node(id_)

    def _put_rel(self, rel: Rel) -> None:
        if rel.id in self._rels:
            self._drop_rel(rel.id)
        self._rels[rel.id] = rel
        self._type_ids[rel.type].add(rel.id)
        self._link(rel)

    def _link(self, rel: Rel) -> None:
        # What MultiDiGraph.add_edge does for endpoints that exist (the store guarantees they
        # do), without its per-call checks: one key dict shared by both adjacency sides.
        out = self._succ[rel.start]
        keyed = out.get(rel.end)
        if keyed is None:
            keyed = out[rel.end] = self._pred[rel.end][rel.start] = {}
        keyed[rel.id] = {"rel": rel}

    def _drop_rel(self, id_: str) -> None:
        rel = self._rels.pop(id_)
        self._type_ids[rel.type].discard(id_)
        keyed = self._succ[rel.start][rel.end]
        del keyed[id_]
        if not keyed:
            del self._succ[rel.start][rel.end]
            del self._pred[rel.end][rel.start]

    def _incident(self, id_: str) -> Iterator[str]:
        for nbrs in (self._succ.get(id_, {}), self._pred.get(id_, {})):
            for keyed in nbrs.values():
                yield from keyed

    # -- writes ----------------------------------------------------------------------------

    def write(self, batch: Batch) -> WriteResult:
        if self.read_only:
            raise BackendUnavailable(f"the store at {self.dir} is open read-only")
        with self._mutex:
            plan = self._plan(batch)
            self._commit(*plan, batch.audit)
            return self._apply(*plan)

    def _plan(self, batch: Batch) -> tuple[list[Node], list[Rel], set[str], set[str]]:
        del_nodes = {i for i in batch.delete_nodes if i in self._nodes}
        del_rels = {i for i in batch.delete_rels if i in self._rels}
        for n in del_nodes:
            del_rels.update(self._incident(n))
        for id_, expected in batch.expect_versions.items():
            current = self._nodes[id_].version if id_ in self._nodes else 0
            if current != expected:
                raise Conflict(
                    f"{id_}: version {expected} expected but the store has {current}; "
                    "read it again and retry"
                )
        staged: dict[str, Node] = {}
        for node in batch.nodes:
            kind = staged[node.id].kind if node.id in staged else None
            old = self._nodes.get(node.id)
            if old is not None and node.id not in del_nodes:
                kind = kind or old.kind
            if kind is not None and kind is not node.kind:
                raise ValidationError(
                    FieldError(
                        "id", f"'{node.id}' is already a {kind.name}, not a {node.kind.name}"
                    )
                )
            base = 0 if old is None or node.id in del_nodes else old.version
            version = staged[node.id].version + 1 if node.id in staged else base + 1
            staged[node.id] = Node(node.kind, node.id, node.props, version)
        rels: dict[str, Rel] = {}
        for rel in batch.rels:
            start = self._endpoint(rel, "from", rel.start, staged, del_nodes)
            end = self._endpoint(rel, "to", rel.end, staged, del_nodes)
            if (start, end) not in ALLOWED_ENDS[rel.type]:
                raise ValidationError(
                    FieldError(
                        "kind", f"{rel.type.name} cannot link a {start.name} to a {end.name}"
                    ),
                    where=rel.id,
                )
            rels[rel.id] = rel
        del_rels.difference_update(rels)
        return list(staged.values()), list(rels.values()), del_nodes, del_rels

    def _endpoint(
        self, rel: Rel, field: str, id_: str, staged: dict[str, Node], deleted: set[str]
    ) -> NodeKind:
        found = staged.get(id_)
        if found is None and id_ not in deleted:
            found = self._nodes.get(id_)
        if found is None:
            raise ValidationError(FieldError(field, f"no node '{id_}'"), where=rel.id)
        return found.kind

    def _commit(
        self,
        nodes: list[Node],
        rels: list[Rel],
        del_nodes: set[str],
        del_rels: set[str],
        audit: Sequence[AuditRecord],
    ) -> None:
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany("DELETE FROM rels WHERE id = ?", ((i,) for i in del_rels))
                db.executemany("DELETE FROM nodes WHERE id = ?", ((i,) for i in del_nodes))
                db.executemany(
                    "INSERT OR REPLACE INTO nodes (id, kind, version, props) VALUES (?, ?, ?, ?)",
                    ((n.id, n.kind.name, n.version, _dumps(n.props)) for n in nodes),
                )
                db.executemany(
                    "INSERT OR REPLACE INTO rels (id, type, start, end, props) "
                    "VALUES (?, ?, ?, ?, ?)",
                    ((r.id, r.type.name, r.start, r.end, _dumps(r.props)) for r in rels),
                )
                if audit:
                    self._append_audit(audit)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise BackendUnavailable(f"cannot write the store at {self.dir}: {exc}") from exc

    def _apply(
        self, nodes: list[Node], rels: list[Rel], del_nodes: set[str], del_rels: set[str]
    ) -> WriteResult:
        touched = {n.kind for n in nodes} | {self._nodes[n].kind for n in del_nodes}
        # A re-written relationship may hang on a node deleted here: drop it before the node.
        for r in del_rels | {rel.id for rel in rels if rel.id in self._rels}:
            self._drop_rel(r)
        for n in del_nodes:
            self._drop_node(n)
        for node in nodes:
            self._put_node(node)
        for rel in rels:
            self._put_rel(rel)
        for key in [k for k in self._order_cache if k[0] in touched]:
            del self._order_cache[key]
        return WriteResult(len(nodes), len(rels), len(del_nodes), len(del_rels))

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

    # -- reads -----------------------------------------------------------------------------

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        nodes = self._nodes
        return {i: nodes[i] for i in ids if i in nodes}

    def get_rels(self, ids: Sequence[str]) -> dict[str, Rel]:
        rels = self._rels
        return {i: rels[i] for i in ids if i in rels}

    def _ordered(self, kind: NodeKind, order_by: str) -> tuple[list[SortKey], list[str]]:
        cached = self._order_cache.get((kind, order_by))
        if cached is None:
            nodes = self._nodes
            keys = sorted(
                (
                    (v is None, v, i)
                    for i in self._kind_ids[kind]
                    for v in ((i if order_by == "id" else nodes[i].props.get(order_by)),)
                ),
                key=lambda k: (k[0], "" if k[1] is None else k[1], k[2]),
            )
            cached = (keys, [k[2] for k in keys])
            self._order_cache[(kind, order_by)] = cached
        return cached

    def list_nodes(
        self, kind: NodeKind, where: Sequence[Condition] = (), page: PageRequest = PageRequest()
    ) -> Page:
        with self._mutex:
            keys, ids = self._ordered(kind, page.order_by)
            nodes = self._nodes
            if where:
                keep = [j for j, i in enumerate(ids) if all(_matches(nodes[i], c) for c in where)]
                keys = [keys[j] for j in keep]
            if page.descending:
                keys = keys[::-1]
            total = len(keys)
            lo, hi = 0, total
            sort = _sort_key(page.descending)
            probe = [sort(k) for k in keys]
            if page.after is not None:
                lo = bisect.bisect_right(probe, sort(_key(decode_cursor(page.after))))
            if page.before is not None:
                hi = bisect.bisect_left(probe, sort(_key(decode_cursor(page.before, "before"))))
            hi = max(hi, lo)
            start, stop = lo, hi
            if page.first is not None:
                stop = min(stop, start + page.first)
            if page.last is not None:
                start = max(start, stop - page.last)
            chosen = keys[start:stop]
            return Page(
                items=[nodes[k[2]] for k in chosen],
                cursors=[encode_cursor(list(k)) for k in chosen],
                total=total,
                has_next=stop < total,
                has_previous=start > 0,
            )

    def _sides(self, direction: Direction) -> list[Adjacency]:
        return {
            Direction.OUT: [self._succ],
            Direction.IN: [self._pred],
            Direction.BOTH: [self._succ, self._pred],
        }[direction]

    def _adjacent(self, u: str, direction: Direction) -> Iterator[tuple[str, Rel, bool]]:
        if direction is not Direction.IN:
            for v, keyed in self._succ[u].items():
                for data in keyed.values():
                    yield v, data["rel"], True
        if direction is not Direction.OUT:
            for v, keyed in self._pred[u].items():
                for data in keyed.values():
                    yield v, data["rel"], False

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
        types = set(rel_types) if rel_types is not None else None
        kinds = set(node_kinds) if node_kinds is not None else None
        out: dict[str, list[Neighbour]] = {}
        with self._mutex:
            for id_ in dict.fromkeys(ids):
                if id_ not in self._nodes:
                    continue
                found = []
                for v, rel, outgoing in self._adjacent(id_, direction):
                    if types is not None and rel.type not in types:
                        continue
                    node = self._nodes[v]
                    if kinds is not None and node.kind not in kinds:
                        continue
                    if as_of is not None and not (
                        _valid(rel.props, as_of) and _valid(node.props, as_of)
                    ):
                        continue
                    found.append(Neighbour(rel, node, outgoing))
                found.sort(key=lambda n: (n.rel.type.name, n.node.id, n.rel.id))
                out[id_] = found[:limit] if limit is not None else found
        return out

    def _allowed(
        self,
        types: set[RelType] | None,
        kinds: set[NodeKind] | None,
        as_of: str | None,
    ) -> tuple[bool, Callable[[Rel, str], bool]]:
        """Whether any filter applies, and the predicate over (rel, neighbour id)."""
        nodes = self._nodes

        def ok(rel: Rel, v: str) -> bool:
            if types is not None and rel.type not in types:
                return False
            if kinds is None and as_of is None:
                return True
            node = nodes[v]
            if kinds is not None and node.kind not in kinds:
                return False
            return as_of is None or (_valid(rel.props, as_of) and _valid(node.props, as_of))

        return types is not None or kinds is not None or as_of is not None, ok

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
    ) -> Subgraph:
        types = set(rel_types) if rel_types is not None else None
        kinds = set(node_kinds) if node_kinds is not None else None
        filtered, ok = self._allowed(types, kinds, as_of)
        sides = self._sides(direction)
        with self._mutex:
            dist = {s: 0 for s in seeds if s in self._nodes}
            frontier = sorted(dist)
            order = list(frontier)
            for d in range(1, depth + 1):
                nxt: list[str] = []
                for u in frontier:
                    for side in sides:
                        for v, keyed in side[u].items():
                            if v in dist or (
                                filtered and not any(ok(x["rel"], v) for x in keyed.values())
                            ):
                                continue
                            dist[v] = d
                            nxt.append(v)
                nxt.sort()
                order += nxt
                frontier = nxt
                # Farther nodes sort after every node found so far: past the limit, none is kept.
                if not frontier or (limit is not None and len(order) > limit):
                    break
            truncated = limit is not None and len(order) > limit
            kept = order[:limit] if limit is not None else order
            keep = set(kept)
            check_rel = types is not None or as_of is not None
            rels: dict[str, Rel] = {}
            for u in kept:
                if dist[u] >= depth:
                    continue
                for side in sides:
                    for v, keyed in side[u].items():
                        if v not in keep:
                            continue
                        for rel_id, x in keyed.items():
                            rel = x["rel"]
                            if not check_rel or (
                                (types is None or rel.type in types)
                                and (as_of is None or _valid(rel.props, as_of))
                            ):
                                rels[rel_id] = rel
            return Subgraph(
                nodes=[self._nodes[i] for i in kept],
                rels=[rels[i] for i in sorted(rels)],
                distance={i: dist[i] for i in kept},
                truncated=truncated,
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
    ) -> list[Path]:
        with self._mutex:
            for id_ in (start, end):
                if id_ not in self._nodes:
                    raise NotFound(f"no node '{id_}'")
            if limit <= 0:
                return []
            if start == end:
                return [Path([self._nodes[start]], [])]
            types = set(rel_types) if rel_types is not None else None
            nodes = self._nodes

            def ok(rel: Rel, v: str) -> bool:
                if types is not None and rel.type not in types:
                    return False
                return as_of is None or (
                    _valid(rel.props, as_of)
                    and (v in (start, end) or _valid(nodes[v].props, as_of))
                )

            back = {Direction.OUT: Direction.IN, Direction.IN: Direction.OUT}.get(
                direction, Direction.BOTH
            )
            meet = _bidirectional(
                start,
                end,
                self._sides(direction),
                self._sides(back),
                ok if types is not None or as_of is not None else None,
                max_length,
            )
            if meet is None:
                return []
            return self._enumerate(start, end, *meet, limit)

    def _enumerate(
        self,
        start: str,
        end: str,
        fwd: dict[str, list[tuple[str, Rel]]],
        bwd: dict[str, list[tuple[str, Rel]]],
        meeting: set[str],
        limit: int,
    ) -> list[Path]:
        # Forward parents lead back to start; backward parents lead on to end. Invert the
        # forward ones below the meeting nodes so a depth-first walk from start lists the
        # node sequences in order; parallel relationships multiply out in order too.
        children: dict[str, list[tuple[str, Rel]]] = {}
        stack = list(meeting)
        seen = set(meeting)
        while stack:
            v = stack.pop()
            for u, rel in fwd.get(v, ()):
                children.setdefault(u, []).append((v, rel))
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
        grouped: dict[str, list[tuple[str, list[Rel]]]] = {}
        for u, pairs in children.items():
            by_node: dict[str, list[Rel]] = {}
            for v, rel in pairs:
                by_node.setdefault(v, []).append(rel)
            grouped[u] = [(v, sorted(rs, key=lambda r: r.id)) for v, rs in sorted(by_node.items())]
        paths: list[Path] = []

        def walk(u: str, seq: list[str], rel_sets: list[list[Rel]]) -> bool:
            if u == end:
                for combo in itertools.product(*rel_sets):
                    paths.append(Path([self._nodes[i] for i in seq], list(combo)))
                    if len(paths) >= limit:
                        return True
                return False
            return any(walk(v, [*seq, v], [*rel_sets, rels]) for v, rels in grouped.get(u, ()))

        walk(start, [start], [])
        return paths

    def counts(self) -> Counts:
        with self._mutex:
            return Counts(
                nodes={k: len(ids) for k, ids in self._kind_ids.items()},
                rels={t: len(ids) for t, ids in self._type_ids.items()},
            )

    def scan_nodes(self, kind: NodeKind, *, batch_size: int = 10_000) -> Iterator[list[Node]]:
        with self._mutex:
            ids = sorted(self._kind_ids[kind])
        for i in range(0, len(ids), batch_size):
            yield [n for n in (self._nodes.get(j) for j in ids[i : i + batch_size]) if n]

    def scan_rels(self, type_: RelType, *, batch_size: int = 10_000) -> Iterator[list[Rel]]:
        with self._mutex:
            ids = sorted(self._type_ids[type_])
        for i in range(0, len(ids), batch_size):
            yield [r for r in (self._rels.get(j) for j in ids[i : i + batch_size]) if r]

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
        for column, op, value in (
            ("target", "=", target),
            ("actor", "=", actor),
            ("at", ">=", since),
            ("at", "<=", until),
        ):
            if value is not None:
                sql.append(f"AND {column} {op} ?")
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
        """The whole graph, as held in memory (for analytics and benchmarks; do not mutate)."""
        return self._g

    def ping(self) -> None:
        try:
            self._db.execute("SELECT 1").fetchone()
        except sqlite3.Error as exc:
            raise BackendUnavailable(f"the store at {self.dir} does not answer: {exc}") from exc

    def close(self) -> None:
        self._db.close()
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None


def _key(raw: list[Any]) -> SortKey:
    return (bool(raw[0]), raw[1], str(raw[2]))


def _sort_key(descending: bool) -> Any:
    def plain(k: SortKey) -> tuple[bool, Any, str]:
        return (k[0], "" if k[1] is None else k[1], k[2])

    if not descending:
        return plain
    return lambda k: _Reverse(plain(k))


class _Reverse:
    __slots__ = ("k",)

    def __init__(self, k: tuple[bool, Any, str]) -> None:
        self.k = k

    def __lt__(self, other: _Reverse) -> bool:
        return bool(other.k < self.k)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reverse) and self.k == other.k

    __hash__ = None  # type: ignore[assignment]


def _bidirectional(
    start: str,
    end: str,
    forward_sides: list[Adjacency],
    backward_sides: list[Adjacency],
    ok: Callable[[Rel, str], bool] | None,
    max_length: int,
) -> tuple[dict[str, list[tuple[str, Rel]]], dict[str, list[tuple[str, Rel]]], set[str]] | None:
    """Level-by-level search from both ends, always growing the smaller frontier.

    Returns the parents of every node reached from each side (all of them, so that every
    shortest path can be listed) and the nodes where the two searches meet."""
    dist_f, dist_b = {start: 0}, {end: 0}
    par_f: dict[str, list[tuple[str, Rel]]] = {}
    par_b: dict[str, list[tuple[str, Rel]]] = {}
    front_f, front_b = [start], [end]
    while front_f and front_b and dist_f[front_f[0]] + dist_b[front_b[0]] < max_length:
        forward = len(front_f) <= len(front_b)
        front, dist, par, other, sides = (
            (front_f, dist_f, par_f, dist_b, forward_sides)
            if forward
            else (front_b, dist_b, par_b, dist_f, backward_sides)
        )
        level = dist[front[0]] + 1
        nxt: list[str] = []
        for u in front:
            for side in sides:
                for v, keyed in side[u].items():
                    seen = dist.get(v)
                    if seen is not None and seen != level:
                        continue
                    links = [(u, x["rel"]) for x in keyed.values() if ok is None or ok(x["rel"], v)]
                    if not links:
                        continue
                    if seen is None:
                        dist[v] = level
                        nxt.append(v)
                    par.setdefault(v, []).extend(links)
        if forward:
            front_f = nxt
        else:
            front_b = nxt
        met = [v for v in nxt if v in other]
        if met:
            best = min(dist_f[v] + dist_b[v] for v in met)
            meeting = {v for v in met if dist_f[v] + dist_b[v] == best}
            return par_f, par_b, meeting
    return None
