"""Everything that happened to an entity, by date: its own dates, its changes of state from
the audit trail, its dated relationships, and the petitions, supervision, findings,
rectifications, interventions and other records that touch it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.model import views
from graph.model.enums import ActionKind, NodeKind, RelType
from graph.model.kinds import NODES, FieldType, node_fields, rel_fields
from graph.model.records import Node, Rel
from graph.store import Direction, GraphStore, Neighbour
from workflows import days
from workflows.access import Access
from workflows.explore.bounds import within_range
from workflows.explore.captions import caption
from workflows.reading import linked
from workflows.usecase import use_case

# Records that are events in themselves: the code of their event and the day it happened.
EVENT_KINDS: dict[NodeKind, tuple[str, str]] = {
    NodeKind.Case: ("CASE", "filed_on"),
    NodeKind.Complaint: ("PETITION", "received_on"),
    NodeKind.SupervisionAction: ("SUPERVISION", "started_on"),
    NodeKind.Finding: ("FINDING", "found_on"),
    NodeKind.Rectification: ("RECTIFICATION", "issued_on"),
    NodeKind.Accountability: ("ACCOUNTABILITY", "decided_on"),
    NodeKind.InterventionRecord: ("INTERVENTION", "occurred_on"),
    NodeKind.Clearance: ("CLEARANCE", "decided_on"),
    NodeKind.Agreement: ("AGREEMENT", "signed_on"),
    NodeKind.JointMeeting: ("MEETING", "held_on"),
    NodeKind.Notification: ("NOTIFICATION", "sent_on"),
}
REVIEW = "REVIEW"
# What follows from a finding touching the entity, one step further.
CONSEQUENCES = (RelType.REQUIRES, RelType.LED_TO)
STATES = ("status", "supervision_status")
# An entity of any kind: its dates, its relationships' dates and the event records' days are
# read by the names the model table gives them (``EVENT_KINDS``, ``node_fields``,
# ``rel_fields``), not through one kind's typed view.


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    event: str
    label: str
    node: Node | None = None
    rel: Rel | None = None


def _own(node: Node) -> list[TimelineEvent]:
    return [
        TimelineEvent(str(node.get(f.name)), "DATE", f.label, node)
        for f in node_fields(node.kind)
        if f.type is FieldType.DATE and node.get(f.name)
    ]


def _state_label(kind: NodeKind, name: str, value: Any) -> str:
    field = NODES[kind].field(name)
    enum = field.enum if field is not None else None
    if enum is not None and isinstance(value, str) and value in enum.__members__:
        return enum[value].label
    return "—" if value is None else str(value)


def _audited(store: GraphStore, node: Node) -> list[TimelineEvent]:
    out = []
    for entry in store.audit_entries(target=node.id):
        record, day = entry.record, days.day_of(entry.record.at)
        if record.operation.startswith("read."):  # who read it is not an event of its life
            continue
        before = (record.before or {}).get("props", {})
        after = (record.after or {}).get("props", {})
        if record.operation == "create":
            out.append(TimelineEvent(day, "CREATED", "创建记录", node))
            continue
        moved = [s for s in STATES if s in after and before.get(s) != after.get(s)]
        if moved:
            label = "; ".join(
                " → ".join(_state_label(node.kind, s, v) for v in (before.get(s), after[s]))
                for s in moved
            )
            out.append(TimelineEvent(day, "STATUS", f"状态变更: {label}", node))
        elif record.after is not None:
            out.append(TimelineEvent(day, "UPDATED", f"更新记录({record.operation})", node))
    return out


def _related(n: Neighbour) -> list[TimelineEvent]:
    """The events of one relationship of the entity, seen from the entity."""
    other, rel = n.node, n.rel
    named = (
        f"{rel.type.label}: {caption(other)}"
        if n.outgoing
        else f"{caption(other)}({rel.type.label})"
    )
    event = EVENT_KINDS.get(other.kind)
    if event is not None:
        code, day_field = event
        if (
            other.kind is NodeKind.SupervisionAction
            and views.SupervisionAction(other).kind == ActionKind.CASE_REVIEW.name
        ):
            code = REVIEW
        day = other.get(day_field) or views.RelView(rel).valid_from
        label = f"{other.kind.label}: {caption(other)}({rel.type.label})"
        return [TimelineEvent(str(day), code, label, other, rel)] if day else []
    dated = [f.name for f in rel_fields(rel.type) if f.type is FieldType.DATE]
    began = next((rel.get(f) for f in dated if f != "valid_to" and rel.get(f)), None)
    out = []
    if began:
        out.append(TimelineEvent(str(began), "LINKED", named, other, rel))
    ended = views.RelView(rel).valid_to
    if ended:
        out.append(TimelineEvent(ended, "UNLINKED", f"结束 {named}", other, rel))
    return out


def _consequences(store: GraphStore, access: Access, near: Iterable[Neighbour]) -> list[Neighbour]:
    findings = [n.node.id for n in near if n.node.kind is NodeKind.Finding]
    found = linked(store, findings, CONSEQUENCES, Direction.OUT)
    return [m for f in findings for m in access.visible_neighbours(found.get(f, []))]


@use_case(sees=["id_"])
def timeline(
    *, store: GraphStore, access: Access, id_: str, first: int = 100
) -> list[TimelineEvent]:
    """The entity's events in date order (partial dates sort before the days they cover),
    at most ``first``."""
    within_range(first, "first", 1)
    node = access.present(store.get_nodes([id_])[id_])
    near = access.visible_neighbours(store.neighbours([id_]).get(id_, []))
    events = _own(node) + _audited(store, node)
    seen: set[str] = set()
    for n in [*near, *_consequences(store, access, near)]:
        if n.node.kind in EVENT_KINDS and n.node.id in seen:
            continue
        seen.add(n.node.id)
        events += _related(n)
    ranked = sorted(enumerate(events), key=lambda e: (e[1].date, e[0]))
    return [e for _, e in ranked[:first]]
