"""Supervision actions of the unit-level modes — inspection, patrol, visits, political
inspection, discipline patrol, a unit's own inspection, sentence-change verification,
attendance at hearings — conducted by one body or jointly by several (联合监督)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.errors import FieldError, InvalidTransition, ValidationError
from graph.model import views
from graph.model.enums import ActionKind, ActionStatus, NodeKind, RelType
from graph.model.records import Node
from graph.store import GraphStore
from workflows.access import Permission
from workflows.bodies import JOINT, LEAD, check_under, parties_of
from workflows.changes import Change, check_version
from workflows.days import day, not_after
from workflows.joint.political import check_round_lead, has_checklist
from workflows.reading import require, require_all
from workflows.usecase import use_case

# Modes with their own use cases: reviews (workflows.review), supervision and coordination
# (workflows.supervision.cases), workstreams (workflows.petitioning.workstreams).
OWN_USE_CASE = frozenset(
    {
        ActionKind.CASE_REVIEW,
        ActionKind.CASE_SUPERVISION,
        ActionKind.CASE_COORDINATION,
        ActionKind.WORKSTREAM,
        ActionKind.LOOK_BACK,
    }
)
TARGET_KINDS = (NodeKind.Case, NodeKind.Agency, NodeKind.Complaint)


@dataclass(frozen=True)
class ActionItem:
    action: Node
    conductor_ids: list[str]
    target_ids: list[str]

    @property
    def joint(self) -> bool:
        return len(self.conductor_ids) > 1


def status_on(started_on: str, ended_on: str | None, today: str) -> ActionStatus:
    if started_on > today:
        return ActionStatus.PLANNED
    if ended_on is None or ended_on > today:
        return ActionStatus.ONGOING
    return ActionStatus.COMPLETED


def draft_action(
    change: Change,
    store: GraphStore,
    *,
    today: str,
    kind: ActionKind,
    title: str,
    conductor_ids: Sequence[str],
    target_ids: Sequence[str],
    started_on: str,
    ended_on: str | None = None,
    agreement_id: str | None = None,
    field: str = "",
    extra: Mapping[str, Any] | None = None,
) -> ActionItem:
    """The action's node and links, added to ``change``; the first conductor leads. Under
    an agreement (``agreement_id``), the agreement must be in force on the first day and
    cover every conductor (``workflows.bodies.check_under``)."""
    prefix = f"{field}." if field else ""
    if kind in OWN_USE_CASE:
        raise ValidationError(FieldError(f"{prefix}kind", f"{kind.name} has its own use case"))
    if not conductor_ids or len(set(conductor_ids)) != len(conductor_ids):
        reason = "required" if not conductor_ids else "lists a body twice"
        raise ValidationError(FieldError(f"{prefix}conductor_ids", reason))
    start = day(started_on, f"{prefix}started_on")
    end = None if ended_on is None else day(ended_on, f"{prefix}ended_on")
    if end is not None:
        if end < start:
            raise ValidationError(FieldError(f"{prefix}ended_on", "is before started_on"))
        not_after(end, today, f"{prefix}ended_on")
    bodies = require_all(store, conductor_ids, (NodeKind.Agency,), f"{prefix}conductor_ids")
    targets = require_all(store, target_ids, TARGET_KINDS, f"{prefix}target_ids")
    lead = bodies[0]
    check_round_lead(kind, lead, f"{prefix}conductor_ids.0")
    action = change.create(
        NodeKind.SupervisionAction,
        {
            "title": title,
            "kind": kind.name,
            "status": status_on(start, end, today).name,
            "region_code": views.Agency(lead).region_code,
            "level": views.Agency(lead).level,
            "started_on": start,
            "ended_on": end,
            **(extra or {}),
        },
    )
    for i, body in enumerate(bodies):
        change.link(RelType.CONDUCTED_BY, action.id, body.id, {"role": JOINT if i else LEAD})
    if agreement_id is not None:
        agreement = require(store, agreement_id, NodeKind.Agreement, "agreement_id")
        conductors = [(f"{prefix}conductor_ids.{i}", b) for i, b in enumerate(bodies)]
        check_under(agreement, parties_of(store, agreement.id), start, conductors, "agreement_id")
        change.link(RelType.UNDER, action.id, agreement.id)
    for target in targets:
        change.link(RelType.TARGETS, action.id, target.id)
    return ActionItem(action, [b.id for b in bodies], [t.id for t in targets])


def lead_conductor(args: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The body leading an action places it: its region must be the caller's."""
    if args["conductor_ids"]:
        yield "conductor_ids", args["conductor_ids"][0]


def other_parties(args: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The other conductors and the targets of an action need only be visible."""
    yield from (("conductor_ids", c) for c in args["conductor_ids"][1:])
    yield from (("target_ids", t) for t in args["target_ids"])


@use_case(Permission.WRITE, owns=[lead_conductor], sees=[other_parties, "agreement_id"])
def open_action(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    kind: ActionKind,
    title: str,
    conductor_ids: Sequence[str],
    target_ids: Sequence[str],
    started_on: str,
    ended_on: str | None = None,
    agreement_id: str | None = None,
) -> ActionItem:
    """An action conducted by one body, or jointly by several (the first leads), under an
    agreement in force when ``agreement_id`` names one."""
    change = Change(actor)
    item = draft_action(
        change,
        store,
        today=today,
        kind=kind,
        title=title,
        conductor_ids=conductor_ids,
        target_ids=target_ids,
        started_on=started_on,
        ended_on=ended_on,
        agreement_id=agreement_id,
    )
    change.commit(store)
    return item


@use_case(Permission.WRITE, owns=[lead_conductor], sees=[other_parties])
def open_unannounced_visit(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    title: str,
    conductor_ids: Sequence[str],
    target_ids: Sequence[str],
    started_on: str,
) -> ActionItem:
    """暗访: an unannounced visit (明查暗访) of units or cases. Until it is finished it stays
    hidden from every caller whose token names an agency, other than the agencies conducting
    it: the visited unit learns of it, and of what it found, only when it is over (its
    findings are recorded once it is finished)."""
    change = Change(actor)
    item = draft_action(
        change,
        store,
        today=today,
        kind=ActionKind.VISIT,
        title=title,
        conductor_ids=conductor_ids,
        target_ids=target_ids,
        started_on=started_on,
        extra={"unannounced": True, "concealed": True, "conductor_ids": list(conductor_ids)},
    )
    change.commit(store)
    return item


@use_case(Permission.WRITE, owns=[lead_conductor], sees=[other_parties, "agreement_id"])
def preview_action(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    kind: ActionKind,
    title: str,
    conductor_ids: Sequence[str],
    target_ids: Sequence[str],
    started_on: str,
    ended_on: str | None = None,
    agreement_id: str | None = None,
) -> ActionItem:
    """What ``open_action`` would record, checked the same way, written nowhere."""
    return draft_action(
        Change(actor),
        store,
        today=today,
        kind=kind,
        title=title,
        conductor_ids=conductor_ids,
        target_ids=target_ids,
        started_on=started_on,
        ended_on=ended_on,
        agreement_id=agreement_id,
    )


@use_case(Permission.WRITE, owns=["action_id"])
def finish_action(
    *, store: GraphStore, actor: str, today: str, action_id: str, version: int
) -> Node:
    """Mark an action completed on ``today``."""
    old = require(store, action_id, NodeKind.SupervisionAction, "action_id")
    check_version(old, version)
    action = views.SupervisionAction(old)
    if ActionKind[action.kind] in OWN_USE_CASE:
        raise ValidationError(FieldError("action_id", "finishes through its own use case"))
    if action.kind == ActionKind.POLITICAL_INSPECTION.name and has_checklist(store, old):
        raise ValidationError(
            FieldError(
                "action_id",
                "is a political inspection round with a checklist: it is completed by its "
                "feedback (issueInspectionFeedback) or its 回头看 (concludeLookBack)",
            )
        )
    if action.status == ActionStatus.COMPLETED.name:
        raise InvalidTransition("SupervisionAction", ActionStatus.COMPLETED.name, "finish", ())
    if str(action.started_on) > today:
        raise ValidationError(FieldError("today", "is before the action started"))
    change = Change(actor)
    finished: dict[str, object] = {"status": ActionStatus.COMPLETED.name, "ended_on": today}
    if old.props.get("concealed"):
        finished["concealed"] = None  # an unannounced visit is seen by the visited once over
    node = change.update(old, finished, operation="finish")
    change.commit(store)
    return node
