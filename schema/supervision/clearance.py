"""Clearing names (澄清正名): petitions found false and the officials they cleared, over
``workflows.supervision.clearance``."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES
from schema.objects import list_of, maybe, output
from schema.results import one_id, shown
from workflows.supervision import clearance

Cleared = output(
    "Cleared",
    "澄清正名: a clearance of an official accused by a petition found false.",
    clearance=TYPES[NodeKind.Clearance],
    official_id=strawberry.ID,
    complaint_id=maybe(strawberry.ID),
)
ClearedOfficial = output(
    "ClearedOfficial",
    "An official cleared, with each clearance.",
    official=TYPES[NodeKind.Official],
    clearances=list_of(Cleared),
)


def _cleared(info: Info, found: clearance.Cleared) -> Any:
    return Cleared(
        clearance=shown(info, found.clearance),
        official_id=one_id(NodeKind.Official, found.official_id),
        complaint_id=one_id(NodeKind.Complaint, found.complaint_id),
    )


@query(
    "澄清正名: officials cleared in a period, most recently cleared first.",
    returns=list_of(ClearedOfficial),
)
async def cleared_officials(
    info: Info, since: str | None = UNSET, until: str | None = UNSET
) -> Any:
    found = await info.context.call(
        clearance.cleared_officials, since=given(since), until=given(until)
    )
    return [
        ClearedOfficial(
            official=shown(info, o.official), clearances=[_cleared(info, c) for c in o.clearances]
        )
        for o in found
    ]


@mutation(
    "查否: find a resolved or terminated petition false and clear each official it accused; "
    "`version` is the complaint's.",
    returns=list_of(Cleared),
)
async def find_false(
    info: Info,
    id: strawberry.ID,
    version: int,
    description: str | None = UNSET,
    decided_on: str | None = UNSET,
) -> Any:
    found = await info.context.call(
        clearance.find_false,
        spelled={"complaint_id": "id"},
        complaint_id=expect_id(id, NodeKind.Complaint.name),
        version=version,
        description=given(description),
        decided_on=given(decided_on),
    )
    return [_cleared(info, c) for c in found]
