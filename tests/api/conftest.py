from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_harness import Server, serve, settings

from graph.store import GraphStore


@pytest.fixture
def server(store: GraphStore) -> Iterator[Server]:
    """A real API server over each backend's fresh store (``store`` from tests/conftest.py)."""
    with serve(store, settings()) as running:
        yield running
