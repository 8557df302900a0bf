"""条块结合: an overdue rectification is escalated along the graph's two lines over its unit,
the 条 (the upper unit of its own system that GUIDES it: a county court's is the city's
intermediate court) and the 块 (the commission that COORDINATES it in its region), so that
both the system above and the commission of the place press for it (块上统筹、条上指导).

Where the graph holds no GUIDES or COORDINATES link for a unit, the region's hierarchy stands
in (``workflows.bodies.guide_of``, ``coordinator_of``).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import views
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from workflows.access import Permission
from workflows.bodies import lines_above
from workflows.changes import Change
from workflows.days import between, due_day
from workflows.joint.findings import OPEN
from workflows.reading import every, in_region, linked
from workflows.usecase import use_case


@dataclass(frozen=True)
class Escalation:
    rectification: Node
    unit: Node
    guide: Node | None  # 条
    coordinator: Node | None  # 块
    days_overdue: int


def _overdue(store: GraphStore, today: str, region: str | None) -> list[Escalation]:
    found = [
        r
        for r in every(
            store,
            NodeKind.Rectification,
            [
                Where("deadline", Op.LTE, today),
                Where("escalated_on", Op.EQ, None),
                Where("status", Op.IN, list(OPEN)),  # required: the finished are all others
                *in_region(region),
            ],
            order_by="deadline",
        )
        if due_day(views.Rectification(r).deadline) < today
    ]
    units = linked(
        store, [r.id for r in found], [RelType.ASSIGNED_TO], Direction.OUT, [NodeKind.Agency]
    )
    unit_of = {}
    for r in found:
        assigned = sorted((n.node for n in units.get(r.id, [])), key=lambda n: n.id)
        if assigned:
            unit_of[r.id] = assigned[0]
    # Many rectifications share a unit: the 条 and 块 of every unit are read at once.
    above = lines_above(store, list(unit_of.values()), today)
    out = []
    for r in found:
        unit = unit_of.get(r.id)
        if unit is None:
            continue
        guide, coordinator = above[unit.id]
        days = between(due_day(views.Rectification(r).deadline), today)
        out.append(Escalation(r, unit, guide, coordinator, days))
    return out


@use_case(scoped=True)
def rectification_escalations(
    *, store: GraphStore, today: str, region: str | None = None
) -> list[Escalation]:
    """The overdue rectifications in your jurisdiction not escalated yet, each with the 条 and
    the 块 above its unit, longest overdue first."""
    found = _overdue(store, today, region)
    return sorted(found, key=lambda e: (-e.days_overdue, e.rectification.id))


@use_case(Permission.TRANSITION, scoped=True)
def escalate_rectifications(
    *, store: GraphStore, actor: str, today: str, region: str | None = None
) -> list[Escalation]:
    """逾期提级: record on each overdue rectification in your jurisdiction, not escalated yet,
    the day and the bodies it is escalated to (its 条 and 块), in one write."""
    found = _overdue(store, today, region)
    if not found:
        return []
    change = Change(actor)
    out = []
    for e in found:
        bodies = [b.id for b in (e.guide, e.coordinator) if b is not None]
        node = change.update(
            e.rectification,
            {"escalated_on": today, "escalated_to": bodies},
            operation="escalate",
        )
        out.append(Escalation(node, e.unit, e.guide, e.coordinator, e.days_overdue))
    change.commit(store)
    return sorted(out, key=lambda e: (-e.days_overdue, e.rectification.id))
