"""Exploration over HTTP on both backends: search and captions, neighbourhood (kinds, types,
as-of, limit), paths (three outcomes, provenance), timeline, patterns and subgraph analytics;
what a region-scoped caller sees, and personal fields masked."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import networkx as nx
import pytest

from graph.model.records import Rel
from graph.model.validate import make_node
from graph.store import Batch
from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.sample import PERSONAL, link, write_sample
from workflows.access import MASKS, mask

NODE = "id caption nodeKind"
REL = "id type validFrom validTo source recordedBy recordedAt from { id } to { id }"
NEIGHBOURHOOD = f"""
query($id: ID!, $depth: Int, $kinds: [NodeKind!], $types: [RelType!], $asOf: PartialDate,
      $limit: Int) {{
  neighbourhood(id: $id, depth: $depth, kinds: $kinds, relationshipTypes: $types, asOf: $asOf,
                limit: $limit) {{
    nodes {{ {NODE} }} relationships {{ {REL} }} truncated
  }}
}}"""
PATHS = f"""
query($from: ID!, $to: ID!, $max: Int, $limit: Int) {{
  paths(from: $from, to: $to, maxLength: $max, limit: $limit) {{
    outcome length paths {{ nodes {{ {NODE} }} relationships {{ {REL} }} }}
  }}
}}"""
PROVENANCE = {"source": "任免文件", "recorded_by": "录入员", "recorded_at": "2024-01-02T03:04:05"}


def dated(type_: str, start: str, end: str, **props: Any) -> Rel:
    plain = link(type_, start, end)
    return Rel(plain.type, plain.id, start, end, props)


def write_scene(server: Server) -> None:
    """The sample graph, and the Chengdu judge's career: the Chengdu court until 2019, the
    Panzhihua court since 2020 (hidden from Chengdu), where the Jinjiang petitioner and
    another Chengdu official are also members."""
    write_sample(server.store)
    other = make_node(
        "Official", "official:cd-other", {"name": "成某", "role": "LEADER", "region_code": "510100"}
    )
    server.store.write(
        Batch(
            nodes=[other],
            rels=[
                dated(
                    "MEMBER_OF", "official:judge", "agency:cd-court",
                    valid_from="2015-01-01", valid_to="2019-12-31", **PROVENANCE,
                ),
                dated("MEMBER_OF", "official:judge", "agency:pzh-court", valid_from="2020-01-01"),
                dated("MEMBER_OF", "official:petitioner", "agency:pzh-court"),
                dated("MEMBER_OF", "official:cd-other", "agency:pzh-court"),
            ],
        )
    )  # fmt: skip


def node_ids(nodes: list[dict[str, Any]]) -> list[str]:
    return [n["id"] for n in nodes]


def test_search_finds_by_caption_and_number(server: Server) -> None:
    write_scene(server)
    with server.client("viewer") as c:
        found = data(c, '{ search(text: "川0104") { id caption } }')["search"]
        courts = data(c, '{ search(text: "中级", kinds: [Agency]) { id caption } }')["search"]
        by_id = data(c, "query($t: String!) { search(text: $t) { id } }", t=gid("case:pzh-1"))
    assert found == [{"id": gid("case:cd-1"), "caption": "(2021)川0104刑初1号"}]
    assert node_ids(courts) == [gid("agency:cd-court"), gid("agency:pzh-court")]
    assert node_ids(by_id["search"])[0] == gid("case:pzh-1")


def test_neighbourhood_filters_by_kind_type_and_day_and_cuts_at_the_limit(
    server: Server,
) -> None:
    write_scene(server)
    judge = gid("official:judge")
    with server.client("viewer") as c:
        officials = data(c, NEIGHBOURHOOD, id=gid("case:cd-1"), depth=2, kinds=["Complaint"])
        members = data(c, NEIGHBOURHOOD, id=judge, types=["MEMBER_OF"], asOf="2021-06")
        earlier = data(c, NEIGHBOURHOOD, id=judge, types=["MEMBER_OF"], asOf="2018")
        whole = data(c, NEIGHBOURHOOD, id=judge, depth=2)
        cut = data(c, NEIGHBOURHOOD, id=judge, depth=2, limit=3)
        too_big = gql(c, NEIGHBOURHOOD, id=judge, limit=5000)
        too_deep = gql(c, NEIGHBOURHOOD, id=judge, depth=9)
    assert node_ids(officials["neighbourhood"]["nodes"]) == [gid("case:cd-1"), gid("complaint:1")]
    assert [r["type"] for r in officials["neighbourhood"]["relationships"]] == ["CONCERNS"]
    assert node_ids(members["neighbourhood"]["nodes"]) == [judge, gid("agency:pzh-court")]
    assert node_ids(earlier["neighbourhood"]["nodes"]) == [judge, gid("agency:cd-court")]
    spell = earlier["neighbourhood"]["relationships"][0]
    assert (spell["validTo"], spell["source"], spell["recordedBy"]) == (
        "2019-12-31", "任免文件", "录入员",
    )  # fmt: skip
    everything = whole["neighbourhood"]
    assert not everything["truncated"] and cut["neighbourhood"]["truncated"]
    assert node_ids(cut["neighbourhood"]["nodes"]) == node_ids(everything["nodes"])[:3]
    assert codes(too_big) == ["QUERY_TOO_LARGE"] and "limit" in too_big["errors"][0]["message"]
    assert codes(too_deep) == ["VALIDATION"]
    assert too_deep["errors"][0]["extensions"]["fields"][0]["field"] == "depth"


BARE = "__typename id storeId type typeLabel from { id } to { id }"


def _near(selection: str, fragments: str = "") -> str:
    return (
        "query($id: ID!) { neighbourhood(id: $id, depth: 2) { nodes { id } "
        f"relationships {{ {selection} }} }} }} {fragments}"
    )


@pytest.mark.parametrize("region", [None, "510100"])
def test_relationships_asked_only_for_their_identity_are_the_same(
    server: Server, region: str | None
) -> None:
    """A neighbourhood whose relationships are asked only for their identity and ends is read
    without their properties; the answer is the same, and any way of asking for a property
    (directly, aliased, in a fragment or an inline fragment, in a second selection of the
    field) still gets it."""
    write_scene(server)
    judge = gid("official:judge")
    asks = {
        "direct": _near(f"{BARE} validTo source"),
        "aliased": _near(f"{BARE} until: validTo source"),
        "fragment": _near(f"{BARE} ...Dates", "fragment Dates on Relationship { validTo source }"),
        "inline": _near(f"{BARE} ... on Relationship {{ validTo source }}"),
        "nested": _near(
            f"{BARE} ...Outer",
            "fragment Outer on Relationship { ...Dates } "
            "fragment Dates on Relationship { validTo source }",
        ),
    }
    twice = (
        "query($id: ID!) { neighbourhood(id: $id, depth: 2) { nodes { id } "
        f"relationships {{ {BARE} }} again: relationships {{ id validTo source }} }} }}"
    )
    with server.client("viewer", region) as c:
        bare = data(c, _near(BARE), id=judge)["neighbourhood"]
        full = {name: data(c, q, id=judge)["neighbourhood"] for name, q in asks.items()}
        second = data(c, twice, id=judge)["neighbourhood"]
    assert bare["relationships"]
    keys = BARE.replace(" { id }", "").split()
    for name, answer in full.items():
        assert answer["nodes"] == bare["nodes"], name
        assert [{k: r[k] for k in keys} for r in answer["relationships"]] == bare[
            "relationships"
        ], name
        until = [r.get("validTo", r.get("until")) for r in answer["relationships"]]
        assert "2019-12-31" in until, name
        assert "任免文件" in [r["source"] for r in answer["relationships"]], name
    assert "2019-12-31" in [r["validTo"] for r in second["again"]]


def test_paths_same_node_no_path_and_length_n_with_provenance(server: Server) -> None:
    write_scene(server)
    judge, petitioner = gid("official:judge"), gid("official:petitioner")
    court = gid("agency:cd-court")
    with server.client("viewer") as c:
        same = data(c, PATHS, **{"from": judge, "to": judge})["paths"]
        none = data(c, PATHS, **{"from": gid("rectification:1"), "to": judge})["paths"]
        found = data(c, PATHS, **{"from": petitioner, "to": court, "limit": 10})["paths"]
        short = data(c, PATHS, **{"from": petitioner, "to": court, "max": 2})["paths"]
        bad = gql(c, PATHS, **{"from": "not-an-id", "to": judge})
    assert (same["outcome"], same["length"], node_ids(same["paths"][0]["nodes"])) == (
        "SAME_NODE", 0, [judge],
    )  # fmt: skip
    assert none == {"outcome": "NO_PATH", "length": None, "paths": []}
    assert short["outcome"] == "NO_PATH"
    # Through the complaint against the judge, and through the Panzhihua court; each ends
    # with the judge's recorded spell at the Chengdu court.
    assert (found["outcome"], found["length"], len(found["paths"])) == ("FOUND", 3, 2)
    for path in found["paths"]:
        chain = node_ids(path["nodes"])
        assert chain[0] == petitioner and chain[-2:] == [judge, court]
        for rel, (a, b) in zip(path["relationships"], pairwise(chain), strict=True):
            assert {rel["from"]["id"], rel["to"]["id"]} == {a, b}
        spell = path["relationships"][-1]
        assert (spell["source"], spell["recordedBy"], spell["recordedAt"]) == (
            PROVENANCE["source"], PROVENANCE["recorded_by"], PROVENANCE["recorded_at"],
        )  # fmt: skip
    assert codes(bad) == ["VALIDATION"]
    assert bad["errors"][0]["extensions"]["fields"][0]["field"] == "from"


def test_a_region_scoped_caller_sees_no_hidden_node_nor_a_path_through_one(
    server: Server,
) -> None:
    write_scene(server)
    judge = gid("official:judge")
    petitioner = gid("official:petitioner")
    hidden = gid("agency:pzh-court")
    other = gid("official:cd-other")
    with server.client("viewer") as c:
        all_paths = data(c, PATHS, **{"from": judge, "to": petitioner, "limit": 10})["paths"]
        all_near = data(c, NEIGHBOURHOOD, id=judge, depth=2)["neighbourhood"]
        reachable = data(c, PATHS, **{"from": judge, "to": other})["paths"]
    with server.client("viewer", "510100") as c:
        paths = data(c, PATHS, **{"from": judge, "to": petitioner, "limit": 10})["paths"]
        near = data(c, NEIGHBOURHOOD, id=judge, depth=2)["neighbourhood"]
        cut_off = data(c, PATHS, **{"from": judge, "to": other})["paths"]
        centre = gql(c, NEIGHBOURHOOD, id=hidden)
    assert any(hidden in node_ids(p["nodes"]) for p in all_paths["paths"])
    assert paths["length"] == all_paths["length"] == 2
    assert paths["paths"] and all(hidden not in node_ids(p["nodes"]) for p in paths["paths"])
    assert {hidden, other} <= set(node_ids(all_near["nodes"]))
    assert not {hidden, other} & set(node_ids(near["nodes"]))
    assert all(hidden not in (r["from"]["id"], r["to"]["id"]) for r in near["relationships"])
    assert reachable["outcome"] == "FOUND" and cut_off["outcome"] == "NO_PATH"
    assert codes(centre) == ["NOT_FOUND"]


def test_personal_fields_are_masked_for_a_viewer(server: Server) -> None:
    write_scene(server)
    query = """query($id: ID!) { neighbourhood(id: $id) { nodes { id ... on Official {
        idNumber phone } } } }"""
    with server.client("viewer") as c:
        seen = data(c, query, id=gid("case:cd-2"))["neighbourhood"]["nodes"]
    with server.client("investigator") as c:
        plain = data(c, query, id=gid("case:cd-2"))["neighbourhood"]["nodes"]
    judge = gid("official:judge")
    masked = next(n for n in seen if n["id"] == judge)
    assert masked["idNumber"] == mask(PERSONAL["id_number"], MASKS["id_number"])
    assert masked["phone"] == mask(PERSONAL["phone"], MASKS["phone"])
    assert next(n for n in plain if n["id"] == judge)["idNumber"] == PERSONAL["id_number"]


def test_the_timeline_of_an_official_is_in_date_order(server: Server) -> None:
    write_scene(server)
    query = """query($id: ID!) { timeline(id: $id) { date event label
        node { id } relationship { type } } }"""
    with server.client("viewer") as c:
        events = data(c, query, id=gid("official:judge"))["timeline"]
    with server.client("viewer", "510100") as c:
        scoped = data(c, query, id=gid("official:judge"))["timeline"]
    assert [(e["date"], e["event"]) for e in events] == [
        ("2015-01-01", "LINKED"),
        ("2019-12-31", "UNLINKED"),
        ("2020-01-01", "LINKED"),
        ("2021-03", "CASE"),
        ("2021-04-02", "PETITION"),
    ]
    assert events[0]["label"] == "所属机关: 成都市中级人民法院"
    assert [e["event"] for e in scoped] == ["LINKED", "UNLINKED", "CASE", "PETITION"]


def test_patterns_are_listed_and_run(server: Server) -> None:
    write_scene(server)
    query = """query($name: PatternName!, $min: Int) { pattern(name: $name, minCount: $min) {
        anchor { id } explanation nodes { id } relationships { type } } }"""
    with server.client("viewer") as c:
        names = data(c, "{ patternNames { name label description } }")["patternNames"]
        found = data(c, query, name="REPEAT_PETITIONER", min=1)["pattern"]
        bad = gql(c, query, name="REPEAT_PETITIONER", min=0)
    assert len(names) == len({n["name"] for n in names}) >= 12
    assert all(n["label"] and n["description"] for n in names)
    petitioner = gid("official:petitioner")
    mine = next(m for m in found if m["anchor"]["id"] == petitioner)
    assert node_ids(mine["nodes"])[:2] == [petitioner, gid("complaint:1")]
    assert "FILED" in {r["type"] for r in mine["relationships"]}
    assert codes(bad) == ["VALIDATION"]
    assert bad["errors"][0]["extensions"]["fields"][0]["field"] == "minCount"


def test_subgraph_analytics_agree_with_networkx(server: Server) -> None:
    write_scene(server)
    picked = ["official:judge", "agency:cd-court", "agency:pzh-court", "case:cd-2",
              "official:petitioner", "complaint:1", "case:cd-1"]  # fmt: skip
    query = """query($ids: [ID!]!) { subgraphAnalytics(ids: $ids) {
        centrality { node { id } degree betweenness } communities } }"""
    with server.client("viewer") as c:
        got = data(c, query, ids=[gid(i) for i in picked])["subgraphAnalytics"]
    with server.client("viewer", "510100") as c:
        hidden = gql(c, query, ids=[gid("official:judge"), gid("agency:pzh-court")])
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(gid(i) for i in picked)
    for found in server.store.neighbours(picked).values():
        for n in found:
            if n.node.id in picked:
                graph.add_edge(gid(n.rel.start), gid(n.rel.end))
    degree, betweenness = nx.degree_centrality(graph), nx.betweenness_centrality(graph)
    assert {c["node"]["id"] for c in got["centrality"]} == set(graph)
    for c in got["centrality"]:
        assert c["degree"] == pytest.approx(degree[c["node"]["id"]])
        assert c["betweenness"] == pytest.approx(betweenness[c["node"]["id"]])
    assert sorted(i for group in got["communities"] for i in group) == sorted(graph)
    assert codes(hidden) == ["NOT_FOUND"] and "ids.1" in hidden["errors"][0]["message"]
