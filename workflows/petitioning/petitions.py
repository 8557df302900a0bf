"""Petitions about cases (涉法涉诉信访): registration, the lifecycle 登记 → 受理 → 办理 →
化解/依法纠错 → 依法终结 (or 不予受理), its time limits — acceptance decided within 15 days,
finished within 60 of acceptance, once extendable by 30 — and repeat petitions: one
petitioner, or one case, coming back across agencies and time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, InvalidTransition, ValidationError
from graph.model import views
from graph.model.enums import ComplaintChannel, ComplaintStatus, NodeKind, RelType
from graph.model.lifecycle import COMPLAINT
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Access, Permission
from workflows.changes import Change, check_version
from workflows.days import Alert, alert, between, day, not_after, shift
from workflows.reading import (
    in_period,
    in_region,
    linked,
    linked_ids,
    parse_enum,
    require,
    require_all,
    require_view,
)
from workflows.usecase import use_case

CS = ComplaintStatus
WAITING = frozenset({CS.REGISTERED.name})
IN_HAND = frozenset({CS.ACCEPTED.name, CS.HANDLING.name})
# The day each move is dated by; ``False`` keeps the first such day.
MOVE_DATES = {
    "accept": ("accepted_on", True),
    "reject": ("finished_on", True),
    "resolve": ("finished_on", True),
    "correct": ("finished_on", True),
    "terminate": ("finished_on", False),
}


@dataclass(frozen=True)
class PetitionClock:
    """The time limits of one petition; ``alert`` is for the limit that runs now."""

    accept_by: str
    finish_by: str | None
    accepted_late: bool
    finished_late: bool
    due: str | None
    alert: Alert | None


@dataclass(frozen=True)
class PetitionItem:
    complaint: Node
    clock: PetitionClock
    petitioner_id: str | None
    case_ids: list[str]


@dataclass(frozen=True)
class RepeatGroup:
    """Complaints by one petitioner (``by`` = "petitioner") or about one case (``by`` = "case")."""

    by: str
    key_id: str
    complaint_ids: list[str]
    agency_ids: list[str]
    first_received: str
    last_received: str
    span_days: int


def limits(
    complaint: Node,
    *,
    accept_days: int = rules.ACCEPT_DAYS,
    finish_days: int = rules.FINISH_DAYS,
    extension_days: int = rules.EXTENSION_DAYS,
) -> tuple[str, str | None, str | None]:
    """The acceptance limit, the handling limit (once accepted) and the one running now."""
    petition = views.Complaint(complaint)
    accept_by = shift(petition.received_on[:10], accept_days)
    finish_by = None
    if petition.accepted_on is not None:
        extra = extension_days if petition.extended else 0
        finish_by = shift(petition.accepted_on[:10], finish_days + extra)
    status = petition.status
    due = accept_by if status in WAITING else finish_by if status in IN_HAND else None
    return accept_by, finish_by, due


def clock(
    complaint: Node, today: str, *, warn_days: int = rules.WARN_DAYS[NodeKind.Complaint]
) -> PetitionClock:
    """Where a petition stands against its time limits on ``today``."""
    accept_by, finish_by, due = limits(complaint)
    accepted = views.Complaint(complaint).accepted_on
    finished = views.Complaint(complaint).finished_on
    return PetitionClock(
        accept_by,
        finish_by,
        accepted is not None and accepted[:10] > accept_by,
        finish_by is not None and finished is not None and finished[:10] > finish_by,
        due,
        None if due is None else alert(due, today, warn_days),
    )


def _items(store: GraphStore, complaints: Sequence[Node], today: str) -> list[PetitionItem]:
    near = linked(
        store, [c.id for c in complaints], [RelType.FILED, RelType.CONCERNS], Direction.BOTH
    )
    out = []
    for c in complaints:
        found = near.get(c.id, [])
        petitioner = next((n.node.id for n in found if n.rel.type is RelType.FILED), None)
        cases = [n.node.id for n in found if n.node.kind is NodeKind.Case]
        out.append(PetitionItem(c, clock(c, today), petitioner, cases))
    return out


@use_case(
    Permission.WRITE,
    sees=["petitioner_id", "case_id", "against_ids", "assigned_to_id"],
    places=[(NodeKind.Complaint, "region_code")],
)
def register_petition(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    number: str,
    channel: str,
    region_code: str,
    received_on: str,
    petitioner_id: str,
    summary: str | None = None,
    case_id: str | None = None,
    against_ids: Sequence[str] = (),
    assigned_to_id: str | None = None,
) -> PetitionItem:
    """登记: a petition, its petitioner, the case it is about, whom it accuses, who handles it."""
    received = not_after(day(received_on, "received_on"), today, "received_on")
    petitioner = require(store, petitioner_id, NodeKind.Official, "petitioner_id")
    case = None if case_id is None else require(store, case_id, NodeKind.Case, "case_id")
    accused = require_all(store, against_ids, (NodeKind.Agency, NodeKind.Official), "against_ids")
    unit = (
        None
        if assigned_to_id is None
        else require(store, assigned_to_id, NodeKind.Agency, "assigned_to_id")
    )
    change = Change(actor)
    complaint = change.create(
        NodeKind.Complaint,
        {
            "number": number,
            "channel": parse_enum(ComplaintChannel, channel, "channel"),
            "status": COMPLAINT.initial.name,
            "received_on": received,
            "region_code": region_code,
            "summary": summary,
        },
    )
    change.link(RelType.FILED, petitioner.id, complaint.id, {"valid_from": received})
    if case is not None:
        change.link(RelType.CONCERNS, complaint.id, case.id)
        if not views.Case(case).petition_related:
            change.update(case, {"petition_related": True})
    for target in accused:
        change.link(RelType.AGAINST, complaint.id, target.id)
    if unit is not None:
        change.link(RelType.ASSIGNED_TO, complaint.id, unit.id)
    change.commit(store)
    cases = [] if case is None else [case.id]
    return PetitionItem(complaint, clock(complaint, today), petitioner.id, cases)


@use_case(Permission.TRANSITION, owns=["complaint_id"])
def move_petition(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    complaint_id: str,
    version: int,
    move: str,
    note: str | None = None,
) -> PetitionItem:
    """One step of the lifecycle, dated ``today`` (受理 sets accepted_on, endings finished_on)."""
    old = require(store, complaint_id, NodeKind.Complaint, "complaint_id")
    check_version(old, version)
    state = COMPLAINT.apply(ComplaintStatus[views.Complaint(old).status], move)
    changes: dict[str, object] = {"status": state.name}
    dated = MOVE_DATES.get(move)
    # The field a move dates is named by MOVE_DATES, so it is read by that name.
    if dated is not None and (dated[1] or old.props.get(dated[0]) is None):
        changes[dated[0]] = today
    change = Change(actor, note)
    complaint = change.update(old, changes, operation=f"transition:{move}")
    change.commit(store)
    return _items(store, [complaint], today)[0]


@use_case(Permission.TRANSITION, owns=["complaint_id"])
def extend_petition(
    *, store: GraphStore, actor: str, today: str, complaint_id: str, version: int, reason: str
) -> PetitionItem:
    """Extend the 60-day limit once by 30 days, before it has passed."""
    petition = require_view(store, complaint_id, views.Complaint, "complaint_id")
    old = petition.node
    check_version(old, version)
    if petition.status not in IN_HAND or petition.extended:
        raise InvalidTransition(COMPLAINT.name, petition.status, "extend", ())
    limit = clock(old, today).finish_by
    if limit is not None and today > limit:
        raise ValidationError(FieldError("today", f"the limit passed on {limit}: too late"))
    if not reason.strip():
        raise ValidationError(FieldError("reason", "required"))
    change = Change(actor, reason.strip())
    complaint = change.update(old, {"extended": True}, operation="extend")
    change.commit(store)
    return _items(store, [complaint], today)[0]


@use_case(sees=["case_id"])
def petitions_of_case(
    *, store: GraphStore, today: str, access: Access | None = None, case_id: str
) -> list[PetitionItem]:
    """The petitions about a case, oldest first; for a caller (``access``), those it may see."""
    require(store, case_id, NodeKind.Case, "case_id")
    found = linked(store, [case_id], [RelType.CONCERNS], Direction.IN, [NodeKind.Complaint])
    complaints = sorted(
        (n.node for n in found.get(case_id, [])),
        key=lambda c: (views.Complaint(c).received_on, c.id),
    )
    if access is not None:
        complaints = [c for c in complaints if access.can_see(c)]
    return _items(store, complaints, today)


@use_case(scoped=True)
def repeat_petitions(
    *,
    store: GraphStore,
    region: str | None = None,
    since: str | None = None,
    min_count: int = rules.REPEAT_PETITIONS,
) -> list[RepeatGroup]:
    """Petitioners, and cases, with at least ``min_count`` petitions, largest groups first.

    The store groups the complaints (``GraphStore.link_groups``), and gives the day each
    complaint of a group kept was received and the agencies around it: no record is read
    whole."""
    where = [*in_region(region), *in_period("received_on", since, None)]
    both = Direction.BOTH
    groups: dict[tuple[str, str], list[str]] = {}
    for by, rel_types, kinds in (
        ("petitioner", [RelType.FILED], None),
        ("case", [RelType.CONCERNS], [NodeKind.Case]),
    ):
        found = store.link_groups(
            NodeKind.Complaint,
            where,
            rel_types=rel_types,
            direction=both,
            node_kinds=kinds,
            min_size=max(min_count, 1),
        )
        groups.update({(by, key): ids for key, ids in found.items()})
    kept = sorted({i for ids in groups.values() for i in ids})
    among = [Where("id", Op.IN, kept)]
    received = {
        i: str(on)
        for i, (on,) in store.node_values(NodeKind.Complaint, among, ["received_on"]).items()
    }
    agencies = linked_ids(
        store, NodeKind.Complaint, among,
        [RelType.FILED, RelType.CONCERNS, RelType.ASSIGNED_TO, RelType.AGAINST],
        both, [NodeKind.Agency],
    )  # fmt: skip
    out = []
    for (by, key), ids in groups.items():
        days = sorted(received[i] for i in ids)
        out.append(
            RepeatGroup(
                by,
                key,
                sorted(ids),
                sorted(set().union(*(agencies.get(i, []) for i in ids))),
                days[0],
                days[-1],
                between(days[0], days[-1]),
            )
        )
    return sorted(out, key=lambda g: (-len(g.complaint_ids), g.by, g.key_id))
