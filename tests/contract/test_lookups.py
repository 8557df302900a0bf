"""get_nodes, get_rels, counts and scans: lookups by id, totals, and everything in id order."""

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node, Rel
from graph.store import Batch, GraphStore
from tests.worlds.known_answers import NEIGHBOURHOOD, agency, ids, load, rel, rel_ids


def test_lookups_by_id_return_what_exists_in_the_order_asked(store: GraphStore) -> None:
    load(store)
    nodes = store.get_nodes(["o1", "missing", "c1", "o1", "r_sc"])
    assert list(nodes) == ["o1", "c1", "r_sc"]
    written = {n.id: n for n in NEIGHBOURHOOD.nodes}
    assert nodes["c1"] == Node(NodeKind.Case, "c1", written["c1"].props, 1)
    rels = store.get_rels(["loop", "missing", "o1-MEMBER_OF-ag_court"])
    assert list(rels) == ["loop", "o1-MEMBER_OF-ag_court"]
    assert rels["o1-MEMBER_OF-ag_court"] == Rel(
        RelType.MEMBER_OF,
        "o1-MEMBER_OF-ag_court",
        "o1",
        "ag_court",
        {"valid_from": "2019", "valid_to": "2021-06"},
    )
    assert store.get_nodes([]) == {} and store.get_rels([]) == {}


def test_counts_every_kind_and_type_zeros_included(store: GraphStore) -> None:
    empty = store.counts()
    assert set(empty.nodes) == set(NodeKind) and set(empty.rels) == set(RelType)
    assert not any(empty.nodes.values()) and not any(empty.rels.values())
    counts = load(store).counts()
    assert counts.nodes[NodeKind.Agency] == 3
    assert counts.nodes[NodeKind.Case] == 4
    assert counts.nodes[NodeKind.Complaint] == 0
    assert counts.rels[RelType.HANDLED_BY] == 4
    assert counts.rels[RelType.COORDINATES] == 1
    assert sum(counts.nodes.values()) == len(NEIGHBOURHOOD.nodes)
    assert sum(counts.rels.values()) == len(NEIGHBOURHOOD.rels)


def test_scans_go_in_id_order_in_chunks(store: GraphStore) -> None:
    names = ["z9", "a1", "m5", "a10", "b2"]
    store.write(
        Batch(
            nodes=[agency(n) for n in names],
            rels=[rel(RelType.GUIDES, "a1", n, f"g-{n}") for n in names],
        )
    )
    chunks = list(store.scan_nodes(NodeKind.Agency, batch_size=2))
    assert [ids(c) for c in chunks] == [["a1", "a10"], ["b2", "m5"], ["z9"]]
    assert [n.version for c in chunks for n in c] == [1] * 5
    rel_chunks = list(store.scan_rels(RelType.GUIDES, batch_size=3))
    assert [rel_ids(c) for c in rel_chunks] == [["g-a1", "g-a10", "g-b2"], ["g-m5", "g-z9"]]
    assert rel_chunks[0][1] == Rel(RelType.GUIDES, "g-a10", "a1", "a10", {})
    assert [ids(c) for c in store.scan_nodes(NodeKind.Agency, batch_size=5)] == [sorted(names)]
    assert list(store.scan_nodes(NodeKind.Case)) == []
    assert list(store.scan_rels(RelType.HANDLED)) == []
