"""The bulk path into an empty Neo4j database against ``jiandu load`` through the adapter
(issue 12: at least 5x).

The demo (``JIANDU_BENCH_CASES`` cases, default 5,000) is exported once. The baseline, in
the same run: ``jiandu load`` of that export into a fresh Neo4j server, timed from the
command's start to its end. The bulk path: ``jiandu bulk-files`` (read, check, write the CSV
files), ``neo4j-admin database import full`` from the launcher's jars, the server started on
the imported store, and ``jiandu migrate`` building the constraints and indexes (waiting
until every index is online), each timed, and the whole taken end to end. Rates are
elements (nodes + relationships) per second. Both loads are checked to hold the same
counts, so both measure the same work.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.neo4j_tool import server_tool, unavailable
from bench.report import emit
from bench.served import ROOT
from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from loaders.demo.generator import write_demo
from loaders.export import export_store

CASES = int(os.environ.get("JIANDU_BENCH_CASES", "5000"))


def _jiandu(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "jiandu.cli", *args], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"jiandu {args[0]} failed: {done.stderr[-800:]}")
    return done


def _held(uri: str) -> int:
    with Neo4jStore(uri) as store:
        counts = store.counts()
    return sum(counts.nodes.values()) + sum(counts.rels.values())


def main() -> None:
    why = unavailable()
    if why is not None:
        print(f"# bench_bulk: skipped ({why})", file=sys.stderr)
        return
    tool = server_tool()
    work = Path(tempfile.mkdtemp(prefix="jiandu-bench-bulk-"))
    try:
        with EmbeddedStore(work / "demo") as demo:
            write_demo(demo, cases=CASES, seed=12, progress=False)
            export_store(demo, work / "export", progress=False)
        shutil.rmtree(work / "demo")
        source = str(work / "export")

        with tool.Neo4jServer(long_running=True) as server:
            _jiandu("--store", server.uri, "migrate")
            started = time.perf_counter()
            _jiandu("--store", server.uri, "load", "--no-progress", source)
            adapter_seconds = time.perf_counter() - started
            elements = _held(server.uri)
        adapter_rate = elements / adapter_seconds
        load = os.getloadavg()[0]

        started = time.perf_counter()
        made = _jiandu("bulk-files", source, "--output", str(work / "files"), "--json")
        files_done = time.perf_counter()
        store = work / "neo4j"
        store.mkdir()
        tool.import_files(store, json.loads(made.stdout)["arguments"])
        imported = time.perf_counter()
        with tool.Neo4jServer(long_running=True, store=store) as server:
            served = time.perf_counter()
            _jiandu("--store", server.uri, "migrate")
            ended = time.perf_counter()
            if _held(server.uri) != elements:
                raise RuntimeError("the bulk import and the load hold different counts")
        bulk_seconds = ended - started
        print(
            f"# bench_bulk: {CASES:,} cases, {elements:,} elements; jiandu load "
            f"{adapter_seconds:.1f} s; bulk {bulk_seconds:.1f} s (files "
            f"{files_done - started:.1f}, import {imported - files_done:.1f}, server start "
            f"{served - imported:.1f}, migrate {ended - served:.1f}); load average {load:.2f}",
            file=sys.stderr,
        )
        emit("bulk.elements", elements, "elements")
        emit("bulk.elements_per_s", elements / bulk_seconds, "elements/s", adapter_rate)
        emit("bulk.files_s", files_done - started, "s")
        emit("bulk.import_s", imported - files_done, "s")
        emit("bulk.migrate_s", ended - served, "s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
