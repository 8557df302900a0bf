"""The store as a caller with an agency token sees it (workflows.concealment): the port's
detector operations, which answer with ids and values, leave out an unannounced visit not
yet finished as the reads of whole nodes do, unless the caller's agency conducts it."""

from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R
from graph.store import Batch, Direction, GraphStore
from tests.worlds.known_answers import agency, load, node, rel
from workflows.concealment import Concealing

WORLD = Batch(
    nodes=[
        agency("a1"),
        agency("b1"),
        node(K.SupervisionAction, "visit", kind="VISIT", concealed=True, conductor_ids=["a1"]),
        node(K.SupervisionAction, "open", kind="VISIT", conductor_ids=["a1"]),
        node(K.SupervisionAction, "done", kind="VISIT", concealed=False, conductor_ids=["a1"]),
    ],
    rels=[
        rel(R.TARGETS, "visit", "b1"),
        rel(R.TARGETS, "open", "b1"),
        rel(R.TARGETS, "done", "b1"),
        rel(R.CONDUCTED_BY, "visit", "a1"),
        rel(R.CONDUCTED_BY, "open", "a1"),
    ],
)


def test_the_visited_see_no_hidden_visit_in_groups_values_or_distances(store: GraphStore) -> None:
    load(store, WORLD)
    visited, visiting = Concealing(store, "b1"), Concealing(store, "a1")
    targets = {"rel_types": [R.TARGETS], "direction": Direction.OUT}
    assert visited.link_groups(K.SupervisionAction, [], **targets) == {"b1": ["done", "open"]}
    assert visiting.link_groups(K.SupervisionAction, [], **targets) == {
        "b1": ["done", "open", "visit"]
    }
    # A group that falls below min_size once the visit is left out is left out.
    conducted = {"rel_types": [R.CONDUCTED_BY], "direction": Direction.OUT, "min_size": 2}
    assert visited.link_groups(K.SupervisionAction, [], **conducted) == {}
    assert visiting.link_groups(K.SupervisionAction, [], **conducted) == {"a1": ["open", "visit"]}
    # The visit as the group's key: the agency it targets is grouped under it.
    by_action = {"rel_types": [R.TARGETS], "direction": Direction.IN}
    assert sorted(visited.link_groups(K.Agency, [], **by_action)) == ["done", "open"]
    assert sorted(visiting.link_groups(K.Agency, [], **by_action)) == ["done", "open", "visit"]
    assert sorted(visited.node_values(K.SupervisionAction, [], ["kind"])) == ["done", "open"]
    assert visiting.node_values(K.SupervisionAction, [], ["kind"])["visit"] == ("VISIT",)
    pairs = [("visit", "b1"), ("open", "b1"), ("b1", "visit")]
    assert visited.distances(pairs, max_depth=2) == {("open", "b1"): 1}
    assert visiting.distances(pairs, max_depth=2) == {
        ("visit", "b1"): 1, ("open", "b1"): 1, ("b1", "visit"): 1
    }  # fmt: skip
    # The reads of whole nodes agree.
    assert sorted(visited.get_nodes(["visit", "open", "done"])) == ["done", "open"]
