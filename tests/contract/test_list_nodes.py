"""list_nodes: every filter, and keyset pages forwards and backwards in a stable order."""

from typing import Any

import pytest

from graph.errors import ValidationError
from graph.model.enums import NodeKind
from graph.store import (
    AnyOf,
    Batch,
    GraphStore,
    Op,
    Page,
    PageRequest,
    Where,
    decode_cursor,
    encode_cursor,
)
from tests.worlds.known_answers import ids, node

# months_reduced per case: ties (1, 3) and missing values (c3, c6).
MONTHS = {"c1": 3, "c2": 1, "c3": None, "c4": 3, "c5": 2, "c6": None, "c7": 1, "c8": 3, "c9": 5}
ASCENDING = ["c2", "c7", "c5", "c1", "c4", "c8", "c9", "c3", "c6"]
CASES = Batch(
    nodes=[
        node(NodeKind.Case, id_, **({"months_reduced": m} if m is not None else {}))
        for id_, m in MONTHS.items()
    ]
)


def page(store: GraphStore, **request: Any) -> Page:
    return store.list_nodes(NodeKind.Case, page=PageRequest(order_by="months_reduced", **request))


def cursor_of(store: GraphStore, id_: str, descending: bool = False) -> str:
    full = page(store, descending=descending)
    return full.cursors[ids(full.items).index(id_)]


def test_ascending_puts_missing_values_last_and_breaks_ties_by_id(store: GraphStore) -> None:
    store.write(CASES)
    full = page(store)
    assert ids(full.items) == ASCENDING
    assert (full.total, full.has_next, full.has_previous) == (9, False, False)
    assert full.cursors[0] == encode_cursor([False, 1, "c2"])
    assert decode_cursor(full.cursors[-1]) == [True, None, "c6"]
    assert ids(page(store, descending=True).items) == ASCENDING[::-1]


@pytest.mark.parametrize("descending", [False, True])
def test_paging_forwards_and_backwards_visits_every_node_once(
    store: GraphStore, descending: bool
) -> None:
    store.write(CASES)
    order = ASCENDING[::-1] if descending else ASCENDING
    seen: list[str] = []
    after = None
    while True:
        got = page(store, descending=descending, first=2, after=after)
        seen += ids(got.items)
        assert got.has_previous == (after is not None)
        if not got.has_next:
            break
        after = got.cursors[-1]
    assert seen == order
    back: list[str] = []
    before = None
    while True:
        got = page(store, descending=descending, last=2, before=before)
        back = ids(got.items) + back
        assert got.has_next == (before is not None)
        if not got.has_previous:
            break
        before = got.cursors[0]
    assert back == order
    assert len(ids(got.items)) == 1  # 9 nodes, pages of 2: the first page backwards has one


def test_windows_between_cursors(store: GraphStore) -> None:
    store.write(CASES)
    after, before = cursor_of(store, "c5"), cursor_of(store, "c9")
    window = page(store, after=after, before=before)
    assert (ids(window.items), window.has_previous, window.has_next) == (
        ["c1", "c4", "c8"],
        True,
        True,
    )
    assert ids(page(store, after=after, before=before, first=2).items) == ["c1", "c4"]
    assert ids(page(store, after=after, before=before, last=2).items) == ["c4", "c8"]
    tail = page(store, after=cursor_of(store, "c4"), last=2)
    assert (ids(tail.items), tail.has_previous, tail.has_next) == (["c3", "c6"], True, False)
    both = page(store, first=3, last=2)
    assert (ids(both.items), both.has_previous, both.has_next) == (["c7", "c5"], True, True)
    crossed = page(store, after=cursor_of(store, "c9"), before=cursor_of(store, "c5"))
    assert (crossed.items, crossed.has_previous, crossed.has_next) == ([], True, True)
    nulls = page(store, after=cursor_of(store, "c3"))
    assert ids(nulls.items) == ["c6"]
    down = page(store, descending=True, after=cursor_of(store, "c3", True), first=3)
    assert ids(down.items) == ["c9", "c8", "c4"]
    empty = page(store, first=0)
    assert (empty.items, empty.total, empty.has_next, empty.has_previous) == ([], 9, True, False)


def test_an_empty_kind_gives_an_empty_page(store: GraphStore) -> None:
    store.write(CASES)
    for request in (PageRequest(), PageRequest(first=2, after=encode_cursor([False, 1, "c2"]))):
        assert store.list_nodes(NodeKind.Region, page=request) == Page([], [], 0, False, False)


def test_a_cursor_it_did_not_issue_is_refused(store: GraphStore) -> None:
    store.write(CASES)
    with pytest.raises(ValidationError) as caught:
        page(store, after="bm90IGEgY3Vyc29y")
    assert [e.field for e in caught.value.errors] == ["after"]
    with pytest.raises(ValidationError) as caught:
        page(store, before="!!")
    assert [e.field for e in caught.value.errors] == ["before"]


def test_ordering_by_id_and_by_text(store: GraphStore) -> None:
    store.write(
        Batch(
            nodes=[
                node(NodeKind.Official, "o1", name="王五"),
                node(NodeKind.Official, "o2", name="张三"),
                node(NodeKind.Official, "o3", name="李四"),
                node(NodeKind.Official, "o10", name="张三"),
            ]
        )
    )
    by_id = store.list_nodes(NodeKind.Official)
    assert ids(by_id.items) == ["o1", "o10", "o2", "o3"]
    assert by_id.cursors[1] == encode_cursor([False, "o10", "o10"])
    by_name = store.list_nodes(NodeKind.Official, page=PageRequest(order_by="name"))
    assert ids(by_name.items) == ["o10", "o2", "o3", "o1"]  # 张 U+5F20, 李 U+674E, 王 U+738B
    assert by_name.cursors[0] == encode_cursor([False, "张三", "o10"])


# Filters ------------------------------------------------------------------------------------

FILTERED = Batch(
    nodes=[
        node(
            NodeKind.Case,
            "k1",
            cause="Fraud 诈骗",
            region_code="510104",
            stage="TRIAL",
            filed_on="2021",
            months_reduced=4,
            private_enterprise=True,
        ),
        node(
            NodeKind.Case,
            "k2",
            cause="fraud",
            region_code="510105",
            stage="FILED",
            filed_on="2021-03",
            months_reduced=12,
        ),
        node(
            NodeKind.Case,
            "k3",
            cause="盗窃",
            region_code="500101",
            stage="TRIAL",
            filed_on="2021-03-15",
            private_enterprise=False,
        ),
        node(NodeKind.Case, "k4", cause="合同诈骗", region_code="511000", stage="EXECUTION"),
        node(NodeKind.Official, "p1", name="甲", expertise=["CRIMINAL", "CIVIL"]),
        node(NodeKind.Official, "p2", name="乙", expertise=["ADMINISTRATIVE"]),
        node(NodeKind.Official, "p3", name="丙"),
    ]
)


def matching(store: GraphStore, *where: Where | AnyOf, kind: NodeKind = NodeKind.Case) -> list[str]:
    found = store.list_nodes(kind, where)
    assert found.total == len(found.items)
    return ids(found.items)


def test_equality_membership_and_ranges(store: GraphStore) -> None:
    store.write(FILTERED)
    assert matching(store, Where("stage", Op.EQ, "TRIAL")) == ["k1", "k3"]
    assert matching(store, Where("filed_on", Op.EQ, None)) == ["k4"]
    assert matching(store, Where("id", Op.EQ, "k2")) == ["k2"]
    assert matching(store, Where("private_enterprise", Op.EQ, False)) == ["k3"]
    assert matching(store, Where("region_code", Op.IN, ["510104", "500101", "x"])) == ["k1", "k3"]
    assert matching(store, Where("id", Op.IN, ["k4", "k9"])) == ["k4"]
    assert matching(store, Where("months_reduced", Op.GTE, 5)) == ["k2"]
    assert matching(store, Where("months_reduced", Op.LTE, 4)) == ["k1"]
    assert matching(store, Where("filed_on", Op.GTE, "2021-03")) == ["k2", "k3"]
    assert matching(store, Where("filed_on", Op.LTE, "2021-03")) == ["k1", "k2"]
    assert matching(store, Where("cause", Op.GTE, 3)) == []  # a number against text


def test_text_and_list_filters(store: GraphStore) -> None:
    store.write(FILTERED)
    assert matching(store, Where("cause", Op.CONTAINS, "FRAUD")) == ["k1", "k2"]
    assert matching(store, Where("cause", Op.CONTAINS, "诈骗")) == ["k1", "k4"]
    assert matching(store, Where("months_reduced", Op.CONTAINS, "1")) == []
    assert matching(store, Where("region_code", Op.PREFIX, "5101")) == ["k1", "k2"]
    assert matching(store, Where("cause", Op.PREFIX, "fraud")) == ["k2"]  # case-sensitive
    assert matching(store, Where("expertise", Op.HAS, "CIVIL"), kind=NodeKind.Official) == ["p1"]
    assert matching(store, Where("name", Op.HAS, "甲"), kind=NodeKind.Official) == []


def test_conditions_combine(store: GraphStore) -> None:
    store.write(FILTERED)
    trial_or_chongqing = AnyOf(
        (Where("stage", Op.EQ, "TRIAL"), Where("region_code", Op.PREFIX, "50"))
    )
    assert matching(store, trial_or_chongqing) == ["k1", "k3"]
    either = AnyOf((Where("stage", Op.EQ, "FILED"), Where("stage", Op.EQ, "EXECUTION")))
    assert matching(store, either) == ["k2", "k4"]
    assert matching(store, either, Where("cause", Op.CONTAINS, "诈骗")) == ["k4"]
    assert matching(store, AnyOf(())) == []
    listed = store.list_nodes(
        NodeKind.Case,
        [Where("cause", Op.CONTAINS, "诈骗")],
        PageRequest(order_by="region_code", descending=True, first=1),
    )
    assert (ids(listed.items), listed.total, listed.has_next) == (["k4"], 2, True)


def test_unknown_fields_and_bookkeeping_are_missing_values(store: GraphStore) -> None:
    store.write(FILTERED)
    everyone = ["k1", "k2", "k3", "k4"]
    assert matching(store, Where("no_such_field", Op.EQ, None)) == everyone
    assert matching(store, Where("no_such_field", Op.EQ, 1)) == []
    assert matching(store, Where("version", Op.EQ, None)) == everyone
    by_version = store.list_nodes(NodeKind.Case, page=PageRequest(order_by="version"))
    assert decode_cursor(by_version.cursors[0]) == [True, None, "k1"]
