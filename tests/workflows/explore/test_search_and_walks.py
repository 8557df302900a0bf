"""Search, neighbourhood and paths on both backends: filters by kind, type and date, the limit,
the three path outcomes, and what a Chengdu-scoped caller sees (never a Panzhihua node, nor
a path through one); personal fields masked for a viewer."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from graph.errors import NotFound, ValidationError
from graph.model.enums import NodeKind as K
from graph.model.enums import RelType as R
from graph.model.records import Node
from graph.store import GraphStore
from tests.worlds.exploration import PERSONAL, Scene, access, write_web
from workflows.access import MASKS, mask
from workflows.explore.search import search
from workflows.explore.walks import PathOutcome, neighbourhood, paths
from workflows.usecase import call


def ids(nodes: Sequence[Node]) -> list[str]:
    return [n.id for n in nodes]


def test_search_finds_an_exact_id_first_then_by_caption_and_keeps_to_the_kinds(
    store: GraphStore,
) -> None:
    write_web(store)
    admin = access(store)
    found = call(search, store=store, access=admin, text="锦江")
    assert ids(found) == ["region:510104", "court:jj", "proc:jj", "police:jj"]
    courts = call(search, store=store, access=admin, text="法院", kinds=[K.Agency])
    assert ids(courts) == ["court:jj", "court:pzh"]
    assert ids(call(search, store=store, access=admin, text="锦江区"))[0] == "region:510104"
    by_id = call(search, store=store, access=admin, text="x", ids=["official:x"])
    assert ids(by_id)[0] == "official:x"
    scoped = call(search, store=store, access=access(store, "viewer", "510100"), text="法院")
    assert ids(scoped) == ["court:jj"]
    with pytest.raises(ValidationError) as caught:
        call(search, store=store, access=admin, text="  ")
    assert [e.field for e in caught.value.errors] == ["text"]


def test_neighbourhood_keeps_to_the_kinds_the_types_and_the_day(store: GraphStore) -> None:
    write_web(store)
    admin = access(store)
    officials = call(
        neighbourhood, store=store, access=admin, id_="case:3", depth=2, kinds=[K.Official]
    )
    assert ids(officials.nodes) == ["case:3", "official:x"]
    assert [r.type for r in officials.rels] == [R.HANDLED]
    handled_by = call(
        neighbourhood, store=store, access=admin, id_="case:3", depth=2, rel_types=[R.HANDLED_BY]
    )
    assert ids(handled_by.nodes) == ["case:3", "court:jj", "case:4"]
    assert {r.type for r in handled_by.rels} == {R.HANDLED_BY}
    in_2022 = call(
        neighbourhood,
        store=store,
        access=admin,
        id_="official:x",
        as_of="2022",
        rel_types=[R.MEMBER_OF],
    )
    in_2019 = call(
        neighbourhood,
        store=store,
        access=admin,
        id_="official:x",
        as_of="2019-06",
        rel_types=[R.MEMBER_OF],
    )
    # The Jinjiang court spell ended in 2019; the police spell began in 2021.
    assert ids(in_2022.nodes) == ["official:x", "court:pzh", "police:jj"]
    assert ids(in_2019.nodes) == ["official:x", "proc:jj"]
    assert all(r.get("valid_to") is None for r in in_2022.rels)


def test_neighbourhood_is_cut_at_the_limit_by_distance_then_id(store: GraphStore) -> None:
    write_web(store)
    admin = access(store)
    whole = call(neighbourhood, store=store, access=admin, id_="official:x", depth=2)
    cut = call(neighbourhood, store=store, access=admin, id_="official:x", depth=2, limit=3)
    assert not whole.truncated and cut.truncated
    ordered = sorted(whole.nodes[1:], key=lambda n: (whole.distance[n.id], n.id))
    assert ids(cut.nodes) == ["official:x", *ids(ordered)[:2]]
    kept = set(ids(cut.nodes))
    assert all(r.start in kept and r.end in kept for r in cut.rels)
    with pytest.raises(ValidationError) as caught:
        call(neighbourhood, store=store, access=admin, id_="official:x", depth=5)
    assert [e.field for e in caught.value.errors] == ["depth"]


def test_a_scoped_caller_neither_sees_nor_crosses_a_hidden_node(store: GraphStore) -> None:
    write_web(store)
    chengdu = access(store, "investigator", "510100")
    admin = access(store)
    everyone = call(neighbourhood, store=store, access=admin, id_="official:x", depth=2)
    seen = call(neighbourhood, store=store, access=chengdu, id_="official:x", depth=2)
    assert {"court:pzh", "official:y", "official:z"} <= set(ids(everyone.nodes))
    # y and z lie two hops away only through the Panzhihua court.
    assert ids(seen.nodes) == [
        "official:x", "case:3", "police:jj", "proc:jj", "case:4", "court:jj", "region:510104",
    ]  # fmt: skip
    assert all("court:pzh" not in (r.start, r.end) for r in seen.rels)
    with pytest.raises(NotFound, match="id"):
        call(neighbourhood, store=store, access=chengdu, id_="court:pzh")
    direct = call(paths, store=store, access=admin, start="official:x", end="official:y")
    detour = call(paths, store=store, access=chengdu, start="official:x", end="official:y")
    assert direct.length == 2 and ids(direct.paths[0].nodes)[1] == "court:pzh"
    assert detour.outcome is PathOutcome.FOUND and detour.length == 3
    assert all("court:pzh" not in ids(p.nodes) for p in detour.paths)
    cut_off = call(paths, store=store, access=chengdu, start="official:x", end="official:z")
    assert call(paths, store=store, access=admin, start="official:x", end="official:z").length
    assert cut_off.outcome is PathOutcome.NO_PATH and cut_off.paths == []


def test_the_walk_of_a_scoped_caller_agrees_with_the_store_where_all_is_visible(
    store: GraphStore,
) -> None:
    write_web(store)
    admin, sichuan = access(store), access(store, "investigator", "510000")
    for kwargs in ({"depth": 2}, {"depth": 3, "limit": 6}, {"depth": 2, "as_of": "2019"}):
        mine = call(neighbourhood, store=store, access=sichuan, id_="official:x", **kwargs)
        store_answer = call(neighbourhood, store=store, access=admin, id_="official:x", **kwargs)
        assert mine == store_answer, kwargs
    for start, end in (("official:x", "official:y"), ("official:z", "case:4")):
        mine_paths = call(paths, store=store, access=sichuan, start=start, end=end, limit=10)
        theirs = call(paths, store=store, access=admin, start=start, end=end, limit=10)
        assert mine_paths == theirs


def test_paths_tell_the_same_node_no_path_and_a_path_of_length_n_with_provenance(
    store: GraphStore,
) -> None:
    write_web(store)
    chain = Scene()
    chain.official("official:c0", "甲", "510104")
    chain.case("case:c1", "510104")
    chain.official("official:c2", "乙", "510104")
    chain.case("case:c3", "510104")
    written = [
        chain.link(R.HANDLED, "official:c0", "case:c1", source="卷宗1", recorded_by="录入员"),
        chain.link(R.HANDLED, "official:c2", "case:c1", source="卷宗2", recorded_by="录入员"),
        chain.link(R.HANDLED, "official:c2", "case:c3", source="卷宗3", recorded_by="录入员"),
    ]
    chain.write(store)
    admin = access(store)
    same = call(paths, store=store, access=admin, start="official:x", end="official:x")
    assert (same.outcome, same.length, ids(same.paths[0].nodes)) == (
        PathOutcome.SAME_NODE, 0, ["official:x"],
    )  # fmt: skip
    none = call(paths, store=store, access=admin, start="official:alone", end="official:x")
    assert (none.outcome, none.length, none.paths) == (PathOutcome.NO_PATH, None, [])
    found = call(paths, store=store, access=admin, start="official:c0", end="case:c3")
    assert (found.outcome, found.length) == (PathOutcome.FOUND, len(written))
    path = found.paths[0]
    assert ids(path.nodes) == ["official:c0", "case:c1", "official:c2", "case:c3"]
    assert path.rels == written
    assert [r.get("source") for r in path.rels] == ["卷宗1", "卷宗2", "卷宗3"]
    too_short = call(
        paths, store=store, access=admin, start="official:c0", end="case:c3", max_length=2
    )
    assert too_short.outcome is PathOutcome.NO_PATH
    with pytest.raises(NotFound, match="to"):
        call(paths, store=store, access=admin, start="official:c0", end="case:none")


def test_a_viewer_reads_personal_fields_masked_everywhere(store: GraphStore) -> None:
    write_web(store)
    viewer = access(store, "viewer")
    near = call(neighbourhood, store=store, access=viewer, id_="case:3")
    path = call(paths, store=store, access=viewer, start="official:x", end="official:y")
    found = call(search, store=store, access=viewer, text="徐某")
    shown = [n for n in [*near.nodes, *path.paths[0].nodes, *found] if n.kind is K.Official]
    masked = mask(PERSONAL["id_number"], MASKS["id_number"])
    assert shown and all(n.get("id_number") == masked for n in shown)
    assert all(n.get("phone") != PERSONAL["phone"] for n in shown)
    investigator = call(search, store=store, access=access(store, "investigator"), text="徐某")
    assert investigator[0].get("id_number") == PERSONAL["id_number"]
