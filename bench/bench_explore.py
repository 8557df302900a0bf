"""Exploration over HTTP (issue 7): ``neighbourhood`` at depth 2 and 3 with limit 500, and
``paths`` (maxLength 6) between two nodes, p50/p99 on both backends. Aim: p99 under 50 ms on
the embedded store at depth 2.

The demo dataset (``loaders.demo``) at 200,000 cases has 1,032,438 relationships and 463,989
nodes (default seed; relationships grow by ~5.07 a case from 5,000 cases on, so 200,000 is
the round figure above the issue's 1,000,000). JIANDU_BENCH_EXPLORE_CASES sets the number of
cases; without it JIANDU_BENCH_QUICK=1 takes 5,000 (a minute in all, no 1,000,000 figure).
It is written into an embedded store and, through the adapter, into a fresh Neo4j server
(tools/neo4j; JIANDU_BENCH_NEO4J=0 skips it); each is served by ``jiandu serve`` on a loopback
port with authentication on, and asked as an unscoped investigator over one keep-alive
connection, one request at a time, with the documents the explorer page sends
(web/explore/queries.js).

Centres: JIANDU_BENCH_PROBES (default 300, after 20 for warm-up) drawn with a fixed seed,
cases, officials and agencies in turn; each path goes from one centre to another drawn from
the same sample. Baseline of every HTTP figure: ``{ node(id) { id } }`` of the same centre
on the same server and connection (HTTP, token check, GraphQL parse and one point read: the
floor under any request). The requests of one centre take turns going first.

In-process on the embedded store, the depth-2 neighbourhood layer by layer, each against the
one under it: the GraphQL execution of the same document (no HTTP) against the use case
(``workflows.explore.walks.neighbourhood`` through the runner, with its checks), the use case
against the store's ``expand``; with the HTTP figure they show where the time goes.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.auth import create_token
from bench.bench_api import SECRET
from bench.neo4j_tool import server_tool, unavailable
from bench.report import emit, percentile
from bench.served import Client, served
from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.model.enums import NodeKind
from graph.store import GraphStore
from loaders.demo.generator import generate
from schema import build
from schema.context import Context
from schema.generic.ids import to_global
from schema.limits import Limits
from workflows.access import Access, Principal, Role, SharedItems
from workflows.explore import walks
from workflows.usecase import call

FULL_CASES = 200_000
QUICK_CASES = 5_000
CASES = int(
    os.environ.get("JIANDU_BENCH_EXPLORE_CASES")
    or (QUICK_CASES if os.environ.get("JIANDU_BENCH_QUICK") == "1" else FULL_CASES)
)
PROBES = int(os.environ.get("JIANDU_BENCH_PROBES", "300"))
WARMUP = 20
SEED = 7
LIMIT = 500
MAX_LENGTH = 6
CENTRES = (NodeKind.Case, NodeKind.Official, NodeKind.Agency)
# Opening a store of 1.5 million elements reads them all into memory first.
START_TIMEOUT = 1800.0

BRIEF = "fragment Brief on Node { id caption nodeKind nodeKindLabel }"
EDGE = """fragment Edge on Relationship {
  id type typeLabel validFrom validTo source recordedBy recordedAt from { id } to { id } }"""
SUBGRAPH = "nodes { ...Brief } relationships { ...Edge }"
FLOOR = "query Floor($id: ID!) { node(id: $id) { id } }"
NEIGHBOURHOOD = f"""query Neighbourhood($id: ID!, $depth: Int, $limit: Int) {{
  neighbourhood(id: $id, depth: $depth, limit: $limit) {{ {SUBGRAPH} truncated }}
}} {BRIEF} {EDGE}"""
PATHS = f"""query Paths($from: ID!, $to: ID!, $maxLength: Int) {{
  paths(from: $from, to: $to, maxLength: $maxLength, limit: 5) {{
    outcome length paths {{ {SUBGRAPH} }} }}
}} {BRIEF} {EDGE}"""


Centre = tuple[NodeKind, str]


@dataclass
class Dataset:
    """What was written: counts, and the ids of the kinds a centre is drawn from."""

    nodes: int = 0
    rels: int = 0
    ids: dict[NodeKind, list[str]] = field(default_factory=lambda: {k: [] for k in CENTRES})

    def centres(self) -> list[Centre]:
        rng = random.Random(SEED)
        kinds = [CENTRES[i % len(CENTRES)] for i in range(WARMUP + PROBES)]
        return [(k, rng.choice(self.ids[k])) for k in kinds]


def _fill(store: GraphStore, backend: str) -> Dataset:
    """The demo dataset written batch by batch, as ``jiandu demo`` writes it; the load rate
    and the relationships the store then holds."""
    found = Dataset()
    started = time.perf_counter()
    for batch in generate(cases=CASES):
        store.write(batch)
        found.nodes += len(batch.nodes)
        found.rels += len(batch.rels)
        for n in batch.nodes:
            if n.kind in found.ids:
                found.ids[n.kind].append(n.id)
    rate = (found.nodes + found.rels) / (time.perf_counter() - started)
    emit(f"explore.{backend}.load.elements_per_s", rate, "elements/s")
    held = sum(store.counts().rels.values())
    if held != found.rels:
        raise RuntimeError(f"{backend}: {held} relationships stored of {found.rels} written")
    emit(f"explore.{backend}.dataset.relationships", held, "relationships")
    return found


def _gid(centre: Centre) -> str:
    return to_global(centre[0].name, centre[1])


def _requests(client: Client, centres: Sequence[Centre]) -> dict[str, list[bytes]]:
    """Each scenario's request for each centre, in the same order."""
    ends = random.Random(SEED + 1).sample(list(centres), len(centres))

    def around(depth: int) -> list[bytes]:
        return [
            client.encode(NEIGHBOURHOOD, {"id": _gid(c), "depth": depth, "limit": LIMIT})
            for c in centres
        ]

    return {
        "floor": [client.encode(FLOOR, {"id": _gid(c)}) for c in centres],
        "neighbourhood_d2": around(2),
        "neighbourhood_d3": around(3),
        "paths": [
            client.encode(PATHS, {"from": _gid(a), "to": _gid(b), "maxLength": MAX_LENGTH})
            for a, b in zip(centres, ends, strict=True)
        ],
    }


def _answer_nodes(data: dict[str, Any]) -> int:
    if "neighbourhood" in data:
        return len(data["neighbourhood"]["nodes"])
    if "paths" in data:
        return sum(len(p["nodes"]) for p in data["paths"]["paths"])
    return 1


def _over_http(backend: str, port: int, centres: Sequence[Centre]) -> None:
    token = create_token(
        role="investigator", region=None, subject="bench", secret=SECRET, ttl_hours=2
    )
    client = Client(port, token)
    try:
        scenarios = _requests(client, centres)
        ms: dict[str, list[float]] = {name: [] for name in scenarios}
        sizes: dict[str, list[int]] = {name: [] for name in scenarios}
        names = list(scenarios)
        for i in range(len(centres)):
            turn = i % len(names)
            for name in names[turn:] + names[:turn]:
                took, data = client.timed(scenarios[name][i])
                if i >= WARMUP:
                    ms[name].append(took * 1000)
                    sizes[name].append(_answer_nodes(data))
    finally:
        client.close()
    floor = ms.pop("floor")
    for p in (50, 99):
        emit(f"explore.{backend}.floor_node_id.p{p}", percentile(floor, p), "ms")
    for name, samples in ms.items():
        for p in (50, 99):
            emit(
                f"explore.{backend}.{name}.p{p}", percentile(samples, p), "ms", percentile(floor, p)
            )
        emit(f"explore.{backend}.{name}.nodes_mean", sum(sizes[name]) / len(sizes[name]), "nodes")


async def _layers(store: GraphStore, centres: Sequence[Centre]) -> dict[str, list[float]]:
    """Milliseconds of the depth-2 neighbourhood at each layer under HTTP, in turns."""
    schema, limits = build(), Limits()
    principal, shared = Principal("bench", Role.INVESTIGATOR), SharedItems(store)

    async def graphql(centre: Centre) -> None:
        context = Context(store=store, access=Access(principal, shared), limits=limits)
        variables = {"id": _gid(centre), "depth": 2, "limit": LIMIT}
        found = await schema.execute(NEIGHBOURHOOD, variables, context)
        if found.errors:
            raise RuntimeError(f"neighbourhood of {centre[1]}: {found.errors}")

    async def use_case(centre: Centre) -> None:
        access = Access(principal, shared)
        call(walks.neighbourhood, store=store, access=access, id_=centre[1], depth=2, limit=LIMIT)

    async def expand(centre: Centre) -> None:
        store.expand([centre[1]], depth=2, limit=LIMIT)

    calls: dict[str, Callable[[Centre], Awaitable[None]]] = {
        "graphql": graphql,
        "use_case": use_case,
        "expand": expand,
    }
    ms: dict[str, list[float]] = {name: [] for name in calls}
    names = list(calls)
    for i, centre in enumerate(centres):
        turn = i % len(names)
        for name in names[turn:] + names[:turn]:
            started = time.perf_counter()
            await calls[name](centre)
            if i >= WARMUP:
                ms[name].append((time.perf_counter() - started) * 1000)
    return ms


def _in_process(store: GraphStore, centres: Sequence[Centre]) -> None:
    """Each layer against the one under it: GraphQL execution of the page's document (no
    HTTP) against the use case, the use case against the store's ``expand``."""
    ms = asyncio.run(_layers(store, centres))
    for layer, under in (("graphql", "use_case"), ("use_case", "expand")):
        for p in (50, 99):
            emit(
                f"explore.embedded.neighbourhood_d2.in_process_{layer}.p{p}",
                percentile(ms[layer], p),
                "ms",
                percentile(ms[under], p),
            )


def _bench(backend: str, store_url: str, centres: Sequence[Centre]) -> None:
    env = {"JIANDU_JWT_SECRET": SECRET, "JIANDU_LOG_LEVEL": "WARNING", "JIANDU_AUTH": "on"}
    started = time.perf_counter()
    with served(store_url, env, START_TIMEOUT) as port:
        print(
            f"# bench_explore: {backend} served after {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        _over_http(backend, port, centres)


def on_embedded() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="jiandu-bench-explore-"))
    try:
        with EmbeddedStore(tmp) as store:
            centres = _fill(store, "embedded").centres()
            _in_process(store, centres)
        _bench("embedded", str(tmp), centres)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def on_neo4j() -> None:
    why = unavailable()
    if why is not None:
        print(f"# bench_explore: Neo4j skipped ({why})", file=sys.stderr)
        return
    with server_tool().Neo4jServer() as server:
        with Neo4jStore(server.uri) as store:
            centres = _fill(store, "neo4j").centres()
        _bench("neo4j", server.uri, centres)


def main() -> None:
    print(f"# bench_explore: {CASES:,} cases", file=sys.stderr)
    if os.environ.get("JIANDU_BENCH_EMBEDDED") != "0":
        on_embedded()
    on_neo4j()


if __name__ == "__main__":
    main()
