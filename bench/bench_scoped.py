"""The explorer for a scoped caller (issue 12: "scoped walks push the jurisdiction condition
into the store query instead of walking level by level"), in process, on both stores.

A Chengdu investigator's depth-2 neighbourhood (limit 500) of random centres it may see
(cases, officials and agencies in turn), through the use case
(``workflows.explore.walks.neighbourhood``): the store's own ``expand`` under
``Access.walk_conditions``, one query. Baseline, in the same run and on the same centres: the
walk that answered scoped callers before, each level read with ``neighbours`` and every node
judged with ``Access.can_see`` (``tests/worlds/visible_walks.py``, the tests' oracle). Each
answer is checked equal to the baseline's.

``JIANDU_BENCH_CASES`` (default 20,000) sizes the demo made for the run;
``JIANDU_BENCH_STORE`` and ``JIANDU_BENCH_NEO4J_STORE`` measure stores made before instead
(as ``bench_detectors``), kept. ``JIANDU_BENCH_PROBES`` centres (default 100) after 10 for
warm-up. ``JIANDU_BENCH_EMBEDDED=0`` or ``JIANDU_BENCH_NEO4J=0`` measures one store.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.neo4j_tool import bulk_filled, served_store, unavailable
from bench.report import emit, percentile
from graph.adapters.embedded import EmbeddedStore
from graph.model.enums import NodeKind
from graph.model.records import Node
from graph.store import GraphStore, Op, Subgraph, Where
from loaders.demo.generator import write_demo
from loaders.export import export_store
from tests.worlds.visible_walks import Hops, visible_expand
from workflows.access import Access, Principal, Role, SharedItems
from workflows.explore.walks import neighbourhood
from workflows.usecase import call

CASES = int(os.environ.get("JIANDU_BENCH_CASES", "20000"))
PROBES = int(os.environ.get("JIANDU_BENCH_PROBES", "100"))
WARMUP = 10
SEED = 7
CITY = "510100"
DEPTH, LIMIT = 2, 500


def _centres(store: GraphStore) -> list[str]:
    """Cases, officials and agencies of the city, in turn (a seeded sample of the first
    200,000 of each by id)."""
    rng = random.Random(SEED)
    city = [Where("region_code", Op.PREFIX, CITY[:4])]
    pools = [sorted(store.node_values(k, city, []))[:200_000] for k in
             (NodeKind.Case, NodeKind.Official, NodeKind.Agency)]  # fmt: skip
    return [rng.choice(pools[i % 3]) for i in range(WARMUP + PROBES)]


def _timed(ask: Callable[[], Subgraph]) -> tuple[float, Subgraph]:
    started = time.perf_counter()
    found = ask()
    return (time.perf_counter() - started) * 1000, found


def _measure(store: GraphStore, backend: str) -> None:
    principal = Principal("bench", Role.INVESTIGATOR, CITY)
    access = Access(principal, SharedItems(store))
    hops = Hops(None, None, None)
    walked: list[float] = []
    levels: list[float] = []
    sizes: list[int] = []
    for i, centre in enumerate(_centres(store)):
        node = store.get_nodes([centre])[centre]

        def mine(centre: str = centre) -> Subgraph:
            return call(
                neighbourhood, store=store, access=access, id_=centre, depth=DEPTH, limit=LIMIT
            )

        def before(node: Node = node) -> Subgraph:
            return visible_expand(store, access, node, DEPTH, hops, LIMIT)

        first, second = (mine, before) if i % 2 else (before, mine)
        took_a, a = _timed(first)
        took_b, b = _timed(second)
        if a != b:
            raise RuntimeError(f"{backend}: the walks differ around {centre}")
        if i >= WARMUP:
            new, old = (took_a, took_b) if first is mine else (took_b, took_a)
            walked.append(new)
            levels.append(old)
            sizes.append(len(a.nodes))
    for p in (50, 99):
        emit(
            f"scoped.{backend}.neighbourhood_d2.p{p}",
            percentile(walked, p),
            "ms",
            percentile(levels, p),
        )
    print(
        f"# bench_scoped: {backend}: {len(walked)} centres of {CITY}, {sum(sizes) / len(sizes):.0f}"
        f" nodes on average, level by level p50/p99 {percentile(levels, 50):.1f}/"
        f"{percentile(levels, 99):.1f} ms; load average {os.getloadavg()[0]:.2f}",
        file=sys.stderr,
        flush=True,
    )


def main() -> None:
    given, given_neo4j = (
        os.environ.get("JIANDU_BENCH_STORE"),
        os.environ.get("JIANDU_BENCH_NEO4J_STORE"),
    )
    for name, path in (("JIANDU_BENCH_STORE", given), ("JIANDU_BENCH_NEO4J_STORE", given_neo4j)):
        if path and not Path(path).is_dir():
            raise SystemExit(f"{name}={path}: no such store")
    work = Path(tempfile.mkdtemp(prefix="jiandu-bench-scoped-"))
    try:
        embedded = Path(given) if given else work / "store"
        opened = EmbeddedStore(embedded, read_only=True) if given else EmbeddedStore(embedded)
        with opened as store:
            if not given:
                write_demo(store, cases=CASES, progress=False)
                if not given_neo4j:
                    export_store(store, work / "export", progress=False)
            if os.environ.get("JIANDU_BENCH_EMBEDDED") != "0":
                _measure(store, "embedded")
        why = unavailable()
        if why is not None:
            print(f"# bench_scoped: Neo4j skipped ({why})", file=sys.stderr)
            return
        neo4j_dir = Path(given_neo4j) if given_neo4j else work / "neo4j"
        if not given_neo4j:
            export = work / "export"
            if given:  # a given embedded store, no Neo4j store: export it for the bulk path
                with EmbeddedStore(embedded, read_only=True) as store:
                    export_store(store, export, progress=False)
            bulk_filled(export, work, neo4j_dir)
        with served_store(neo4j_dir, keep=bool(given_neo4j), cases=CASES) as (_, neo4j):
            _measure(neo4j, "neo4j")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
