"""The output types of mutual recognition and joint supervision, and the mapping of the use
cases' dataclasses onto them.

References whose kind the use case does not say (what a finding concerns, an action's
targets, a meeting's attendees, what a notification reports on) come back as nodes, loaded
in one batch and left out when hidden from the caller; the others as global ids.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

import strawberry

from graph.model.enums import ActionKind, NodeKind
from schema.context import Info
from schema.generic.enums import LABELED, NodeKindEnum
from schema.generic.ids import to_global
from schema.generic.nodes import TYPES, Node
from schema.objects import IDS, list_of, maybe, output
from schema.results import alert_name, ids, kept, one_id, shown, visible
from workflows.actions import ActionItem
from workflows.joint import findings, notifications, recognition
from workflows.joint import meetings as joint

ActionKindEnum = LABELED[ActionKind]


@strawberry.enum(description="What to do about a duplicate inspection.")
class InspectionAdvice(enum.Enum):
    RECOGNIZE = strawberry.enum_value(
        recognition.RECOGNIZE, description="互认: the later action reuses the earlier results"
    )
    JOINT = strawberry.enum_value(
        recognition.JOINT, description="联合开展: the overlapping actions should act jointly"
    )


Recognition = output(
    "Recognition",
    "互认: a body (an agency or another action) that recognised a finding, in what scope, when.",
    by_id=strawberry.ID,
    by=maybe(Node),
    by_kind=NodeKindEnum,
    scope=maybe(str),
    recognized_on=maybe(str),
)
FindingRecord = output(
    "FindingRecord",
    "A finding, the action and mode (监督方式) that found it, its conductors, what it "
    "concerns, and who recognised it (互认). `by` is null when the body is hidden from you.",
    finding=TYPES[NodeKind.Finding],
    action_id=maybe(strawberry.ID),
    mode=maybe(ActionKindEnum),
    conductor_ids=IDS,
    concerns=list_of(Node),
    recognitions=list_of(Recognition),
)
DuplicateInspection = output(
    "DuplicateInspection",
    "重复检查: actions of several modes on one target within the window, none recognising the "
    "other's findings; JOINT when their periods overlap, RECOGNIZE otherwise, with the reason.",
    target=maybe(Node),
    action_ids=IDS,
    modes=list_of(ActionKindEnum),
    finding_ids=IDS,
    first_day=str,
    last_day=str,
    recommendation=InspectionAdvice,
    reason=str,
)
RectificationItem = output(
    "RectificationItem",
    "整改: a rectification, the finding it answers, the unit responsible, its deadline alert, "
    "and the items it is made of (整改事项): their count, how many are accepted, and the "
    "progress that rolls up from them (of the rectification itself when it has none).",
    rectification=TYPES[NodeKind.Rectification],
    finding_id=maybe(strawberry.ID),
    responsible_agency_id=maybe(strawberry.ID),
    alert=maybe(str),
    part_of_id=maybe(strawberry.ID),
    items=int,
    finished_items=int,
    progress=float,
)
ConductedAction = output(
    "ConductedAction",
    "A supervision action, the bodies conducting it (the first leads; several = 联合监督) and "
    "its targets.",
    action=TYPES[NodeKind.SupervisionAction],
    conductor_ids=IDS,
    targets=list_of(Node),
    joint=bool,
)
MeetingRecord = output(
    "MeetingRecord",
    "联席会议: a joint meeting, its attendees and the actions its decisions became.",
    meeting=TYPES[NodeKind.JointMeeting],
    attendees=list_of(Node),
    decided=list_of(ConductedAction),
)
DecidedAction = output(
    "DecidedAction",
    "An action a meeting decided; `late` when still planned after its start day.",
    action=TYPES[NodeKind.SupervisionAction],
    late=bool,
)
MeetingFollowThrough = output(
    "MeetingFollowThrough",
    "会议决定落实: the actions a meeting decided, and how many are completed.",
    meeting=TYPES[NodeKind.JointMeeting],
    actions=list_of(DecidedAction),
    done=int,
)
UnitLinkage = output(
    "UnitLinkage",
    "内外监督联动: a unit's own inspections and findings (and which were recognised) beside "
    "the actions of other bodies on it.",
    agency=TYPES[NodeKind.Agency],
    own_action_ids=IDS,
    own_finding_ids=IDS,
    recognised_finding_ids=IDS,
    external_action_ids=IDS,
)
NotificationItem = output(
    "NotificationItem",
    "通报: a notification to 人大, 政协 or the media, its recipient and what it reports on.",
    notification=TYPES[NodeKind.Notification],
    recipient_id=maybe(strawberry.ID),
    reports_on=list_of(Node),
)


async def finding_records(info: Info, found: Sequence[recognition.FindingRecord]) -> list[Any]:
    seen = [r for r in found if info.context.access.can_see(r.finding)]
    nodes = await visible(
        info, [i for r in seen for i in (*r.concerns_ids, *(x.by_id for x in r.recognitions))]
    )
    return [
        FindingRecord(
            finding=shown(info, r.finding),
            action_id=one_id(NodeKind.SupervisionAction, r.action_id),
            mode=None if r.mode is None else ActionKindEnum[r.mode.name],
            conductor_ids=ids(NodeKind.Agency, r.conductor_ids),
            concerns=kept(nodes, r.concerns_ids),
            recognitions=[
                Recognition(
                    by_id=to_global(x.by_kind.name, x.by_id),
                    by=nodes.get(x.by_id),
                    by_kind=NodeKindEnum[x.by_kind.name],
                    scope=x.scope,
                    recognized_on=x.recognized_on,
                )
                for x in r.recognitions
            ],
        )
        for r in seen
    ]


async def duplicate_inspections(
    info: Info, found: Sequence[recognition.DuplicateInspection]
) -> list[Any]:
    nodes = await visible(info, [d.target_id for d in found])
    return [
        DuplicateInspection(
            target=nodes.get(d.target_id),
            action_ids=ids(NodeKind.SupervisionAction, d.action_ids),
            modes=[ActionKindEnum[m.name] for m in d.modes],
            finding_ids=ids(NodeKind.Finding, d.finding_ids),
            first_day=d.first_day,
            last_day=d.last_day,
            recommendation=InspectionAdvice(d.recommendation),
            reason=d.reason,
        )
        for d in found
    ]


def rectification_item(info: Info, item: findings.RectificationItem) -> Any:
    return RectificationItem(
        rectification=shown(info, item.rectification),
        finding_id=one_id(NodeKind.Finding, item.finding_id),
        responsible_agency_id=one_id(NodeKind.Agency, item.responsible_id),
        alert=alert_name(item.alert),
        part_of_id=one_id(NodeKind.Rectification, item.part_of_id),
        items=item.items,
        finished_items=item.finished_items,
        progress=item.progress,
    )


async def conducted_actions(info: Info, items: Sequence[ActionItem]) -> list[Any]:
    nodes = await visible(info, [t for item in items for t in item.target_ids])
    return [
        ConductedAction(
            action=shown(info, item.action),
            conductor_ids=ids(NodeKind.Agency, item.conductor_ids),
            targets=kept(nodes, item.target_ids),
            joint=item.joint,
        )
        for item in items
    ]


async def meeting_record(info: Info, record: joint.MeetingRecord) -> Any:
    attendees = await visible(info, record.attendee_ids)
    return MeetingRecord(
        meeting=shown(info, record.meeting),
        attendees=kept(attendees, record.attendee_ids),
        decided=await conducted_actions(info, record.decided),
    )


def follow_through(info: Info, found: joint.FollowThrough) -> Any:
    access = info.context.access
    return MeetingFollowThrough(
        meeting=shown(info, found.meeting),
        actions=[
            DecidedAction(action=shown(info, a.action), late=a.late)
            for a in found.actions
            if access.can_see(a.action)
        ],
        done=found.done,
    )


def unit_linkage(info: Info, unit: joint.UnitLinkage) -> Any:
    return UnitLinkage(
        agency=shown(info, unit.agency),
        own_action_ids=ids(NodeKind.SupervisionAction, unit.own_action_ids),
        own_finding_ids=ids(NodeKind.Finding, unit.own_finding_ids),
        recognised_finding_ids=ids(NodeKind.Finding, unit.recognised_finding_ids),
        external_action_ids=ids(NodeKind.SupervisionAction, unit.external_action_ids),
    )


async def notification_items(
    info: Info, items: Sequence[notifications.NotificationItem]
) -> list[Any]:
    nodes = await visible(info, [i for item in items for i in item.reports_on_ids])
    return [
        NotificationItem(
            notification=shown(info, item.notification),
            recipient_id=one_id(NodeKind.Agency, item.recipient_id),
            reports_on=kept(nodes, item.reports_on_ids),
        )
        for item in items
    ]
