"""The "three synchronisations" (三同步) of a supervised major case: lawful handling (依法办理)
first, guidance of public opinion (舆论引导) and management of the social situation (社会面管控)
alongside it. Each is a WORKSTREAM action PART_OF the supervision, ASSIGNED_TO its owner,
moving 计划 → 进行中 → 已完成; the supervision cannot be closed before all three are done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.errors import FieldError, InvalidTransition, ValidationError
from graph.model import views
from graph.model.enums import ActionKind, ActionStatus, NodeKind, RelType, Workstream
from graph.model.records import Node
from graph.store import Direction, GraphStore
from workflows.access import Permission
from workflows.changes import Change, check_version
from workflows.reading import linked, parse_enum, require, require_view
from workflows.supervision.cases import FINISHED, require_supervision
from workflows.usecase import use_case

MACHINE = "Workstream"
MOVES = {
    (ActionStatus.PLANNED.name, "start"): ActionStatus.ONGOING.name,
    (ActionStatus.ONGOING.name, "complete"): ActionStatus.COMPLETED.name,
}
ORDER = {w.name: i for i, w in enumerate(Workstream)}


@dataclass(frozen=True)
class WorkstreamItem:
    workstream: Workstream
    action: Node
    owner_id: str | None


@use_case(sees=["action_id"])
def workstreams(*, store: GraphStore, action_id: str) -> list[WorkstreamItem]:
    """A supervision's three workstreams, lawful handling first."""
    require_supervision(store, action_id)
    # Only actions are PART_OF an action (the model's PART_OF).
    parts = linked(store, [action_id], [RelType.PART_OF], Direction.IN).get(action_id, [])
    streams = [
        s
        for s in (views.SupervisionAction(n.node) for n in parts)
        if s.kind == ActionKind.WORKSTREAM.name
    ]
    owners = linked(store, [s.id for s in streams], [RelType.ASSIGNED_TO], Direction.OUT)
    out = [
        WorkstreamItem(
            Workstream[str(s.workstream)],
            s.node,
            next((n.node.id for n in owners.get(s.id, [])), None),
        )
        for s in streams
    ]
    return sorted(out, key=lambda w: ORDER[w.workstream.name])


@use_case(Permission.WRITE, owns=["action_id"], sees=["owners"])
def plan_workstreams(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    action_id: str,
    version: int,
    owners: Mapping[str, str],
) -> list[WorkstreamItem]:
    """Start the three workstreams together, each with its owner unit (all three required)."""
    action = require_supervision(store, action_id)
    supervised = views.SupervisionAction(action)
    check_version(action, version)
    if supervised.supervision_status in FINISHED:
        raise ValidationError(FieldError("action_id", "the supervision is finished"))
    by_stream = {parse_enum(Workstream, k, f"owners.{k}"): v for k, v in owners.items()}
    missing = [w.label for w in Workstream if w.name not in by_stream]
    if missing:
        raise ValidationError(FieldError("owners", f"三同步 needs all three: {'、'.join(missing)}"))
    if workstreams(store=store, action_id=action_id):
        raise ValidationError(FieldError("action_id", "the workstreams are already planned"))
    change = Change(actor)
    change.touch(action, "plan_workstreams")
    out = []
    for stream in Workstream:
        owner = require(store, by_stream[stream.name], NodeKind.Agency, f"owners.{stream.name}")
        node = change.create(
            NodeKind.SupervisionAction,
            {
                "title": f"{supervised.title}·{stream.label}",
                "kind": ActionKind.WORKSTREAM.name,
                "workstream": stream.name,
                "status": ActionStatus.PLANNED.name,
                "region_code": supervised.region_code,
                "level": supervised.level,
                "started_on": today,
            },
        )
        change.link(RelType.PART_OF, node.id, action.id)
        change.link(RelType.ASSIGNED_TO, node.id, owner.id)
        out.append(WorkstreamItem(stream, node, owner.id))
    change.commit(store)
    return out


@use_case(Permission.TRANSITION, owns=["workstream_id"])
def move_workstream(
    *, store: GraphStore, actor: str, today: str, workstream_id: str, version: int, move: str
) -> Node:
    """start (计划 → 进行中) or complete (进行中 → 已完成) one workstream."""
    stream = require_view(store, workstream_id, views.SupervisionAction, "workstream_id")
    old = stream.node
    if stream.kind != ActionKind.WORKSTREAM.name:
        raise ValidationError(FieldError("workstream_id", f"'{old.id}' is not a workstream"))
    check_version(old, version)
    state = stream.status
    new_state = MOVES.get((state, move))
    if new_state is None:
        allowed = tuple(m for (s, m) in MOVES if s == state)
        raise InvalidTransition(MACHINE, state, move, allowed)
    changes = {"status": new_state}
    if new_state == ActionStatus.COMPLETED.name:
        changes["ended_on"] = today
    change = Change(actor)
    node = change.update(old, changes, operation=f"transition:{move}")
    change.commit(store)
    return node
