"""shortest_paths: every shortest path, parallel relationships multiplied out, in order."""

import pytest

from graph.errors import NotFound
from graph.model.enums import NodeKind, RelType
from graph.store import AnyOf, Batch, Direction, GraphStore, Op, Where
from tests.worlds.known_answers import agency, load, rel, route

G, K = RelType.GUIDES, RelType.COORDINATES

#        ┌─g1 (GUIDES)──────┐
#   a ───┤                  ├──► b1 ──g3──► c ──g5──► d
#        └─k1 (COORDINATES)─┘                ▲
#   a ──g2──► b2 (until 2020) ──g4───────────┘         e ──g6──► c
DIAMOND = Batch(
    nodes=[
        agency("a"),
        agency("b1"),
        agency("b2", valid_to="2020"),
        agency("c"),
        agency("d"),
        agency("e"),
    ],
    rels=[
        rel(G, "a", "b1", "g1"),
        rel(K, "a", "b1", "k1"),
        rel(G, "a", "b2", "g2"),
        rel(G, "b1", "c", "g3", valid_from="2021-03"),
        rel(G, "b2", "c", "g4"),
        rel(G, "c", "d", "g5"),
        rel(G, "e", "c", "g6"),
    ],
)


def test_all_shortest_paths_in_order_of_node_ids_then_rel_ids(store: GraphStore) -> None:
    paths = load(store, DIAMOND).shortest_paths("a", "c", max_length=4)
    assert [route(p) for p in paths] == [
        (["a", "b1", "c"], ["g1", "g3"]),
        (["a", "b1", "c"], ["k1", "g3"]),
        (["a", "b2", "c"], ["g2", "g4"]),
    ]
    assert [p.length for p in paths] == [2, 2, 2]
    first = paths[0]
    assert (first.rels[1].start, first.rels[1].end, first.rels[1].type) == ("b1", "c", G)
    assert first.nodes[1].props["name"] == "b1"


def test_limit_and_max_length(store: GraphStore) -> None:
    load(store, DIAMOND)
    assert [route(p) for p in store.shortest_paths("a", "c", max_length=4, limit=2)] == [
        (["a", "b1", "c"], ["g1", "g3"]),
        (["a", "b1", "c"], ["k1", "g3"]),
    ]
    assert store.shortest_paths("a", "c", max_length=1) == []
    assert store.shortest_paths("a", "c", max_length=4, limit=0) == []
    to_d = store.shortest_paths("a", "d", max_length=3)
    assert [route(p)[0] for p in to_d] == [["a", "b1", "c", "d"]] * 2 + [["a", "b2", "c", "d"]]


def test_directions(store: GraphStore) -> None:
    load(store, DIAMOND)
    assert store.shortest_paths("c", "a", max_length=4, direction=Direction.OUT) == []
    backwards = store.shortest_paths("c", "a", max_length=4, direction=Direction.IN)
    assert [route(p) for p in backwards] == [
        (["c", "b1", "a"], ["g3", "g1"]),
        (["c", "b1", "a"], ["g3", "k1"]),
        (["c", "b2", "a"], ["g4", "g2"]),
    ]
    across = store.shortest_paths("a", "e", max_length=4)  # against g6's direction
    assert [route(p)[0] for p in across] == [["a", "b1", "c", "e"]] * 2 + [["a", "b2", "c", "e"]]
    assert store.shortest_paths("a", "e", max_length=4, direction=Direction.OUT) == []


def test_type_filter(store: GraphStore) -> None:
    load(store, DIAMOND)
    guides = store.shortest_paths("a", "c", max_length=4, rel_types=[G])
    assert [route(p)[1] for p in guides] == [["g1", "g3"], ["g2", "g4"]]
    assert store.shortest_paths("a", "b1", max_length=4, rel_types=[K])[0].rels[0].id == "k1"
    assert store.shortest_paths("a", "c", max_length=4, rel_types=[]) == []


def test_as_of_checks_relationships_and_inner_nodes_not_endpoints(store: GraphStore) -> None:
    load(store, DIAMOND)
    # 2021-06: b2 has expired, so only the b1 branch (g3 valid from 2021-03) is left.
    assert [
        route(p)[0] for p in store.shortest_paths("a", "c", max_length=4, as_of="2021-06-01")
    ] == [
        ["a", "b1", "c"],
        ["a", "b1", "c"],
    ]
    # 2021-01: g3 is not valid yet and b2 has expired: no path of any length.
    assert store.shortest_paths("a", "c", max_length=6, as_of="2021-01-15") == []
    # 2019: b2 is valid, g3 is not.
    assert [route(p) for p in store.shortest_paths("a", "c", max_length=4, as_of="2019")] == [
        (["a", "b2", "c"], ["g2", "g4"])
    ]
    # An expired endpoint does not block its own paths.
    assert [route(p) for p in store.shortest_paths("a", "b2", max_length=4, as_of="2023")] == [
        (["a", "b2"], ["g2"])
    ]


def test_where_holds_the_nodes_between_the_ends_not_the_ends(store: GraphStore) -> None:
    load(store, DIAMOND)

    def routes(start: str, end: str, **kwargs: object) -> list[tuple[list[str], list[str]]]:
        return [route(p) for p in store.shortest_paths(start, end, max_length=4, **kwargs)]

    only_b2 = {NodeKind.Agency: [Where("id", Op.IN, ["b2"])]}
    # a and c do not meet it, and are the ends: only b1 is not crossed.
    assert routes("a", "c", where=only_b2) == [(["a", "b2", "c"], ["g2", "g4"])]
    # c lies between a and d: not crossed, so no path.
    assert routes("a", "d", where=only_b2) == []
    either = {NodeKind.Agency: [AnyOf((Where("id", Op.IN, ["b2"]), Where("name", Op.EQ, "c")))]}
    assert routes("a", "d", where=either) == [(["a", "b2", "c", "d"], ["g2", "g4", "g5"])]
    assert routes("d", "a", where=either) == [(["d", "c", "b2", "a"], ["g5", "g4", "g2"])]
    assert routes("a", "d", where={NodeKind.Agency: []}) == routes("a", "d")


def test_same_endpoint_and_missing_endpoints(store: GraphStore) -> None:
    load(store, DIAMOND)
    (alone,) = store.shortest_paths("c", "c", max_length=3)
    assert (route(alone), alone.length) == ((["c"], []), 0)
    with pytest.raises(NotFound):
        store.shortest_paths("nobody", "c", max_length=3)
    with pytest.raises(NotFound):
        store.shortest_paths("c", "nobody", max_length=3)
    with pytest.raises(NotFound):
        store.shortest_paths("nobody", "nobody", max_length=3)
