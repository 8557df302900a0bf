"""rels_among: the relationships a set of nodes induces, each once, in id order, with the
nodes' self-loops and the relationships between hubs; held to what ``neighbours`` shows."""

import random

from graph.model.enums import NodeKind, RelType
from graph.model.records import Rel
from graph.store import Batch, Direction, GraphStore
from tests.worlds.known_answers import agency, load, node, rel

K, R = NodeKind, RelType


def _reference(store: GraphStore, ids: list[str], types: list[RelType] | None = None) -> list[Rel]:
    """Every relationship leaving a node among ``ids`` for one among them, by id."""
    inside = set(ids)
    near = store.neighbours(ids, rel_types=types, direction=Direction.OUT)
    found = {n.rel.id: n.rel for ns in near.values() for n in ns if n.node.id in inside}
    return [found[i] for i in sorted(found)]


def test_the_relationships_among_some_nodes_with_a_self_loop(store: GraphStore) -> None:
    load(store)
    ids = ["ag_court", "ag_proc", "c1", "o1", "no-such-node"]
    found = store.rels_among(ids)
    assert [r.id for r in found] == sorted(r.id for r in found)
    assert {"loop", "ag_court-GUIDES-ag_proc", "c1-HANDLED_BY-ag_court"} <= {r.id for r in found}
    assert found == _reference(store, ids)
    assert all(r.start in ids and r.end in ids for r in found)
    loop = next(r for r in found if r.id == "loop")
    assert (loop.type, loop.start, loop.end) == (R.COORDINATES, "ag_court", "ag_court")


def test_types_and_empty_questions(store: GraphStore) -> None:
    load(store)
    ids = ["ag_court", "ag_proc", "c1", "c2", "o1"]
    typed = store.rels_among(ids, rel_types=[R.HANDLED_BY, R.COORDINATES])
    assert {r.type for r in typed} == {R.HANDLED_BY, R.COORDINATES}
    assert typed == _reference(store, ids, [R.HANDLED_BY, R.COORDINATES])
    assert store.rels_among(ids, rel_types=[]) == []
    assert store.rels_among([]) == []
    assert store.rels_among(["ag_court"]) == [r for r in store.rels_among(ids) if r.id == "loop"]


def test_hubs_and_random_sets(store: GraphStore) -> None:
    """Two agencies with hundreds of cases each (hubs for the embedded store), linked to
    each other twice and one of them to itself; random sets of nodes."""
    rng = random.Random(12)
    cases = [node(K.Case, f"k{i:03d}", region_code="510100") for i in range(320)]
    officials = [node(K.Official, f"o{i:02d}", name=f"o{i:02d}") for i in range(40)]
    hubs = [agency("hub-a"), agency("hub-b")]
    rels = [rel(R.HANDLED_BY, c.id, "hub-a") for c in cases[:300]]
    rels += [rel(R.HANDLED_BY, c.id, "hub-b") for c in cases[20:]]
    rels += [rel(R.COORDINATES, "hub-a", "hub-b", "ab-1"), rel(R.COORDINATES, "hub-a", "hub-b")]
    rels += [rel(R.COORDINATES, "hub-b", "hub-b", "b-loop")]
    for o in officials:
        rels.append(rel(R.MEMBER_OF, o.id, rng.choice(["hub-a", "hub-b"])))
        for c in rng.sample(cases, 3):
            rels.append(rel(R.HANDLED, o.id, c.id))
    store.write(Batch(nodes=[*cases, *officials, *hubs], rels=rels))
    every = [n.id for n in (*cases, *officials, *hubs)]
    for size in (1, 5, 40, 200):
        for _ in range(3):
            ids = rng.sample(every, size) + rng.sample(["hub-a", "hub-b"], rng.randint(0, 2))
            assert store.rels_among(ids) == _reference(store, ids), ids
    both = store.rels_among(["hub-a", "hub-b"])
    assert {r.id for r in both} == {"ab-1", "hub-a-COORDINATES-hub-b", "b-loop"}
