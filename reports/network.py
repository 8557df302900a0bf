"""Network analytics of the agreement network with networkx (an analytics adapter: the
figures elsewhere in ``reports`` do not depend on it).

The graph: agencies that signed an agreement in force on a day, linked when they signed the
same one. Degree counts an agency's partners, betweenness how often it lies on the shortest
links between two others (normalised, exact), components are the groups of agencies joined
by agreements, and a bridge is a link whose loss would split a group.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import cast

import networkx as nx

from graph.store import GraphStore
from reports.agreements import AgreementNetwork
from reports.areas import AgencyRef

PRECISION = 6


@dataclass(frozen=True)
class AgencyCentrality:
    agency: AgencyRef
    degree: int
    agreements: int
    betweenness: float


@dataclass(frozen=True)
class Component:
    agencies: tuple[AgencyRef, ...]
    agreements: tuple[str, ...]


@dataclass(frozen=True)
class Bridge:
    first: AgencyRef
    second: AgencyRef
    agreements: tuple[str, ...]


@dataclass(frozen=True)
class NetworkAnalytics:
    as_of: str
    agencies: tuple[AgencyCentrality, ...]
    components: tuple[Component, ...]
    bridges: tuple[Bridge, ...]


def cosignature_graph(network: AgreementNetwork, as_of: str) -> nx.Graph[str]:
    graph: nx.Graph[str] = nx.Graph()
    for agreement in network.in_force(as_of):
        ids = sorted(p.id for p in agreement.parties)
        graph.add_nodes_from(ids)
        for a, b in combinations(ids, 2):
            if not graph.has_edge(a, b):
                graph.add_edge(a, b, agreements=[])
            graph.edges[a, b]["agreements"].append(agreement.id)
    return graph


def analyse(network: AgreementNetwork, as_of: str) -> NetworkAnalytics:
    graph = cosignature_graph(network, as_of)
    agencies = network.geography.agencies
    signed: dict[str, int] = {}
    for agreement in network.in_force(as_of):
        for party in agreement.parties:
            signed[party.id] = signed.get(party.id, 0) + 1
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    centrality = sorted(
        (
            AgencyCentrality(
                agencies[i], graph.degree(i), signed[i], round(betweenness[i], PRECISION)
            )
            for i in graph.nodes
        ),
        key=lambda c: (-c.betweenness, -c.degree, c.agency.id),
    )
    components = []
    for members in nx.connected_components(graph):
        sub = graph.subgraph(members)
        ids = sorted({a for _, _, d in sub.edges(data=True) for a in d["agreements"]})
        components.append(Component(tuple(agencies[i] for i in sorted(members)), tuple(ids)))
    components.sort(key=lambda c: (-len(c.agencies), c.agencies[0].id))
    bridges = sorted(
        (
            Bridge(
                agencies[min(a, b)],
                agencies[max(a, b)],
                tuple(graph.edges[a, b]["agreements"]),
            )
            for a, b in cast("Iterator[tuple[str, str]]", nx.bridges(graph))
        ),
        key=lambda b: (b.first.id, b.second.id),
    )
    return NetworkAnalytics(as_of, tuple(centrality), tuple(components), tuple(bridges))


def analytics(store: GraphStore, *, as_of: str) -> NetworkAnalytics:
    """Degree, betweenness, components and bridges of the agreement network on a day."""
    return analyse(AgreementNetwork.load(store), as_of)
