"""The real app as ``jiandu serve`` runs it, on a loopback port, and one client that times
GraphQL requests over a single keep-alive connection, one at a time (an investigator's
clicks, not a load test: latency, not throughput)."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.bench_api import _free_port, _request

ROOT = Path(__file__).resolve().parents[1]


def _ready(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/readyz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def served(store: str, env: Mapping[str, str], start_timeout: float) -> Iterator[int]:
    """``jiandu --store <store> serve`` on a free port, until it answers /readyz."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jiandu.cli", "--store", store, "serve", "--port", str(port)],
        env={**os.environ, **env},
        cwd=ROOT,
        stdout=sys.stderr,  # its banner must not mix with the figures on stdout
    )
    try:
        deadline = time.monotonic() + start_timeout
        while not _ready(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"jiandu serve on {store} did not become ready")
            time.sleep(0.5)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=60)


class Client:
    """A keep-alive connection to one server, authenticated by ``token``."""

    def __init__(self, port: int, token: str) -> None:
        self.port = port
        self.token = token
        self._sock = socket.create_connection(("127.0.0.1", port))
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._reader = self._sock.makefile("rb")

    def close(self) -> None:
        self._reader.close()
        self._sock.close()

    def encode(self, query: str, variables: dict[str, Any]) -> bytes:
        return _request(self.port, {"query": query, "variables": variables}, self.token)

    def send(self, request: bytes) -> tuple[float, int, dict[str, Any]]:
        """Seconds from sending ``request`` to the last byte of the answer, its HTTP status
        and its JSON body."""
        started = time.perf_counter()
        self._sock.sendall(request)
        status = int(self._reader.readline().split(b" ", 2)[1])
        length = 0
        while (line := self._reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = self._reader.read(length)
        took = time.perf_counter() - started
        answer: dict[str, Any] = json.loads(body)
        return took, status, answer

    def timed(self, request: bytes) -> tuple[float, dict[str, Any]]:
        """Seconds from sending ``request`` to the last byte of the answer, and its data; an
        answer with errors raises."""
        took, status, answer = self.send(request)
        if status != 200 or answer.get("errors"):
            raise RuntimeError(f"bad answer {status}: {json.dumps(answer)[:300]}")
        data: dict[str, Any] = answer["data"]
        return took, data
