"""Backends for the tests: a fresh embedded store, and a real Neo4j shared by the session.

``store`` runs a test once per backend (tests/worlds/demo.py loads the demo once per test
module in each backend). The Neo4j server starts once, on the first test
that needs it. Without a JDK (or Maven, before the jars are cached) the Neo4j tests are
deselected and the summary says why in one line; JIANDU_REQUIRE_NEO4J=1 (CI) makes that an
error instead.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from neo4j import Driver, GraphDatabase

from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.store import GraphStore
from tests.api.api_harness import Host, Server, serve, settings
from tests.worlds.demo import BACKENDS, emptied

ROOT = Path(__file__).resolve().parents[1]
SERVER_TOOL = ROOT / "tools" / "neo4j" / "neo4j_server.py"
REQUIRE = os.environ.get("JIANDU_REQUIRE_NEO4J") == "1"


@functools.cache
def _server_tool() -> ModuleType:
    """tools/neo4j is not a package: load its one module by path."""
    spec = importlib.util.spec_from_file_location("neo4j_server", SERVER_TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@functools.cache
def _unavailable() -> str | None:
    """Why Neo4j cannot run here, or None when it can."""
    ok, reason = _server_tool().java_available()
    return None if ok else str(reason)


_WHY_SKIPPED = pytest.StashKey[str]()
_STARTED = pytest.StashKey[str]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "neo4j_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)
    needing = [item for item in items if item.get_closest_marker("neo4j")]
    # Under xdist (make test: -n 2 --dist loadgroup) every Neo4j test runs in one worker, on
    # the one server that worker starts; the other tests share out over both workers.
    for item in needing:
        item.add_marker(pytest.mark.xdist_group("neo4j"))
    why = _unavailable() if needing else None
    if why is None:
        return
    if REQUIRE:
        raise pytest.UsageError(f"JIANDU_REQUIRE_NEO4J=1, but Neo4j cannot run here: {why}")
    items[:] = [item for item in items if not item.get_closest_marker("neo4j")]
    config.hook.pytest_deselected(items=needing)
    config.stash[_WHY_SKIPPED] = f"{len(needing)} Neo4j tests: {why}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    stash = terminalreporter.config.stash
    if _STARTED in stash:
        terminalreporter.write_line(stash[_STARTED])
    if _WHY_SKIPPED in stash:
        terminalreporter.write_line(f"SKIPPED {stash[_WHY_SKIPPED]}", yellow=True, bold=True)


@pytest.fixture(scope="session")
def neo4j_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """The Bolt URI of the session's Neo4j server (auth off), started on first use."""
    why = _unavailable()
    if why is not None:  # asked for without the neo4j mark
        if REQUIRE:
            pytest.fail(f"JIANDU_REQUIRE_NEO4J=1, but Neo4j cannot run here: {why}", pytrace=False)
        pytest.skip(f"Neo4j cannot run here: {why}")
    started = time.monotonic()
    with _server_tool().Neo4jServer() as server:
        took = time.monotonic() - started
        request.config.stash[_STARTED] = f"Neo4j test server at {server.uri}: up in {took:.1f} s"
        yield server.uri


@pytest.fixture(scope="session")
def _neo4j_driver(neo4j_server: str) -> Iterator[Driver]:
    with GraphDatabase.driver(neo4j_server, auth=None) as driver:
        yield driver


@pytest.fixture
def neo4j_uri(neo4j_server: str, _neo4j_driver: Driver) -> str:
    """The URI of the session's Neo4j, its database emptied for this test."""
    emptied(_neo4j_driver)
    return neo4j_server


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """A fresh, empty store of each backend."""
    opened: GraphStore
    if request.param == "embedded":
        opened = EmbeddedStore(tmp_path / "store")
    else:
        opened = Neo4jStore(request.getfixturevalue("neo4j_uri"))
    with opened:
        yield opened


@pytest.fixture(scope="session")
def host() -> Iterator[Host]:
    """A real uvicorn server on a loopback port, for the whole session."""
    running = Host()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def server(host: Host, store: GraphStore) -> Iterator[Server]:
    """The API over each backend's fresh store."""
    with serve(host, store, settings()) as running:
        yield running
