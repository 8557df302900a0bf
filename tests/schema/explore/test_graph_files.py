"""A subgraph or a saved investigation as GraphML, GEXF and JSON over HTTP, on both stores
(issue 15): networkx reads each file back to the same nodes and relationships, with captions,
kinds and fields; a caller gets only what it may see, personal fields masked as it reads
them; an admin's unmasked export is a recorded read of personal data."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from tests.api.api_client import codes, data, gid, gql
from tests.api.api_harness import Server
from tests.worlds.sample import write_sample

FILE = """query($format: GraphFileFormat!, $ids: [ID!], $inv: ID) {
  graphFile(format: $format, nodeIds: $ids, investigationId: $inv) {
    filename mediaType content nodeCount relationshipCount } }"""
SAVE = """mutation($input: SaveInvestigationInput!) {
  saveInvestigation(input: $input) { investigation { id } } }"""
AUDIT = """{ auditLog(first: 100) { edges { node { operation target } } } }"""
CHOSEN = ["case:cd-1", "complaint:1", "official:judge", "official:petitioner", "agency:jj-police"]
# Every relationship among the chosen nodes in tests/worlds/sample.py, and no other.
AMONG = {
    ("case:cd-1", "agency:jj-police", "HANDLED_BY"),
    ("complaint:1", "case:cd-1", "CONCERNS"),
    ("complaint:1", "official:judge", "AGAINST"),
    ("official:petitioner", "complaint:1", "FILED"),
}


def read_back(fmt: str, content: str) -> nx.MultiDiGraph:
    if fmt == "GRAPHML":
        return nx.read_graphml(io.BytesIO(content.encode()), force_multigraph=True)
    if fmt == "GEXF":
        return nx.read_gexf(io.BytesIO(content.encode()))
    return nx.node_link_graph(json.loads(content), edges="edges")


@pytest.mark.parametrize("fmt", ["GRAPHML", "GEXF", "JSON"])
def test_a_subgraph_reads_back_into_networkx_as_it_was(server: Server, fmt: str) -> None:
    write_sample(server.store)
    with server.client("admin") as c:
        got = data(c, FILE, format=fmt, ids=[gid(i) for i in CHOSEN])["graphFile"]
    assert (got["nodeCount"], got["relationshipCount"]) == (5, 4)
    assert got["filename"] == f"subgraph.{fmt.lower()}"
    graph = read_back(fmt, got["content"])
    assert set(graph.nodes) == set(CHOSEN)
    assert {(a, b, d["relationship"]) for a, b, d in graph.edges(data=True)} == AMONG
    case = graph.nodes["case:cd-1"]
    assert (case["kind"], case["kind_label"]) == ("Case", "案件")
    assert case["caption"] == "(2021)川0104刑初1号" and case["cause"] == "盗窃"
    # An admin reads personal data unmasked, and that read is on record.
    assert graph.nodes["official:judge"]["id_number"] == "510104199001011234"
    with server.client("admin") as c:
        entries = [e["node"] for e in data(c, AUDIT)["auditLog"]["edges"]]
    read = {e["target"] for e in entries if e["operation"] == "read.personal"}
    assert {"official:judge", "official:petitioner"} <= read


def test_a_scoped_caller_gets_what_it_sees_as_it_sees_it(server: Server) -> None:
    write_sample(server.store)
    with server.client("viewer", "510100") as c:
        mine = data(c, FILE, format="JSON", ids=[gid(i) for i in CHOSEN])["graphFile"]
        hidden = gql(c, FILE, format="JSON", ids=[gid("case:cd-1"), gid("official:pzh")])
    graph = read_back("JSON", mine["content"])
    masked = graph.nodes["official:judge"]["id_number"]
    assert masked != "510104199001011234" and "*" in masked
    assert codes(hidden) == ["NOT_FOUND"]
    assert hidden["errors"][0]["extensions"]["field"] == "nodeIds.1"


def test_a_saved_investigation_exports_its_visible_nodes(server: Server) -> None:
    write_sample(server.store)
    items = [{"nodeId": gid(i), "x": float(n), "y": 0.0} for n, i in enumerate(CHOSEN)]
    with server.client("supervisor", "510100") as c:
        saved = data(c, SAVE, input={"name": "锦江研判", "items": items})
        inv = saved["saveInvestigation"]["investigation"]["id"]
        got = data(c, FILE, format="GRAPHML", inv=inv)["graphFile"]
        both = gql(c, FILE, format="GRAPHML", inv=inv, ids=[gid("case:cd-1")])
        neither = gql(c, FILE, format="GRAPHML")
    graph = read_back("GRAPHML", got["content"])
    assert set(graph.nodes) == set(CHOSEN) and got["filename"].endswith(".graphml")
    assert codes(both) == codes(neither) == ["VALIDATION"]


def test_the_formats_are_what_the_tools_expect(server: Server) -> None:
    write_sample(server.store)
    with server.client("admin") as c:
        files = {
            f: data(c, FILE, format=f, ids=[gid("case:cd-1")])["graphFile"]
            for f in ("GRAPHML", "GEXF", "JSON")
        }
    assert files["GRAPHML"]["mediaType"] == "application/graphml+xml"
    assert 'xmlns="http://graphml.graphdrawing.org/xmlns"' in files["GRAPHML"]["content"]
    assert "http://gexf.net/1.2" in files["GEXF"]["content"] or "gexf" in files["GEXF"]["content"]
    assert json.loads(files["JSON"]["content"])["nodes"][0]["id"] == "case:cd-1"


def test_a_drawing_in_svg_and_png(server: Server, tmp_path: object) -> None:
    """SVG over the API: well-formed XML, one circle per node and one arrow per relationship,
    captions, tooltips with kind and provenance, a saved investigation drawn where it was
    placed; and the CLI's PNG, a real image drawn by Chromium."""
    import xml.etree.ElementTree as ET

    write_sample(server.store)
    items = [{"nodeId": gid(i), "x": 100.0 * n, "y": 50.0 * n} for n, i in enumerate(CHOSEN)]
    with server.client("supervisor", "510100") as c:
        got = data(c, FILE, format="SVG", ids=[gid(i) for i in CHOSEN])["graphFile"]
        inv = data(c, SAVE, input={"name": "锦江研判", "items": items})
        saved = data(c, FILE, format="SVG", inv=inv["saveInvestigation"]["investigation"]["id"])[
            "graphFile"
        ]
    assert got["mediaType"] == "image/svg+xml" and got["filename"] == "subgraph.svg"
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = ET.fromstring(got["content"].encode())
    groups = root.findall("s:g", ns)
    assert len(groups) == 5 and len(root.findall("s:line", ns)) == 4
    texts = {g.find("s:text", ns).text for g in groups}  # type: ignore[union-attr]
    assert "(2021)川0104刑初1号" in texts
    tips = [g.find("s:title", ns).text or "" for g in groups]  # type: ignore[union-attr]
    assert any(t.startswith("案件 (Case)\ncase:cd-1") for t in tips)
    # The saved layout keeps its order along the diagonal: first node top left, last bottom right.
    drawn = ET.fromstring(saved["content"].encode()).findall("s:g", ns)
    x_of = {
        (g.find("s:title", ns).text or "").split("\n")[1]: float(  # type: ignore[union-attr]
            g.find("s:circle", ns).get("cx", 0)  # type: ignore[union-attr]
        )
        for g in drawn
    }
    xs = [x_of[i] for i in CHOSEN]
    assert xs == sorted(xs) and xs[0] < xs[-1]
