"""Embedded store at the demo's 100,000-case scale: load rate, memory, disk, traversal.

Baselines, measured in the same run on the same elements: a bare networkx MultiDiGraph built
from the same ids (load, memory), and bare networkx BFS calls on that store's own graph
(3-hop: the node set by BFS, and nx.ego_graph for the subgraph with its edges;
shortest path: nx.shortest_path).
"""

from __future__ import annotations

import gc
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import networkx as nx

from bench.report import emit, percentile
from graph.adapters.embedded import DB_FILE, EmbeddedStore
from loaders.demo.generator import generate

CASES = int(os.environ.get("JIANDU_BENCH_CASES", "100000"))
PAIRS = int(os.environ.get("JIANDU_BENCH_PAIRS", "1000"))


def _timed(fn: object, samples: list[float]) -> object:
    t0 = time.perf_counter()
    out = fn()  # type: ignore[operator]
    samples.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    batches = list(generate(cases=CASES))
    n_nodes = sum(len(b.nodes) for b in batches)
    n_rels = sum(len(b.rels) for b in batches)
    elements = n_nodes + n_rels
    gc.collect()

    t0 = time.perf_counter()
    bare: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for batch in batches:
        bare.add_nodes_from(n.id for n in batch.nodes)
        for r in batch.rels:
            bare.add_edge(r.start, r.end, key=r.id)
    bare_rate = elements / (time.perf_counter() - t0)
    del bare
    gc.collect()

    tmp = Path(tempfile.mkdtemp(prefix="jiandu-bench-"))
    try:
        store = EmbeddedStore(tmp)
        t0 = time.perf_counter()
        for batch in batches:
            store.write(batch)
        rate = elements / (time.perf_counter() - t0)
        store.close()
        emit("embedded.load.elements_per_s", rate, "elements/s", bare_rate)
        emit(
            "embedded.load.peak_rss",
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "MiB",
        )
        del batches
        gc.collect()

        disk = sum(p.stat().st_size for p in tmp.iterdir() if p.name.startswith(DB_FILE))
        emit("embedded.disk.bytes_per_element", disk / elements, "bytes")
        emit("embedded.disk.bytes_per_relationship", disk / n_rels, "bytes")

        t0 = time.perf_counter()
        store = EmbeddedStore(tmp, read_only=True)
        opened = time.perf_counter() - t0
        store.close()
        tracemalloc.start()
        store = EmbeddedStore(tmp)
        held = tracemalloc.get_traced_memory()[0]
        g = store.networkx()
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        ids_only: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        ids_only.add_nodes_from(g.nodes)
        for u, v, k in g.edges(keys=True):
            ids_only.add_edge(u, v, key=k)
        bare_held = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        del ids_only
        gc.collect()
        emit("embedded.open.seconds", opened, "s")
        emit("embedded.memory.bytes_per_relationship", held / n_rels, "bytes", bare_held / n_rels)

        rng = random.Random(7)
        ids = sorted(g.nodes)
        seeds = [rng.choice(ids) for _ in range(PAIRS)]
        undirected = g.to_undirected(as_view=True)
        ours: list[float] = []
        base: list[float] = []
        ego: list[float] = []
        for s in seeds:
            _timed(lambda s=s: store.expand([s], depth=3), ours)
            _timed(lambda s=s: nx.single_source_shortest_path_length(undirected, s, cutoff=3), base)
            _timed(lambda s=s: nx.ego_graph(undirected, s, radius=3), ego)
        for p in (50, 99):
            emit(f"embedded.expand3.p{p}", percentile(ours, p), "ms", percentile(base, p))
            emit(
                f"embedded.expand3_vs_ego_graph.p{p}", percentile(ours, p), "ms", percentile(ego, p)
            )

        pairs = [(rng.choice(ids), rng.choice(ids)) for _ in range(PAIRS)]
        ours, base = [], []
        for a, b in pairs:
            _timed(lambda a=a, b=b: store.shortest_paths(a, b, max_length=12, limit=1), ours)
            _timed(lambda a=a, b=b: _bare_path(undirected, a, b), base)
        for p in (50, 99):
            emit(f"embedded.shortest_path.p{p}", percentile(ours, p), "ms", percentile(base, p))
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _bare_path(g: nx.Graph[str], a: str, b: str) -> list[str] | None:
    try:
        path: list[str] = nx.shortest_path(g, a, b)
    except nx.NetworkXNoPath:
        return None
    return path


if __name__ == "__main__":
    main()
    sys.exit(0)
