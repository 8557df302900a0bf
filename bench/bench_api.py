"""The GraphQL API under load: requests/s and p50/p99 latency at 16 concurrent clients, one
uvicorn worker, for (a) ``node(id)`` with 5 fields, (b) a 3-level nested query (case →
complaints → targets, 20 per level), (c) a filtered connection page of 50; and, in the same
run, a bare strawberry ``{ hello }`` app with the same server settings (the baseline); and
(a) and (c) once more through strawberry's own ASGI view mounted on the same app in place of
``api/graphql_http.py`` (same schema, store, authentication and context), the figure that
decides whether the hand-written view stays (docs/ARCHITECTURE.md).

Each server runs in its own process; the load comes from keep-alive HTTP/1.1 connections
driven by asyncio in this one, lean enough that the server, not the client, is the limit.
The scenarios take turns over several rounds, so that a machine busy with something else
weighs on all of them alike. ``JIANDU_BENCH_SECONDS`` sets the measuring time per scenario
(default 5). Request logs are off (``JIANDU_LOG_LEVEL=WARNING``): the figures are the API's.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.report import emit, percentile

CLIENTS = 16
SECRET = "bench-secret-" + "b" * 40
WIDE = 20  # cases, complaints per case and targets per complaint of the nested query
CASES = 2_000
ROUNDS = 5


def _store(path: Path) -> None:
    """Cases across Chengdu's districts; the first WIDE of them with WIDE complaints, each
    against the same WIDE officials."""
    from graph.adapters.embedded import EmbeddedStore
    from graph.model.enums import CaseKind, RelType
    from graph.model.records import Node, Rel, rel_id
    from graph.store import Batch

    kinds = [k.name for k in CaseKind]
    nodes: list[Node] = []
    rels: list[Rel] = []
    officials = [f"official:{t:02d}" for t in range(WIDE)]
    nodes += [
        Node(
            _kind("Official"),
            o,
            {"name": f"官员{o[-2:]}", "role": "JUDICIAL", "region_code": "510104"},
        )
        for o in officials
    ]
    for c in range(CASES):
        case = f"case:{c:05d}"
        region = ("510104", "510105", "510106", "510107")[c % 4]
        nodes.append(
            Node(
                _kind("Case"),
                case,
                {
                    "case_number": f"(2021)川01{c % 4}民初{c}号",
                    "cause": "合同纠纷",
                    "kind": kinds[c % len(kinds)],
                    "stage": "TRIAL",
                    "region_code": region,
                    "filed_on": f"2021-{1 + c % 12:02d}-{1 + c % 28:02d}",
                    "private_enterprise": c % 3 == 0,
                },
            )
        )
        if c >= WIDE:
            continue
        for k in range(WIDE):
            complaint = f"complaint:{c:05d}-{k:02d}"
            nodes.append(
                Node(
                    _kind("Complaint"),
                    complaint,
                    {
                        "number": f"XF-{c}-{k}",
                        "channel": "LETTER",
                        "status": "REGISTERED",
                        "received_on": "2021-04",
                        "region_code": region,
                    },
                )
            )
            pairs = [(RelType.CONCERNS, complaint, case)]
            pairs += [(RelType.AGAINST, complaint, o) for o in officials]
            rels += [Rel(t, rel_id(t, s, e), s, e, {}) for t, s, e in pairs]
    with EmbeddedStore(path) as store:
        store.write(Batch(nodes=nodes, rels=rels))


def _kind(name: str) -> Any:
    from graph.model.enums import NodeKind

    return NodeKind[name]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server(
    args: Sequence[str], env: dict[str, str], module: str = "bench.bench_api"
) -> Iterator[int]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", module, *args, str(port)],
        env={**os.environ, **env},
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"the server {args[0]} did not start") from None
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _request(port: int, body: dict[str, Any], token: str | None) -> bytes:
    payload = json.dumps(body, ensure_ascii=False).encode()
    head = [
        "POST /graphql HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        "Accept: application/graphql-response+json",
        f"Content-Length: {len(payload)}",
    ]
    if token:
        head.append(f"Authorization: Bearer {token}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + payload


async def _client(
    port: int, requests: list[bytes], until: float, start_at: int, latencies: list[float]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = start_at
    try:
        while time.perf_counter() < until:
            sent = time.perf_counter()
            writer.write(requests[i % len(requests)])
            i += 1
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            body = await reader.readexactly(length)
            if status != 200 or b'"errors"' in body:
                raise RuntimeError(f"bad answer {status}: {body[:300]!r}")
            latencies.append(time.perf_counter() - sent)
    finally:
        writer.close()


async def _load(port: int, requests: list[bytes], seconds: float, latencies: list[float]) -> float:
    """Load for ``seconds``; the time it took (latencies appended)."""
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(
        *(_client(port, requests, until, i * 7, latencies) for i in range(CLIENTS))
    )
    return time.perf_counter() - started


def _measure(
    scenarios: dict[str, tuple[int, list[bytes]]], seconds: float
) -> dict[str, tuple[float, float, float]]:
    """Requests/s, p50 and p99 (ms) of each scenario, measured in turns over ROUNDS rounds so
    that a machine busy with something else weighs on all of them alike."""
    latencies: dict[str, list[float]] = {name: [] for name in scenarios}
    took = dict.fromkeys(scenarios, 0.0)
    for port, requests in scenarios.values():
        asyncio.run(_load(port, requests, 1.0, []))
    for _ in range(ROUNDS):
        for name, (port, requests) in scenarios.items():
            took[name] += asyncio.run(_load(port, requests, seconds / ROUNDS, latencies[name]))
    return {
        name: (
            len(found) / took[name],
            percentile(found, 50) * 1000,
            percentile(found, 99) * 1000,
        )
        for name, found in latencies.items()
    }


NODE = "query($id: ID!) { node(id: $id) { id ... on Case { caseNumber cause kind stage } } }"
NESTED = """query { cases(first: 20, orderBy: {field: ID}) { nodes { caseNumber
  complaints(first: 20) { number againstOfficials(first: 20) { name } } } } }"""
PAGE = """query($after: String) { cases(first: 50, after: $after,
  filter: {region: "510100", privateEnterprise: true, filedOn: {from: "2021-02", to: "2021-11"}},
  orderBy: {field: FILED_ON, direction: DESC}) {
  totalCount edges { cursor node { id caseNumber cause filedOn kindLabel } } } }"""


def main() -> None:
    from api.auth import create_token
    from schema.generic.ids import to_global

    seconds = float(os.environ.get("JIANDU_BENCH_SECONDS", "5"))
    token = create_token(
        role="investigator", region=None, subject="bench", secret=SECRET, ttl_hours=2
    )
    env = {"JIANDU_JWT_SECRET": SECRET, "JIANDU_LOG_LEVEL": "WARNING"}
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        _store(store)
        # The embedded store has one writer: the second app serves a copy of it.
        copy = Path(tmp) / "copy"
        shutil.copytree(store, copy)
        with (
            _server(["serve-bare"], {}) as bare,
            _server(["serve-jiandu", str(store)], env) as api,
            _server(["serve-strawberry-view", str(copy)], env) as view,
        ):

            def nodes(port: int) -> list[bytes]:
                return [
                    _request(
                        port,
                        {"query": NODE, "variables": {"id": to_global("Case", f"case:{c:05d}")}},
                        token,
                    )
                    for c in range(200)
                ]

            results = _measure(
                {
                    "hello_bare": (bare, [_request(bare, {"query": "{ hello }"}, None)]),
                    "node_by_id": (api, nodes(api)),
                    "nested_3_levels": (api, [_request(api, {"query": NESTED}, token)]),
                    "filtered_page_50": (api, [_request(api, {"query": PAGE}, token)]),
                    "node_by_id_strawberry_view": (view, nodes(view)),
                    "filtered_page_50_strawberry_view": (
                        view,
                        [_request(view, {"query": PAGE}, token)],
                    ),
                },
                seconds,
            )
    # Our HTTP view against strawberry's own on the same app (ratio above 1: ours is faster).
    for name in ("node_by_id", "filtered_page_50"):
        theirs = results.pop(f"{name}_strawberry_view")
        emit(f"api.http_view.{name}.rps", results[name][0], "req/s", theirs[0])
        emit(f"api.http_view.{name}.p99", results[name][2], "ms", theirs[2])
    baseline = results.pop("hello_bare")
    emit("api.hello_bare.rps", baseline[0], "req/s")
    emit("api.hello_bare.p50", baseline[1], "ms")
    emit("api.hello_bare.p99", baseline[2], "ms")
    for name, (rps, p50, p99) in results.items():
        emit(f"api.{name}.rps", rps, "req/s", baseline[0])
        emit(f"api.{name}.p50", p50, "ms", baseline[1])
        emit(f"api.{name}.p99", p99, "ms", baseline[2])


def _serve(app: Any, port: int) -> None:
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, ws="none")


def _bare_app() -> Any:
    import strawberry
    from strawberry.asgi import GraphQL
    from strawberry.extensions import ParserCache, ValidationCache

    @strawberry.type
    class Query:
        @strawberry.field
        def hello(self) -> str:
            return "world"

    schema = strawberry.Schema(
        Query, extensions=[lambda: ParserCache(maxsize=256), lambda: ValidationCache(maxsize=256)]
    )
    return GraphQL(schema)


def _jiandu_app(path: str) -> Any:
    from api.app import create_app
    from api.settings import Settings
    from graph.adapters.embedded import EmbeddedStore

    return create_app(EmbeddedStore(path), Settings.from_env())


def _strawberry_view_app(path: str) -> Any:
    """The same app with strawberry's own ASGI view at /graphql in place of
    ``api/graphql_http.py``: the same schema, store, middleware, authentication and context
    (``GraphQLEndpoint.caller``), so that the two views are all that differs."""
    from starlette.routing import Route
    from strawberry.asgi import GraphQL

    app = _jiandu_app(path)
    endpoint = app.state.graphql

    class View(GraphQL):
        async def get_context(self, request: Any, response: Any) -> Any:
            return endpoint.caller(request)

    app.router.routes.insert(0, Route("/graphql", View(endpoint.schema, graphql_ide=None)))
    return app


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "serve-bare":
        _serve(_bare_app(), int(sys.argv[2]))
    elif command == "serve-jiandu":
        _serve(_jiandu_app(sys.argv[2]), int(sys.argv[3]))
    elif command == "serve-strawberry-view":
        _serve(_strawberry_view_app(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
