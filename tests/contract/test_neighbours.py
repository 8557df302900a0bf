"""neighbours: batched, ordered by (rel type, neighbour id, rel id), filtered, cut per id."""

from graph.model.enums import NodeKind, RelType
from graph.store import Direction, GraphStore
from tests.worlds.known_answers import listing, load

COURT_ALL = [
    ("COORDINATES", "ag_court", "loop", True),
    ("COORDINATES", "ag_court", "loop", False),
    ("GUIDES", "ag_proc", "ag_court-GUIDES-ag_proc", True),
    ("HANDLED_BY", "c1", "c1-HANDLED_BY-ag_court", False),
    ("HANDLED_BY", "c2", "c2-HANDLED_BY-ag_court", False),
    ("LOCATED_IN", "r_cd", "ag_court-LOCATED_IN-r_cd", True),
    ("MEMBER_OF", "o1", "o1-MEMBER_OF-ag_court", False),
]


def test_every_neighbour_in_order_with_a_self_loop_both_ways(store: GraphStore) -> None:
    found = load(store).neighbours(["ag_court"])
    assert list(found) == ["ag_court"]
    assert listing(found["ag_court"]) == COURT_ALL
    first = found["ag_court"][2]
    assert (first.rel.start, first.rel.end, first.node.kind) == (
        "ag_court",
        "ag_proc",
        NodeKind.Agency,
    )
    incoming = found["ag_court"][3]
    assert (incoming.rel.start, incoming.rel.end) == ("c1", "ag_court")
    assert incoming.node.props["case_number"] == "(2021)川01刑初1号"


def test_directions(store: GraphStore) -> None:
    load(store)
    out = store.neighbours(["ag_court"], direction=Direction.OUT)["ag_court"]
    assert listing(out) == [x for x in COURT_ALL if x[3]]
    into = store.neighbours(["ag_court"], direction=Direction.IN)["ag_court"]
    assert listing(into) == [x for x in COURT_ALL if not x[3]]


def test_kind_and_type_filters(store: GraphStore) -> None:
    load(store)
    cases = store.neighbours(["ag_court"], node_kinds=[NodeKind.Case])["ag_court"]
    assert [n.node.id for n in cases] == ["c1", "c2"]
    typed = store.neighbours(["ag_court"], rel_types=[RelType.MEMBER_OF, RelType.GUIDES])
    assert [n.node.id for n in typed["ag_court"]] == ["ag_proc", "o1"]
    assert store.neighbours(["ag_court"], rel_types=[]) == {"ag_court": []}
    assert store.neighbours(["ag_court"], node_kinds=[]) == {"ag_court": []}


def test_as_of_keeps_relationships_and_neighbours_valid_that_day(store: GraphStore) -> None:
    load(store)

    def on(day: str, id_: str = "ag_court") -> list[str]:
        return [n.rel.id for n in store.neighbours([id_], as_of=day)[id_]]

    assert "o1-MEMBER_OF-ag_court" in on("2021-06-30")  # "2021-06" covers the whole month
    assert "o1-MEMBER_OF-ag_court" not in on("2021-07-01")
    assert "o1-MEMBER_OF-ag_court" not in on("2018-12-31")
    assert "o1-MEMBER_OF-ag_court" in on("2019-01-01")
    assert "c2-HANDLED_BY-ag_court" in on("2020-12-31")
    assert "c2-HANDLED_BY-ag_court" not in on("2021-01-01")
    assert on("2022-05-31", "ag_cq") == ["ag_cq-LOCATED_IN-r_cq"]  # c4 is not valid yet
    assert on("2022-06-01", "ag_cq") == ["c4-HANDLED_BY-ag_cq", "ag_cq-LOCATED_IN-r_cq"]


def test_batched_over_ids_with_a_limit_each(store: GraphStore) -> None:
    load(store)
    found = store.neighbours(["c1", "missing", "ag_court", "c1", "r_sc"], limit=3)
    assert list(found) == ["c1", "ag_court", "r_sc"]
    assert listing(found["ag_court"]) == COURT_ALL[:3]
    assert listing(found["c1"]) == [
        ("HANDLED", "o1", "o1-HANDLED-c1", False),
        ("HANDLED_BY", "ag_court", "c1-HANDLED_BY-ag_court", True),
    ]
    assert [n.node.id for n in found["r_sc"]] == ["r_cd"]
    assert store.neighbours(["ag_court"], limit=0) == {"ag_court": []}
    assert store.neighbours(["c4"], direction=Direction.IN) == {"c4": []}
