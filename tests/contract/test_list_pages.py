"""list_nodes over more nodes than a page, against a reference written in Python: every way a
store may plan a page (walking an index in order, seeking a condition's index, full-text
candidates, the nodes lacking the sort value) must give the port's answer.

The Neo4j planner's thresholds are lowered so that these few nodes take every path.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from graph.adapters import neo4j_list
from graph.model.enums import NodeKind
from graph.model.records import Node
from graph.store import (
    NOT_COUNTED,
    AnyOf,
    Batch,
    Condition,
    GraphStore,
    Op,
    PageRequest,
    Where,
)
from tests.worlds.known_answers import ids, node

REGIONS = ["510104", "510105", "510703", "500101"]
CAUSES = ["合同诈骗", "盗窃", "涪城区寻衅滋事", "Fraud 诈骗案", "故意伤害"]
SIZE = 30


def _cases() -> list[Node]:
    rng = random.Random(12)
    out = []
    for i in range(150):
        props: dict[str, Any] = {
            "region_code": rng.choice(REGIONS),
            "kind": rng.choice(["CRIMINAL", "CIVIL"]),
            "stage": rng.choice(["TRIAL", "FILED"]),
            "cause": rng.choice(CAUSES),
        }
        if rng.random() < 0.6:
            props["months_reduced"] = rng.randrange(6)  # ties, and many without
        if i % 50 != 7:
            props["filed_on"] = f"2021-{rng.randrange(1, 13):02d}"  # three without
        out.append(node(NodeKind.Case, f"k{i:03d}", **props))
    return out


CASES = _cases()
SEARCH = AnyOf((Where("case_number", Op.CONTAINS, "诈骗"), Where("cause", Op.CONTAINS, "诈骗")))
LISTINGS: list[tuple[str, list[Condition]]] = [
    ("all", []),
    ("region", [Where("region_code", Op.PREFIX, "5101")]),
    ("region and kind", [Where("region_code", Op.PREFIX, "5101"), Where("kind", Op.IN, ["CIVIL"])]),
    (
        "jurisdiction",
        [AnyOf((Where("region_code", Op.PREFIX, "5107"), Where("id", Op.IN, ["k001", "k002"])))],
    ),
    ("search", [SEARCH]),
    (
        "search, no index",
        [AnyOf((Where("cause", Op.CONTAINS, "窃"), Where("cause", Op.CONTAINS, "FRAUD")))],
    ),
    ("ids", [Where("id", Op.IN, ["k140", "k003", "k077", "k078", "nope"])]),
    ("stage and range", [Where("stage", Op.EQ, "TRIAL"), Where("months_reduced", Op.GTE, 2)]),
    ("missing", [Where("filed_on", Op.EQ, None)]),
]
ORDERS = [("id", False), ("filed_on", True), ("months_reduced", False), ("cause", True)]
# Each listing in two orders, so that every order meets several listings.
PLANS = [
    (name, where, ORDERS[i % 4], ORDERS[(i + 1) % 4]) for i, (name, where) in enumerate(LISTINGS)
]


def _matches(n: Node, cond: Condition) -> bool:
    if isinstance(cond, AnyOf):
        return any(_matches(n, c) for c in cond.conditions)
    value = n.id if cond.field == "id" else n.props.get(cond.field)
    want = cond.value
    tests: dict[Op, Callable[[], bool]] = {
        Op.EQ: lambda: value == want,
        Op.IN: lambda: value in want,
        Op.GTE: lambda: value is not None and value >= want,
        Op.LTE: lambda: value is not None and value <= want,
        Op.PREFIX: lambda: isinstance(value, str) and value.startswith(want),
        Op.CONTAINS: lambda: isinstance(value, str) and want.lower() in value.lower(),
    }
    return tests[cond.op]()


def expected(where: list[Condition], order_by: str, descending: bool) -> list[str]:
    found = [n for n in CASES if all(_matches(n, c) for c in where)]
    value = (lambda n: n.id) if order_by == "id" else (lambda n: n.props.get(order_by))
    found.sort(key=lambda n: (value(n) is None, value(n) if value(n) is not None else 0, n.id))
    return ids(found[::-1] if descending else found)


@pytest.fixture
def loaded(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> GraphStore:
    monkeypatch.setattr(neo4j_list, "BUDGET", 6)
    monkeypatch.setattr(neo4j_list, "CAP", 25)
    store.write(Batch(nodes=CASES))
    return store


def _forwards(store: GraphStore, where: list[Condition], **order: Any) -> Iterator[list[str]]:
    after = None
    while True:
        got = store.list_nodes(NodeKind.Case, where, PageRequest(first=SIZE, after=after, **order))
        assert got.has_previous == (after is not None)
        yield ids(got.items)
        if not got.has_next:
            return
        after = got.cursors[-1]


def _backwards(store: GraphStore, where: list[Condition], **order: Any) -> Iterator[list[str]]:
    before = None
    while True:
        request = PageRequest(last=SIZE, before=before, count=False, **order)
        got = store.list_nodes(NodeKind.Case, where, request)
        assert got.has_next == (before is not None)
        assert got.total == NOT_COUNTED
        yield ids(got.items)
        if not got.has_previous:
            return
        before = got.cursors[0]


@pytest.mark.parametrize("name, where, one, other", PLANS, ids=[p[0] for p in PLANS])
def test_pages_forwards_and_backwards_give_the_whole_listing(
    loaded: GraphStore,
    name: str,
    where: list[Condition],
    one: tuple[str, bool],
    other: tuple[str, bool],
) -> None:
    for order_by, descending in (one, other):
        order = {"order_by": order_by, "descending": descending}
        want = expected(where, order_by, descending)
        first = loaded.list_nodes(NodeKind.Case, where, PageRequest(first=SIZE, **order))
        assert first.total == len(want), (name, order)
        assert [i for page in _forwards(loaded, where, **order) for i in page] == want, order
        back = [page for page in _backwards(loaded, where, **order)]
        assert [i for page in reversed(back) for i in page] == want, order


def test_a_window_between_two_cursors(loaded: GraphStore) -> None:
    where: list[Condition] = [Where("region_code", Op.PREFIX, "5101")]
    order = {"order_by": "months_reduced", "descending": True}
    want = expected(where, "months_reduced", True)
    full = loaded.list_nodes(NodeKind.Case, where, PageRequest(**order))  # type: ignore[arg-type]
    assert ids(full.items) == want
    low, high = 5, len(want) - 5
    window = PageRequest(after=full.cursors[low], before=full.cursors[high], **order)  # type: ignore[arg-type]
    got = loaded.list_nodes(NodeKind.Case, where, window)
    assert ids(got.items) == want[low + 1 : high]
    assert (got.has_previous, got.has_next) == (True, True)
