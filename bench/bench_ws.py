"""Subscriptions over WebSocket (graphql-transport-ws): ``api/graphql_ws.py`` against
strawberry's own protocol handler on the same app, schema, store, authentication and context
(issue 15: the figure that decides whether the hand-written handler stays).

A cycle is what a front end does when it opens a live view: connect, ``connection_init`` with
its token, ``subscribe`` to ``deadlineAlerts``, receive the first ``next``, ``complete``,
close. 16 clients run cycles back to back; the two servers take turns over several rounds so
that a busy machine weighs on both alike. ``JIANDU_BENCH_SECONDS`` sets the measuring time
per server (default 5). Prints cycles/s and p50/p99 per cycle, strawberry's as the baseline.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_api import CLIENTS, ROUNDS, SECRET, _jiandu_app, _server, _store
from bench.report import emit, percentile

SUBSCRIBE = 'subscription { deadlineAlerts(today: "2024-06-30", intervalSeconds: 60) { day } }'


def _strawberry_ws_app(path: str) -> Any:
    """The app with strawberry's graphql-transport-ws handler at /graphql (websocket scope
    only; HTTP stays ours): the token is read from ``connection_init`` as ours reads it, and
    the context is the one ours builds for the caller."""
    from starlette.datastructures import Headers
    from starlette.routing import WebSocketRoute
    from strawberry.asgi import GraphQL
    from strawberry.exceptions import ConnectionRejectionError
    from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

    from api.auth import UnauthenticatedError
    from schema.context import Context

    app = _jiandu_app(path)
    ours = app.state.subscriptions

    class View(GraphQL):
        async def get_context(self, request: Any, response: Any) -> Any:
            holder = Context.__new__(Context)
            holder.connection_params = None  # type: ignore[attr-defined]
            return holder

        async def on_ws_connect(self, context: Any) -> Any:
            payload = context.connection_params or {}
            try:
                principal = ours.principal(payload, Headers())
            except UnauthenticatedError:
                raise ConnectionRejectionError() from None
            vars(context).update(vars(ours.context(principal)))
            return await super().on_ws_connect(context)

    view = View(
        app.state.graphql.schema,
        graphql_ide=None,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
    )
    app.router.routes.insert(0, WebSocketRoute("/graphql", view))
    return app


def _serve(app: Any, port: int) -> None:
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", ws="websockets-sansio")


async def _cycle(port: int, token: str) -> None:
    import websockets

    uri = f"ws://127.0.0.1:{port}/graphql"
    async with websockets.connect(uri, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        )
        ack = json.loads(await ws.recv())
        if ack.get("type") != "connection_ack":
            raise RuntimeError(f"not acknowledged: {ack}")
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        first = json.loads(await ws.recv())
        if first.get("type") != "next" or "errors" in first.get("payload", {}):
            raise RuntimeError(f"bad first message: {first}")
        await ws.send(json.dumps({"id": "1", "type": "complete"}))


async def _client(port: int, token: str, until: float, latencies: list[float]) -> None:
    while time.perf_counter() < until:
        started = time.perf_counter()
        await _cycle(port, token)
        latencies.append(time.perf_counter() - started)


async def _load(port: int, token: str, seconds: float, latencies: list[float]) -> float:
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(*(_client(port, token, until, latencies) for _ in range(CLIENTS)))
    return time.perf_counter() - started


def main() -> None:
    from api.auth import create_token

    seconds = float(os.environ.get("JIANDU_BENCH_SECONDS", "5"))
    token = create_token(
        role="supervisor", region=None, subject="bench", secret=SECRET, ttl_hours=2
    )
    env = {"JIANDU_JWT_SECRET": SECRET, "JIANDU_LOG_LEVEL": "WARNING"}
    with tempfile.TemporaryDirectory() as tmp:
        store, copy = Path(tmp) / "store", Path(tmp) / "copy"
        _store(store)
        shutil.copytree(store, copy)
        with (
            _server(["serve-ours", str(store)], env, module="bench.bench_ws") as ours,
            _server(["serve-strawberry", str(copy)], env, module="bench.bench_ws") as theirs,
        ):
            ports = {"ours": ours, "strawberry": theirs}
            latencies: dict[str, list[float]] = {name: [] for name in ports}
            took = dict.fromkeys(ports, 0.0)
            for port in ports.values():
                asyncio.run(_load(port, token, 1.0, []))
            for _ in range(ROUNDS):
                for name, port in ports.items():
                    took[name] += asyncio.run(_load(port, token, seconds / ROUNDS, latencies[name]))
    rate = {name: len(found) / took[name] for name, found in latencies.items()}
    for stat, scale in (("p50", 50), ("p99", 99)):
        ours_ms = percentile(latencies["ours"], scale) * 1000
        theirs_ms = percentile(latencies["strawberry"], scale) * 1000
        emit(f"ws.subscribe_cycle.{stat}", ours_ms, "ms", theirs_ms)
    emit("ws.subscribe_cycle.rate", rate["ours"], "cycles/s", rate["strawberry"])


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "serve-ours":
        _serve(_jiandu_app(sys.argv[2]), int(sys.argv[3]))
    elif command == "serve-strawberry":
        _serve(_strawberry_ws_app(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
