"""The supervision workflows (docs/workflows.md) as Query and Mutation fields.

Each resolver checks the principal's permission, scopes a query to the principal's
jurisdiction, calls one use case of ``workflows`` and maps its dataclasses to the types below.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.generic.ids import to_global
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES, Node, annotate, list_of, maybe
from schema.guards import acting
from schema.usecases import (
    IDS,
    Info,
    alert_name,
    ids,
    one_id,
    output,
    reading,
    shown,
    writing,
)
from workflows import clearance, coordination, deadlines, interventions, petitions, supervision
from workflows.access import Permission

SupervisionItem = output(
    "SupervisionItem",
    "督办: a supervised case's action, its case, the unit it was assigned to, its alert.",
    action=TYPES[NodeKind.SupervisionAction],
    case_id=maybe(strawberry.ID),
    assignee_id=maybe(strawberry.ID),
    alert=maybe(str),
)
RepeatGroup = output(
    "RepeatGroup",
    "重复信访: petitions by one petitioner (by = petitioner) or about one case (by = case).",
    by=str,
    key_id=strawberry.ID,
    complaint_ids=IDS,
    agency_ids=IDS,
    first_received=str,
    last_received=str,
    span_days=int,
)
DeadlineEntry = output(
    "DeadlineEntry",
    "期限预警: an open item in its warning period or overdue, and who answers for it.",
    node=Node,
    due=maybe(str),
    alert=maybe(str),
    days_left=maybe(int),
    responsible_ids=IDS,
)
OverdueUnit = output(
    "OverdueUnit",
    "A unit with several overdue rectifications, and what they came from.",
    agency=TYPES[NodeKind.Agency],
    rectification_ids=IDS,
    finding_ids=IDS,
    action_ids=IDS,
    accountability_ids=IDS,
)
SilentUnit = output(
    "SilentUnit",
    "零报告: a case-handling unit that has never recorded an intervention.",
    agency=TYPES[NodeKind.Agency],
    case_count_at_least=int,
)

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


@strawberry.input(description="What a coordination agreed on one topic (协调事项).")
class CoordinationEntry:
    topic: str = strawberry.field(description="a CoordinationTopic, by name or label")
    text: str


def supervision_item(info: Info, item: supervision.SupervisionItem) -> Any:
    return SupervisionItem(
        action=shown(info, item.action),
        case_id=one_id(NodeKind.Case, item.case_id),
        assignee_id=one_id(NodeKind.Agency, item.assignee_id),
        alert=alert_name(item.alert),
    )


async def _attention_list(root: Any, info: Info, today: str) -> list[Any]:
    found = await info.context.call(reading(supervision.attention_list), today=today)
    return [supervision_item(info, item) for item in found]


async def _repeat_petitions(root: Any, info: Info, since: str | None = UNSET) -> list[Any]:
    found = await info.context.call(reading(petitions.repeat_petitions), since=given(since))
    return [
        RepeatGroup(
            by=g.by,
            key_id=one_id(NodeKind.Official if g.by == "petitioner" else NodeKind.Case, g.key_id),
            complaint_ids=ids(NodeKind.Complaint, g.complaint_ids),
            agency_ids=ids(NodeKind.Agency, g.agency_ids),
            first_received=g.first_received,
            last_received=g.last_received,
            span_days=g.span_days,
        )
        for g in found
    ]


def deadline_entry(info: Info, entry: deadlines.DeadlineEntry) -> Any:
    return DeadlineEntry(
        node=shown(info, entry.node),
        due=entry.due,
        alert=alert_name(entry.alert),
        days_left=entry.days_left,
        responsible_ids=ids(NodeKind.Agency, entry.responsible_ids),
    )


async def _deadline_entries(root: Any, info: Info, today: str) -> list[Any]:
    found = await info.context.call(reading(deadlines.deadline_entries), today=today)
    return [deadline_entry(info, e) for e in found]


async def _overdue_units(root: Any, info: Info, today: str) -> list[Any]:
    found = await info.context.call(reading(deadlines.overdue_units), today=today)
    return [
        OverdueUnit(
            agency=shown(info, u.agency),
            rectification_ids=ids(NodeKind.Rectification, u.rectification_ids),
            finding_ids=ids(NodeKind.Finding, u.finding_ids),
            action_ids=ids(NodeKind.SupervisionAction, u.action_ids),
            accountability_ids=ids(NodeKind.Accountability, u.accountability_ids),
        )
        for u in found
    ]


async def _silent_units(root: Any, info: Info, today: str) -> list[Any]:
    found = await info.context.call(reading(interventions.silent_units), today=today)
    return [
        SilentUnit(agency=shown(info, u.agency), case_count_at_least=u.case_count_at_least)
        for u in found
    ]


def _cleared(info: Info, found: clearance.Cleared) -> Any:
    return Cleared(
        clearance=shown(info, found.clearance),
        official_id=to_global(NodeKind.Official.name, found.official_id),
        complaint_id=one_id(NodeKind.Complaint, found.complaint_id),
    )


async def _cleared_officials(
    root: Any, info: Info, since: str | None = UNSET, until: str | None = UNSET
) -> list[Any]:
    found = await info.context.call(
        reading(clearance.cleared_officials), since=given(since), until=given(until)
    )
    return [
        ClearedOfficial(
            official=shown(info, o.official), clearances=[_cleared(info, c) for c in o.clearances]
        )
        for o in found
    ]


async def _find_false(
    root: Any,
    info: Info,
    id: strawberry.ID,
    version: int,
    description: str | None = UNSET,
    decided_on: str | None = UNSET,
) -> list[Any]:
    found = await info.context.call(
        writing(clearance.find_false, Permission.TRANSITION, "complaint_id"),
        complaint_id=expect_id(id, NodeKind.Complaint.name),
        version=version,
        description=given(description),
        decided_on=given(decided_on),
    )
    return [_cleared(info, c) for c in found]


async def _open_supervision(
    root: Any,
    info: Info,
    case_id: strawberry.ID,
    lead_agency_id: strawberry.ID,
    deadline: str,
    title: str | None = UNSET,
    listed: bool | None = UNSET,
) -> Any:
    item = await info.context.call(
        writing(supervision.open_supervision, Permission.WRITE, "case_id", "lead_agency_id"),
        case_id=expect_id(case_id, NodeKind.Case.name, "caseId"),
        lead_agency_id=expect_id(lead_agency_id, NodeKind.Agency.name, "leadAgencyId"),
        deadline=deadline,
        title=given(title),
        listed=bool(given(listed)),
    )
    return supervision_item(info, item)


async def _move_supervision(
    root: Any,
    info: Info,
    id: strawberry.ID,
    version: int,
    move: str,
    assignee_id: strawberry.ID | None = UNSET,
    deadline: str | None = UNSET,
    note: str | None = UNSET,
) -> Any:
    assignee = given(assignee_id)
    item = await info.context.call(
        # 交办 hands the item to a unit that must itself lie in the caller's jurisdiction.
        acting(
            supervision.move_supervision, Permission.TRANSITION, owned=("action_id", "assignee_id")
        ),
        action_id=expect_id(id, NodeKind.SupervisionAction.name),
        version=version,
        move=move,
        assignee_id=None
        if assignee is None
        else expect_id(assignee, NodeKind.Agency.name, "assigneeId"),
        deadline=given(deadline),
        note=given(note),
    )
    return supervision_item(info, item)


async def _record_coordination(
    root: Any, info: Info, id: strawberry.ID, version: int, entries: list[CoordinationEntry]
) -> Any:
    node = await info.context.call(
        writing(coordination.record_coordination, Permission.WRITE, "action_id"),
        action_id=expect_id(id, NodeKind.SupervisionAction.name),
        version=version,
        entries={e.topic: e.text for e in entries},
    )
    return shown(info, node)


def query_fields() -> dict[str, Any]:
    """The workflow reads, merged into the Query root."""
    return {
        "attention_list": strawberry.field(
            resolver=annotate(
                _attention_list, list_of(SupervisionItem), root=Any, info=strawberry.Info, today=str
            ),
            description="挂牌督办/重点关注: listed and key-attention supervisions open on `today`.",
        ),
        "repeat_petitions": strawberry.field(
            resolver=annotate(
                _repeat_petitions,
                list_of(RepeatGroup),
                root=Any,
                info=strawberry.Info,
                since=maybe(str),
            ),
            description="重复信访: petitioners and cases with repeated petitions, largest first.",
        ),
        "deadline_entries": strawberry.field(
            resolver=annotate(
                _deadline_entries, list_of(DeadlineEntry), root=Any, info=strawberry.Info, today=str
            ),
            description="期限预警: open items warned or overdue on `today`, soonest due first.",
        ),
        "overdue_units": strawberry.field(
            resolver=annotate(
                _overdue_units, list_of(OverdueUnit), root=Any, info=strawberry.Info, today=str
            ),
            description="Units with several rectifications overdue on `today`.",
        ),
        "silent_units": strawberry.field(
            resolver=annotate(
                _silent_units, list_of(SilentUnit), root=Any, info=strawberry.Info, today=str
            ),
            description="零报告: case-handling units that never recorded an intervention.",
        ),
        "cleared_officials": strawberry.field(
            resolver=annotate(
                _cleared_officials,
                list_of(ClearedOfficial),
                root=Any,
                info=strawberry.Info,
                since=maybe(str),
                until=maybe(str),
            ),
            description="澄清正名: officials cleared in a period, most recently cleared first.",
        ),
    }


def mutation_fields() -> dict[str, Any]:
    """The workflow writes, merged into the Mutation root."""
    return {
        "open_supervision": strawberry.field(
            resolver=annotate(
                _open_supervision,
                SupervisionItem,
                root=Any,
                info=strawberry.Info,
                case_id=strawberry.ID,
                lead_agency_id=strawberry.ID,
                deadline=str,
                title=maybe(str),
                listed=maybe(bool),
            ),
            description=(
                "立项督办: supervise a case, led by an agency, due by `deadline` (`listed`: 挂牌)."
            ),
        ),
        "move_supervision": strawberry.field(
            resolver=annotate(
                _move_supervision,
                SupervisionItem,
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
                version=int,
                move=str,
                assignee_id=maybe(strawberry.ID),
                deadline=maybe(str),
                note=maybe(str),
            ),
            description=(
                "Move a supervision (assign, urge, report_progress, report_completion, return, "
                "close, publish); `version` must be the one read (else CONFLICT)."
            ),
        ),
        "find_false": strawberry.field(
            resolver=annotate(
                _find_false,
                list_of(Cleared),
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
                version=int,
                description=maybe(str),
                decided_on=maybe(str),
            ),
            description=(
                "查否: find a resolved or terminated petition false and clear each official it "
                "accused; `version` is the complaint's."
            ),
        ),
        "record_coordination": strawberry.field(
            resolver=annotate(
                _record_coordination,
                TYPES[NodeKind.SupervisionAction],
                root=Any,
                info=strawberry.Info,
                id=strawberry.ID,
                version=int,
                entries=list_of(CoordinationEntry),
            ),
            description=(
                "协调: add what a coordination agreed, by topic; entries on evidence, facts or "
                "the verdict are refused (VALIDATION, each named)."
            ),
        ),
    }
