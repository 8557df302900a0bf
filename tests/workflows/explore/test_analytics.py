"""Subgraph analytics on both backends against networkx run here on the relationships the
test wrote: two cliques of officials joined by one case, and a node outside the pick."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.errors import NotFound
from graph.model.enums import RelType as R
from graph.store import GraphStore
from tests.worlds.exploration import Scene, access
from workflows.explore.analytics import subgraph_analytics
from workflows.usecase import call

LEFT = [f"official:l{k}" for k in range(4)]
RIGHT = [f"official:r{k}" for k in range(4)]
BRIDGE = "case:bridge"


def _write(store: GraphStore) -> list[tuple[str, str]]:
    """Two teams in which every two members handled a case together, the teams bridged by
    one case their first members share with someone outside the pick."""
    s = Scene()
    edges = []
    for team in (LEFT, RIGHT):
        for o in team:
            s.official(o, "成员", "510104")
        for i, a in enumerate(team):
            for b in team[i + 1 :]:
                case = s.case(f"case:{a[-2:]}{b[-2:]}", "510104")
                s.link(R.HANDLED, a, case)
                s.link(R.HANDLED, b, case)
                edges += [(a, case), (b, case)]
    s.case(BRIDGE, "510104")
    s.official("official:far", "外地", "510400")
    for o in (LEFT[0], RIGHT[0], "official:far"):
        s.link(R.HANDLED, o, BRIDGE)
    edges += [(LEFT[0], BRIDGE), (RIGHT[0], BRIDGE)]
    s.write(store)
    return edges


def test_centrality_and_communities_match_networkx(store: GraphStore) -> None:
    edges = _write(store)
    picked = sorted({n for e in edges for n in e})
    found = call(subgraph_analytics, store=store, access=access(store), ids=picked)
    graph: nx.Graph[str] = nx.Graph(edges)
    degree = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph)
    assert {c.node.id for c in found.centrality} == set(picked)
    for c in found.centrality:
        assert c.degree == pytest.approx(degree[c.node.id])
        assert c.betweenness == pytest.approx(betweenness[c.node.id])
    keys = [(-c.betweenness, -c.degree, c.node.id) for c in found.centrality]
    assert keys == sorted(keys)
    # The two teams fall apart, each whole with the cases only its members handled.
    assert sorted(i for c in found.communities for i in c) == picked
    assert len(found.communities) == 2
    for team in (LEFT, RIGHT):
        home = next(c for c in found.communities if team[0] in c)
        assert set(team) <= set(home) and sorted(home) == home
        own = {b for a, b in edges if a in team and b != BRIDGE}
        assert own <= set(home)
    assert nx.community.is_partition(graph, [set(c) for c in found.communities])


def test_a_node_the_caller_does_not_see_is_not_found_by_its_place(store: GraphStore) -> None:
    _write(store)
    with pytest.raises(NotFound, match=r"ids\.2"):
        call(
            subgraph_analytics,
            store=store,
            access=access(store, "viewer", "510100"),
            ids=[LEFT[0], BRIDGE, "official:far"],
        )
