"""The listed and special supervision of typical cases: 挂牌督办 and 重点关注 (for a case that
petitions are about), the escalation of overdue items (逾期提级), the three synchronisations
of a major case (三同步) and the yearly private-enterprise batch (涉民营企业案件专项督办).

Each is a case supervision (``workflows.supervision.cases``) singled out for closer
following; the workstreams and the batch are ``workflows.petitioning.workstreams`` and
``workflows.petitioning.enterprise``.
"""

from __future__ import annotations

import enum
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind, Workstream
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import LABELED, code
from schema.generic.inputs import at_least, expect_id, given
from schema.generic.nodes import TYPES
from schema.objects import input_object, list_of, maybe, output
from schema.results import one_id, shown
from schema.supervision.cases import SupervisionItem, supervision_item
from workflows import rules
from workflows.petitioning import enterprise
from workflows.petitioning import workstreams as streams
from workflows.supervision import cases

ACTION = NodeKind.SupervisionAction.name

WorkstreamItem = output(
    "WorkstreamItem",
    "三同步: one workstream of a supervised case (依法办理, 舆论引导, 社会面管控), its action "
    "(status 计划 → 进行中 → 已完成) and the unit that owns it.",
    workstream=LABELED[Workstream],
    workstream_label=str,
    action=TYPES[NodeKind.SupervisionAction],
    owner_id=maybe(strawberry.ID),
)
BatchCandidate = output(
    "BatchCandidate",
    "涉民营企业案件: a case the rules select for the year's batch, with each reason.",
    case=TYPES[NodeKind.Case],
    reasons=list_of(str),
)
EnterpriseBatch = output(
    "EnterpriseBatch",
    "涉民营企业案件专项督办: the year's batch and one supervision per case in it.",
    batch=TYPES[NodeKind.SupervisionAction],
    items=list_of(SupervisionItem),
)


@strawberry.enum(description="The moves of a 三同步 workstream.")
class WorkstreamMove(enum.Enum):
    START = strawberry.enum_value("start", description="开始 (计划 → 进行中)")
    COMPLETE = strawberry.enum_value("complete", description="完成 (进行中 → 已完成)")


WorkstreamOwner = input_object(
    "WorkstreamOwner",
    "The unit that owns one 三同步 workstream.",
    workstream=LABELED[Workstream],
    owner_id=strawberry.ID,
)


def _workstream_item(info: Info, item: streams.WorkstreamItem) -> Any:
    return WorkstreamItem(
        workstream=LABELED[Workstream][item.workstream.name],
        workstream_label=item.workstream.label,
        action=shown(info, item.action),
        owner_id=one_id(NodeKind.Agency, item.owner_id),
    )


def _owners(owners: list[Any]) -> dict[str, str]:
    """Each workstream's owner unit (store ids), each workstream named once."""
    out: dict[str, str] = {}
    for i, owner in enumerate(owners):
        stream = code(owner.workstream)
        if stream in out:
            raise ValidationError(FieldError(f"owners.{i}.workstream", f"{stream} given twice"))
        out[stream] = expect_id(owner.owner_id, NodeKind.Agency.name, f"owners.{i}.owner_id")
    return out


@query(
    "三同步: the workstreams of a supervision, lawful handling first.",
    returns=list_of(WorkstreamItem),
)
async def workstreams(info: Info, action_id: strawberry.ID) -> Any:
    found = await info.context.call(
        streams.workstreams, action_id=expect_id(action_id, ACTION, "action_id")
    )
    return [_workstream_item(info, w) for w in found]


@query(
    "涉民营企业案件专项督办: the private-enterprise cases of your jurisdiction open in `year`, "
    "not yet supervised, that the rules select, most reasons first.",
    returns=list_of(BatchCandidate),
)
async def private_enterprise_candidates(info: Info, year: int, today: str) -> Any:
    found = await info.context.call(
        enterprise.select_private_enterprise_cases, year=year, today=today
    )
    return [BatchCandidate(case=shown(info, c.case), reasons=c.reasons) for c in found]


@mutation(
    "挂牌督办 (`listed`) and 重点关注 (`keyAttention`, only for a petition-related case) of a "
    "supervision; absent: unchanged.",
    returns=SupervisionItem,
)
async def set_attention(
    info: Info,
    id: strawberry.ID,
    version: int,
    listed: bool | None = UNSET,
    key_attention: bool | None = UNSET,
) -> Any:
    item = await info.context.call(
        cases.set_attention,
        spelled={"action_id": "id"},
        action_id=expect_id(id, ACTION),
        version=version,
        listed=given(listed),
        key_attention=given(key_attention),
    )
    return supervision_item(info, item)


@mutation(
    "逾期提级: the commission one level up joins every overdue supervision of your "
    "jurisdiction not escalated yet; the items escalated.",
    returns=list_of(SupervisionItem),
)
async def escalate_overdue(info: Info) -> Any:
    found = await info.context.call(cases.escalate_overdue)
    return [supervision_item(info, item) for item in found]


@mutation(
    "三同步: start the three workstreams of a supervision together, each with its owner unit "
    "(all three required, once).",
    returns=list_of(WorkstreamItem),
    owners=list_of(WorkstreamOwner),
)
async def plan_workstreams(info: Info, id: strawberry.ID, version: int, owners: Any) -> Any:
    found = await info.context.call(
        streams.plan_workstreams,
        spelled={"action_id": "id"},
        action_id=expect_id(id, ACTION),
        version=version,
        owners=_owners(owners),
    )
    return [_workstream_item(info, w) for w in found]


@mutation(
    "START or COMPLETE a workstream; a move its state refuses: INVALID_TRANSITION.",
    returns=TYPES[NodeKind.SupervisionAction],
)
async def move_workstream(info: Info, id: strawberry.ID, version: int, move: WorkstreamMove) -> Any:
    node = await info.context.call(
        streams.move_workstream,
        spelled={"workstream_id": "id"},
        workstream_id=expect_id(id, ACTION),
        version=version,
        move=move.value,
    )
    return shown(info, node)


@mutation(
    "涉民营企业案件专项督办: the year's batch led by a commission, one supervision per case "
    "(each selected by the rules, with its reasons).",
    returns=EnterpriseBatch,
)
async def open_private_enterprise_batch(
    info: Info,
    year: int,
    lead_agency_id: strawberry.ID,
    deadline: str,
    case_ids: list[strawberry.ID],
) -> Any:
    found = await info.context.call(
        enterprise.open_private_enterprise_batch,
        year=year,
        lead_agency_id=expect_id(lead_agency_id, NodeKind.Agency.name, "lead_agency_id"),
        deadline=deadline,
        case_ids=[
            expect_id(c, NodeKind.Case.name, f"case_ids.{i}") for i, c in enumerate(case_ids)
        ],
    )
    return EnterpriseBatch(
        batch=shown(info, found.batch), items=[supervision_item(info, i) for i in found.items]
    )


@mutation(
    "绿色通道: take a private-enterprise case still open into the fast lane, once, with the "
    "reason; it is to be handled to its end within the green-channel limit.",
    returns=TYPES[NodeKind.Case],
)
async def open_green_channel(info: Info, case_id: strawberry.ID, reason: str) -> Any:
    node = await info.context.call(
        enterprise.open_green_channel,
        case_id=expect_id(case_id, NodeKind.Case.name, "case_id"),
        reason=reason,
    )
    return shown(info, node)


GreenChannelCase = output(
    "GreenChannelCase",
    "A case in the green channel: the days it has been in it (until closed, or today), and "
    "whether that passed the limit.",
    case=TYPES[NodeKind.Case],
    days=int,
    late=bool,
)


@query(
    "绿色通道: the cases in the green channel of your jurisdiction, the late ones first "
    "(`lateOnly`: only those past `limitDays`).",
    returns=list_of(GreenChannelCase),
)
async def green_channel(
    info: Info,
    today: str | None = UNSET,
    late_only: bool = False,
    limit_days: int = rules.GREEN_CHANNEL_DAYS,
) -> Any:
    found = await info.context.call(
        enterprise.green_channel,
        today=given(today),
        late_only=late_only,
        limit_days=at_least(limit_days, 1, "limit_days"),
    )
    return [GreenChannelCase(case=shown(info, g.case), days=g.days, late=g.late) for g in found]
