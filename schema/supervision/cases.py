"""Case supervision (督办): opening and moving a supervision, and the listed and key-attention
items, over ``workflows.supervision.cases``."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.inputs import expect_id, given, optional_id
from schema.generic.nodes import TYPES
from schema.objects import list_of, maybe, output
from schema.results import alert_name, one_id, shown
from workflows.supervision import cases

SupervisionItem = output(
    "SupervisionItem",
    "督办: a supervised case's action, its case, the unit it was assigned to, its alert.",
    action=TYPES[NodeKind.SupervisionAction],
    case_id=maybe(strawberry.ID),
    assignee_id=maybe(strawberry.ID),
    alert=maybe(str),
)


def supervision_item(info: Info, item: cases.SupervisionItem) -> Any:
    return SupervisionItem(
        action=shown(info, item.action),
        case_id=one_id(NodeKind.Case, item.case_id),
        assignee_id=one_id(NodeKind.Agency, item.assignee_id),
        alert=alert_name(item.alert),
    )


@query(
    "挂牌督办/重点关注: listed and key-attention supervisions open on `today`.",
    returns=list_of(SupervisionItem),
)
async def attention_list(info: Info, today: str) -> Any:
    found = await info.context.call(cases.attention_list, today=today)
    return [supervision_item(info, item) for item in found]


@mutation(
    "立项督办: propose supervising a case, led by a provincial or city commission, due by "
    "`deadline` (`listed`: 挂牌); 审慎: only a case of its region that is flagged major, "
    "sensitive, cross-region, petition-related or private-enterprise, or one for which "
    "`reasons` say why it is complex or difficult. Another person approves the proposal by "
    "assigning it (交办).",
    returns=SupervisionItem,
)
async def open_supervision(
    info: Info,
    case_id: strawberry.ID,
    lead_agency_id: strawberry.ID,
    deadline: str,
    title: str | None = UNSET,
    listed: bool | None = UNSET,
    reasons: list[str] | None = UNSET,
) -> Any:
    item = await info.context.call(
        cases.open_supervision,
        case_id=expect_id(case_id, NodeKind.Case.name, "case_id"),
        lead_agency_id=expect_id(lead_agency_id, NodeKind.Agency.name, "lead_agency_id"),
        deadline=deadline,
        title=given(title),
        listed=bool(given(listed)),
        reasons=given(reasons) or (),
    )
    return supervision_item(info, item)


@mutation(
    "Move a supervision (assign, urge, report_progress, report_completion, return, close, "
    "publish); `version` must be the one read (else CONFLICT).",
    returns=SupervisionItem,
)
async def move_supervision(
    info: Info,
    id: strawberry.ID,
    version: int,
    move: str,
    assignee_id: strawberry.ID | None = UNSET,
    deadline: str | None = UNSET,
    note: str | None = UNSET,
) -> Any:
    item = await info.context.call(
        cases.move_supervision,
        spelled={"action_id": "id"},
        action_id=expect_id(id, NodeKind.SupervisionAction.name),
        version=version,
        move=move,
        assignee_id=optional_id(assignee_id, NodeKind.Agency, "assignee_id"),
        deadline=given(deadline),
        note=given(note),
    )
    return supervision_item(info, item)
