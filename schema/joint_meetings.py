"""Joint supervision (联合监督) as Query and Mutation fields: actions conducted by one body or
jointly by several, joint meetings whose decisions become actions and are followed through,
and units' own supervision beside the commission's (``workflows.actions``, ``joint``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import ActionKind, MeetingKind, NodeKind
from graph.store import GraphStore
from schema.generic.enums import LABELED, code
from schema.generic.inputs import expect_id, given
from schema.generic.nodes import TYPES, list_of, maybe
from schema.joint_access import about, acting, asked_day, refs, store_ids
from schema.joint_types import (
    ActionKindEnum,
    ConductedAction,
    MeetingFollowThrough,
    MeetingRecord,
    UnitLinkage,
    conducted_actions,
    field,
    follow_through,
    input_type,
    meeting_record,
    unit_linkage,
)
from schema.usecases import IDS, Info, reading, shown
from workflows import joint
from workflows.access import Permission
from workflows.actions import ActionItem, draft_action, finish_action, open_action
from workflows.changes import Change

AGENCY = NodeKind.Agency.name
Refs = list[tuple[str, str]]

DecidedActionInput = input_type(
    "DecidedActionInput",
    "The action a meeting's decision becomes (not a review, supervision or coordination: "
    "those have their own fields).",
    {
        "conductor_ids": strawberry.field(description="机关 (global ids); the first leads"),
        "target_ids": strawberry.field(description="cases, agencies or petitions (global ids)"),
        "ended_on": strawberry.field(default=None, description="the end day, if past"),
    },
    kind=ActionKindEnum,
    title=str,
    conductor_ids=IDS,
    target_ids=IDS,
    started_on=str,
    ended_on=maybe(str),
)
MeetingDecisionInput = input_type(
    "MeetingDecisionInput",
    "会议决定: a decision's text, and the action it becomes, if any.",
    {"action": strawberry.field(default=None, description="the action it becomes")},
    text=str,
    action=maybe(DecidedActionInput),
)


def _action_refs(
    prefix: str, conductors: Sequence[str], targets: Sequence[str]
) -> tuple[Refs, Refs]:
    """The lead conductor places the action (its region); the others need only be visible."""
    own = [(f"{prefix}conductorIds", conductors[0])] if conductors else []
    seen = refs(f"{prefix}conductorIds", conductors[1:]) + refs(f"{prefix}targetIds", targets)
    return own, seen


def _draft(decision: Any, where: str) -> joint.ActionDraft | None:
    action = decision.action
    if action is None:
        return None
    return joint.ActionDraft(
        kind=ActionKind[code(action.kind)],
        title=action.title,
        conductor_ids=[expect_id(g, AGENCY, f"{where}.conductorIds") for g in action.conductor_ids],
        target_ids=store_ids(action.target_ids, f"{where}.targetIds"),
        started_on=action.started_on,
        ended_on=action.ended_on,
    )


async def _hold_meeting(
    root: Any,
    info: Info,
    title: str,
    kind: Any,
    held_on: str,
    region_code: str,
    attendee_ids: list[strawberry.ID],
    decisions: list[Any],
    agenda: str | None = UNSET,
) -> Any:
    attendees = store_ids(attendee_ids, "attendeeIds")
    decided = [
        joint.Decision(d.text, _draft(d, f"decisions.{i}.action")) for i, d in enumerate(decisions)
    ]
    own: Refs = []
    seen: Refs = refs("attendeeIds", attendees)
    for i, d in enumerate(decided):
        if d.action is not None:
            o, s = _action_refs(
                f"decisions.{i}.action.", d.action.conductor_ids, d.action.target_ids
            )
            own += o
            seen += s
    record = await info.context.call(
        acting(
            joint.hold_meeting,
            Permission.WRITE,
            own=own,
            seen=seen,
            placed=(NodeKind.JointMeeting, "regionCode", region_code),
        ),
        title=title,
        kind=code(kind),
        held_on=held_on,
        region_code=region_code,
        attendee_ids=attendees,
        decisions=decided,
        agenda=given(agenda),
    )
    return await meeting_record(info, record)


async def _meeting_follow_through(
    root: Any, info: Info, meeting_id: strawberry.ID, today: str | None = UNSET
) -> Any:
    meeting = expect_id(meeting_id, NodeKind.JointMeeting.name, "meetingId")
    found = await info.context.call(
        about(joint.follow_through, ("meetingId", meeting)),
        meeting_id=meeting,
        today=asked_day(today),
    )
    return follow_through(info, found)


async def _unit_linkage(
    root: Any, info: Info, since: str | None = UNSET, until: str | None = UNSET
) -> list[Any]:
    found = await info.context.call(
        reading(joint.unit_linkage), since=given(since), until=given(until)
    )
    return [unit_linkage(info, u) for u in found]


def _preview_action(*, store: GraphStore, actor: str, today: str, **draft: Any) -> ActionItem:
    """What ``open_action`` would record, checked the same way, written nowhere."""
    return draft_action(Change(actor), store, today=today, **draft)


def _action_resolver(use_case: Any) -> Any:
    async def resolve(
        root: Any,
        info: Info,
        kind: Any,
        title: str,
        conductor_ids: list[strawberry.ID],
        target_ids: list[strawberry.ID],
        started_on: str,
        ended_on: str | None = UNSET,
    ) -> Any:
        conductors = [expect_id(g, AGENCY, "conductorIds") for g in conductor_ids]
        targets = store_ids(target_ids, "targetIds")
        own, seen = _action_refs("", conductors, targets)
        item = await info.context.call(
            acting(use_case, Permission.WRITE, own=own, seen=seen),
            kind=ActionKind[code(kind)],
            title=title,
            conductor_ids=conductors,
            target_ids=targets,
            started_on=started_on,
            ended_on=given(ended_on),
        )
        return (await conducted_actions(info, [item]))[0]

    return resolve


async def _finish_action(root: Any, info: Info, action_id: strawberry.ID, version: int) -> Any:
    action = expect_id(action_id, NodeKind.SupervisionAction.name, "actionId")
    node = await info.context.call(
        acting(finish_action, Permission.WRITE, own=[("actionId", action)]),
        action_id=action,
        version=version,
    )
    return shown(info, node)


ACTION_ARGUMENTS: dict[str, Any] = {
    "kind": ActionKindEnum,
    "title": str,
    "conductor_ids": IDS,
    "target_ids": IDS,
    "started_on": str,
    "ended_on": maybe(str),
}


def query_fields() -> dict[str, Any]:
    return {
        "meeting_follow_through": field(
            _meeting_follow_through,
            MeetingFollowThrough,
            "会议决定落实: the actions a joint meeting decided, each `late` when still planned "
            "after its start day as of `today` (default: the server's day).",
            meeting_id=strawberry.ID,
            today=maybe(str),
        ),
        "unit_linkage": field(
            _unit_linkage,
            list_of(UnitLinkage),
            "内外监督联动: each case-handling unit in your jurisdiction with its own inspections "
            "(单位内部监督) and findings beside other bodies' actions on it, started in "
            "[since, until].",
            since=maybe(str),
            until=maybe(str),
        ),
    }


def mutation_fields() -> dict[str, Any]:
    return {
        "hold_meeting": field(
            _hold_meeting,
            MeetingRecord,
            "联席会议: record a joint meeting (two bodies or more, one a commission 政法委) held "
            "in `regionCode`; each decision with an action creates it, DECIDED by the meeting "
            "and starting no earlier. Nothing is written when any part is refused.",
            title=str,
            kind=LABELED[MeetingKind],
            held_on=str,
            region_code=str,
            attendee_ids=IDS,
            decisions=list_of(MeetingDecisionInput),
            agenda=maybe(str),
        ),
        "draft_action": field(
            _action_resolver(_preview_action),
            ConductedAction,
            "Check an action as `openAction` would record it and show it, writing nothing (its "
            "id is not kept).",
            **ACTION_ARGUMENTS,
        ),
        "open_action": field(
            _action_resolver(open_action),
            ConductedAction,
            "监督活动: an inspection, patrol, visit, political inspection, discipline patrol, own "
            "inspection, verification or hearing attendance, conducted by one body or jointly "
            "(联合监督; the first leads); its status follows its days.",
            **ACTION_ARGUMENTS,
        ),
        "finish_action": field(
            _finish_action,
            TYPES[NodeKind.SupervisionAction],
            "Complete an action today; `version` must be the one read (else CONFLICT), an action "
            "already completed is INVALID_TRANSITION.",
            action_id=strawberry.ID,
            version=int,
        ),
    }
