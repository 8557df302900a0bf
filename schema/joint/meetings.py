"""Joint supervision (联合监督): actions conducted by one body or jointly by several, joint
meetings whose decisions become actions and are followed through, and units' own supervision
beside the commission's (``workflows.actions``, ``workflows.joint.meetings``)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import ActionKind, MeetingKind, NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import LABELED, code
from schema.generic.inputs import expect_id, given, store_ids
from schema.generic.nodes import TYPES
from schema.joint.types import (
    ActionKindEnum,
    ConductedAction,
    MeetingFollowThrough,
    MeetingRecord,
    UnitLinkage,
    conducted_actions,
    follow_through,
    meeting_record,
)
from schema.joint.types import (
    unit_linkage as linkage,
)
from schema.objects import IDS, InputField, input_object, list_of, maybe
from schema.results import shown
from workflows import actions
from workflows.joint import meetings

AGENCY = NodeKind.Agency.name
AGREEMENT = NodeKind.Agreement.name

DecidedActionInput = input_object(
    "DecidedActionInput",
    "The action a meeting's decision becomes (not a review, supervision or coordination: "
    "those have their own fields).",
    kind=ActionKindEnum,
    title=str,
    conductor_ids=InputField(IDS, "机关 (global ids); the first leads"),
    target_ids=InputField(IDS, "cases, agencies or petitions (global ids)"),
    started_on=str,
    ended_on=InputField(maybe(str), "the end day, if past", default=None),
)
MeetingDecisionInput = input_object(
    "MeetingDecisionInput",
    "会议决定: a decision's text, and the action it becomes, if any.",
    text=str,
    action=InputField(maybe(DecidedActionInput), "the action it becomes", default=None),
)


def _decision(decision: Any, where: str) -> meetings.Decision:
    action = decision.action
    if action is None:
        return meetings.Decision(decision.text)
    return meetings.Decision(
        decision.text,
        meetings.ActionDraft(
            kind=ActionKind[code(action.kind)],
            title=action.title,
            conductor_ids=[
                expect_id(g, AGENCY, f"{where}.conductor_ids.{i}")
                for i, g in enumerate(action.conductor_ids)
            ],
            target_ids=store_ids(action.target_ids, f"{where}.target_ids"),
            started_on=action.started_on,
            ended_on=action.ended_on,
        ),
    )


@query(
    "会议决定落实: the actions a joint meeting decided, each `late` when still planned after its "
    "start day as of `today` (default: the server's day).",
    returns=MeetingFollowThrough,
)
async def meeting_follow_through(
    info: Info, meeting_id: strawberry.ID, today: str | None = UNSET
) -> Any:
    found = await info.context.call(
        meetings.follow_through,
        meeting_id=expect_id(meeting_id, NodeKind.JointMeeting.name, "meeting_id"),
        today=given(today),
    )
    return follow_through(info, found)


@query(
    "内外监督联动: each case-handling unit in your jurisdiction with its own inspections "
    "(单位内部监督) and findings beside other bodies' actions on it, started in [since, until].",
    returns=list_of(UnitLinkage),
)
async def unit_linkage(info: Info, since: str | None = UNSET, until: str | None = UNSET) -> Any:
    found = await info.context.call(meetings.unit_linkage, since=given(since), until=given(until))
    return [linkage(info, u) for u in found]


@mutation(
    "联席会议: record a joint meeting (two bodies or more, one a commission 政法委) held in "
    "`regionCode`; each decision with an action creates it, DECIDED by the meeting and starting "
    "no earlier. Under an agreement (`agreementId`: in force on `heldOn`, covering every body "
    "attending) the meeting and its actions stand UNDER it, shared with the other side. Nothing "
    "is written when any part is refused.",
    returns=MeetingRecord,
    kind=LABELED[MeetingKind],
    decisions=list_of(MeetingDecisionInput),
)
async def hold_meeting(
    info: Info,
    title: str,
    kind: Any,
    held_on: str,
    region_code: str,
    attendee_ids: list[strawberry.ID],
    decisions: Any,
    agenda: str | None = UNSET,
    agreement_id: strawberry.ID | None = UNSET,
) -> Any:
    record = await info.context.call(
        meetings.hold_meeting,
        title=title,
        kind=code(kind),
        held_on=held_on,
        region_code=region_code,
        attendee_ids=store_ids(attendee_ids, "attendee_ids"),
        decisions=[_decision(d, f"decisions.{i}.action") for i, d in enumerate(decisions)],
        agenda=given(agenda),
        agreement_id=_agreement(agreement_id),
    )
    return await meeting_record(info, record)


def _agreement(agreement_id: strawberry.ID | None) -> str | None:
    given_id = given(agreement_id)
    return None if given_id is None else expect_id(given_id, AGREEMENT, "agreement_id")


async def _conduct(
    info: Info,
    use_case: Any,
    kind: Any,
    title: str,
    conductor_ids: list[strawberry.ID],
    target_ids: list[strawberry.ID],
    started_on: str,
    ended_on: str | None,
    agreement_id: strawberry.ID | None,
) -> Any:
    item = await info.context.call(
        use_case,
        kind=ActionKind[code(kind)],
        title=title,
        conductor_ids=[
            expect_id(g, AGENCY, f"conductor_ids.{i}") for i, g in enumerate(conductor_ids)
        ],
        target_ids=store_ids(target_ids, "target_ids"),
        started_on=started_on,
        ended_on=given(ended_on),
        agreement_id=_agreement(agreement_id),
    )
    return (await conducted_actions(info, [item]))[0]


@mutation(
    "Check an action as `openAction` would record it and show it, writing nothing (its id is "
    "not kept).",
    returns=ConductedAction,
    kind=ActionKindEnum,
)
async def draft_action(
    info: Info,
    kind: Any,
    title: str,
    conductor_ids: list[strawberry.ID],
    target_ids: list[strawberry.ID],
    started_on: str,
    ended_on: str | None = UNSET,
    agreement_id: strawberry.ID | None = UNSET,
) -> Any:
    args = (kind, title, conductor_ids, target_ids, started_on, ended_on, agreement_id)
    return await _conduct(info, actions.preview_action, *args)


@mutation(
    "监督活动: an inspection, patrol, visit, political inspection, discipline patrol, own "
    "inspection, verification or hearing attendance, conducted by one body or jointly (联合监督; "
    "the first leads); its status follows its days. Under an agreement (`agreementId`: in force "
    "on `startedOn`, covering every conductor: a party, or an agency in a party's area) it "
    "stands UNDER it, shared with the other side.",
    returns=ConductedAction,
    kind=ActionKindEnum,
)
async def open_action(
    info: Info,
    kind: Any,
    title: str,
    conductor_ids: list[strawberry.ID],
    target_ids: list[strawberry.ID],
    started_on: str,
    ended_on: str | None = UNSET,
    agreement_id: strawberry.ID | None = UNSET,
) -> Any:
    args = (kind, title, conductor_ids, target_ids, started_on, ended_on, agreement_id)
    return await _conduct(info, actions.open_action, *args)


@mutation(
    "暗访: an unannounced visit of units or cases, hidden until it is finished from every "
    "caller whose token names an agency other than those conducting it; its findings are "
    "recorded once it is finished (finishAction).",
    returns=ConductedAction,
)
async def open_unannounced_visit(
    info: Info,
    title: str,
    conductor_ids: list[strawberry.ID],
    target_ids: list[strawberry.ID],
    started_on: str,
) -> Any:
    item = await info.context.call(
        actions.open_unannounced_visit,
        title=title,
        conductor_ids=[
            expect_id(g, AGENCY, f"conductor_ids.{i}") for i, g in enumerate(conductor_ids)
        ],
        target_ids=store_ids(target_ids, "target_ids"),
        started_on=started_on,
    )
    return (await conducted_actions(info, [item]))[0]


@mutation(
    "Complete an action today; `version` must be the one read (else CONFLICT), an action "
    "already completed is INVALID_TRANSITION.",
    returns=TYPES[NodeKind.SupervisionAction],
)
async def finish_action(info: Info, action_id: strawberry.ID, version: int) -> Any:
    node = await info.context.call(
        actions.finish_action,
        action_id=expect_id(action_id, NodeKind.SupervisionAction.name, "action_id"),
        version=version,
    )
    return shown(info, node)
