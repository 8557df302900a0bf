"""Clearing names (澄清正名): a petition found false after it was handled clears every
official it accused; the query lists the officials cleared, with the complaints behind it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.errors import FieldError, InvalidTransition, ValidationError
from graph.model import views
from graph.model.enums import ComplaintStatus, NodeKind, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore
from workflows.access import Permission
from workflows.changes import Change, check_version
from workflows.days import day, not_after
from workflows.reading import every, in_period, in_region, linked, require_view
from workflows.usecase import use_case

# Only a petition handled to its end can be found false; one corrected (依法纠错) was right.
ENDED = (ComplaintStatus.RESOLVED.name, ComplaintStatus.TERMINATED.name)
DEFAULT_TEXT = "经核查,信访反映的问题不属实,依法予以澄清正名"


@dataclass(frozen=True)
class Cleared:
    clearance: Node
    official_id: str
    complaint_id: str | None


@dataclass(frozen=True)
class ClearedOfficial:
    official: Node
    clearances: list[Cleared]


@use_case(Permission.TRANSITION, owns=["complaint_id"])
def find_false(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    complaint_id: str,
    version: int,
    description: str | None = None,
    decided_on: str | None = None,
) -> list[Cleared]:
    """Find a handled petition false and clear each official it accused."""
    petition = require_view(store, complaint_id, views.Complaint, "complaint_id")
    complaint = petition.node
    check_version(complaint, version)
    if petition.status not in ENDED:
        raise InvalidTransition("Complaint", petition.status, "find_false", ())
    if petition.found_false:
        raise ValidationError(FieldError("complaint_id", "is already found false"))
    on = not_after(day(decided_on or today, "decided_on"), today, "decided_on")
    finished = petition.finished_on
    if finished is not None and on < finished[:10]:
        raise ValidationError(FieldError("decided_on", "is before the petition was finished"))
    accused = linked(store, [complaint.id], [RelType.AGAINST], Direction.OUT, [NodeKind.Official])
    change = Change(actor)
    change.update(complaint, {"found_false": True}, operation="find_false")
    out = []
    for n in accused.get(complaint.id, []):
        clearance = change.create(
            NodeKind.Clearance,
            {
                "decided_on": on,
                "region_code": petition.region_code,
                "description": description or DEFAULT_TEXT,
            },
        )
        change.link(RelType.CLEARS, clearance.id, n.node.id)
        change.link(RelType.FOLLOWS, clearance.id, complaint.id)
        out.append(Cleared(clearance, n.node.id, complaint.id))
    change.commit(store)
    return out


@use_case(scoped=True)
def cleared_officials(
    *,
    store: GraphStore,
    region: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[ClearedOfficial]:
    """Officials cleared in a region and period, most recently cleared first."""
    where = [*in_region(region), *in_period("decided_on", since, until)]
    clearances = list(every(store, NodeKind.Clearance, where))
    near = linked(
        store, [c.id for c in clearances], [RelType.CLEARS, RelType.FOLLOWS], Direction.OUT
    )
    by_official: dict[str, list[Cleared]] = defaultdict(list)
    officials: dict[str, Node] = {}
    for c in clearances:
        found = near.get(c.id, [])
        complaint = next(
            (
                n.node.id
                for n in found
                if n.rel.type is RelType.FOLLOWS and n.node.kind is NodeKind.Complaint
            ),
            None,
        )
        for n in found:
            if n.rel.type is RelType.CLEARS:
                officials[n.node.id] = n.node
                by_official[n.node.id].append(Cleared(c, n.node.id, complaint))
    out = [
        ClearedOfficial(
            officials[o],
            sorted(cs, key=lambda x: (_decided_on(x), x.clearance.id)),
        )
        for o, cs in by_official.items()
    ]
    return sorted(
        out,
        key=lambda o: (_decided_on(o.clearances[-1]), o.official.id),
        reverse=True,
    )


def _decided_on(cleared: Cleared) -> str:
    return views.Clearance(cleared.clearance).decided_on
