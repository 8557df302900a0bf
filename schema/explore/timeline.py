"""The timeline of an entity (时间线) as a Query field, over ``workflows.explore.timeline``."""

from __future__ import annotations

from typing import Any

import strawberry

from schema.context import Info
from schema.explore import types
from schema.explore.args import node_id, or_default
from schema.fields import query
from schema.objects import list_of
from workflows.explore import timeline as entity_timeline


@query(
    "时间线: what happened to an entity, oldest first (a partial date sorts before the days it "
    "covers): its own dates, state changes, dated relationships and the records touching it.",
    returns=list_of(types.TimelineEventType),
)
async def timeline(info: Info, id: strawberry.ID, first: int | None = 100) -> Any:
    found = await info.context.call(
        entity_timeline.timeline,
        id_=node_id(id, "id"),
        first=info.context.limits.page_size(or_default(first, 100)),
    )
    return [types.event(e) for e in found]
