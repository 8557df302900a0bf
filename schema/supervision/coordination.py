"""Case coordination (案件协调): what a coordination agreed, by topic, over
``workflows.supervision.coordination`` (which refuses entries deciding the case)."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import mutation
from schema.generic.inputs import expect_id
from schema.generic.nodes import TYPES
from schema.results import shown
from workflows.supervision import coordination


@strawberry.input(description="What a coordination agreed on one topic (协调事项).")
class CoordinationEntry:
    topic: str = strawberry.field(description="a CoordinationTopic, by name or label")
    text: str


@mutation(
    "协调: add what a coordination agreed, by topic; entries on evidence, facts or the verdict "
    "are refused (VALIDATION, each named).",
    returns=TYPES[NodeKind.SupervisionAction],
)
async def record_coordination(
    info: Info, id: strawberry.ID, version: int, entries: list[CoordinationEntry]
) -> Any:
    node = await info.context.call(
        coordination.record_coordination,
        spelled={"action_id": "id"},
        action_id=expect_id(id, NodeKind.SupervisionAction.name),
        version=version,
        entries={e.topic: e.text for e in entries},
    )
    return shown(info, node)
