"""The demo in a store of each backend, for test modules that share one load of it (into
Neo4j a load takes a while): a module-scoped fixture parametrized by ``BACKENDS`` opens it
with ``demo_in``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from neo4j import Driver

from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.store import GraphStore
from loaders.demo import DemoReport, write_demo

BACKENDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]
"""The params of a fixture run once per backend (the Neo4j one marked ``neo4j``)."""


def emptied(driver: Driver) -> None:
    """Delete everything in the session Neo4j's database."""
    with driver.session(database="neo4j") as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


@dataclass(frozen=True)
class DemoWorld:
    store: GraphStore
    report: DemoReport


@contextmanager
def demo_in(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, cases: int
) -> Iterator[DemoWorld]:
    """The demo of ``cases`` cases in a store of the backend ``request.param`` names."""
    store: GraphStore
    if request.param == "embedded":
        store = EmbeddedStore(Path(tmp_path_factory.mktemp("demo")) / "store")
    else:
        uri = request.getfixturevalue("neo4j_server")
        emptied(request.getfixturevalue("_neo4j_driver"))
        store = Neo4jStore(uri)
    with store:
        yield DemoWorld(store, write_demo(store, cases=cases))
