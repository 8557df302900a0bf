"""The real Neo4j server of ``tools/neo4j`` for the benchmarks (that folder is not a package)."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SERVER_TOOL = ROOT / "tools" / "neo4j" / "neo4j_server.py"
# The million-case runs' server (bench_scale, and the others above 100,000 cases).
HEAP_MIB = int(os.environ.get("JIANDU_BENCH_NEO4J_HEAP_MIB", "4096"))
PAGECACHE_MIB = int(os.environ.get("JIANDU_BENCH_NEO4J_PAGECACHE_MIB", "6144"))


@functools.cache
def server_tool() -> ModuleType:
    """``tools/neo4j/neo4j_server.py``, loaded by path: ``Neo4jServer``, ``java_available``."""
    spec = importlib.util.spec_from_file_location("neo4j_server", SERVER_TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def unavailable() -> str | None:
    """Why a Neo4j benchmark cannot run here (JIANDU_BENCH_NEO4J=0, or no JDK), or None."""
    if os.environ.get("JIANDU_BENCH_NEO4J") == "0":
        return "JIANDU_BENCH_NEO4J=0"
    ok, reason = server_tool().java_available()
    return None if ok else str(reason)


def bulk_filled(export: Path, work: Path, into: Path) -> None:
    """The Neo4j store directory ``into`` (made here, empty) filled from the export
    ``export`` by the bulk path: ``jiandu bulk-files`` into ``work``/files, then
    ``neo4j-admin database import full``."""
    made = subprocess.run(
        [sys.executable, "-m", "jiandu.cli", "bulk-files", str(export),
         "--output", str(work / "files"), "--json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    into.mkdir()
    server_tool().import_files(into, json.loads(made.stdout)["arguments"])


@contextlib.contextmanager
def served_store(store_dir: Path, *, keep: bool, cases: int) -> Iterator[tuple[str, Any]]:
    """A Neo4j server on ``store_dir`` (deleted after unless ``keep``; above 100,000 cases
    with bench_scale's heap and page cache), migrated: its URI and a ``Neo4jStore`` on it,
    closed after."""
    from graph.adapters.neo4j import Neo4jStore

    sized = {"heap_mib": HEAP_MIB, "pagecache_mib": PAGECACHE_MIB} if cases > 100_000 else {}
    with server_tool().Neo4jServer(
        long_running=True, store=store_dir, delete_store=not keep, **sized
    ) as server:
        store = Neo4jStore(server.uri)
        try:
            store.migrate()
            yield server.uri, store
        finally:
            store.close()
