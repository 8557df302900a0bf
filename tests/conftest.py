"""Backends for the tests: a fresh embedded store, and a real Neo4j shared by the session.

``store`` runs a test once per backend. The Neo4j server starts once, on the first test
that needs it; without a JDK (or Maven, before the jars are cached) those tests are skipped
with one reason, unless JIANDU_REQUIRE_NEO4J=1 (CI) makes that a failure.
"""

from __future__ import annotations

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

ROOT = Path(__file__).resolve().parents[1]
SERVER_TOOL = ROOT / "tools" / "neo4j" / "neo4j_server.py"
REQUIRE = os.environ.get("JIANDU_REQUIRE_NEO4J") == "1"


def _server_tool() -> ModuleType:
    """tools/neo4j is not a package: load its one module by path."""
    spec = importlib.util.spec_from_file_location("neo4j_server", SERVER_TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "neo4j_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """The Bolt URI of the session's Neo4j server (auth off), started on first use."""
    tool = _server_tool()
    ok, reason = tool.java_available()
    if not ok:
        message = f"Neo4j tests need a JDK 17/21 and Maven: {reason}"
        if REQUIRE:
            pytest.fail(f"JIANDU_REQUIRE_NEO4J=1 but {message}", pytrace=False)
        pytest.skip(message)
    started = time.monotonic()
    with tool.Neo4jServer() as server:
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            took = time.monotonic() - started
            reporter.write_line(f"\nNeo4j ready at {server.uri} after {took:.1f} s")
        yield server.uri


@pytest.fixture(scope="session")
def _neo4j_driver(neo4j_server: str) -> Iterator[Driver]:
    with GraphDatabase.driver(neo4j_server, auth=None) as driver:
        yield driver


@pytest.fixture
def neo4j_uri(neo4j_server: str, _neo4j_driver: Driver) -> str:
    """The URI of the session's Neo4j, its database emptied for this test."""
    with _neo4j_driver.session(database="neo4j") as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return neo4j_server


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """A fresh, empty store of each backend."""
    opened: GraphStore
    if request.param == "embedded":
        opened = EmbeddedStore(tmp_path / "store")
    else:
        opened = Neo4jStore(request.getfixturevalue("neo4j_uri"))
    with opened:
        yield opened
