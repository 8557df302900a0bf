"""Joint supervision (联合监督): joint meetings (执法监督联席会议, 川渝政法合作联席会议) with
attendees, agenda and decisions that become actions; following the decisions through; and
the linkage of the commission's supervision with each unit's own (单位内部监督)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import ActionKind, ActionStatus, AgencyKind, MeetingKind, NodeKind, RelType
from graph.model.records import Node
from graph.store import Condition, Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Permission
from workflows.actions import ActionItem, draft_action
from workflows.bodies import check_under, parties_of
from workflows.changes import Change
from workflows.days import day, not_after
from workflows.reading import (
    every,
    in_period,
    in_region,
    linked,
    parse_enum,
    require,
    require_all,
)
from workflows.usecase import use_case


@dataclass(frozen=True)
class ActionDraft:
    kind: ActionKind
    title: str
    conductor_ids: Sequence[str]
    target_ids: Sequence[str]
    started_on: str
    ended_on: str | None = None


@dataclass(frozen=True)
class Decision:
    """A decision of the meeting, and the action it becomes (if any)."""

    text: str
    action: ActionDraft | None = None


def _lead_conductors(args: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The body leading each decided action places it (its region must be the caller's)."""
    for i, d in enumerate(args["decisions"]):
        if d.action is not None and d.action.conductor_ids:
            yield f"decisions.{i}.action.conductor_ids", d.action.conductor_ids[0]


def _other_parties(args: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The other conductors and the targets of each decided action need only be visible."""
    for i, d in enumerate(args["decisions"]):
        if d.action is not None:
            where = f"decisions.{i}.action"
            yield from ((f"{where}.conductor_ids", c) for c in d.action.conductor_ids[1:])
            yield from ((f"{where}.target_ids", t) for t in d.action.target_ids)


@dataclass(frozen=True)
class MeetingRecord:
    meeting: Node
    attendee_ids: list[str]
    decided: list[ActionItem]


@dataclass(frozen=True)
class DecidedAction:
    action: Node
    late: bool


@dataclass(frozen=True)
class FollowThrough:
    meeting: Node
    actions: list[DecidedAction]

    @property
    def done(self) -> int:
        done = ActionStatus.COMPLETED.name
        return sum(1 for a in self.actions if views.SupervisionAction(a.action).status == done)


@dataclass(frozen=True)
class UnitLinkage:
    """A unit's own supervision beside what others did to it, and what was recognised."""

    agency: Node
    own_action_ids: list[str]
    own_finding_ids: list[str]
    recognised_finding_ids: list[str]
    external_action_ids: list[str]


@use_case(
    Permission.WRITE,
    owns=[_lead_conductors],
    sees=["attendee_ids", _other_parties, "agreement_id"],
    places=[(NodeKind.JointMeeting, "region_code")],
)
def hold_meeting(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    title: str,
    kind: str,
    held_on: str,
    region_code: str,
    attendee_ids: Sequence[str],
    decisions: Sequence[Decision],
    agenda: str | None = None,
    agreement_id: str | None = None,
) -> MeetingRecord:
    """Record a joint meeting; each decision with an action creates it, DECIDED by the meeting.
    Under an agreement (``agreement_id``: in force on the day, covering every body attending)
    the meeting and the actions it decides stand UNDER it."""
    meeting_kind = parse_enum(MeetingKind, kind, "kind")
    on = not_after(day(held_on, "held_on"), today, "held_on")
    attendees = require_all(
        store, attendee_ids, (NodeKind.Agency, NodeKind.Official), "attendee_ids"
    )
    bodies = [a for a in attendees if a.kind is NodeKind.Agency]
    if len(bodies) < 2:
        raise ValidationError(
            FieldError("attendee_ids", "a joint meeting needs two bodies or more")
        )
    if not any(views.Agency(b).kind == AgencyKind.COMMISSION.name for b in bodies):
        raise ValidationError(FieldError("attendee_ids", "a commission (政法委) convenes it"))
    if not decisions or any(not d.text.strip() for d in decisions):
        raise ValidationError(FieldError("decisions", "each decision needs its text"))
    change = Change(actor)
    meeting = change.create(
        NodeKind.JointMeeting,
        {
            "title": title,
            "kind": meeting_kind,
            "held_on": on,
            "region_code": region_code,
            "agenda": agenda,
            "decisions": [d.text.strip() for d in decisions],
        },
    )
    for a in attendees:
        change.link(RelType.ATTENDED_BY, meeting.id, a.id)
    if agreement_id is not None:
        agreement = require(store, agreement_id, NodeKind.Agreement, "agreement_id")
        present = [(f"attendee_ids.{i}", a) for i, a in enumerate(attendees)]
        check_under(agreement, parties_of(store, agreement.id), on, present, "agreement_id")
        change.link(RelType.UNDER, meeting.id, agreement.id)
    decided = []
    for i, d in enumerate(decisions):
        if d.action is None:
            continue
        where = f"decisions.{i}.action"
        if day(d.action.started_on, f"{where}.started_on") < on:
            raise ValidationError(FieldError(f"{where}.started_on", "is before the meeting"))
        item = draft_action(
            change,
            store,
            today=today,
            kind=d.action.kind,
            title=d.action.title,
            conductor_ids=d.action.conductor_ids,
            target_ids=d.action.target_ids,
            started_on=d.action.started_on,
            ended_on=d.action.ended_on,
            agreement_id=agreement_id,
            field=where,
        )
        change.link(RelType.DECIDED, meeting.id, item.action.id)
        decided.append(item)
    change.commit(store)
    return MeetingRecord(meeting, [a.id for a in attendees], decided)


def _planned_late(action: Node, today: str) -> bool:
    """Still planned after its start day."""
    read = views.SupervisionAction(action)
    return read.status == ActionStatus.PLANNED.name and str(read.started_on) < today


@use_case(sees=["meeting_id"])
def follow_through(*, store: GraphStore, today: str, meeting_id: str) -> FollowThrough:
    """The actions a meeting decided, and which of them have not started when planned."""
    today = day(today, "today")
    meeting = require(store, meeting_id, NodeKind.JointMeeting, "meeting_id")
    found = linked(
        store, [meeting.id], [RelType.DECIDED], Direction.OUT, [NodeKind.SupervisionAction]
    )
    actions = sorted(
        (n.node for n in found.get(meeting.id, [])),
        key=lambda a: (str(views.SupervisionAction(a).started_on), a.id),
    )
    return FollowThrough(
        meeting,
        [
            DecidedAction(
                a,
                _planned_late(a, today),
            )
            for a in actions
        ],
    )


@use_case(scoped=True)
def unit_linkage(
    *,
    store: GraphStore,
    region: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[UnitLinkage]:
    """Each unit's own inspections and findings beside others' actions on it, in a period."""
    where: list[Condition] = [Where("kind", Op.IN, [k.name for k in rules.REPORTING_KINDS])]
    units = list(every(store, NodeKind.Agency, [*where, *in_region(region)]))
    targeted = linked(store, [u.id for u in units], [RelType.TARGETS], Direction.IN)
    ids = sorted({n.node.id for ns in targeted.values() for n in ns})
    period = [Where("id", Op.IN, ids), *in_period("started_on", since, until)]
    actions = {a.id: a for a in every(store, NodeKind.SupervisionAction, period)}
    near = linked(store, actions, [RelType.CONDUCTED_BY, RelType.FOUND], Direction.OUT)
    findings = [n.node.id for ns in near.values() for n in ns if n.rel.type is RelType.FOUND]
    recognised = linked(store, findings, [RelType.RECOGNIZED_BY], Direction.OUT)
    out = []
    for unit in units:
        own: list[str] = []
        external: list[str] = []
        for n in targeted.get(unit.id, []):
            if n.node.id not in actions:
                continue
            conductors = {
                c.node.id for c in near.get(n.node.id, []) if c.rel.type is RelType.CONDUCTED_BY
            }
            self_run = (
                views.SupervisionAction(n.node).kind == ActionKind.SELF_INSPECTION.name
                and unit.id in conductors
            )
            (own if self_run else external).append(n.node.id)
        own_findings = sorted(
            n.node.id for a in own for n in near.get(a, []) if n.rel.type is RelType.FOUND
        )
        if own or external:
            out.append(
                UnitLinkage(
                    unit,
                    sorted(own),
                    own_findings,
                    [f for f in own_findings if recognised.get(f)],
                    sorted(external),
                )
            )
    return out
