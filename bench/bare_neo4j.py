"""The bare-driver baseline: what a script with the ``neo4j`` driver alone would do.

Loading, the fast way for new data: per chunk one ``session.execute_write`` running one
``UNWIND … CREATE`` per label or relationship type (relationship ends found through the id
index), over the store's own constraints and indexes (``neo4j_schema``), with the record's
properties, ``id`` and ``version``. It checks nothing: not whether an element exists, not
the kinds a relationship joins. Reading: ``driver.execute_query``, one plain Cypher query per
read, returning the driver's own records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from neo4j import Driver, ManagedTransaction

from graph.adapters import neo4j_schema
from graph.adapters.cypher import ENTITY, VERSION
from graph.model.records import Node, Rel

DATABASE = "neo4j"

POINT_READ = f"MATCH (n:{ENTITY} {{id: $id}}) RETURN n"

# The port's expand (depth 3, every type, both ways, no filters): nodes by (distance, id) cut
# at $limit, then the relationships from the nodes below depth 3 to the nodes kept.
EXPAND3 = f"""
MATCH (s:{ENTITY} {{id: $id}})
MATCH walk = ANY SHORTEST (s)-[]-{{0,3}}(n)
WITH n, length(walk) AS d ORDER BY d, n.id LIMIT $limit
WITH collect(n) AS kept, collect(CASE WHEN d < 3 THEN n END) AS inner
CALL (kept, inner) {{
  UNWIND inner AS u
  MATCH (u)-[r]-(v) WHERE v IN kept
  RETURN collect(DISTINCT r) AS rels
}}
RETURN kept, rels"""


def migrate(driver: Driver) -> None:
    with driver.session(database=DATABASE) as session:
        neo4j_schema.migrate(session)


def _create_nodes(tx: ManagedTransaction, groups: dict[str, list[dict[str, Any]]]) -> None:
    for kind, rows in groups.items():
        tx.run(f"UNWIND $rows AS p CREATE (n:{ENTITY}:`{kind}`) SET n = p", rows=rows).consume()


def _create_rels(tx: ManagedTransaction, groups: dict[str, list[dict[str, Any]]]) -> None:
    for type_, rows in groups.items():
        tx.run(
            f"UNWIND $rows AS row MATCH (a:{ENTITY} {{id: row.start}}) "
            f"MATCH (b:{ENTITY} {{id: row.end}}) "
            f"CREATE (a)-[r:`{type_}`]->(b) SET r = row.p",
            rows=rows,
        ).consume()


def write_nodes(driver: Driver, nodes: Sequence[Node]) -> None:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in nodes:
        groups[n.kind.name].append({**n.props, "id": n.id, VERSION: 1})
    with driver.session(database=DATABASE) as session:
        session.execute_write(_create_nodes, groups)


def write_rels(driver: Driver, rels: Sequence[Rel]) -> None:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rels:
        row = {"start": r.start, "end": r.end, "p": {**r.props, "id": r.id}}
        groups[r.type.name].append(row)
    with driver.session(database=DATABASE) as session:
        session.execute_write(_create_rels, groups)


def count(driver: Driver) -> tuple[int, int]:
    """Nodes and relationships stored."""
    records, _, _ = driver.execute_query(
        f"RETURN COUNT {{ (:{ENTITY}) }} AS nodes, COUNT {{ ()-[]->() }} AS rels",
        database_=DATABASE,
    )
    return int(records[0]["nodes"]), int(records[0]["rels"])


def point_read(driver: Driver, id_: str) -> dict[str, Any]:
    records, _, _ = driver.execute_query(POINT_READ, id=id_, database_=DATABASE, routing_="r")
    return dict(records[0]["n"])


def expand3(driver: Driver, id_: str, limit: int) -> tuple[list[str], set[str]]:
    """Node ids in order, and relationship ids."""
    records, _, _ = driver.execute_query(
        EXPAND3, id=id_, limit=limit, database_=DATABASE, routing_="r"
    )
    row = records[0]
    return [n["id"] for n in row["kept"]], {r["id"] for r in row["rels"]}
