"""The GraphQL types of the cooperation's activity in a period (``reports.activity``): joint
meetings, joint supervision actions and recognised findings, and the mapping onto them."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.model.enums import ActionKind, ActionStatus, MeetingKind, NodeKind
from reports.activity import ActionView, MeetingView, RecognitionView
from schema.context import Info
from schema.cooperation.entities import CooperationAgency, agencies, labeled, labels, record
from schema.fields import typed
from schema.generic.nodes import Node
from schema.generic.scalars import PartialDate
from schema.objects import IDS, list_of, maybe, output
from schema.results import ids, one_id, shown

CooperationMeeting = output(
    "CooperationMeeting",
    "联席会议 held in the period: who attended, what it decided, the agreements it met under.",
    id=strawberry.ID,
    title=str,
    **labeled("kind", MeetingKind),
    held_on=PartialDate,
    region_code=str,
    host=str,
    attendees=list_of(CooperationAgency),
    decisions=list_of(str),
    decided_agreement_ids=IDS,
    decided_action_ids=IDS,
    agreement_ids=IDS,
)
CooperationAction = output(
    "CooperationAction",
    "联合监督: a supervision action of several agencies, or under an agreement.",
    id=strawberry.ID,
    title=str,
    **labeled("kind", ActionKind),
    **labeled("status", ActionStatus),
    started_on=maybe(PartialDate),
    ended_on=maybe(PartialDate),
    region_code=str,
    conductors=list_of(CooperationAgency),
    agreement_ids=IDS,
    findings=int,
    cross_region=bool,
)


async def _recognised_by(root: Any, info: Info) -> Any:
    node = await info.context.loaders.nodes.load(root.by_store_id)
    return None if node is None else shown(info, node)


Recognition = record(
    "CooperationRecognition",
    "监督结果互认: a finding recognised and reused by another body or action.",
    {
        "finding_id": strawberry.ID,
        "finding_title": str,
        "finding_region": str,
        "by_store_id": str,
        "by_name": str,
        "by_region": str,
        "scope": str,
        "recognized_on": PartialDate,
        "cross_region": bool,
    },
    {
        "by": strawberry.field(
            resolver=typed(_recognised_by, maybe(Node)),
            description="the agency or action that recognised it; null when hidden",
        )
    },
)


def meeting(m: MeetingView) -> Any:
    return CooperationMeeting(
        id=one_id(NodeKind.JointMeeting, m.id),
        title=m.title,
        **labels("kind", m.kind),
        held_on=m.held_on,
        region_code=m.region_code,
        host=m.host,
        attendees=agencies(m.attendees),
        decisions=list(m.decisions),
        decided_agreement_ids=ids(NodeKind.Agreement, list(m.decided_agreements)),
        decided_action_ids=ids(NodeKind.SupervisionAction, list(m.decided_actions)),
        agreement_ids=ids(NodeKind.Agreement, list(m.under)),
    )


def action(a: ActionView) -> Any:
    return CooperationAction(
        id=one_id(NodeKind.SupervisionAction, a.id),
        title=a.title,
        **labels("kind", a.kind),
        **labels("status", a.status),
        started_on=a.started_on,
        ended_on=a.ended_on,
        region_code=a.region_code,
        conductors=agencies(a.conductors),
        agreement_ids=ids(NodeKind.Agreement, list(a.under)),
        findings=a.findings,
        cross_region=a.cross_region,
    )


def recognition(r: RecognitionView) -> Any:
    return Recognition(
        finding_id=one_id(NodeKind.Finding, r.finding),
        finding_title=r.finding_title,
        finding_region=r.finding_region,
        by_store_id=r.by,
        by_name=r.by_name,
        by_region=r.by_region,
        scope=r.scope,
        recognized_on=r.recognized_on,
        cross_region=r.cross_region,
    )
