"""Merging a likely duplicate and undoing it (issue 15), on both stores: the duplicate found,
merged (its relationships moved, none doubled, the loser an alias that still resolves), the
merge audited and undone from the audit chain to the relationships exactly as they were; the
rules of who merges what; and the same over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from graph.errors import Conflict, ValidationError
from graph.model.enums import RelType
from graph.model.validate import make_rel
from graph.store import Batch, Direction, GraphStore
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.workflows.explore.test_xref import WORLD
from tests.worlds.exploration import access
from tests.worlds.sample import write_sample
from workflows import generic
from workflows.audit import verify_store
from workflows.explore.merge import merge_nodes, unmerge_node
from workflows.explore.xref import likely_duplicates
from workflows.usecase import call

KEEP, LOSE = "official:p1", "official:p1-copy"
RELS = [
    ("PARTY_TO", KEEP, "case:cd-1", {"party_role": "PLAINTIFF"}, "PLAINTIFF"),
    ("PARTY_TO", LOSE, "case:cd-1", {"party_role": "PLAINTIFF"}, "PLAINTIFF"),
    ("FILED", LOSE, "complaint:1", {"valid_from": "2023-02-01"}, ""),
    ("INVOLVES", "case:cd-1", "agency:a1-copy", {}, ""),
]


def written(store: GraphStore) -> None:
    write_sample(store)
    store.write(Batch(nodes=WORLD))
    store.write(
        Batch(
            rels=[
                make_rel(t, f"{s}|{t}|{e}|{k}" if k else None, s, e, props)
                for t, s, e, props, k in RELS
            ]
        )
    )


def rels_of(store: GraphStore, node: str) -> dict[str, Any]:
    found = store.neighbours([node], rel_types=list(RelType), direction=Direction.BOTH)
    return {n.rel.id: (n.rel.start, n.rel.end, dict(n.rel.props)) for n in found.get(node, [])}


def pairs(store: GraphStore) -> set[tuple[str, ...]]:
    return {d.ids for d in call(likely_duplicates, store=store, access=access(store))}


def test_a_duplicate_is_merged_and_the_merge_is_undone(store: GraphStore) -> None:
    written(store)
    before = {n: rels_of(store, n) for n in (KEEP, LOSE)}
    assert (KEEP, LOSE) in pairs(store)
    admin = access(store)
    merged = call(
        merge_nodes, store=store, access=admin, keep_id=KEEP, lose_id=LOSE, version=1,
        reason="同一身份证号,两个来源各录一次",
    )  # fmt: skip
    after = {n: rels_of(store, n) for n in (KEEP, LOSE)}
    alias = store.get_nodes([LOSE])[LOSE]
    undone = call(unmerge_node, store=store, access=admin, alias_id=LOSE, version=alias.version)
    restored = {n: rels_of(store, n) for n in (KEEP, LOSE)}

    assert (merged.moved, merged.already) == (1, 1)
    assert after[LOSE] == {}
    assert {(s, e) for s, e, _ in after[KEEP].values()} == {
        (KEEP, "case:cd-1"),
        (KEEP, "complaint:1"),
    }
    moved = next(p for s, e, p in after[KEEP].values() if e == "complaint:1")
    assert moved["valid_from"] == "2023-02-01"
    assert merged.alias.props["merged_into"] == KEEP and alias.props["merged_into"] == KEEP
    assert (undone.moved, undone.already) == (2, 1)
    assert restored == before
    assert store.get_nodes([LOSE])[LOSE].props.get("merged_into") is None
    assert (KEEP, LOSE) in pairs(store)
    assert verify_store(store=store).ok


def test_merge_rules(store: GraphStore) -> None:
    written(store)
    admin = access(store)

    def merge(keep: str, lose: str, version: int = 1, reason: str = "同一人") -> Any:
        return call(
            merge_nodes, store=store, access=admin, keep_id=keep, lose_id=lose,
            version=version, reason=reason,
        )  # fmt: skip

    refusals = {
        "itself": lambda: merge(KEEP, KEEP),
        "kinds": lambda: merge(KEEP, "agency:a1"),
        "reason": lambda: merge(KEEP, LOSE, reason=" "),
        "unmerged": lambda: call(unmerge_node, store=store, access=admin, alias_id=LOSE, version=1),
    }
    for name, attempt in refusals.items():
        with pytest.raises(ValidationError):
            attempt()
            pytest.fail(name)
    with pytest.raises(Conflict):
        merge(KEEP, LOSE, version=9)
    merge(KEEP, LOSE)
    with pytest.raises(ValidationError):
        merge("official:p2", LOSE, version=2)  # an alias is not merged again
    with pytest.raises(ValidationError):
        merge(LOSE, "official:p2")  # nor kept
    with pytest.raises(ValidationError):
        generic.update_node(
            store=store, access=admin, actor="a", kind=generic.NodeKind.Official, id_=LOSE,
            version=2, changes={"merged_into": None, "name": "x"},
        )  # fmt: skip
    viewer = access(store, "viewer")
    with pytest.raises(Exception, match="may not"):
        call(
            merge_nodes, store=store, access=viewer, keep_id="official:p2",
            lose_id="official:p2-slip", version=1, reason="同一人",
        )  # fmt: skip


MERGE = """
mutation($keep: ID!, $lose: ID!) {
  mergeNodes(keepId: $keep, loseId: $lose, version: 1, reason: "同一机关两种写法") {
    kept { id } alias { id ... on Agency { mergedInto } } moved already
  }
}"""
UNMERGE = """
mutation($id: ID!, $version: Int!) {
  unmergeNode(aliasId: $id, version: $version) { alias { id version } moved already }
}"""
READ = """
query($id: ID!) {
  node(id: $id) { version ... on Agency { mergedInto crossRegionCases { id } } }
}"""


def test_merge_and_undo_over_http(server: Server) -> None:
    written(server.store)
    keep, lose = gid("agency:a1"), gid("agency:a1-copy")
    with server.client("supervisor", "510104") as staff:
        not_reference = gql(staff, MERGE, keep=keep, lose=lose)
    with server.client("admin") as c:
        merged = data(c, MERGE, keep=keep, lose=lose)["mergeNodes"]
        alias = data(c, READ, id=lose)["node"]
        kept = data(c, READ, id=keep)["node"]
        undone = data(c, UNMERGE, id=lose, version=alias["version"])["unmergeNode"]
        back = data(c, READ, id=lose)["node"]
    assert codes(not_reference) == ["FORBIDDEN"]
    assert merged["kept"]["id"] == keep and merged["alias"]["mergedInto"] == "agency:a1"
    assert (merged["moved"], merged["already"]) == (1, 0)
    assert alias["mergedInto"] == "agency:a1" and alias["crossRegionCases"] == []
    assert kept["crossRegionCases"] == [{"id": gid("case:cd-1")}]
    assert undone["moved"] == 1
    assert back["mergedInto"] is None and back["crossRegionCases"] == [{"id": gid("case:cd-1")}]
