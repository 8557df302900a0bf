"""The cooperation report for one year at the demo's 100,000-case scale, on both backends.

Figures: computing the report's data, then writing each format (the PDF includes Chromium).
Baselines, measured in the same run on the same store: one full read of every node and
relationship through the port (for the data), and Chromium printing a one-line page (for the
PDF: its start-up cost). Neo4j runs when a JDK and the cached jars are there (tools/neo4j);
JIANDU_BENCH_NEO4J=0 skips it. JIANDU_BENCH_STORE reuses an embedded store already filled.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.neo4j_tool import server_tool, unavailable
from bench.report import emit
from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.model.enums import NodeKind, RelType
from graph.store import GraphStore
from loaders.demo import write_demo
from reports.cooperation import cooperation_report, write_report
from reports.render_pdf import html_to_pdf

CASES = int(os.environ.get("JIANDU_BENCH_CASES", "100000"))
YEAR = ("2024-01-01", "2024-12-31")


def _seconds(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _full_read(store: GraphStore) -> None:
    for kind in NodeKind:
        for _ in store.scan_nodes(kind):
            pass
    for type_ in RelType:
        for _ in store.scan_rels(type_):
            pass


def measure(store: GraphStore, backend: str, out: Path) -> None:
    scale = f"{CASES // 1000}k"
    read = _seconds(lambda: _full_read(store))
    data = _seconds(lambda: cooperation_report(store, date_from=YEAR[0], date_to=YEAR[1]))
    emit(f"report_data_{backend}_{scale}", data, "s", read)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "blank.pdf"
        chromium = _seconds(lambda: html_to_pdf("<p>川渝</p>", page))
    for fmt in ("md", "html", "pdf"):
        path = out / f"report-{backend}.{fmt}"
        started = time.perf_counter()
        write_report(store, date_from=YEAR[0], date_to=YEAR[1], fmt=fmt, output=path)
        took = time.perf_counter() - started
        emit(f"report_{fmt}_{backend}_{scale}", took, "s", chromium if fmt == "pdf" else read)


@contextmanager
def _neo4j() -> Iterator[GraphStore | None]:
    why = unavailable()
    if why is not None:
        print(f"# bench_report: Neo4j skipped ({why})", file=sys.stderr)
        yield None
        return
    # A long run: full JIT (the C1-only default suits short test sessions).
    with server_tool().Neo4jServer(long_running=True) as server, Neo4jStore(server.uri) as store:
        yield store


def main() -> None:
    out = Path(tempfile.mkdtemp(prefix="jiandu-bench-report-"))
    reuse = os.environ.get("JIANDU_BENCH_STORE")
    try:
        path = Path(reuse) if reuse else out / "store"
        if not reuse:
            with EmbeddedStore(path) as store:
                write_demo(store, cases=CASES)
        opened = time.perf_counter()
        with EmbeddedStore(path, read_only=True) as store:
            emit(f"report_open_embedded_{CASES // 1000}k", time.perf_counter() - opened, "s")
            measure(store, "embedded", out)
        with _neo4j() as neo4j:
            if neo4j is not None:
                loaded = _seconds(lambda: write_demo(neo4j, cases=CASES))
                emit(f"report_load_neo4j_{CASES // 1000}k", loaded, "s")
                measure(neo4j, "neo4j", out)
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
