"""The API under test: a real server on a loopback port (uvicorn in a background thread)
over a store that counts its round trips."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

from api.app import create_app
from api.auth import create_token
from api.settings import Settings
from graph.audit import AuditEntry
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import (
    Batch,
    Condition,
    Counts,
    GraphStore,
    Neighbour,
    Page,
    PageRequest,
    Path,
    Subgraph,
    WriteResult,
)
from schema.context import IN_FLIGHT

FIRST_PAGE = PageRequest()


class CountingStore(GraphStore):
    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.url = inner.url
        self.calls: Counter[str] = Counter()
        self.counted: list[bool] = []  # list_nodes: whether each page asked for its count
        self.failure: Exception | None = None  # raised by every call while set

    def total(self) -> int:
        return sum(self.calls.values())

    def _count(self, name: str) -> None:
        self.calls[name] += 1
        if self.failure is not None:
            raise self.failure

    def write(self, batch: Batch) -> WriteResult:
        self._count("write")
        return self.inner.write(batch)

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        self._count("get_nodes")
        return self.inner.get_nodes(ids)

    def get_rels(self, ids: Sequence[str]) -> dict[str, Rel]:
        self._count("get_rels")
        return self.inner.get_rels(ids)

    def list_nodes(
        self, kind: NodeKind, where: Sequence[Condition] = (), page: PageRequest = FIRST_PAGE
    ) -> Page:
        self._count("list_nodes")
        self.counted.append(page.count)
        return self.inner.list_nodes(kind, where, page)

    def neighbours(self, ids: Sequence[str], **kwargs: Any) -> dict[str, list[Neighbour]]:
        self._count("neighbours")
        return self.inner.neighbours(ids, **kwargs)

    def expand(self, seeds: Sequence[str], **kwargs: Any) -> Subgraph:
        self._count("expand")
        return self.inner.expand(seeds, **kwargs)

    def shortest_paths(self, start: str, end: str, **kwargs: Any) -> list[Path]:
        self._count("shortest_paths")
        return self.inner.shortest_paths(start, end, **kwargs)

    def counts(self) -> Counts:
        self._count("counts")
        return self.inner.counts()

    def scan_nodes(self, kind: NodeKind, *, batch_size: int = 10_000) -> Iterator[list[Node]]:
        self._count("scan_nodes")
        return self.inner.scan_nodes(kind, batch_size=batch_size)

    def scan_rels(self, type_: RelType, *, batch_size: int = 10_000) -> Iterator[list[Rel]]:
        self._count("scan_rels")
        return self.inner.scan_rels(type_, batch_size=batch_size)

    def audit_head(self) -> tuple[int, str]:
        self._count("audit_head")
        return self.inner.audit_head()

    def audit_entries(self, **kwargs: Any) -> list[AuditEntry]:
        self._count("audit_entries")
        return self.inner.audit_entries(**kwargs)

    def ping(self) -> None:
        self._count("ping")
        self.inner.ping()

    def close(self) -> None:
        self.inner.close()


SECRET = "test-secret-" + "s" * 40


@dataclass
class Server:
    url: str
    store: CountingStore
    settings: Settings

    def token(
        self,
        role: str,
        region: str | None = None,
        subject: str | None = None,
        agency: str | None = None,
    ) -> str:
        return create_token(
            role=role,
            region=region,
            subject=subject or f"{role}@{region or 'all'}" + (f"/{agency}" if agency else ""),
            secret=SECRET,
            ttl_hours=1,
            agency=agency,
        )

    def client(
        self,
        role: str = "admin",
        region: str | None = None,
        *,
        subject: str | None = None,
        agency: str | None = None,
        **kw: Any,
    ) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token(role, region, subject, agency)}"}
        return httpx.Client(base_url=self.url, headers=headers, **{"timeout": 30, **kw})

    def anonymous(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)


def settings(**changes: Any) -> Settings:
    return Settings(**{"auth": True, "jwt_secret": SECRET, "log_level": "WARNING", **changes})


class Host:
    """One uvicorn server for the whole session; each test mounts its own app on it (a
    server takes a fifth of a second to stop, an app nothing to swap)."""

    def __init__(self, *, websockets: bool = False) -> None:
        self.app: ASGIApp | None = None
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._server = uvicorn.Server(
            uvicorn.Config(
                self._dispatch,
                interface="asgi3",
                log_level="warning",
                ws="websockets-sansio" if websockets else "none",
                lifespan="off",
                access_log=False,
            )
        )
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    async def _dispatch(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "no app mounted"
        await self.app(scope, receive, send)

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the API server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()


@contextmanager
def serve(host: Host, store: GraphStore, config: Settings) -> Iterator[Server]:
    """The API over ``store`` with ``config``, mounted on the host for the duration."""
    counting = CountingStore(store)
    host.app = create_app(counting, config)
    try:
        yield Server(host.url, counting, config)
    finally:
        host.app = None
        # Work a test abandoned (a timed-out request, a closed subscription) finishes before
        # the store it uses is closed.
        IN_FLIGHT.wait_idle(30)
