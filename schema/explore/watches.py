"""Pattern alerts as cases for investigators, over ``workflows.explore.watches``: watch a
named pattern, run the watches, work the inquiries they open."""

from __future__ import annotations

import enum
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import mutation
from schema.generic.ids import to_global
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES
from schema.objects import list_of, output
from schema.results import shown
from workflows.explore import watches
from workflows.explore.patterns import PatternName


@strawberry.enum(description="A step of an inquiry.")
class InquiryMove(enum.Enum):
    START = strawberry.enum_value("start", description="研判: OPEN → IN_PROGRESS")
    ACT = strawberry.enum_value("act", description="已处置: closed, something was done")
    CLEAR = strawberry.enum_value("clear", description="无问题: closed, nothing to act on")


OpenedInquiry = output(
    "OpenedInquiry",
    "An inquiry a watch opened, and the investigation of its match.",
    watch_id=strawberry.ID,
    inquiry=TYPES[NodeKind.Inquiry],
    investigation=TYPES[NodeKind.Investigation],
)


@mutation(
    "模式监视: watch a named pattern in your jurisdiction for an assignee (you when none is "
    "given); each new match opens an inquiry when the watches run.",
    returns=TYPES[NodeKind.PatternWatch],
)
async def watch_pattern(
    info: Info,
    name: PatternName,
    assignee: str | None = UNSET,
    min_count: int | None = UNSET,
    max_hops: int | None = UNSET,
) -> Any:
    node = await info.context.call(
        watches.watch_pattern,
        name=name.name,
        assignee=given(assignee),
        min_count=given(min_count),
        max_hops=given(max_hops),
    )
    return shown(info, node)


@mutation(
    "Run the active watches of your jurisdiction on `today`: each match not raised before "
    "opens an inquiry (OPEN) for the watch's assignee, with a saved investigation of its "
    "nodes.",
    returns=list_of(OpenedInquiry),
)
async def run_watches(info: Info, today: str | None = UNSET) -> Any:
    opened = await info.context.call(watches.run_watches, today=given(today))
    return [
        OpenedInquiry(
            watch_id=strawberry.ID(to_global(NodeKind.PatternWatch.name, o.watch_id)),
            inquiry=shown(info, o.inquiry),
            investigation=shown(info, o.investigation),
        )
        for o in opened
    ]


@mutation(
    "One step of an inquiry, by its assignee (or an admin): START, then ACT or CLEAR with the "
    "`decision` (what was decided and why).",
    returns=TYPES[NodeKind.Inquiry],
)
async def move_inquiry(
    info: Info,
    id: strawberry.ID,
    version: int,
    move: InquiryMove,
    decision: str | None = UNSET,
) -> Any:
    node = await info.context.call(
        watches.move_inquiry,
        spelled={"inquiry_id": "id"},
        inquiry_id=expect_id(id, NodeKind.Inquiry.name, "id"),
        version=version,
        move=move.value,
        decision=given(decision),
    )
    return shown(info, node)
