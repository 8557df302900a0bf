"""The port's detector operations, distances and link_groups: the store answers, ids only."""

import random

import pytest

from graph.adapters import cypher_graph
from graph.model.enums import NodeKind, RelType
from graph.store import Batch, Direction, GraphStore, Op, Where
from tests.worlds.known_answers import agency, load, node, rel

K, R = NodeKind, RelType


def official(id_: str, region: str = "510100") -> object:
    return node(K.Official, id_, name=id_, region_code=region)


def complaint(id_: str, region: str = "510100", day: str = "2024-01-01") -> object:
    return node(K.Complaint, id_, region_code=region, received_on=day)


def case(id_: str) -> object:
    return node(K.Case, id_, region_code="510100")


#   p1 ─FILED─► c1, c2, c3 (c3 in 510700)      p2 ─FILED─► c4
#   c1, c2 ─CONCERNS─► k1 ; c2 ─CONCERNS─► k2 ; c3 ─CONCERNS─► k2 (twice: two ids)
#   c1 ─AGAINST─► o1 ; c2 ─CONCERNS─► o1 ; c4 ─AGAINST─► a1 (an agency)
PETITIONS = Batch(
    nodes=[
        official("p1"),
        official("p2"),
        official("o1"),
        complaint("c1"),
        complaint("c2", day="2024-03-01"),
        complaint("c3", region="510700"),
        complaint("c4"),
        case("k1"),
        case("k2"),
        agency("a1"),
    ],
    rels=[
        rel(R.FILED, "p1", "c1"),
        rel(R.FILED, "p1", "c2"),
        rel(R.FILED, "p1", "c3"),
        rel(R.FILED, "p2", "c4"),
        rel(R.CONCERNS, "c1", "k1"),
        rel(R.CONCERNS, "c2", "k1"),
        rel(R.CONCERNS, "c2", "k2"),
        rel(R.CONCERNS, "c3", "k2", "c3-k2-a"),
        rel(R.CONCERNS, "c3", "k2", "c3-k2-b"),
        rel(R.AGAINST, "c1", "o1"),
        rel(R.CONCERNS, "c2", "o1"),
        rel(R.AGAINST, "c4", "a1"),
    ],
)


def test_link_groups_by_neighbour_in_id_order(store: GraphStore) -> None:
    load(store, PETITIONS)
    filed = store.link_groups(K.Complaint, [], rel_types=[R.FILED], direction=Direction.IN)
    assert filed == {"p1": ["c1", "c2", "c3"], "p2": ["c4"]}
    assert list(filed) == ["p1", "p2"]
    # Two relationships to one neighbour make one member.
    cases = store.link_groups(
        K.Complaint, [], rel_types=[R.CONCERNS], direction=Direction.OUT, node_kinds=[K.Case]
    )
    assert cases == {"k1": ["c1", "c2"], "k2": ["c2", "c3"]}


def test_link_groups_and_node_values_come_whole_in_chunks(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neo4j sends groups and values a chunk to a record: with chunks of two, five groups
    and ten nodes come back whole (the embedded store has no chunks: the same answers)."""
    monkeypatch.setattr(cypher_graph, "VALUE_CHUNK", 2)
    load(store, PETITIONS)
    petitioners = store.link_groups(K.Official, [], rel_types=[R.FILED], direction=Direction.OUT)
    assert petitioners == {"c1": ["p1"], "c2": ["p1"], "c3": ["p1"], "c4": ["p2"]}
    cases = store.link_groups(K.Complaint, [], rel_types=[R.CONCERNS], direction=Direction.OUT)
    assert cases == {"k1": ["c1", "c2"], "k2": ["c2", "c3"], "o1": ["c2"]}
    days = store.node_values(K.Complaint, [], ["received_on"])
    assert days == {
        "c1": ("2024-01-01",),
        "c2": ("2024-03-01",),
        "c3": ("2024-01-01",),
        "c4": ("2024-01-01",),
    }


def test_link_groups_min_size_conditions_and_kinds(store: GraphStore) -> None:
    load(store, PETITIONS)
    groups = store.link_groups
    both = Direction.BOTH
    assert groups(K.Complaint, [], rel_types=[R.FILED], direction=both, min_size=2) == {
        "p1": ["c1", "c2", "c3"]
    }
    region = [Where("region_code", Op.PREFIX, "5101")]
    assert groups(K.Complaint, region, rel_types=[R.FILED], direction=both, min_size=2) == {
        "p1": ["c1", "c2"]
    }
    since = [Where("received_on", Op.GTE, "2024-02-01")]
    assert groups(K.Complaint, since, rel_types=[R.FILED], direction=both) == {"p1": ["c2"]}
    accused = groups(
        K.Complaint,
        [],
        rel_types=[R.AGAINST, R.CONCERNS],
        direction=Direction.OUT,
        node_kinds=[K.Official, K.Agency],
    )
    assert accused == {"a1": ["c4"], "o1": ["c1", "c2"]}
    # The wrong direction, no type, or an empty kind list find nothing.
    assert groups(K.Complaint, [], rel_types=[R.FILED], direction=Direction.OUT) == {}
    assert groups(K.Complaint, [], rel_types=[], direction=both) == {}
    assert groups(K.Complaint, [], rel_types=[R.FILED], direction=both, node_kinds=[]) == {}
    # Grouped from the other side: petitioners by the cases their complaints concern.
    assert groups(K.Official, [], rel_types=[R.FILED], direction=Direction.OUT) == {
        "c1": ["p1"],
        "c2": ["p1"],
        "c3": ["p1"],
        "c4": ["p2"],
    }


def test_link_groups_of_a_whole_kind_count_members_of_that_kind(store: GraphStore) -> None:
    """A least size counts distinct members of the kind asked: not relationships (k2 is
    reached three times by two complaints), nor neighbours of other kinds over the same type
    (s2 targets one case and two agencies). Neo4j counts a whole kind's groups before it
    reads their members' ids (``cypher_graph.link_groups``); the answers are the same."""
    actions = [node(K.SupervisionAction, s, region_code="510100") for s in ("s1", "s2", "s3")]
    targets = [("s1", "k1"), ("s1", "k2"), ("s1", "a1"), ("s2", "k1"), ("s2", "a1")]
    targets += [("s2", "a2"), ("s3", "k2"), ("s3", "k3")]
    load(store, PETITIONS)
    load(store, Batch(nodes=[*actions, case("k3"), agency("a2")],
                      rels=[rel(R.TARGETS, s, t) for s, t in targets]))  # fmt: skip
    groups = store.link_groups
    concerns = {"rel_types": [R.CONCERNS], "direction": Direction.OUT}
    assert groups(K.Complaint, [], min_size=2, node_kinds=[K.Case], **concerns) == {
        "k1": ["c1", "c2"],
        "k2": ["c2", "c3"],
    }
    assert groups(K.Complaint, [], min_size=3, node_kinds=[K.Case], **concerns) == {}
    targeted = {"rel_types": [R.TARGETS], "direction": Direction.IN}
    assert groups(K.Case, [], min_size=2, **targeted) == {"s1": ["k1", "k2"], "s3": ["k2", "k3"]}
    assert groups(K.Agency, [], min_size=2, **targeted) == {"s2": ["a1", "a2"]}
    assert groups(K.Case, [], min_size=3, **targeted) == {}
    # Over two types at once, a neighbour reached once by each.
    accused = {"rel_types": [R.AGAINST, R.CONCERNS], "direction": Direction.OUT}
    assert groups(K.Complaint, [], min_size=2, node_kinds=[K.Official], **accused) == {
        "o1": ["c1", "c2"]
    }


#   r1 ─TARGETS─► k1 ◄─HANDLED─ h1 ─MEMBER_OF─► u1 ◄─MEMBER_OF─ m1
#   k1 ─HANDLED_BY─► u1 ;  far: k1 … 3 hops … m1 through an agency ; z alone
WALKS = Batch(
    nodes=[
        node(K.SupervisionAction, "r1", region_code="510100"),
        case("k1"),
        official("h1"),
        official("m1"),
        official("z"),
        agency("u1"),
    ],
    rels=[
        rel(R.TARGETS, "r1", "k1"),
        rel(R.HANDLED, "h1", "k1"),
        rel(R.HANDLED_BY, "k1", "u1"),
        rel(R.MEMBER_OF, "h1", "u1"),
        rel(R.MEMBER_OF, "m1", "u1"),
    ],
)


def test_distances_shortest_within_depth_and_kinds(store: GraphStore) -> None:
    load(store, WALKS)
    pairs = [("k1", "h1"), ("k1", "m1"), ("k1", "z"), ("k1", "nobody"), ("k1", "k1")]
    assert store.distances(pairs, max_depth=2) == {
        ("k1", "h1"): 1,
        ("k1", "m1"): 2,
        ("k1", "k1"): 0,
    }
    assert store.distances(pairs, max_depth=1) == {("k1", "h1"): 1, ("k1", "k1"): 0}
    # Through officials and cases only: m1 is reached through the unit no more.
    kinds = [K.Case, K.Official]
    assert store.distances(pairs, max_depth=3, node_kinds=kinds) == {
        ("k1", "h1"): 1,
        ("k1", "k1"): 0,
    }
    # The end must be of the kinds; the start need not be.
    assert store.distances([("r1", "u1")], max_depth=3, node_kinds=[K.Case]) == {}
    assert store.distances([("r1", "h1")], max_depth=3, node_kinds=[K.Case, K.Official]) == {
        ("r1", "h1"): 2
    }
    # Any direction: m1 to the review three hops away, against the arrows.
    assert store.distances([("m1", "r1")], max_depth=4) == {("m1", "r1"): 3}
    assert store.distances([("m1", "r1")], max_depth=2) == {}


@pytest.mark.parametrize("depth", [0, 1, 2, 3, 4])
def test_distances_agree_with_expand(store: GraphStore, depth: int) -> None:
    load(store, PETITIONS)
    everyone = ["p1", "p2", "o1", "c1", "c2", "c3", "c4", "k1", "k2", "a1"]
    kinds = [K.Complaint, K.Official, K.Case]
    for start in everyone:
        want = store.expand([start], depth=depth, node_kinds=kinds).distance
        got = store.distances([(start, end) for end in everyone], max_depth=depth, node_kinds=kinds)
        assert got == {(start, end): d for end, d in want.items()}, start


@pytest.mark.parametrize("seed", [7, 8])
def test_distances_of_many_pairs_agree_with_expand(store: GraphStore, seed: int) -> None:
    """A random world of cases, handlers, members and units, every pair at one to three
    steps, with and without a kind filter: at one and two steps the stores answer from
    each node's neighbours (Neo4j: ``near_ids``), beyond from a search; both as ``expand``
    walks. Pairs repeat starts and ends many times, as a detector's do."""
    rng = random.Random(seed)
    cases = [f"k{i}" for i in range(14)]
    people = [f"o{i}" for i in range(10)]
    units = [f"u{i}" for i in range(4)]
    rels = [rel(R.HANDLED_BY, k, rng.choice(units)) for k in cases if rng.random() < 0.7]
    rels += [rel(R.HANDLED, o, k) for k in cases for o in rng.sample(people, rng.randint(0, 2))]
    rels += [rel(R.MEMBER_OF, o, rng.choice(units)) for o in people if rng.random() < 0.5]
    rels += [rel(R.HANDLED, people[0], k) for k in cases[:3]]  # one hub among them
    load(store, Batch(nodes=[*map(case, cases), *map(official, people), *map(agency, units)],
                      rels=list({r.id: r for r in rels}.values())))  # fmt: skip
    everyone = [*cases, *people, *units]
    for kinds in (None, [K.Case, K.Official]):
        for depth in (1, 2, 3):
            want = {
                (start, end): d
                for start in everyone
                for end, d in store.expand([start], depth=depth, node_kinds=kinds).distance.items()
            }
            pairs = [(a, b) for a in everyone for b in everyone]
            got = store.distances(rng.sample(pairs, len(pairs)), max_depth=depth, node_kinds=kinds)
            assert got == want, (kinds, depth)
            if depth == 2:
                assert {1, 2} <= set(got.values())


# node_values: the named properties of the nodes meeting the conditions, and nothing else.
PEOPLE = Batch(
    nodes=[
        node(K.Official, "o1", name="张三", region_code="510100", available=True,
             expertise=["CRIMINAL", "CIVIL"], pool_level="CITY"),
        node(K.Official, "o2", name="李四", region_code="510104", available=False,
             expertise=["CIVIL"], pool_level="PROVINCE"),
        node(K.Official, "o3", name="王五", region_code="500101"),
        agency("a1"),
        node(K.Case, "k1", served_ratio=0.5, months_reduced=3),
        node(K.Case, "k2", served_ratio=2),
    ],
)  # fmt: skip


def test_node_values_gives_each_field_as_stored_and_none_when_missing(store: GraphStore) -> None:
    load(store, PEOPLE)
    fields = ["name", "available", "expertise", "pool_level"]
    found = store.node_values(K.Official, [], fields)
    assert found == {
        "o1": ("张三", True, ["CRIMINAL", "CIVIL"], "CITY"),
        "o2": ("李四", False, ["CIVIL"], "PROVINCE"),
        "o3": ("王五", None, None, None),
    }
    assert list(found) == ["o1", "o2", "o3"]
    assert type(found["o1"][1]) is bool
    numbers = store.node_values(K.Case, [], ["served_ratio", "months_reduced"])
    assert numbers == {"k1": (0.5, 3), "k2": (2.0, None)}
    assert type(numbers["k1"][1]) is int and type(numbers["k2"][0]) is float
    # Strings, codes and the id alone (a store may read them another way).
    plain = ["pool_level", "id", "name", "region_code"]
    texts = store.node_values(K.Official, [], plain)
    assert texts["o3"] == (None, "o3", "王五", "500101")
    # The same values as the whole records hold.
    for asked, names in (
        (found, fields),
        (numbers, ["served_ratio", "months_reduced"]),
        (texts, plain),
    ):
        nodes = store.get_nodes(list(asked))
        assert list(asked) == sorted(asked)
        for id_, values in asked.items():
            props = {**nodes[id_].props, "id": id_}
            assert values == tuple(props.get(f) for f in names)


def test_node_values_one_field_the_id_and_none(store: GraphStore) -> None:
    load(store, PEOPLE)
    assert store.node_values(K.Official, [], ["available"]) == {
        "o1": (True,), "o2": (False,), "o3": (None,)
    }  # fmt: skip
    assert store.node_values(K.Official, [], ["id", "name"])["o2"] == ("o2", "李四")
    assert store.node_values(K.Official, [], []) == {"o1": (), "o2": (), "o3": ()}
    assert store.node_values(K.Agency, [], ["name"]) == {"a1": ("a1",)}


def test_node_values_under_conditions(store: GraphStore) -> None:
    load(store, PEOPLE)
    values = store.node_values
    region = [Where("region_code", Op.PREFIX, "5101")]
    assert values(K.Official, region, ["name"]) == {"o1": ("张三",), "o2": ("李四",)}
    level = [Where("pool_level", Op.IN, ["CITY", "COUNTY"])]
    assert values(K.Official, level, ["region_code"]) == {"o1": ("510100",)}
    none = [Where("pool_level", Op.EQ, None)]
    assert values(K.Official, none, ["name"]) == {"o3": ("王五",)}
    nothing = [Where("region_code", Op.PREFIX, "4401")]
    assert values(K.Official, nothing, ["name"]) == {}


def test_node_values_and_link_groups_of_a_list_of_ids(store: GraphStore) -> None:
    """A list of ids (looked up one at a time in Neo4j) with another condition: each id
    counted once however often it is listed, unknown ids, ids of another kind and values that
    are not ids finding nothing, and the other conditions still tested."""
    load(store, PETITIONS)
    listed = ["c2", "c1", "c2", "nobody", "p1", "c3", 7, None]
    ids = [Where("id", Op.IN, listed)]
    assert store.node_values(K.Complaint, ids, ["received_on"]) == {
        "c1": ("2024-01-01",),
        "c2": ("2024-03-01",),
        "c3": ("2024-01-01",),
    }
    region = [*ids, Where("region_code", Op.PREFIX, "5101")]
    assert store.node_values(K.Complaint, region, []) == {"c1": (), "c2": ()}
    since = [Where("received_on", Op.GTE, "2024-02-01"), *ids]
    assert store.node_values(K.Complaint, since, []) == {"c2": ()}
    two = [*ids, Where("id", Op.IN, ["c1", "c3", "c4"])]
    assert store.node_values(K.Complaint, two, []) == {"c1": (), "c3": ()}
    assert store.node_values(K.Complaint, [Where("id", Op.IN, [])], []) == {}
    groups = store.link_groups
    both = Direction.BOTH
    assert groups(K.Complaint, ids, rel_types=[R.FILED], direction=both) == {
        "p1": ["c1", "c2", "c3"]
    }
    assert groups(K.Complaint, ids, rel_types=[R.FILED], direction=both, min_size=4) == {}
    assert groups(K.Complaint, region, rel_types=[R.CONCERNS], direction=Direction.OUT) == {
        "k1": ["c1", "c2"],
        "k2": ["c2"],
        "o1": ["c2"],
    }
    assert groups(K.Complaint, [Where("id", Op.IN, [])], rel_types=[R.FILED], direction=both) == {}


@pytest.mark.parametrize("wrong", ["_missing", "a b", "", "n.name", 'x"]'])
def test_node_values_refuses_a_name_that_is_not_a_property(store: GraphStore, wrong: str) -> None:
    load(store, PEOPLE)
    with pytest.raises(ValueError, match="not a property"):
        store.node_values(K.Official, [], ["name", wrong])
