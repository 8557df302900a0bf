"""The 1,000-case demo, loaded once per test module in each backend (loading it into Neo4j
takes about half a minute, too long to repeat for every test), and its independent scan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.store import GraphStore
from loaders.demo import write_demo
from tests.reports.report_scan import CASES, Scan


def _empty_neo4j(driver: Driver) -> None:
    with driver.session(database="neo4j") as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    store: GraphStore
    if request.param == "embedded":
        store = EmbeddedStore(Path(tmp_path_factory.mktemp("demo")) / "store")
    else:
        uri = request.getfixturevalue("neo4j_server")
        _empty_neo4j(request.getfixturevalue("_neo4j_driver"))
        store = Neo4jStore(uri)
    with store:
        write_demo(store, cases=CASES)
        yield store


@pytest.fixture(scope="module")
def scan(demo: GraphStore) -> Scan:
    return Scan(demo)
