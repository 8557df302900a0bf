"""The explorer page in Debian's headless Chromium against a real server over the demo
dataset: search, expand, filter by kind, shortest path, details and timeline, save and
reopen an investigation, and a planted pattern found from the page.

What the page shows is compared with what the test reads from the store itself."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, ViewportSize

from graph.adapters.embedded import EmbeddedStore
from graph.model.records import Node
from graph.store import GraphStore
from loaders.demo import PlantedPattern, write_demo
from loaders.demo.generator import DEFAULT_TODAY
from schema.generic.ids import from_global, to_global
from schema.generic.nodes import RELATIONSHIP
from tests.api.api_client import data
from tests.api.api_harness import Host, Server, serve, settings
from tests.schema.explore.page import Explorer, chromium

pytestmark = pytest.mark.browser

SCALE = 200  # the demo's smallest scale: every pattern is planted, in a third of a second
Places = dict[str, tuple[float, float]]
VIEWPORT: ViewportSize = {"width": 1400, "height": 900}


@dataclass
class Demo:
    server: Server
    store: GraphStore
    planted: dict[str, PlantedPattern]

    def node(self, store_id: str) -> Node:
        return self.store.get_nodes([store_id])[store_id]

    def gid(self, store_id: str) -> str:
        return to_global(self.node(store_id).kind.name, store_id)


@pytest.fixture(scope="module")
def demo(host: Host, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    with EmbeddedStore(tmp_path_factory.mktemp("explore") / "store") as store:
        report = write_demo(store, cases=SCALE)
        with serve(host, store, settings()) as server:
            yield Demo(server, store, {p.name: p for p in report.planted})


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


def new_tab(browser: Browser, demo: Demo) -> Explorer:
    return Explorer(browser.new_context(viewport=VIEWPORT).new_page(), demo.server.url)


def signed_in(browser: Browser, demo: Demo) -> Explorer:
    """A new tab on the page, its token typed in as an admin's."""
    tab = new_tab(browser, demo)
    tab.open()
    tab.use_token(demo.server.token("admin"))
    # Before the token was typed in, the browser logged the API's refusals (401): expected.
    assert tab.errors and all("401" in e for e in tab.errors), tab.errors
    tab.errors.clear()
    return tab


@pytest.fixture
def explorer(browser: Browser, demo: Demo) -> Iterator[Explorer]:
    """The page, signed in; it must log no error while the test runs."""
    tab = signed_in(browser, demo)
    yield tab
    tab.page.context.close()
    assert tab.errors == []


# -- what the store says -----------------------------------------------------------------------


def neighbourhood(demo: Demo, store_id: str) -> tuple[set[str], set[str]]:
    """Global ids of the node and its neighbours, and of the relationships between them."""
    links = demo.store.neighbours([store_id])[store_id]
    nodes = {demo.gid(store_id)} | {to_global(n.node.kind.name, n.node.id) for n in links}
    return nodes, {to_global(RELATIONSHIP, n.rel.id) for n in links}


def distance(demo: Demo, start: str, end: str, most: int) -> int | None:
    """Breadth-first over the store's neighbours, both directions, every type."""
    seen, frontier = {start}, [start]
    for hops in range(1, most + 1):
        reached = demo.store.neighbours(frontier)
        frontier = sorted({n.node.id for ns in reached.values() for n in ns} - seen)
        if end in frontier:
            return hops
        seen.update(frontier)
    return None


def rels_among(demo: Demo, global_ids: set[str]) -> set[str]:
    """Global ids of the relationships whose two ends are among these nodes."""
    ids = sorted(from_global(g)[1] for g in global_ids)
    reached = demo.store.neighbours(ids)
    return {
        to_global(RELATIONSHIP, n.rel.id)
        for links in reached.values()
        for n in links
        if n.node.id in reached
    }


def timeline_dates(demo: Demo, global_id: str) -> list[str]:
    with demo.server.client() as c:
        events = data(c, "query($id: ID!) { timeline(id: $id) { date } }", id=global_id)
    return [e["date"] for e in events["timeline"]]


# -- the page ----------------------------------------------------------------------------------


def test_search_expand_filter_and_shortest_path(demo: Demo, explorer: Explorer) -> None:
    petitioner, case_id = demo.planted["repeat_petitioner"].ids[:2]
    case, case_gid = demo.node(case_id), demo.gid(case_id)

    explorer.search(case.get("case_number"))
    assert case_gid in explorer.result_ids()
    explorer.pick(case_gid)
    assert explorer.canvas_ids() == {case_gid}
    assert explorer.detail("案号") == case.get("case_number")
    shown_dates = explorer.page.locator("#timeline-list time").all_inner_texts()
    assert shown_dates == timeline_dates(demo, case_gid) and shown_dates == sorted(shown_dates)
    explorer.page.click("#set-from")

    explorer.click_node(case_gid)
    nodes, rels = neighbourhood(demo, case_id)
    assert len(nodes) > 5, "the planted case has complaints, handlers and a court"
    assert explorer.canvas_ids() == nodes
    assert explorer.edge_ids() == rels

    complaints = {g for g in nodes if demo.node(from_global(g)[1]).kind.name == "Complaint"}
    explorer.only_kinds("Complaint")
    assert complaints and explorer.eventually(lambda: explorer.visible_ids() == complaints)
    explorer.all_kinds()
    assert explorer.eventually(lambda: explorer.visible_ids() == nodes), explorer.visible_ids()

    explorer.only_kinds("Official")
    explorer.search(demo.node(petitioner).get("name"))
    explorer.pick(demo.gid(petitioner))
    explorer.all_kinds()
    explorer.page.click("#set-to")
    explorer.page.click("#find-path")
    explorer.expect_status("^最短路径长度为")
    expected = distance(demo, case_id, petitioner, most=6)
    # The petitioner is a party to the case (PARTY_TO): one hop, shown as a path all the same.
    assert expected == 1
    assert explorer.status().startswith(f"最短路径长度为 {expected}，")
    hops = explorer.page.locator("#path-result ol.path").first.locator("li.hop")
    assert hops.count() == expected + 1
    on_path = explorer.marked("on-path")
    assert len(on_path) == 2 * expected + 1
    assert (
        {case_gid, demo.gid(petitioner)} <= on_path <= explorer.canvas_ids() | explorer.edge_ids()
    )
    explorer.screenshot("explore-path.png")


def test_save_and_reopen_an_investigation_after_a_reload(
    browser: Browser, demo: Demo, explorer: Explorer
) -> None:
    case_id = demo.planted["conflicted_reviewer"].ids[1]
    case_gid = demo.gid(case_id)
    explorer.search(demo.node(case_id).get("case_number"))
    explorer.pick(case_gid)
    explorer.click_node(case_gid)
    before = explorer.positions()[case_gid]
    explorer.drag_node(case_gid, 80, -60)
    drawn = explorer.positions()
    assert drawn[case_gid] != pytest.approx(before, abs=5), "the drag moved the node"

    name = f"调查 {uuid.uuid4().hex[:8]}"
    explorer.page.fill("#investigation-name", name)
    explorer.page.click("#save-investigation")
    explorer.expect_status("^已保存调查")
    investigation = explorer.listed(name).get_attribute("data-id")
    assert investigation is not None
    assert_same_places(saved_positions(demo, investigation), drawn)

    explorer.page.reload()
    explorer.expect_status("^就绪")
    assert explorer.page.input_value("#token"), "the token stays for the tab"
    assert explorer.canvas_ids() == set()
    explorer.open_investigation(name)
    assert_same_places(explorer.positions(), drawn)
    assert explorer.edge_ids() == rels_among(demo, set(drawn))

    other = signed_in(browser, demo)
    try:
        other.open_investigation(name)
        other.drag_node(case_gid, -40, 30)
        moved = other.positions()
        other.page.click("#save-investigation")
        other.expect_status("^已保存调查")
        assert other.listed(name).count() == 1, "saved over, not beside"
        assert_same_places(saved_positions(demo, investigation), moved)
    finally:
        other.page.context.close()

    explorer.page.click("#save-investigation")
    explorer.expect_status("^数据已被他人修改")
    assert_same_places(saved_positions(demo, investigation), moved)


def saved_positions(demo: Demo, investigation: str) -> Places:
    query = "query($id: ID!) { savedInvestigation(id: $id) { items { node { id } x y } } }"
    with demo.server.client() as c:
        saved = data(c, query, id=investigation)["savedInvestigation"]
    return {i["node"]["id"]: (i["x"], i["y"]) for i in saved["items"]}


def assert_same_places(got: Places, expected: Places) -> None:
    assert got.keys() == expected.keys()
    for node, place in expected.items():
        assert got[node] == pytest.approx(place), node


def test_an_investigator_finds_the_planted_overdue_unit(demo: Demo, explorer: Explorer) -> None:
    planted = demo.planted["overdue_unit"]
    unit = demo.gid(planted.ids[0])
    overdue = {demo.gid(i) for i in planted.ids if i.startswith("rectification:")}
    explorer.run_pattern("AGENCY_REPEATED_OVERDUE", DEFAULT_TODAY)
    explorer.open_match(unit)
    assert overdue and {unit} | overdue <= explorer.canvas_ids()
    assert explorer.marked("anchor") == {unit}
    assert explorer.detail("名称") == demo.node(planted.ids[0]).get("name")
    explorer.screenshot("explore-pattern.png")


def test_every_planted_pattern_is_found_from_the_page(demo: Demo, explorer: Explorer) -> None:
    """Each named pattern run from the page; the node each planted pattern starts from
    anchors a match, whose subgraph then loads onto the canvas."""
    starts = {demo.gid(p.ids[0]): name for name, p in demo.planted.items()}
    found: dict[str, str] = {}
    for pattern in explorer.pattern_names():
        explorer.run_pattern(pattern, DEFAULT_TODAY)
        for anchor in set(explorer.anchors()) & set(starts) - set(found):
            explorer.open_match(anchor)
            assert anchor in explorer.canvas_ids() and explorer.marked("anchor") == {anchor}
            found[anchor] = pattern
    assert sorted(starts[a] for a in found) == sorted(starts.values())


def test_the_page_asks_for_a_token_and_keeps_to_the_jurisdiction(
    browser: Browser, demo: Demo
) -> None:
    unit = demo.node(demo.planted["overdue_unit"].ids[0])  # in 达州, not 成都
    tab = new_tab(browser, demo)
    try:
        tab.open()
        assert tab.status().startswith("未通过身份验证")
        tab.use_token(demo.server.token("viewer", region="510100"))
        tab.search(unit.get("name"))
        assert demo.gid(unit.id) not in tab.result_ids()
        tab.use_token(demo.server.token("viewer"))
        tab.search(unit.get("name"))
        assert demo.gid(unit.id) in tab.result_ids()
    finally:
        tab.page.context.close()


def test_the_canvas_downloads_as_graph_files_and_pictures(
    demo: Demo, explorer: Explorer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The export section downloads the nodes on the canvas and every relationship among
    them: GraphML that networkx reads back to the canvas, and a PNG drawn in the page."""
    import networkx as nx

    case_id = demo.planted["repeat_petitioner"].ids[1]
    case_gid = demo.gid(case_id)
    explorer.search(demo.node(case_id).get("case_number"))
    explorer.pick(case_gid)
    explorer.click_node(case_gid)
    explorer.expect_status("^展开完成")
    on_canvas = {from_global(g)[1] for g in explorer.canvas_ids()}
    folder = tmp_path_factory.mktemp("downloads")
    files = {}
    for fmt in ("GRAPHML", "PNG"):
        explorer.page.select_option("#export-format", fmt)
        with explorer.page.expect_download() as started:
            explorer.page.click("#export-form button")
        download = started.value
        files[fmt] = folder / download.suggested_filename
        download.save_as(files[fmt])
        explorer.expect_status("^已导出")
    graph = nx.read_graphml(files["GRAPHML"], force_multigraph=True)
    assert set(graph.nodes) == on_canvas
    assert files["GRAPHML"].name == "subgraph.graphml" and files["PNG"].name == "subgraph.png"
    header = files["PNG"].read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == (
        1200,
        900,
    )
