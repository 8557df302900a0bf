"""Batches the size of a load: a store may write new records without looking for them
first, but a batch that turns out to hold known records must still upsert them, check them
and count versions exactly as a small batch does."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.model.enums import NodeKind, RelType
from graph.store import Batch, GraphStore, WriteResult
from tests.worlds.known_answers import node, rel

COURT = node(NodeKind.Agency, "court", name="法院", kind="COURT", level="COUNTY")
SIZE = 700  # cases, and as many relationships: past the size of a load's batch


def _cases(start: int, cause: str) -> Batch:
    cases = [node(NodeKind.Case, f"k{i:04d}", cause=cause) for i in range(start, start + SIZE)]
    return Batch(nodes=cases, rels=[rel(RelType.HANDLED_BY, c.id, "court") for c in cases])


def test_a_load_sized_batch_of_new_and_known_records(store: GraphStore) -> None:
    store.write(Batch(nodes=[COURT]))
    assert store.write(_cases(0, "盗窃")) == WriteResult(SIZE, SIZE, 0, 0)
    again = _cases(SIZE // 2, "诈骗")  # half known (new content), half new
    assert store.write(again) == WriteResult(SIZE, SIZE, 0, 0)
    found = store.get_nodes(["k0000", f"k{SIZE // 2:04d}", f"k{SIZE + SIZE // 2 - 1:04d}"])
    assert [(n.props["cause"], n.version) for n in found.values()] == [
        ("盗窃", 1),
        ("诈骗", 2),
        ("诈骗", 1),
    ]
    handled = store.neighbours(["court"], rel_types=[RelType.HANDLED_BY])["court"]
    assert len(handled) == SIZE + SIZE // 2


def test_a_load_sized_batch_with_a_bad_relationship_writes_nothing(store: GraphStore) -> None:
    store.write(Batch(nodes=[COURT]))
    batch = _cases(0, "盗窃")
    bad = rel(RelType.HANDLED_BY, "k0001", "k0002")  # a case cannot be handled by a case
    with pytest.raises(ValidationError):
        store.write(Batch(nodes=batch.nodes, rels=[*batch.rels, bad]))
    assert store.get_nodes(["k0000"]) == {}
