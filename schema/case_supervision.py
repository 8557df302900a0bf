"""The rest of case supervision (督办) as Query and Mutation fields: 挂牌督办 and 重点关注, the
escalation of overdue items, the three synchronisations (三同步) and the yearly
private-enterprise batch (涉民营企业案件专项督办)."""

from __future__ import annotations

import enum
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.errors import FieldError, ValidationError
from graph.model.enums import NodeKind, Workstream
from schema.generic.enums import LABELED, code
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES, annotate, list_of, maybe
from schema.guards import about, acting
from schema.usecases import Info, one_id, output, reading, shown
from schema.workflows import SupervisionItem, supervision_item
from workflows import enterprise, supervision, workstreams
from workflows.access import Permission

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


WorkstreamOwner: Any = strawberry.input(
    type(
        "WorkstreamOwner",
        (),
        {"__annotations__": {"workstream": LABELED[Workstream], "owner_id": strawberry.ID}},
    ),
    description="The unit that owns one 三同步 workstream.",
)


def _workstream_item(info: Info, item: workstreams.WorkstreamItem) -> Any:
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
        out[stream] = expect_id(owner.owner_id, NodeKind.Agency.name, f"owners.{i}.ownerId")
    return out


async def _workstreams(root: Any, info: Info, action_id: strawberry.ID) -> list[Any]:
    found = await info.context.call(
        about(workstreams.workstreams, "action_id"),
        action_id=expect_id(action_id, NodeKind.SupervisionAction.name, "actionId"),
    )
    return [_workstream_item(info, w) for w in found]


async def _private_enterprise_candidates(root: Any, info: Info, year: int, today: str) -> list[Any]:
    found = await info.context.call(
        reading(enterprise.select_private_enterprise_cases), year=year, today=today
    )
    return [BatchCandidate(case=shown(info, c.case), reasons=c.reasons) for c in found]


async def _set_attention(
    root: Any,
    info: Info,
    id: strawberry.ID,
    version: int,
    listed: bool | None = UNSET,
    key_attention: bool | None = UNSET,
) -> Any:
    item = await info.context.call(
        acting(supervision.set_attention, Permission.WRITE, owned=("action_id",)),
        action_id=expect_id(id, NodeKind.SupervisionAction.name),
        version=version,
        listed=given(listed),
        key_attention=given(key_attention),
    )
    return supervision_item(info, item)


async def _escalate_overdue(root: Any, info: Info) -> list[Any]:
    found = await info.context.call(
        acting(supervision.escalate_overdue, Permission.TRANSITION, scoped=True)
    )
    return [supervision_item(info, item) for item in found]


async def _plan_workstreams(
    root: Any, info: Info, id: strawberry.ID, version: int, owners: list[Any]
) -> list[Any]:
    found = await info.context.call(
        acting(
            workstreams.plan_workstreams,
            Permission.WRITE,
            owned=("action_id",),
            seen=("owners",),
        ),
        action_id=expect_id(id, NodeKind.SupervisionAction.name),
        version=version,
        owners=_owners(owners),
    )
    return [_workstream_item(info, w) for w in found]


async def _move_workstream(
    root: Any, info: Info, id: strawberry.ID, version: int, move: WorkstreamMove
) -> Any:
    node = await info.context.call(
        acting(workstreams.move_workstream, Permission.TRANSITION, owned=("workstream_id",)),
        workstream_id=expect_id(id, NodeKind.SupervisionAction.name),
        version=version,
        move=move.value,
    )
    return shown(info, node)


async def _open_private_enterprise_batch(
    root: Any,
    info: Info,
    year: int,
    lead_agency_id: strawberry.ID,
    deadline: str,
    case_ids: list[strawberry.ID],
) -> Any:
    found = await info.context.call(
        acting(
            enterprise.open_private_enterprise_batch,
            Permission.WRITE,
            owned=("lead_agency_id", "case_ids"),
        ),
        year=year,
        lead_agency_id=expect_id(lead_agency_id, NodeKind.Agency.name, "leadAgencyId"),
        deadline=deadline,
        case_ids=[expect_id(c, NodeKind.Case.name, f"caseIds.{i}") for i, c in enumerate(case_ids)],
    )
    return EnterpriseBatch(
        batch=shown(info, found.batch), items=[supervision_item(info, i) for i in found.items]
    )


def query_fields() -> dict[str, Any]:
    return {
        "workstreams": strawberry.field(
            resolver=annotate(
                _workstreams,
                list_of(WorkstreamItem),
                root=Any,
                info=strawberry.Info,
                action_id=strawberry.ID,
            ),
            description="三同步: the workstreams of a supervision, lawful handling first.",
        ),
        "private_enterprise_candidates": strawberry.field(
            resolver=annotate(
                _private_enterprise_candidates,
                list_of(BatchCandidate),
                root=Any,
                info=strawberry.Info,
                year=int,
                today=str,
            ),
            description="涉民营企业案件专项督办: the private-enterprise cases of your jurisdiction "
            "open in `year`, not yet supervised, that the rules select, most reasons first.",
        ),
    }


def mutation_fields() -> dict[str, Any]:
    return {
        "set_attention": strawberry.field(
            resolver=annotate(
                _set_attention,
                SupervisionItem,
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
                version=int,
                listed=maybe(bool),
                key_attention=maybe(bool),
            ),
            description="挂牌督办 (`listed`) and 重点关注 (`keyAttention`, only for a "
            "petition-related case) of a supervision; absent: unchanged.",
        ),
        "escalate_overdue": strawberry.field(
            resolver=annotate(
                _escalate_overdue, list_of(SupervisionItem), root=Any, info=strawberry.Info
            ),
            description="逾期提级: the commission one level up joins every overdue supervision "
            "of your jurisdiction not escalated yet; the items escalated.",
        ),
        "plan_workstreams": strawberry.field(
            resolver=annotate(
                _plan_workstreams,
                list_of(WorkstreamItem),
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
                version=int,
                owners=list_of(WorkstreamOwner),
            ),
            description="三同步: start the three workstreams of a supervision together, each "
            "with its owner unit (all three required, once).",
        ),
        "move_workstream": strawberry.field(
            resolver=annotate(
                _move_workstream,
                TYPES[NodeKind.SupervisionAction],
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
                version=int,
                move=WorkstreamMove,
            ),
            description="START or COMPLETE a workstream; a move its state refuses: "
            "INVALID_TRANSITION.",
        ),
        "open_private_enterprise_batch": strawberry.field(
            resolver=annotate(
                _open_private_enterprise_batch,
                EnterpriseBatch,
                root=Any,
                info=strawberry.Info,
                year=int,
                lead_agency_id=strawberry.ID,
                deadline=str,
                case_ids=list_of(strawberry.ID),
            ),
            description="涉民营企业案件专项督办: the year's batch led by a commission, one "
            "supervision per case (each selected by the rules, with its reasons).",
        ),
    }
