"""expand: the k-hop neighbourhood, its distances, its cut, and which relationships it keeps."""

import pytest

from graph.adapters import embedded_graph
from graph.model.enums import NodeKind, RelType
from graph.store import AnyOf, Direction, GraphStore, Op, Where
from tests.worlds.known_answers import ids, load, rel_ids

COURT_RELS = [
    "ag_court-GUIDES-ag_proc",
    "ag_court-LOCATED_IN-r_cd",
    "c1-HANDLED_BY-ag_court",
    "c2-HANDLED_BY-ag_court",
    "loop",
    "o1-MEMBER_OF-ag_court",
]


def test_one_hop_keeps_only_the_seeds_relationships(store: GraphStore) -> None:
    sub = load(store).expand(["c1"], depth=1)
    assert ids(sub) == ["c1", "ag_court", "o1"]
    assert sub.distance == {"c1": 0, "ag_court": 1, "o1": 1}
    # o1-MEMBER_OF-ag_court joins two nodes at the full depth: not kept.
    assert rel_ids(sub) == ["c1-HANDLED_BY-ag_court", "o1-HANDLED-c1"]
    assert not sub.truncated
    handled = sub.rels[0]
    assert (handled.type, handled.start, handled.end) == (RelType.HANDLED_BY, "c1", "ag_court")


def test_two_hops_in_both_directions(store: GraphStore) -> None:
    sub = load(store).expand(["c1"], depth=2)
    assert ids(sub) == ["c1", "ag_court", "o1", "ag_proc", "c2", "r_cd"]
    assert sub.distance == {"c1": 0, "ag_court": 1, "o1": 1, "ag_proc": 2, "c2": 2, "r_cd": 2}
    assert rel_ids(sub) == sorted([*COURT_RELS, "o1-HANDLED-c1"])


def test_outgoing_keeps_relationships_whose_start_is_below_the_depth(store: GraphStore) -> None:
    load(store)
    sub = store.expand(["c1"], depth=2, direction=Direction.OUT)
    assert ids(sub) == ["c1", "ag_court", "ag_proc", "r_cd"]
    # ag_proc -> r_cd starts at distance 2: the walk would not follow it.
    assert rel_ids(sub) == [
        "ag_court-GUIDES-ag_proc",
        "ag_court-LOCATED_IN-r_cd",
        "c1-HANDLED_BY-ag_court",
        "loop",
    ]
    deeper = store.expand(["c1"], depth=3, direction=Direction.OUT)
    assert deeper.distance == {"c1": 0, "ag_court": 1, "ag_proc": 2, "r_cd": 2, "r_sc": 3}
    assert "ag_proc-LOCATED_IN-r_cd" in rel_ids(deeper)
    assert "r_cd-PART_OF-r_sc" in rel_ids(deeper)


def test_incoming_keeps_relationships_whose_end_is_below_the_depth(store: GraphStore) -> None:
    sub = load(store).expand(["r_cd"], depth=2, direction=Direction.IN)
    assert ids(sub) == ["r_cd", "ag_court", "ag_proc", "c1", "c2", "c3", "o1"]
    assert rel_ids(sub) == [
        "ag_court-GUIDES-ag_proc",
        "ag_court-LOCATED_IN-r_cd",
        "ag_proc-LOCATED_IN-r_cd",
        "c1-HANDLED_BY-ag_court",
        "c2-HANDLED_BY-ag_court",
        "c3-HANDLED_BY-ag_proc",
        "loop",
        "o1-MEMBER_OF-ag_court",
    ]  # not o1-HANDLED-c1: it ends at c1, at the full depth


def test_kind_filter_walks_only_through_allowed_kinds(store: GraphStore) -> None:
    load(store)
    sub = store.expand(["c1"], depth=4, node_kinds=[NodeKind.Agency, NodeKind.Region])
    assert ids(sub) == ["c1", "ag_court", "ag_proc", "r_cd", "r_sc"]
    assert rel_ids(sub) == [
        "ag_court-GUIDES-ag_proc",
        "ag_court-LOCATED_IN-r_cd",
        "ag_proc-LOCATED_IN-r_cd",
        "c1-HANDLED_BY-ag_court",
        "loop",
        "r_cd-PART_OF-r_sc",
    ]
    assert ids(store.expand(["c1"], depth=2, node_kinds=[])) == ["c1"]


def test_type_filter(store: GraphStore) -> None:
    load(store)
    sub = store.expand(["ag_court"], depth=2, rel_types=[RelType.HANDLED_BY, RelType.HANDLED])
    assert sub.distance == {"ag_court": 0, "c1": 1, "c2": 1, "o1": 2}
    assert rel_ids(sub) == ["c1-HANDLED_BY-ag_court", "c2-HANDLED_BY-ag_court", "o1-HANDLED-c1"]
    assert ids(store.expand(["ag_court"], depth=2, rel_types=[])) == ["ag_court"]


def test_as_of_applies_to_relationships_and_nodes(store: GraphStore) -> None:
    load(store)
    sub = store.expand(["ag_court"], depth=1, as_of="2021-07-01")
    assert ids(sub) == ["ag_court", "ag_proc", "c1", "r_cd"]
    assert "c2-HANDLED_BY-ag_court" not in rel_ids(sub)
    assert ids(store.expand(["ag_cq"], depth=1, as_of="2022-05-31")) == ["ag_cq", "r_cq"]
    assert ids(store.expand(["ag_cq"], depth=1, as_of="2022-06-01")) == ["ag_cq", "c4", "r_cq"]
    # A seed is kept whatever its dates.
    assert ids(store.expand(["c4"], depth=1, as_of="2000-01-01")) == ["c4", "ag_cq"]


def test_limit_cuts_by_distance_then_id_and_says_so(store: GraphStore) -> None:
    load(store)
    sub = store.expand(["ag_court"], depth=1, limit=3)
    assert ids(sub) == ["ag_court", "ag_proc", "c1"]
    assert sub.truncated
    assert rel_ids(sub) == ["ag_court-GUIDES-ag_proc", "c1-HANDLED_BY-ag_court", "loop"]
    full = store.expand(["ag_court"], depth=1, limit=6)
    assert not full.truncated
    assert ids(full) == ["ag_court", "ag_proc", "c1", "c2", "o1", "r_cd"]
    assert rel_ids(full) == COURT_RELS
    assert ids(store.expand(["ag_court"], depth=1, limit=0)) == []


def test_several_seeds_missing_ones_ignored(store: GraphStore) -> None:
    sub = load(store).expand(["c3", "missing", "c1", "c3"], depth=1)
    assert ids(sub) == ["c1", "c3", "ag_court", "ag_proc", "o1", "r_cq"]
    assert sub.distance["c3"] == 0
    zero = store.expand(["c1", "c3"], depth=0)
    assert (ids(zero), rel_ids(zero)) == (["c1", "c3"], [])
    assert ids(store.expand(["missing"], depth=2)) == []


def test_without_rel_props_the_same_relationships_come_bare(store: GraphStore) -> None:
    load(store)
    asks = [
        (["c1"], {"depth": 2}),
        (["o1"], {"depth": 3}),
        (["ag_court", "r_cq"], {"depth": 1}),
        (["c1"], {"depth": 3, "limit": 4}),
        (["c1"], {"depth": 2, "direction": Direction.OUT, "as_of": "2021-07-01"}),
    ]
    for seeds, how in asks:
        full = store.expand(seeds, **how)
        bare = store.expand(seeds, **how, rel_props=False)
        assert bare.nodes == full.nodes
        assert bare.distance == full.distance
        assert bare.truncated == full.truncated
        assert [(r.type, r.id, r.start, r.end) for r in bare.rels] == [
            (r.type, r.id, r.start, r.end) for r in full.rels
        ]
        assert all(r.props == {} for r in bare.rels)
        assert bare.rels  # every ask finds some
    # The fixture's props are there to leave out: o1's membership has its dates.
    dated = [r for r in store.expand(["o1"], depth=1).rels if r.type is RelType.MEMBER_OF]
    assert dated and dated[0].props.get("valid_from") == "2019"


def test_where_walks_only_through_nodes_meeting_their_kinds_conditions(store: GraphStore) -> None:
    """``where``: each kind's conditions (a kind without any is free), tested on every node
    reached, never crossed when not met; the seeds are kept whatever they are."""
    load(store)
    agency, official = NodeKind.Agency, NodeKind.Official
    only_proc = {agency: [Where("id", Op.IN, ["ag_proc"])]}
    blocked = store.expand(["c1"], depth=2, where=only_proc)
    assert ids(blocked) == ["c1", "o1"]  # the court not crossed: nothing beyond it
    assert rel_ids(blocked) == ["o1-HANDLED-c1"]
    either = AnyOf((Where("region_code", Op.PREFIX, "5000"), Where("id", Op.IN, ["ag_court"])))
    mixed = {agency: [either], official: [Where("name", Op.EQ, "李四")]}
    sub = store.expand(["c1"], depth=2, where=mixed)
    assert ids(sub) == ["c1", "ag_court", "c2", "r_cd"]
    assert sub.distance == {"c1": 0, "ag_court": 1, "c2": 2, "r_cd": 2}
    assert rel_ids(sub) == [
        "ag_court-LOCATED_IN-r_cd",
        "c1-HANDLED_BY-ag_court",
        "c2-HANDLED_BY-ag_court",
        "loop",
    ]
    assert rel_ids(store.expand(["c1"], depth=2, where=mixed, rel_props=False)) == rel_ids(sub)
    # The seed itself need not meet them.
    nobody = {official: [Where("name", Op.EQ, "nobody")]}
    assert ids(store.expand(["o1"], depth=1, where=nobody)) == ["o1", "ag_court", "c1"]
    # Empty conditions, or none at all, change nothing.
    whole = store.expand(["c1"], depth=2)
    assert store.expand(["c1"], depth=2, where={agency: []}) == whole
    assert store.expand(["c1"], depth=2, where={}) == whole
    # With a cut: the nodes met are cut by distance then id, as without conditions.
    cut = store.expand(["c1"], depth=2, where=mixed, limit=3)
    assert (ids(cut), cut.truncated) == (["c1", "ag_court", "c2"], True)


def test_where_with_a_cut_says_truncated_when_more_lie_beyond_the_limit(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embedded store asks about a layer's nodes in chunks, in id order, until more than
    the limit leaves room for are admitted (chunks of twice that here): the walk must still
    say it was cut when the first chunk holds exactly what the limit leaves room for."""
    monkeypatch.setattr(embedded_graph, "ADMIT_CHUNK", 1)
    load(store)
    # ag_court's neighbours by id: ag_proc, c1 (refused), c2, o1, r_cd.
    where = {NodeKind.Case: [Where("id", Op.IN, ["c2"])]}
    cut = store.expand(["ag_court"], depth=1, limit=2, where=where)
    assert (ids(cut), cut.truncated) == (["ag_court", "ag_proc"], True)
    whole = store.expand(["ag_court"], depth=1, limit=5, where=where)
    assert (ids(whole), whole.truncated) == (["ag_court", "ag_proc", "c2", "o1", "r_cd"], False)
