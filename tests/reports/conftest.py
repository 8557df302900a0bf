"""The 1,000-case demo, loaded once per test module in each backend (loading it into Neo4j
takes about half a minute, too long to repeat for every test), and its independent scan."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.store import GraphStore
from tests.reports.report_scan import CASES, Scan
from tests.worlds.demo import BACKENDS, demo_in


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    """The demo in a store of each backend, read-only for the tests that share it."""
    with demo_in(request, tmp_path_factory, CASES) as world:
        yield world.store


@pytest.fixture(scope="module")
def scan(demo: GraphStore) -> Scan:
    return Scan(demo)
