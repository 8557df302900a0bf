"""The API under test: a real server on a loopback port (uvicorn in a background thread)
over a store that counts its round trips."""

from __future__ import annotations

import socket
import tempfile
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
from graph.blobs import BlobStore
from graph.model.enums import NodeKind
from graph.store import (
    Condition,
    GraphStore,
    Page,
    PageRequest,
)
from graph.wrapper import StoreWrapper
from schema.context import IN_FLIGHT

FIRST_PAGE = PageRequest()


class CountingStore(StoreWrapper):
    """The store with every call counted, and made to fail while ``failure`` is set."""

    def __init__(self, inner: GraphStore) -> None:
        super().__init__(inner)
        self.calls: Counter[str] = Counter()
        self.counted: list[bool] = []  # list_nodes: whether each page asked for its count
        self.failure: Exception | None = None  # raised by every call while set

    def total(self) -> int:
        return sum(self.calls.values())

    def _before(self, name: str) -> None:
        self.calls[name] += 1
        if self.failure is not None:
            raise self.failure

    def list_nodes(
        self, kind: NodeKind, where: Sequence[Condition] = (), page: PageRequest = FIRST_PAGE
    ) -> Page:
        self.counted.append(page.count)
        return super().list_nodes(kind, where, page)


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
    files = tempfile.TemporaryDirectory(prefix="jiandu-blobs-")
    host.app = create_app(counting, config, BlobStore(files.name))
    try:
        yield Server(host.url, counting, config)
    finally:
        host.app = None
        files.cleanup()
        # Work a test abandoned (a timed-out request, a closed subscription) finishes before
        # the store it uses is closed.
        IN_FLIGHT.wait_idle(30)
