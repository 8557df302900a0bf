"""The neighbourhood of a node and the shortest paths between two as Query fields, over
``workflows.explore.walks``: global ids in (a malformed one is a VALIDATION error naming the
argument), sizes checked against the request limits, nodes out as the caller sees them."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types.unset import UNSET

from schema.context import Info
from schema.explore import types
from schema.explore.args import node_id, node_kinds, or_default, rel_types, subgraph_size
from schema.fields import query
from schema.generic.connections import asks_only
from schema.generic.enums import NodeKindEnum, RelTypeEnum
from schema.generic.inputs import given
from schema.generic.nodes import REL_BARE_FIELDS
from schema.generic.scalars import PartialDate
from schema.objects import list_of, maybe
from workflows.explore import walks

From = Annotated[strawberry.ID, strawberry.argument(name="from", description="起点 (global id)")]
To = Annotated[strawberry.ID, strawberry.argument(description="终点 (global id)")]
KINDS, REL_TYPES = maybe(list_of(NodeKindEnum)), maybe(list_of(RelTypeEnum))


@query(
    "周边关系: the node and what lies within `depth` (1–4) hops over the given relationship "
    "types, through nodes of the given kinds valid on `asOf`; nodes by (distance, id), cut at "
    "`limit` (at most 10 × the page size limit). Hidden nodes are neither shown nor crossed.",
    returns=types.SubgraphType,
    kinds=KINDS,
    relationship_types=REL_TYPES,
)
async def neighbourhood(
    info: Info,
    id: strawberry.ID,
    depth: int | None = 1,
    kinds: Any = UNSET,
    relationship_types: Any = UNSET,
    as_of: PartialDate | None = UNSET,
    limit: int | None = 200,
) -> Any:
    found = await info.context.call(
        walks.neighbourhood,
        id_=node_id(id, "id"),
        depth=or_default(depth, 1),
        kinds=node_kinds(kinds),
        rel_types=rel_types(relationship_types),
        as_of=given(as_of),
        limit=subgraph_size(info, or_default(limit, 200), "limit"),
        rel_props=not asks_only(info, "relationships", REL_BARE_FIELDS),
    )
    return types.subgraph(found)


@query(
    "关系路径: every shortest path (at most `limit`) of at most `maxLength` (1–10) "
    "relationships between two nodes, through visible nodes only, ordered by their node ids "
    "then relationship ids.",
    returns=types.PathResultType,
    relationship_types=REL_TYPES,
)
async def paths(
    info: Info,
    from_: From,
    to: To,
    max_length: int | None = 6,
    relationship_types: Any = UNSET,
    as_of: PartialDate | None = UNSET,
    limit: int | None = 5,
) -> Any:
    found = await info.context.call(
        walks.paths,
        start=node_id(from_, "from"),
        end=node_id(to, "to"),
        max_length=or_default(max_length, 6),
        rel_types=rel_types(relationship_types),
        as_of=given(as_of),
        limit=info.context.limits.page_size(or_default(limit, 5), "limit"),
    )
    return types.path_result(found)
