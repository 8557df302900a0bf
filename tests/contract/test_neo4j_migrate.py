"""Several servers starting together on an empty Neo4j each create the schema: Neo4j answers
the losers of that race with a deadlock or 'already exists', which must not stop them."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from neo4j import Driver

from graph.adapters import neo4j_schema
from graph.adapters.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j
STARTING_TOGETHER = 3


def _schema_names(driver: Driver) -> set[str]:
    with driver.session(database="neo4j") as session:
        names = {str(r["name"]) for r in session.run("SHOW CONSTRAINTS YIELD name")}
        indexes = session.run(
            "SHOW INDEXES YIELD name, type, owningConstraint "
            "WHERE owningConstraint IS NULL AND type <> 'LOOKUP' RETURN name"
        )
        return names | {str(r["name"]) for r in indexes}


def _drop_schema(driver: Driver) -> None:
    with driver.session(database="neo4j") as session:
        for name in [str(r["name"]) for r in session.run("SHOW CONSTRAINTS YIELD name")]:
            session.run(f"DROP CONSTRAINT `{name}`").consume()
        for name in _schema_names(driver):
            session.run(f"DROP INDEX `{name}` IF EXISTS").consume()


def _open_and_close(uri: str) -> None:
    Neo4jStore(uri).close()


def test_servers_starting_together_on_an_empty_database_all_start(
    neo4j_uri: str, _neo4j_driver: Driver
) -> None:
    _drop_schema(_neo4j_driver)
    assert _schema_names(_neo4j_driver) == set()
    with ThreadPoolExecutor(STARTING_TOGETHER) as pool:
        opened = [pool.submit(_open_and_close, neo4j_uri) for _ in range(STARTING_TOGETHER)]
        for future in opened:
            future.result()
    assert _schema_names(_neo4j_driver) == {name for name, _ in neo4j_schema.statements()}


def test_an_index_left_behind_by_a_constraint_rolled_back_gives_way_to_the_constraint(
    neo4j_uri: str, _neo4j_driver: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A constraint's creation rolled back after a deadlock can leave its index behind, named
    as the constraint and owned by none: the start that finds it drops it once it has stayed
    so, and creates the constraint (before, it counted the index as the constraint)."""
    monkeypatch.setattr(neo4j_schema, "ORPHAN_SECONDS", 0.5)
    Neo4jStore(neo4j_uri).close()
    with _neo4j_driver.session(database="neo4j") as session:
        session.run("DROP CONSTRAINT jiandu_Region_id").consume()
        session.run("CREATE INDEX jiandu_Region_id FOR (n:Region) ON (n.id)").consume()
        session.run("CALL db.awaitIndexes(60)").consume()
    Neo4jStore(neo4j_uri).close()
    with _neo4j_driver.session(database="neo4j") as session:
        owned = session.run(
            "SHOW INDEXES YIELD name, owningConstraint WHERE name = 'jiandu_Region_id' "
            "RETURN owningConstraint"
        ).single(strict=True)
        constraints = {str(r["name"]) for r in session.run("SHOW CONSTRAINTS YIELD name")}
    assert owned["owningConstraint"] == "jiandu_Region_id"
    assert "jiandu_Region_id" in constraints
    assert _schema_names(_neo4j_driver) == {name for name, _ in neo4j_schema.statements()}
