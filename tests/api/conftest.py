from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.store import GraphStore
from tests.api.api_harness import Host, Server, serve, settings


@pytest.fixture(scope="session")
def host() -> Iterator[Host]:
    """A real uvicorn server on a loopback port, for the whole session."""
    running = Host()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def server(host: Host, store: GraphStore) -> Iterator[Server]:
    """The API over each backend's fresh store (``store`` from tests/conftest.py)."""
    with serve(host, store, settings()) as running:
        yield running
