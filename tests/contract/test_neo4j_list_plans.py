"""Every query a Neo4j page runs for the API's lists is served by an index: Neo4j's own plan
(EXPLAIN) of each has no label scan, whatever path the page takes (the planner's thresholds
are lowered so that these few nodes take every path)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver

from graph.adapters import neo4j_list
from graph.adapters.neo4j import Neo4jStore
from graph.model.enums import NodeKind
from graph.store import AnyOf, Batch, Condition, Op, PageRequest, Where
from tests.worlds.known_answers import node

pytestmark = pytest.mark.neo4j
SCANS = {"NodeByLabelScan", "AllNodesScan"}
SEARCH = AnyOf((Where("case_number", Op.CONTAINS, "涪城"), Where("cause", Op.CONTAINS, "涪城")))
JURISDICTION = AnyOf((Where("region_code", Op.PREFIX, "5107"), Where("id", Op.IN, ["c0001"])))
LISTS: list[tuple[list[Condition], PageRequest]] = [
    ([], PageRequest(first=10)),
    ([], PageRequest(first=10, order_by="filed_on", descending=True)),
    (
        [Where("region_code", Op.PREFIX, "5101"), Where("kind", Op.IN, ["CRIMINAL"])],
        PageRequest(first=10),
    ),
    ([JURISDICTION, Where("stage", Op.IN, ["TRIAL"])], PageRequest(first=10, order_by="filed_on")),
    ([SEARCH], PageRequest(first=10)),
    ([SEARCH, JURISDICTION], PageRequest(first=10, order_by="filed_on", descending=True)),
    ([Where("id", Op.IN, ["c0003", "c0150"])], PageRequest(first=10)),
    ([Where("filed_on", Op.GTE, "2022")], PageRequest(last=10, order_by="closed_on")),
]


def _cases() -> Iterator[Any]:
    for i in range(200):
        region = ["510104", "510703", "500101"][i % 3]
        props = {"region_code": region, "kind": ["CRIMINAL", "CIVIL"][i % 2], "stage": "TRIAL"}
        if i % 40:
            props["filed_on"] = f"20{20 + i % 4}-01"
        if i % 2:
            props["closed_on"] = "2024-06"
        cause = "涪城区盗窃" if i % 25 == 0 else "合同纠纷"
        yield node(NodeKind.Case, f"c{i:04d}", cause=cause, **props)


def _operators(plan: dict[str, Any]) -> Iterator[str]:
    yield str(plan["operatorType"]).split("@")[0]
    for child in plan.get("children", []):
        yield from _operators(child)


def test_every_query_of_a_page_uses_an_index(
    neo4j_uri: str, _neo4j_driver: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neo4j_list, "BUDGET", 5)
    monkeypatch.setattr(neo4j_list, "CAP", 20)
    ran: list[tuple[str, dict[str, Any]]] = []
    run = neo4j_list._Reader.run

    def recording(reader: Any, query: tuple[str, dict[str, Any]]) -> Any:
        ran.append(query)
        return run(reader, query)

    monkeypatch.setattr(neo4j_list._Reader, "run", recording)
    with Neo4jStore(neo4j_uri) as store:
        store.write(Batch(nodes=list(_cases())))
        for where, page in LISTS:
            store.list_nodes(NodeKind.Case, where, page)
    assert len({q for q, _ in ran}) >= 10  # the pages took many paths
    with _neo4j_driver.session(database="neo4j") as session:
        for query, params in ran:
            plan = session.run(f"EXPLAIN {query}", params).consume().plan
            assert plan is not None
            scans = SCANS & set(_operators(plan))
            assert not scans, f"{scans} in:\n{query}"


def test_the_counts_that_plan_a_list_are_kept_across_pages_until_a_write(
    neo4j_uri: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neo4j_list, "BUDGET", 5)
    monkeypatch.setattr(neo4j_list, "CAP", 20)
    probed: list[object] = []
    probes = neo4j_list.Listing.probes

    def recording(listing: Any, seeks: Any, cap: int) -> Any:
        probed.append(seeks)
        return probes(listing, seeks, cap)

    monkeypatch.setattr(neo4j_list.Listing, "probes", recording)
    where: list[Condition] = [
        Where("region_code", Op.PREFIX, "5101"),
        Where("kind", Op.IN, ["CRIMINAL"]),
    ]
    page = PageRequest(first=10, order_by="filed_on", descending=True)
    with Neo4jStore(neo4j_uri) as store:
        store.write(Batch(nodes=list(_cases())))
        first = store.list_nodes(NodeKind.Case, where, page)
        asked = len(probed)
        assert asked >= 1 and len(first.items) == 10
        assert store.list_nodes(NodeKind.Case, where, page) == first
        assert len(probed) == asked  # the second ask counted nothing
        store.write(Batch(nodes=[node(NodeKind.Case, "c9999", region_code="510104", kind="CIVIL")]))
        assert store.list_nodes(NodeKind.Case, where, page) == first
        assert len(probed) > asked  # a write forgot the counts
