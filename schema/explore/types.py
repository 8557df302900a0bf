"""The exploration types (docs/api.md, "Exploration") and the mapping of the use cases'
answers onto them. Nodes come from the use cases already masked for the caller."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.model.records import Node as StoredNode
from graph.model.records import Rel
from graph.store import Path, Subgraph
from schema.generic.ids import to_global
from schema.generic.nodes import Node, Relationship, wrap, wrap_rel
from schema.generic.scalars import PartialDate
from schema.objects import list_of, maybe, output
from workflows.explore.analytics import SubgraphAnalytics
from workflows.explore.patterns import Pattern, PatternMatch, PatternName
from workflows.explore.timeline import TimelineEvent
from workflows.explore.walks import PathOutcome, PathResult

PathOutcomeEnum: Any = strawberry.enum(
    PathOutcome,
    name="PathOutcome",
    description="FOUND 找到路径 (length ≥ 1), NO_PATH 没有路径, SAME_NODE 同一节点 (length 0).",
)
PatternNameEnum: Any = strawberry.enum(
    PatternName,
    name="PatternName",
    description="A named pattern query; `patternNames` gives each one's label and description.",
)

SubgraphType = output(
    "Subgraph",
    "A neighbourhood: the centre and the nodes around it by (distance, id), the relationships "
    "between them; `truncated` when the limit cut it.",
    nodes=list_of(Node),
    relationships=list_of(Relationship),
    truncated=bool,
)
PathType = output(
    "Path",
    "One path: its nodes from start to end and its relationships in path order.",
    nodes=list_of(Node),
    relationships=list_of(Relationship),
)
PathResultType = output(
    "PathResult",
    "The shortest paths between two nodes: `length` is null when there is none.",
    outcome=PathOutcomeEnum,
    length=maybe(int),
    paths=list_of(PathType),
)
TimelineEventType = output(
    "EntityTimelineEvent",
    "One thing that happened to an entity: `event` is a code (DATE, CREATED, STATUS, UPDATED, "
    "LINKED, UNLINKED, CASE, PETITION, SUPERVISION, REVIEW, FINDING, RECTIFICATION, "
    "ACCOUNTABILITY, INTERVENTION, CLEARANCE, AGREEMENT, MEETING, NOTIFICATION), `label` the "
    "Chinese text; `node` and `relationship` what it concerns.",
    date=PartialDate,
    event=str,
    label=str,
    node=maybe(Node),
    relationship=maybe(Relationship),
)


@strawberry.type(description="A named pattern: its Chinese label and what it finds.")
class PatternInfo:
    name: PatternName
    label: str
    description: str


PatternMatchType = output(
    "PatternMatch",
    "One match of a pattern: the node it is about, why (Chinese), and the subgraph that shows "
    "it (the nodes and every relationship between two of them).",
    anchor=Node,
    explanation=str,
    nodes=list_of(Node),
    relationships=list_of(Relationship),
)
NodeCentrality = output(
    "NodeCentrality",
    "A node of the subgraph: degree centrality (share of the others it is linked to) and "
    "normalised betweenness.",
    node=Node,
    degree=float,
    betweenness=float,
)
SubgraphAnalyticsType = output(
    "SubgraphAnalytics",
    "Centrality of each node (highest betweenness first) and communities (Louvain, fixed "
    "seed; largest first), as lists of global ids.",
    centrality=list_of(NodeCentrality),
    communities=list_of(list_of(strawberry.ID)),
)


def _wrapped(nodes: list[StoredNode], rels: list[Rel]) -> tuple[list[Any], list[Any]]:
    """The nodes and the relationships between them, whose ends are those nodes."""
    ends = {n.id: n for n in nodes}
    return [wrap(n) for n in nodes], [wrap_rel(r, ends) for r in rels]


def subgraph(found: Subgraph) -> Any:
    nodes, rels = _wrapped(found.nodes, found.rels)
    return SubgraphType(nodes=nodes, relationships=rels, truncated=found.truncated)


def _path(path: Path) -> Any:
    nodes, rels = _wrapped(path.nodes, path.rels)
    return PathType(nodes=nodes, relationships=rels)


def path_result(found: PathResult) -> Any:
    return PathResultType(
        outcome=found.outcome, length=found.length, paths=[_path(p) for p in found.paths]
    )


def event(found: TimelineEvent) -> Any:
    return TimelineEventType(
        date=found.date,
        event=found.event,
        label=found.label,
        node=None if found.node is None else wrap(found.node),
        relationship=None if found.rel is None else wrap_rel(found.rel),
    )


def pattern_info(found: Pattern) -> Any:
    return PatternInfo(name=found.name, label=found.name.label, description=found.description)


def pattern_match(found: PatternMatch) -> Any:
    nodes, rels = _wrapped(found.nodes, found.rels)
    return PatternMatchType(
        anchor=wrap(found.anchor), explanation=found.explanation, nodes=nodes, relationships=rels
    )


def analytics(found: SubgraphAnalytics) -> Any:
    kinds = {c.node.id: c.node.kind.name for c in found.centrality}
    return SubgraphAnalyticsType(
        centrality=[
            NodeCentrality(node=wrap(c.node), degree=c.degree, betweenness=c.betweenness)
            for c in found.centrality
        ],
        communities=[[to_global(kinds[i], i) for i in c] for c in found.communities],
    )
