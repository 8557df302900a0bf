"""Issue 12's table at province scale, on both stores, over HTTP with a real ``jiandu serve``.

``JIANDU_BENCH_CASES`` cases (default 10,000; the issue's table is 1,000,000). The demo is
generated into an embedded store and exported, or ``JIANDU_BENCH_EXPORT`` names an export
already written (generating a million cases takes most of an hour). Then, per store:

- the load: embedded, ``jiandu load`` of the export into an empty store (elements/s; the
  baseline is bare SQLite inserting the same records, one row each, in the same run);
  Neo4j, the bulk path (``jiandu bulk-files``, ``neo4j-admin database import full``,
  ``jiandu migrate``), each step timed;
- the server: the seconds from ``jiandu serve`` to ``/readyz`` (reopening the store), then,
  one client, ``JIANDU_BENCH_PROBES`` requests of each kind after a warm-up (p50 and p99;
  the baseline is a bare strawberry ``{ hello }`` over the same client): a filtered, sorted
  page of 50 without and with ``totalCount``, a text search's first 20, ``node(id)``, and the
  neighbourhood at depth 2 (limit 500) of random cases, officials and agencies; the
  embedded server's RSS per element held;
- each detector and named pattern, asked by an admin (the whole province) over HTTP
  (``JIANDU_BENCH_ASKS`` times, default 2; the figure is the last), baseline one full read of
  the store through the port;
- the cooperation report for 2024, in process, baseline the same full read.

Stores made before can be measured again as they are (the load left out):
``JIANDU_BENCH_STORE`` (an embedded store of the demo) and ``JIANDU_BENCH_NEO4J_STORE`` (a
Neo4j store directory the bulk path filled); both are kept.

Figures go to stdout as JSON lines; progress, item counts and load averages to stderr.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.bench_api import _server
from bench.bench_detectors import DETECTORS
from bench.bench_report import _full_read, _seconds
from bench.neo4j_tool import HEAP_MIB, PAGECACHE_MIB, server_tool, unavailable
from bench.report import emit, percentile
from bench.served import ROOT, Client, served
from graph.store import GraphStore

CASES = int(os.environ.get("JIANDU_BENCH_CASES", "10000"))
PROBES = int(os.environ.get("JIANDU_BENCH_PROBES", "200"))
ASKS = int(os.environ.get("JIANDU_BENCH_ASKS", "2"))
WARMUP = 20
SEED = 12
SECRET = "bench-scale-" + "s" * 40
START_TIMEOUT = 3600.0
YEAR = ("2024-01-01", "2024-12-31")
# Neo4j sized as docs/neo4j.md sizes a deployment, the page cache holding the store
# (bench.neo4j_tool.HEAP_MIB and PAGECACHE_MIB).
CITIES = ("510100", "510700", "511300", "511700", "510500", "511500")
KINDS = ("CRIMINAL", "CIVIL", "ADMINISTRATIVE")
TERMS = ("涪城", "盗窃", "诈骗", "借贷", "合同", "纠纷", "行政")

ITEM = "edges { node { id caseNumber cause filedOn kindLabel } }"
PAGE = f"""query($region: String, $kind: [CaseKind!]) {{
  cases(first: 50, filter: {{region: $region, kind: $kind}},
        orderBy: {{field: FILED_ON, direction: DESC}}) {{ {ITEM} }} }}"""
COUNTED = f"""query($region: String, $kind: [CaseKind!]) {{
  cases(first: 50, filter: {{region: $region, kind: $kind}},
        orderBy: {{field: FILED_ON, direction: DESC}}) {{ totalCount {ITEM} }} }}"""
SEARCH = f"""query($q: String) {{ cases(first: 20, filter: {{search: $q}}) {{ {ITEM} }} }}"""
NODE = "query($id: ID!) { node(id: $id) { id ... on Case { caseNumber cause kind stage } } }"
NEAR = """query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 500) {
  nodes { id caption nodeKind } relationships { id type from { id } to { id } } truncated } }"""
HELLO = "{ hello }"
KINDS_ASKED = ("Case", "Official", "Agency")


def _log(text: str) -> None:
    print(f"# bench_scale: {text}; load average {os.getloadavg()[0]:.2f}", file=sys.stderr)


def _cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "jiandu.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"jiandu {' '.join(args)}: {done.returncode}\n{done.stderr[-2000:]}")
    return done.stdout


def _export(work: Path) -> Path:
    given = os.environ.get("JIANDU_BENCH_EXPORT")
    if given:
        return Path(given)
    started = time.perf_counter()
    _cli("--store", str(work / "gen"), "demo", "--cases", str(CASES), "--no-progress")
    _cli("--store", str(work / "gen"), "export", str(work / "export"))
    shutil.rmtree(work / "gen")
    _log(f"{CASES:,} cases generated and exported in {time.perf_counter() - started:.0f} s")
    return work / "export"


def _records(export: Path) -> Iterator[tuple[str, str]]:
    """(file stem, line) of every record of a JSON Lines export."""
    for path in sorted(export.glob("**/*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield path.stem, line


def _bare_sqlite(export: Path, db: Path) -> tuple[int, float]:
    """Elements and elements/s of bare SQLite inserting each record as one row."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, kind TEXT, body TEXT)")
    started, count, rows = time.perf_counter(), 0, []
    for stem, line in _records(export):
        rows.append((stem, line))
        if len(rows) == 10_000:
            con.executemany("INSERT INTO t (kind, body) VALUES (?, ?)", rows)
            count += len(rows)
            rows = []
    con.executemany("INSERT INTO t (kind, body) VALUES (?, ?)", rows)
    count += len(rows)
    con.commit()
    took = time.perf_counter() - started
    con.close()
    return count, count / took


def _first_ids(export: Path, kind: str) -> list[str]:
    """The ids of a kind's first 200,000 records in an export (in id order)."""
    seen: list[str] = []
    with (export / "nodes" / f"{kind}.jsonl").open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 200_000:
                break
            seen.append(json.loads(line)["id"])
    return seen


def _ids(source: Path | GraphStore, kinds: tuple[str, ...], want: int) -> dict[str, list[str]]:
    """Up to ``want`` ids of each node kind, drawn from its first 200,000 ids, from an export
    or from a store (the same ids either way: an export is written in id order)."""
    from graph.model.enums import NodeKind

    rng = random.Random(SEED)
    out: dict[str, list[str]] = {}
    for kind in kinds:
        if isinstance(source, Path):
            seen = _first_ids(source, kind)
        else:
            seen = sorted(source.node_values(NodeKind[kind], [], []))[:200_000]
        out[kind] = rng.sample(seen, min(want, len(seen)))
    return out


def _requests(client: Client, ids: dict[str, list[str]]) -> dict[str, list[bytes]]:
    from schema.generic.ids import to_global

    count = WARMUP + PROBES
    rng = random.Random(SEED)
    cases = [to_global("Case", i) for i in ids["Case"]]
    centres = [
        to_global(kind, rng.choice(ids[kind]))
        for kind in ("Case", "Official", "Agency")
        for _ in range(count // 3 + 1)
    ]
    rng.shuffle(centres)

    def pages(query: str) -> list[bytes]:
        return [
            client.encode(query, {"region": rng.choice(CITIES), "kind": [rng.choice(KINDS)]})
            for _ in range(count)
        ]

    return {
        "page50": pages(PAGE),
        "page50_total_count": pages(COUNTED),
        "search20": [client.encode(SEARCH, {"q": TERMS[i % len(TERMS)]}) for i in range(count)],
        "node": [client.encode(NODE, {"id": cases[i % len(cases)]}) for i in range(count)],
        "neighbourhood_d2": [client.encode(NEAR, {"id": c}) for c in centres[:count]],
    }


def _probe(
    client: Client, requests: list[bytes], cycle: tuple[str, ...] = ()
) -> tuple[float, float, int]:
    """p50 and p99 (ms) after the warm-up, and the items of the last answer; when the
    requests cycle through ``cycle`` (the search terms), each one's p50 and maximum too."""
    took: list[float] = []
    data: dict[str, Any] = {}
    for i, request in enumerate(requests):
        seconds, data = client.timed(request)
        if i >= WARMUP:
            took.append(seconds * 1000)
    for k, text in enumerate(cycle):
        mine = [t for i, t in enumerate(took) if (i + WARMUP) % len(cycle) == k]
        _log(f"  {text}: p50 {percentile(mine, 50):.1f} ms, max {max(mine, default=0):.1f} ms")
    found = next(iter(data.values())) if data else None
    items = len(found.get("edges") or found.get("nodes") or []) if isinstance(found, dict) else 0
    return percentile(took, 50), percentile(took, 99), items


def _bare_floor() -> tuple[float, float]:
    """p50 and p99 (ms) of a bare strawberry ``{ hello }`` over the same client."""
    with _server(["serve-bare"], {}) as port:
        client = Client(port, "")
        try:
            request = client.encode(HELLO, {})
            p50, p99, _ = _probe(client, [request] * (WARMUP + PROBES))
        finally:
            client.close()
    return p50, p99


def _disk(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _server_pid(port: int) -> int:
    """The pid listening on ``port`` (the served ``jiandu serve``)."""
    found = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True)
    text = found.stdout
    marker = "pid="
    if marker not in text:
        raise RuntimeError(f"no process listens on {port}: {text!r}")
    return int(text.split(marker, 1)[1].split(",", 1)[0])


def _serve_and_measure(
    backend: str,
    store_url: str,
    ids: dict[str, list[str]],
    floor: tuple[float, float],
    elements: int,
    full_read: float,
) -> None:
    from api.auth import create_token

    token = create_token(role="admin", region=None, subject="bench", secret=SECRET, ttl_hours=4)
    env = {"JIANDU_JWT_SECRET": SECRET, "JIANDU_LOG_LEVEL": "WARNING", "JIANDU_AUTH": "on",
           "JIANDU_REQUEST_SECONDS": "1800"}  # fmt: skip
    started = time.perf_counter()
    with served(store_url, env, START_TIMEOUT) as port:
        ready = time.perf_counter() - started
        emit(f"scale.{backend}.serve_ready", ready, "s")
        _log(f"{backend} served in {ready:.1f} s")
        client = Client(port, token)
        try:
            for name, requests in _requests(client, ids).items():
                p50, p99, items = _probe(client, requests, TERMS if name == "search20" else ())
                _log(f"{backend} {name}: p50 {p50:.1f} ms, p99 {p99:.1f} ms, {items} items")
                emit(f"scale.{backend}.{name}.p50", p50, "ms", floor[0])
                emit(f"scale.{backend}.{name}.p99", p99, "ms", floor[1])
            if backend == "embedded":
                rss = _rss_mib(_server_pid(port))
                emit("scale.embedded.server_rss", rss, "MiB")
                emit("scale.embedded.server_bytes_per_element", rss * 2**20 / elements, "bytes")
            _detectors(backend, client, full_read)
        finally:
            client.close()


def _detectors(backend: str, client: Client, full_read: float) -> None:
    if os.environ.get("JIANDU_BENCH_DETECTORS") == "0":
        return
    for name, query in DETECTORS.items():
        request = client.encode(query, {})
        took = 0.0
        for _ in range(max(ASKS, 1)):
            took, status, body = client.send(request)
            if status != 200 or body.get("errors"):
                raise RuntimeError(f"{backend} {name}: {status} {json.dumps(body)[:300]}")
        found = next(iter(body["data"].values()))
        size = len(found) if isinstance(found, list) else 1
        _log(f"{backend} {name}: {took:.3f} s, {size} items")
        emit(f"scale.{backend}.detector.{name}", took, "s", full_read)


def _report(backend: str, open_store: Callable[[], GraphStore]) -> float:
    """The 2024 report computed in process; returns the full read's seconds."""
    from reports.cooperation import cooperation_report

    store = open_store()
    try:
        read = _seconds(lambda: _full_read(store))
        data = _seconds(lambda: cooperation_report(store, date_from=YEAR[0], date_to=YEAR[1]))
    finally:
        store.close()
    _log(f"{backend} report {data:.1f} s, full read {read:.1f} s")
    emit(f"scale.{backend}.report_2024", data, "s", read)
    emit(f"scale.{backend}.full_read", read, "s")
    return read


@contextmanager
def _workdir() -> Iterator[Path]:
    work = Path(tempfile.mkdtemp(prefix="jiandu-bench-scale-", dir=os.environ.get("TMPDIR")))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _given(embedded: str | None, neo4j_dir: str | None) -> None:
    """Stores made before, served and measured as they are, and kept: ``JIANDU_BENCH_STORE``
    (an embedded store of the demo) and ``JIANDU_BENCH_NEO4J_STORE`` (a Neo4j store
    directory the bulk path filled). The load is not measured; the rest is."""
    from graph.adapters.embedded import EmbeddedStore
    from graph.adapters.neo4j import Neo4jStore

    for name, path in (("JIANDU_BENCH_STORE", embedded), ("JIANDU_BENCH_NEO4J_STORE", neo4j_dir)):
        if path is not None and not Path(path).is_dir():
            raise SystemExit(f"{name}={path}: no such store")
    floor = _bare_floor()
    emit("scale.bare_strawberry_hello.p99", floor[1], "ms")
    if embedded is not None:
        with EmbeddedStore(embedded, read_only=True) as store:
            ids = _ids(store, KINDS_ASKED, WARMUP + PROBES)
            count = _elements(store)
        read = _report("embedded", lambda: EmbeddedStore(embedded, read_only=True))
        _serve_and_measure("embedded", embedded, ids, floor, count, read)
    if neo4j_dir is not None:
        tool = server_tool()
        with tool.Neo4jServer(
            long_running=True, store=Path(neo4j_dir), delete_store=False,
            heap_mib=HEAP_MIB, pagecache_mib=PAGECACHE_MIB,
        ) as server:  # fmt: skip
            _cli("--store", server.uri, "migrate")
            with Neo4jStore(server.uri) as store:
                ids = _ids(store, KINDS_ASKED, WARMUP + PROBES)
                count = _elements(store)
            read = _report("neo4j", lambda: Neo4jStore(server.uri))
            _serve_and_measure("neo4j", server.uri, ids, floor, count, read)


def _elements(store: GraphStore) -> int:
    counts = store.counts()
    return sum(counts.nodes.values()) + sum(counts.rels.values())


def main() -> None:
    embedded, neo4j_dir = (
        os.environ.get("JIANDU_BENCH_STORE"),
        os.environ.get("JIANDU_BENCH_NEO4J_STORE"),
    )
    if embedded or neo4j_dir:
        _given(embedded or None, neo4j_dir or None)
        return
    with _workdir() as work:
        export = _export(work)
        count, bare = _bare_sqlite(export, work / "bare.db")
        (work / "bare.db").unlink()
        _log(f"{count:,} records; bare SQLite {bare:,.0f} records/s")
        floor = _bare_floor()
        emit("scale.bare_strawberry_hello.p99", floor[1], "ms")
        if os.environ.get("JIANDU_BENCH_EMBEDDED") != "0":
            store = work / "store"
            started = time.perf_counter()
            _cli("--store", str(store), "load", str(export), "--no-progress")
            took = time.perf_counter() - started
            _log(f"embedded load {took:.1f} s")
            emit("scale.embedded.load.elements_per_s", count / took, "elements/s", bare)
            emit("scale.embedded.disk_bytes_per_element", _disk(store) / count, "bytes")
            from graph.adapters.embedded import EmbeddedStore

            read = _report("embedded", lambda: EmbeddedStore(store))
            ids = _ids(export, KINDS_ASKED, WARMUP + PROBES)
            _serve_and_measure("embedded", str(store), ids, floor, count, read)
            shutil.rmtree(store)
        why = unavailable()
        if why is not None:
            print(f"# bench_scale: Neo4j skipped ({why})", file=sys.stderr)
            return
        _neo4j(work, export, floor, count)


def _neo4j(work: Path, export: Path, floor: tuple[float, float], count: int) -> None:
    from graph.adapters.neo4j import Neo4jStore

    tool = server_tool()
    started = time.perf_counter()
    made = json.loads(_cli("bulk-files", str(export), "--output", str(work / "files"), "--json"))
    files = time.perf_counter() - started
    (work / "neo4j").mkdir()
    started = time.perf_counter()
    tool.import_files(work / "neo4j", made["arguments"])
    imported = time.perf_counter() - started
    shutil.rmtree(work / "files", ignore_errors=True)
    heap, pagecache = HEAP_MIB, PAGECACHE_MIB
    _log(f"Neo4j heap {heap} MiB, page cache {pagecache} MiB")
    with tool.Neo4jServer(
        long_running=True, store=work / "neo4j", heap_mib=heap, pagecache_mib=pagecache
    ) as server:
        started = time.perf_counter()
        _cli("--store", server.uri, "migrate")
        migrated = time.perf_counter() - started
        total = files + imported + migrated
        _log(f"bulk: files {files:.1f} s, import {imported:.1f} s, migrate {migrated:.1f} s")
        emit("scale.neo4j.bulk.files", files, "s")
        emit("scale.neo4j.bulk.import", imported, "s")
        emit("scale.neo4j.bulk.migrate", migrated, "s")
        emit("scale.neo4j.bulk.elements_per_s", count / total, "elements/s")
        emit("scale.neo4j.disk_bytes_per_element", _disk(work / "neo4j") / count, "bytes")
        read = _report("neo4j", lambda: Neo4jStore(server.uri))
        ids = _ids(export, KINDS_ASKED, WARMUP + PROBES)
        _serve_and_measure("neo4j", server.uri, ids, floor, count, read)


if __name__ == "__main__":
    main()
