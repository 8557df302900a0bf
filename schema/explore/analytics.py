"""Subgraph analytics (子图分析) as a Query field, over ``workflows.explore.analytics``."""

from __future__ import annotations

from typing import Any

import strawberry

from schema.context import Info
from schema.explore import types
from schema.explore.args import node_id, subgraph_size
from schema.fields import query
from workflows.explore import analytics


@query(
    "子图分析: degree centrality, betweenness and communities of the subgraph the given nodes "
    "induce (their relationships to one another).",
    returns=types.SubgraphAnalyticsType,
)
async def subgraph_analytics(info: Info, ids: list[strawberry.ID]) -> Any:
    subgraph_size(info, len(ids), "ids")
    found = await info.context.call(
        analytics.subgraph_analytics,
        ids=[node_id(g, f"ids.{i}") for i, g in enumerate(ids)],
    )
    return types.analytics(found)
