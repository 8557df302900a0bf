"""Centrality and communities of a subgraph an investigator picked on the explorer, with
networkx (an analytics adapter, like ``reports/network.py``).

The graph is simple and undirected: parallel relationships count once, self-loops not at
all. Degree centrality is the share of the other nodes a node is linked to; betweenness is
normalised and exact; communities are Louvain's with a fixed seed over nodes and edges added
in id order, so the same subgraph always splits the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

SEED = 7


@dataclass(frozen=True)
class Measures:
    degree: dict[str, float]
    betweenness: dict[str, float]
    communities: list[list[str]]


def simple_graph(node_ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> nx.Graph[str]:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(sorted(set(node_ids)))
    graph.add_edges_from(sorted({(min(a, b), max(a, b)) for a, b in edges if a != b}))
    return graph


def measure(node_ids: Sequence[str], edges: Iterable[tuple[str, str]]) -> Measures:
    """Degree and betweenness of every node; communities largest first, each in id order."""
    graph = simple_graph(node_ids, edges)
    communities = [sorted(c) for c in nx.community.louvain_communities(graph, seed=SEED)]
    return Measures(
        dict(nx.degree_centrality(graph)),
        dict(nx.betweenness_centrality(graph, normalized=True)),
        sorted(communities, key=lambda c: (-len(c), c[0])),
    )
