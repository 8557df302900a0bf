"""Joint supervision (联合监督): joint meetings (执法监督联席会议, 川渝政法合作联席会议) with
attendees, agenda and decisions that become actions; following the decisions through; and
the linkage of the commission's supervision with each unit's own (单位内部监督)."""

from __future__ import annotations

from collections import defaultdict
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
    """Each unit's own inspections and findings beside others' actions on it, in a period.

    The store answers with groups of ids (``GraphStore.link_groups``): which actions of the
    period target each unit, which of them are self-inspections and who conducted those,
    what they found and what of that was recognised. Only the units are read whole."""
    where: list[Condition] = [Where("kind", Op.IN, [k.name for k in rules.REPORTING_KINDS])]
    units = list(every(store, NodeKind.Agency, [*where, *in_region(region)]))
    period = in_period("started_on", since, until)
    selves = [*period, Where("kind", Op.EQ, ActionKind.SELF_INSPECTION.name)]

    def groups(
        kind: NodeKind, among: Sequence[Condition], rel: RelType, to: NodeKind | None = None
    ) -> dict[str, list[str]]:
        return store.link_groups(
            kind, among, rel_types=[rel], direction=Direction.OUT,
            node_kinds=None if to is None else [to],
        )  # fmt: skip

    targeted = groups(NodeKind.SupervisionAction, period, RelType.TARGETS, NodeKind.Agency)
    inspected = groups(NodeKind.SupervisionAction, selves, RelType.TARGETS, NodeKind.Agency)
    conducted = groups(NodeKind.SupervisionAction, selves, RelType.CONDUCTED_BY)
    own_of = {
        u.id: sorted(set(inspected.get(u.id, [])) & set(conducted.get(u.id, []))) for u in units
    }
    own_ids = sorted({a for own in own_of.values() for a in own})
    found: dict[str, list[str]] = defaultdict(list)  # action → findings
    recognised: set[str] = set()
    if own_ids:
        by_action = [Where("id", Op.IN, own_ids)]
        for finding, acts in groups(NodeKind.SupervisionAction, by_action, RelType.FOUND).items():
            for a in acts:
                found[a].append(finding)
        findings = sorted({f for fs in found.values() for f in fs})
        recognised = {
            f
            for members in groups(
                NodeKind.Finding, [Where("id", Op.IN, findings)], RelType.RECOGNIZED_BY
            ).values()
            for f in members
        }
    out = []
    for unit in units:
        own = own_of[unit.id]
        external = sorted(set(targeted.get(unit.id, [])) - set(own))
        own_findings = sorted(f for a in own for f in found.get(a, []))
        if own or external:
            out.append(
                UnitLinkage(
                    unit,
                    own,
                    own_findings,
                    [f for f in own_findings if f in recognised],
                    external,
                )
            )
    return out
