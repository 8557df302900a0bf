"""Batches the size of a load: a store may write new records without looking for them
first (Neo4j's ``write_new``), but a batch that turns out to hold known records, a missing
end, ends of the wrong kinds or a repeated record must still be upserted, checked, worded
and counted exactly as a small batch is."""

from __future__ import annotations

import pytest

from graph.errors import ValidationError
from graph.model.enums import NodeKind, RelType
from graph.model.records import Rel
from graph.store import Batch, GraphStore, WriteResult
from tests.worlds.known_answers import node, rel

COURT = node(NodeKind.Agency, "court", name="法院", kind="COURT", level="COUNTY")
SIZE = 700  # cases, and as many relationships: past the size of a load's batch


def _handled(case: str, end: str = "court") -> Rel:
    """A relationship whose id names its ends and type, as a load's do (``start|TYPE|end``)."""
    return rel(RelType.HANDLED_BY, case, end, f"{case}|HANDLED_BY|{end}")


def _cases(start: int, cause: str) -> Batch:
    cases = [node(NodeKind.Case, f"k{i:04d}", cause=cause) for i in range(start, start + SIZE)]
    return Batch(nodes=cases, rels=[_handled(c.id) for c in cases])


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
    bad = _handled("k0001", "k0002")  # a case cannot be handled by a case
    with pytest.raises(ValidationError):
        store.write(Batch(nodes=batch.nodes, rels=[*batch.rels, bad]))
    assert store.get_nodes(["k0000"]) == {}


def test_a_load_sized_batch_naming_a_missing_end_says_which_and_writes_nothing(
    store: GraphStore,
) -> None:
    store.write(Batch(nodes=[COURT]))
    batch = _cases(0, "盗窃")
    stray = _handled("k0003", "nowhere")
    with pytest.raises(ValidationError) as raised:
        store.write(Batch(nodes=batch.nodes, rels=[*batch.rels, stray]))
    assert "no node 'nowhere'" in str(raised.value)
    assert store.get_nodes(["k0000"]) == {}
    assert store.neighbours(["court"], rel_types=[RelType.HANDLED_BY])["court"] == []


def test_a_load_sized_batch_counts_a_repeated_record_as_a_small_batch_does(
    store: GraphStore,
) -> None:
    store.write(Batch(nodes=[COURT]))
    batch = _cases(0, "盗窃")
    twice = node(NodeKind.Case, "k0005", cause="抢劫")
    again = _handled("k0005")
    assert store.write(
        Batch(nodes=[*batch.nodes, twice], rels=[*batch.rels, again])
    ) == WriteResult(SIZE, SIZE, 0, 0)
    (found,) = store.get_nodes(["k0005"]).values()
    assert (found.props["cause"], found.version) == ("抢劫", 2)
    (handled,) = store.neighbours(["k0005"], rel_types=[RelType.HANDLED_BY])["k0005"]
    assert handled.node.id == "court"


def test_a_load_sized_batch_giving_one_id_two_kinds_is_refused(store: GraphStore) -> None:
    store.write(Batch(nodes=[COURT]))
    batch = _cases(0, "盗窃")
    clash = node(NodeKind.Agency, "k0007", name="某局", kind="POLICE", level="COUNTY")
    with pytest.raises(ValidationError) as raised:
        store.write(Batch(nodes=[*batch.nodes, clash], rels=batch.rels))
    assert "already a Case" in str(raised.value)
    assert store.get_nodes(["k0000", "k0007"]) == {}


def _part_of(start: str, end: str) -> Rel:
    return rel(RelType.PART_OF, start, end, f"{start}|PART_OF|{end}")


def test_a_load_sized_batch_joins_only_the_pairs_of_kinds_a_type_allows(
    store: GraphStore,
) -> None:
    """PART_OF joins a region to a region and an indicator to an indicator, never a region to
    an indicator: each kind is allowed by some pair, the pair is what is tested."""
    regions = [node(NodeKind.Region, f"r{i:04d}") for i in range(SIZE)]
    indicators = [node(NodeKind.Indicator, "i0"), node(NodeKind.Indicator, "i1")]
    links = [_part_of(f"r{i:04d}", "r0000") for i in range(1, SIZE)] + [_part_of("i1", "i0")]
    assert store.write(Batch(nodes=[*regions, *indicators], rels=links)) == WriteResult(
        SIZE + 2, SIZE, 0, 0
    )
    assert [n.node.id for n in store.neighbours(["i1"])["i1"]] == ["i0"]
    more = [node(NodeKind.Region, f"s{i:04d}") for i in range(SIZE)]
    across = [_part_of(f"s{i:04d}", "r0000") for i in range(SIZE)] + [_part_of("r0001", "i0")]
    with pytest.raises(ValidationError) as raised:
        store.write(Batch(nodes=more, rels=across))
    assert "PART_OF cannot link a Region to a Indicator" in str(raised.value)
    assert store.get_nodes(["s0000"]) == {}
    assert len(store.neighbours(["r0000"])["r0000"]) == SIZE - 1
