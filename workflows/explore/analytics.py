"""Analytics of a subgraph the investigator picked: the nodes given and every relationship
between two of them, measured by ``reports/explore_network.py`` (networkx)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model.records import Node, Rel
from graph.store import GraphStore
from reports.explore_network import measure
from workflows.access import Access
from workflows.usecase import use_case


@dataclass(frozen=True)
class Centrality:
    node: Node
    degree: float
    betweenness: float


@dataclass(frozen=True)
class SubgraphAnalytics:
    """Centrality by betweenness then degree (highest first), then id; communities largest
    first, each a list of node ids in id order."""

    centrality: list[Centrality]
    communities: list[list[str]]


@use_case(sees=["ids"])
def subgraph_analytics(
    *, store: GraphStore, access: Access, ids: Sequence[str]
) -> SubgraphAnalytics:
    """Degree centrality, betweenness and communities of the subgraph the nodes induce."""
    if not ids:
        raise ValidationError(FieldError("ids", "give the nodes of the subgraph"))
    unique = list(dict.fromkeys(ids))
    found = store.get_nodes(unique)
    # Each node's relationships to the others, in the order ``neighbours`` gives them.
    leaving: dict[str, list[Rel]] = defaultdict(list)
    for r in store.rels_among(unique):
        leaving[r.start].append(r)
    edges = [
        (u, r.end)
        for u in unique
        for r in sorted(leaving.get(u, []), key=lambda r: (r.type.name, r.end, r.id))
    ]
    measured = measure(unique, edges)
    centrality = [
        Centrality(access.present(found[i]), measured.degree[i], measured.betweenness[i])
        for i in unique
    ]
    centrality.sort(key=lambda c: (-c.betweenness, -c.degree, c.node.id))
    return SubgraphAnalytics(centrality, measured.communities)
