"""What only the Neo4j store has: configuration, connection errors, schema, routing, big batches.

Not part of the contract (the embedded store has no server), kept beside it because it needs
the same session server.
"""

import socket
import time

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import ConstraintError

from graph.adapters.neo4j import Neo4jStore
from graph.adapters.neo4j_schema import statements
from graph.errors import BackendUnavailable
from graph.model.enums import NodeKind, RelType
from graph.store import Batch
from jiandu.config import open_store
from tests.worlds.known_answers import agency, rel


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens once the socket is closed


def test_an_unreachable_server_is_one_clear_error_naming_the_uri() -> None:
    uri = f"bolt://127.0.0.1:{closed_port()}"
    started = time.monotonic()
    with pytest.raises(BackendUnavailable) as caught:
        Neo4jStore(uri)
    assert time.monotonic() - started < 10
    message = str(caught.value)
    assert uri in message and "\n" not in message


def test_not_a_neo4j_uri() -> None:
    with pytest.raises(BackendUnavailable) as caught:
        Neo4jStore("http://127.0.0.1:7474")
    assert "http://127.0.0.1:7474" in str(caught.value)


def test_configuration_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, neo4j_uri: str
) -> None:
    monkeypatch.delenv("JIANDU_NEO4J_URI", raising=False)
    with pytest.raises(BackendUnavailable, match="JIANDU_NEO4J_URI"):
        Neo4jStore.from_env()
    monkeypatch.setenv("JIANDU_NEO4J_URI", neo4j_uri)
    monkeypatch.setenv("JIANDU_NEO4J_DATABASE", "neo4j")
    with Neo4jStore.from_env() as store:
        assert store.url == neo4j_uri
        store.ping()
    monkeypatch.setenv("JIANDU_NEO4J_URI", f"bolt://127.0.0.1:{closed_port()}")
    with Neo4jStore.from_env(neo4j_uri) as store:  # the --store URI wins
        assert store.url == neo4j_uri
    monkeypatch.setenv("JIANDU_NEO4J_DATABASE", "nosuchdb")
    with pytest.raises(BackendUnavailable, match="nosuchdb"):
        Neo4jStore.from_env(neo4j_uri)


def test_a_closed_store_is_unavailable(neo4j_uri: str) -> None:
    store = Neo4jStore(neo4j_uri)
    store.ping()
    store.close()
    with pytest.raises(BackendUnavailable, match=neo4j_uri):
        store.ping()


def test_credentials_in_the_uri_never_show(neo4j_uri: str) -> None:
    host = neo4j_uri.removeprefix("bolt://")
    with open_store(f"bolt://neo4j:s3cret@{host}") as store:
        assert store.url == neo4j_uri
        assert "s3cret" not in repr(vars(store))


def test_a_routing_uri_works_against_a_single_server(neo4j_uri: str) -> None:
    routed = neo4j_uri.replace("bolt://", "neo4j://")
    with Neo4jStore(routed) as store:
        store.write(Batch(nodes=[agency("a")]))
        assert store.get_nodes(["a"])["a"].version == 1


def test_migrate_is_idempotent_and_the_schema_guards_ids(neo4j_uri: str) -> None:
    with Neo4jStore(neo4j_uri) as store:
        assert store.migrate() == []
        store.write(Batch(nodes=[agency("x")]))
    with GraphDatabase.driver(neo4j_uri) as driver:
        names = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records}
        indexes = {r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name").records}
        assert {name for name, _ in statements()} <= names | indexes
        # Another kind with the same id is refused by the database itself, not only the adapter.
        with pytest.raises(ConstraintError, match="already exists"):
            driver.execute_query("CREATE (:Entity:`Case` {id: 'x'})")


def test_a_batch_of_ten_thousand_nodes_and_relationships(neo4j_uri: str) -> None:
    nodes = [agency(f"ag{i:05}") for i in range(10_000)]
    rels = [rel(RelType.GUIDES, f"ag{i:05}", f"ag{(i + 1) % 10_000:05}") for i in range(10_000)]
    with Neo4jStore(neo4j_uri) as store:
        store.write(Batch(nodes=nodes, rels=rels))
        counts = store.counts()
        assert (counts.nodes[NodeKind.Agency], counts.rels[RelType.GUIDES]) == (10_000, 10_000)
