"""The Neo4j adapter against the bare driver, and both backends on the same reads.

Loading: the demo dataset (JIANDU_BENCH_CASES cases, default 5,000; the issue's figure is at
100,000) written as ``jiandu load`` writes it, nodes then relationships in chunks of
``loaders.importer.BATCH``, into a fresh Neo4j server through ``Neo4jStore.write``; the
baseline, in the same run, loads the same chunks into another fresh server with the bare
driver (``bench.bare_neo4j``). Rates: elements (nodes + relationships) per second over the
whole load, and nodes or relationships per second over each phase.

Reading, on the store the adapter loaded and on an embedded store loaded with the same data:
a point read (``get_nodes`` of one id) and a 3-hop neighbourhood (``expand`` at depth 3 cut
at JIANDU_BENCH_EXPAND_LIMIT nodes, default 500), from JIANDU_BENCH_PROBES random nodes
(default 500) after a warm-up. Baselines: the bare driver's own Cypher for Neo4j, bare
networkx for the embedded store (a MultiDiGraph of the same nodes, with their properties, and
relationship ids). Adapter and baseline take turns going first, so neither always finds the
pages the other has just read; the answers to the first probes are compared, so both measure
the same read. JIANDU_BENCH_NEO4J=0 skips Neo4j.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
from neo4j import GraphDatabase

from bench import bare_neo4j
from bench.neo4j_tool import server_tool, unavailable
from bench.report import emit, percentile
from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.model.records import Node, Rel
from graph.store import Batch, GraphStore
from loaders.demo.generator import generate
from loaders.importer import BATCH, collector_paused
from loaders.plan import chunks

CASES = int(os.environ.get("JIANDU_BENCH_CASES", "5000"))
PROBES = int(os.environ.get("JIANDU_BENCH_PROBES", "500"))
LIMIT = int(os.environ.get("JIANDU_BENCH_EXPAND_LIMIT", "500"))
WARMUP = 30
CHECKED = 20  # probes whose answers are compared between adapter and baseline
DEPTH = 3

Read = Callable[[str], Any]


class Loaded(NamedTuple):
    """Rates per second: nodes while loading nodes, relationships while loading those, and
    elements (both) over the whole load."""

    nodes: float
    rels: float
    elements: float


def _load(
    nodes: Sequence[Node],
    rels: Sequence[Rel],
    write_nodes: Callable[[Sequence[Node]], object],
    write_rels: Callable[[Sequence[Rel]], object],
) -> Loaded:
    # As ``jiandu load`` writes: the collector paused (both loads alike).
    with collector_paused():
        started = time.perf_counter()
        for part in chunks(nodes, BATCH):
            write_nodes(part)
        middle = time.perf_counter()
        for rels_part in chunks(rels, BATCH):
            write_rels(rels_part)
        ended = time.perf_counter()
    return Loaded(
        len(nodes) / (middle - started),
        len(rels) / (ended - middle),
        (len(nodes) + len(rels)) / (ended - started),
    )


def _load_with_adapter(store: GraphStore, nodes: Sequence[Node], rels: Sequence[Rel]) -> Loaded:
    return _load(
        nodes,
        rels,
        lambda part: store.write(Batch(nodes=part)),
        lambda part: store.write(Batch(rels=part)),
    )


def _compare(
    backend: str, name: str, seeds: Sequence[str], ours: Read, base: Read, same: Callable[..., bool]
) -> None:
    """Latency percentiles of ``ours`` against ``base`` over ``seeds``, after a warm-up."""
    for s in seeds[:WARMUP]:
        ours(s)
        base(s)
    ours_ms: list[float] = []
    base_ms: list[float] = []
    for i, s in enumerate(seeds[WARMUP:]):
        turns = [(ours, ours_ms), (base, base_ms)]
        answers = {}
        for read, samples in turns if i % 2 == 0 else turns[::-1]:
            started = time.perf_counter()
            answers[read] = read(s)
            samples.append((time.perf_counter() - started) * 1000)
        if i < CHECKED and not same(answers[ours], answers[base]):
            raise RuntimeError(f"{backend} {name} from {s}: the adapter and baseline differ")
    for p in (50, 99):
        emit(f"{backend}.{name}.p{p}", percentile(ours_ms, p), "ms", percentile(base_ms, p))


def _same_subgraph(ours: Any, base: tuple[list[str], set[str]]) -> bool:
    return ([n.id for n in ours.nodes], {r.id for r in ours.rels}) == base


def _reads(backend: str, store: GraphStore, seeds: Sequence[str], point: Read, hop3: Read) -> None:
    _compare(
        backend,
        "point_read",
        seeds,
        lambda s: store.get_nodes([s]),
        point,
        lambda ours, base: next(iter(ours.values())).props.items() <= base.items(),
    )
    _compare(
        backend,
        "expand3_limited",
        seeds,
        lambda s: store.expand([s], depth=DEPTH, limit=LIMIT),
        hop3,
        _same_subgraph,
    )


def _bare_expand(g: nx.MultiGraph[str], seed: str) -> tuple[list[str], set[str]]:
    """The port's expand with networkx alone: BFS distances, the cut, the edges kept."""
    dist = nx.single_source_shortest_path_length(g, seed, cutoff=DEPTH)
    kept = sorted(dist, key=lambda v: (dist[v], v))[:LIMIT]
    keep = set(kept)
    adj = g.adj
    rels = {
        k
        for u in kept
        if dist[u] < DEPTH
        for v, keyed in adj[u].items()
        if v in keep
        for k in keyed
    }
    return kept, rels


def on_neo4j(nodes: Sequence[Node], rels: Sequence[Rel], seeds: Sequence[str]) -> None:
    tool = server_tool()
    with (
        tool.Neo4jServer(long_running=True) as server,
        GraphDatabase.driver(server.uri, auth=server.auth) as driver,
    ):
        bare_neo4j.migrate(driver)
        bare = _load(
            nodes,
            rels,
            lambda part: bare_neo4j.write_nodes(driver, part),
            lambda part: bare_neo4j.write_rels(driver, part),
        )
        if bare_neo4j.count(driver) != (len(nodes), len(rels)):
            raise RuntimeError("the bare-driver load stored a different number of elements")
    with (
        tool.Neo4jServer(long_running=True) as server,
        Neo4jStore(server.uri) as store,
        GraphDatabase.driver(server.uri, auth=server.auth) as driver,
    ):
        ours = _load_with_adapter(store, nodes, rels)
        counts = store.counts()
        if (sum(counts.nodes.values()), sum(counts.rels.values())) != (len(nodes), len(rels)):
            raise RuntimeError("the adapter stored a different number of elements")
        emit("neo4j.load.elements", len(nodes) + len(rels), "elements")
        emit("neo4j.load.elements_per_s", ours.elements, "elements/s", bare.elements)
        emit("neo4j.load.nodes_per_s", ours.nodes, "nodes/s", bare.nodes)
        emit("neo4j.load.rels_per_s", ours.rels, "relationships/s", bare.rels)
        _reads(
            "neo4j",
            store,
            seeds,
            lambda s: bare_neo4j.point_read(driver, s),
            lambda s: bare_neo4j.expand3(driver, s, LIMIT),
        )


def on_embedded(nodes: Sequence[Node], rels: Sequence[Rel], seeds: Sequence[str]) -> None:
    bare: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    bare.add_nodes_from((n.id, n.props) for n in nodes)
    for r in rels:
        bare.add_edge(r.start, r.end, key=r.id)
    undirected = bare.to_undirected(as_view=True)
    tmp = Path(tempfile.mkdtemp(prefix="jiandu-bench-neo4j-"))
    try:
        with EmbeddedStore(tmp) as store:
            _load_with_adapter(store, nodes, rels)
            _reads(
                "embedded",
                store,
                seeds,
                lambda s: bare.nodes[s],
                lambda s: _bare_expand(undirected, s),
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    batches = list(generate(cases=CASES))
    nodes = [n for b in batches for n in b.nodes]
    rels = [r for b in batches for r in b.rels]
    del batches
    rng = random.Random(7)
    seeds = [rng.choice(nodes).id for _ in range(WARMUP + PROBES)]
    why = unavailable()
    if why is None:
        on_neo4j(nodes, rels, seeds)
    else:
        print(f"# bench_neo4j: Neo4j skipped ({why})", file=sys.stderr)
    on_embedded(nodes, rels, seeds)


if __name__ == "__main__":
    main()
