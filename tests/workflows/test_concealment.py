"""The store as a caller with an agency token sees it (workflows.concealment): the port's
detector operations, which answer with ids and values, leave out an unannounced visit not
yet finished as the reads of whole nodes do, unless the caller's agency conducts it."""

from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R
from graph.store import Batch, Direction, GraphStore
from tests.worlds.known_answers import agency, load, node, rel
from workflows.access import Access, Principal, Role, SharedItems
from workflows.concealment import Concealing
from workflows.explore.walks import neighbourhood, paths
from workflows.usecase import call

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


def test_the_explorer_neither_shows_nor_crosses_a_hidden_visit(store: GraphStore) -> None:
    """The neighbourhood and the paths of a caller whose token names an agency: the store
    walks under the visits' condition (``Access.walk_conditions``), so what lies beyond a
    hidden visit is not reached through it; a visit whose ``concealed`` is false is seen."""
    load(store, Batch(nodes=[*WORLD.nodes, node(K.Finding, "f1")], rels=[
        *WORLD.rels, rel(R.FOUND, "visit", "f1"),
    ]))  # fmt: skip

    def caller(unit: str) -> Access:
        return Access(Principal(unit, Role.INVESTIGATOR, None, agency=unit), SharedItems(store))

    visited, visiting = caller("b1"), caller("a1")
    around = {"id_": "b1", "depth": 2}
    seen = call(neighbourhood, store=store, access=visited, **around)
    assert [n.id for n in seen.nodes] == ["b1", "done", "open", "a1"]
    assert all("visit" not in (r.start, r.end) for r in seen.rels)
    assert [n.id for n in call(neighbourhood, store=store, access=visiting, **around).nodes] == [
        "b1", "done", "open", "visit", "a1", "f1"
    ]  # fmt: skip

    def routes(access: Access, start: str, end: str) -> list[list[str]]:
        found = call(paths, store=store, access=access, start=start, end=end, max_length=4)
        return [[n.id for n in p.nodes] for p in found.paths]

    assert routes(visited, "b1", "a1") == [["b1", "open", "a1"]]
    assert routes(visiting, "b1", "a1") == [["b1", "open", "a1"], ["b1", "visit", "a1"]]
    assert routes(visited, "b1", "f1") == []
    assert routes(visiting, "b1", "f1") == [["b1", "visit", "f1"]]
