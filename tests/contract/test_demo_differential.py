"""The 1,000-case demo dataset in both stores: every answer must be the same.

The hand-built graphs of the other contract tests check each operation against known
answers; this one checks the two stores against each other on realistic data, with seeds,
filters and pages drawn from the data itself (a fixed random seed, so a failure repeats).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graph.adapters import embedded_graph
from graph.adapters.embedded import EmbeddedStore
from graph.adapters.neo4j import Neo4jStore
from graph.model.enums import NodeKind, RelType
from graph.model.kinds import node_fields
from graph.model.records import Node
from graph.store import AnyOf, Direction, Op, PageRequest, Where
from loaders.demo.generator import DemoReport, write_demo
from tests.worlds.visible_walks import Hops, visible_expand, visible_shortest_paths
from workflows.access import Access, Principal, Role, SharedItems
from workflows.explore.walks import neighbourhood, paths
from workflows.usecase import call

CASES = 1_000
DAYS = ("2019-06-30", "2021", "2022-03", "2023-12-31")


@dataclass
class Demo:
    embedded: EmbeddedStore
    neo4j: Neo4jStore
    report: DemoReport
    nodes: dict[NodeKind, list[Node]]

    def same(self, call: str, *args: Any, **kwargs: Any) -> Any:
        """Both stores' answer to one call, which must be the same."""
        mine = getattr(self.embedded, call)(*args, **kwargs)
        theirs = getattr(self.neo4j, call)(*args, **kwargs)
        assert theirs == mine, f"{call}{args}{kwargs}"
        return mine


@pytest.fixture(scope="module")
def demo(
    neo4j_server: str, _neo4j_driver: Driver, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    with _neo4j_driver.session(database="neo4j") as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    path: Path = tmp_path_factory.mktemp("demo")
    with EmbeddedStore(path) as embedded, Neo4jStore(neo4j_server) as neo4j:
        report = write_demo(embedded, cases=CASES)
        write_demo(neo4j, cases=CASES)
        nodes = {k: [n for chunk in embedded.scan_nodes(k) for n in chunk] for k in NodeKind}
        yield Demo(embedded, neo4j, report, nodes)


def test_counts_and_every_record(demo: Demo) -> None:
    counts = demo.same("counts")
    assert counts.nodes == demo.report.nodes and counts.rels == demo.report.rels
    assert counts.nodes[NodeKind.Case] == CASES
    node_ids = [n.id for nodes in demo.nodes.values() for n in nodes]
    assert len(demo.same("get_nodes", node_ids)) == sum(counts.nodes.values())
    rel_ids = [r.id for t in RelType for c in demo.embedded.scan_rels(t) for r in c]
    assert len(demo.same("get_rels", rel_ids)) == sum(counts.rels.values())
    cases = [n for c in demo.neo4j.scan_nodes(NodeKind.Case, batch_size=300) for n in c]
    assert cases == demo.nodes[NodeKind.Case]
    handled = [r for c in demo.embedded.scan_rels(RelType.HANDLED) for r in c]
    assert [r for c in demo.neo4j.scan_rels(RelType.HANDLED, batch_size=400) for r in c] == handled


def conditions(kind: NodeKind, sample: Node, rng: random.Random) -> list[list[Where | AnyOf]]:
    """Filters built from one node's own values, so that they match something."""
    out: list[list[Where | AnyOf]] = []
    for name, value in sample.props.items():
        if isinstance(value, list):
            out.append([Where(name, Op.HAS, value[0])])
        elif isinstance(value, bool):
            out.append([Where(name, Op.EQ, value)])
        elif isinstance(value, int | float):
            out.append([Where(name, rng.choice([Op.GTE, Op.LTE]), value)])
        elif name == "region_code":
            out.append([Where(name, Op.PREFIX, value[:4])])
        elif name.endswith(("_on", "_from", "_to", "deadline")):
            out.append([Where(name, Op.GTE, value), Where("id", Op.LTE, sample.id)])
        else:
            piece = value[len(value) // 3 : len(value) // 3 + 2] or value
            out.append([Where(name, Op.CONTAINS, piece.upper())])
            out.append([AnyOf((Where(name, Op.EQ, value), Where(name, Op.EQ, None)))])
    return out


def test_pages_of_list_nodes(demo: Demo) -> None:
    rng = random.Random(11)
    listed = 0
    for kind in (NodeKind.Case, NodeKind.Official, NodeKind.Complaint):
        sample = rng.choice(demo.nodes[kind])
        orders = [f.name for f in node_fields(kind) if f.name in sample.props]
        filters = conditions(kind, sample, rng)
        for order_by in ["id", *rng.sample(orders, 2)]:
            where = rng.choice(filters)
            descending = rng.random() < 0.5
            page = demo.same("list_nodes", kind, where, PageRequest(order_by, descending, first=7))
            listed += page.total
            for _ in range(2):  # onwards, then back again
                if not page.has_next:
                    break
                onwards = PageRequest(order_by, descending, first=7, after=page.cursors[-1])
                page = demo.same("list_nodes", kind, where, onwards)
            if page.items:
                back = PageRequest(order_by, descending, last=5, before=page.cursors[0])
                demo.same("list_nodes", kind, where, back)
    assert listed > 100


def seeds(demo: Demo, rng: random.Random, count: int) -> list[str]:
    kinds = (NodeKind.Case, NodeKind.Official, NodeKind.Agency, NodeKind.Finding, NodeKind.Region)
    return [rng.choice(demo.nodes[rng.choice(kinds)]).id for _ in range(count)]


def test_neighbours_of_sampled_nodes(demo: Demo) -> None:
    rng = random.Random(12)
    ids = seeds(demo, rng, 60)
    everything = demo.same("neighbours", ids)
    assert sum(map(len, everything.values())) > 200
    demo.same("neighbours", ids, direction=Direction.OUT, limit=5)
    demo.same("neighbours", ids, direction=Direction.IN, as_of="2022-03")
    demo.same("neighbours", ids, rel_types=[RelType.HANDLED_BY, RelType.MEMBER_OF, RelType.PART_OF])
    demo.same("neighbours", ids, node_kinds=[NodeKind.Case, NodeKind.Agency], as_of="2021")


def test_expand_from_sampled_seeds(demo: Demo) -> None:
    rng = random.Random(13)
    sizes, cut = [], []
    for depth in (1, 2, 3):
        for _ in range(3):
            start = seeds(demo, rng, rng.choice([1, 1, 3]))
            found = demo.same("expand", start, depth=depth, limit=400)
            sizes.append(len(found.nodes))
            cut.append(found.truncated)
            direction, day = rng.choice(list(Direction)), rng.choice(DAYS)
            limit = rng.choice([None, 60])
            found = demo.same(
                "expand", start, depth=depth, direction=direction, as_of=day, limit=limit
            )
            cut.append(found.truncated)
    kinds = [NodeKind.Case, NodeKind.Agency, NodeKind.Official, NodeKind.Region]
    demo.same("expand", seeds(demo, rng, 2), depth=3, node_kinds=kinds, limit=300)
    types = [RelType.HANDLED_BY, RelType.HANDLED, RelType.LOCATED_IN, RelType.CONCERNS]
    demo.same("expand", seeds(demo, rng, 2), depth=3, rel_types=types, limit=300)
    assert max(sizes) > 50
    # Some walks were cut inside a level, where the stores keep the first by id.
    assert any(cut) and not all(cut)


def test_shortest_paths_between_sampled_nodes(demo: Demo) -> None:
    rng = random.Random(14)
    found = 0
    for _ in range(12):
        (start,) = seeds(demo, rng, 1)
        reach = demo.embedded.expand([start], depth=4, limit=2_000)
        far = [n.id for n in reach.nodes if reach.distance[n.id] >= 2] or [start]
        end = rng.choice(far)
        paths = demo.same("shortest_paths", start, end, max_length=4, limit=5)
        found += bool(paths)
        demo.same("shortest_paths", start, end, max_length=4, as_of=rng.choice(DAYS), limit=5)
        demo.same("shortest_paths", start, end, max_length=3, direction=Direction.OUT)
        demo.same(
            "shortest_paths",
            start,
            end,
            max_length=4,
            rel_types=[RelType.HANDLED_BY, RelType.HANDLED, RelType.MEMBER_OF, RelType.PART_OF],
        )
    assert found >= 8


def principals(demo: Demo) -> list[Principal]:
    """Callers of several scopes: a city, a county, Chongqing (what the agreements share
    with it), and a unit from whom an unannounced visit is hidden."""
    visits = [n for n in demo.nodes[NodeKind.SupervisionAction] if n.props.get("concealed")]
    conductors = {a for v in visits for a in v.props.get("conductor_ids") or ()}
    outsider = next(a.id for a in demo.nodes[NodeKind.Agency] if a.id not in conductors)
    counties = sorted({str(n.props["region_code"]) for n in demo.nodes[NodeKind.Case]} - {"510100"})
    return [
        Principal("chengdu", Role.INVESTIGATOR, "510100"),
        Principal("county", Role.VIEWER, counties[len(counties) // 2]),
        Principal("chongqing", Role.INVESTIGATOR, "500000"),
        Principal("unit", Role.INVESTIGATOR, "510000", agency=outsider),
    ]


def test_walks_of_scoped_callers_agree_with_the_walk_node_by_node(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The explorer's neighbourhood and paths for a scoped caller are the store's own walks
    under ``Access.walk_conditions`` (one query): on both stores they equal the walk that
    reads each level and keeps the nodes ``Access.can_see`` admits, crossing no other. The
    embedded store asks about a layer's nodes in chunks (by id, until the limit is passed):
    chunks of twice what the limit leaves, so that layers of the demo's size are cut."""
    monkeypatch.setattr(embedded_graph, "ADMIT_CHUNK", 1)
    rng = random.Random(15)
    hidden = walked = found = 0
    for principal in principals(demo):
        mine = Access(principal, SharedItems(demo.embedded))
        theirs = Access(principal, SharedItems(demo.neo4j))
        visible = [n for ns in demo.nodes.values() for n in ns if mine.can_see(n)]
        hidden += sum(map(len, demo.nodes.values())) - len(visible)
        for _ in range(6):
            centre = rng.choice(visible)
            depth, limit, day = rng.choice([1, 2, 3]), rng.choice([30, 200]), rng.choice(DAYS)
            for as_of in (None, day):
                hops = Hops(None, None, as_of)
                oracle = visible_expand(demo.embedded, mine, centre, depth, hops, limit)
                kwargs = {"id_": centre.id, "depth": depth, "limit": limit, "as_of": as_of}
                assert call(neighbourhood, store=demo.embedded, access=mine, **kwargs) == oracle
                assert call(neighbourhood, store=demo.neo4j, access=theirs, **kwargs) == oracle
                walked += len(oracle.nodes)
            end = rng.choice(visible)
            if end.id == centre.id:
                continue
            expected = visible_shortest_paths(
                demo.embedded, mine, centre, end, 4, Hops(None, None, None), 5
            )
            ends = {"start": centre.id, "end": end.id, "max_length": 4, "limit": 5}
            assert call(paths, store=demo.embedded, access=mine, **ends).paths == expected
            assert call(paths, store=demo.neo4j, access=theirs, **ends).paths == expected
            found += bool(expected)
    # The callers were scoped (much hidden), the walks reached beyond their centres, and
    # some paths were found.
    assert hidden > 1_000 and walked > 200 and found >= 3
