"""The generic use cases over every kind: read, list, create, update, delete, link, move.

Every read keeps to what the principal may see (workflows.access); every write checks the
role and the jurisdiction, validates against the model, sends one all-or-nothing batch
with the versions it read (a stale version is a Conflict that overwrites nothing) and
appends its audit records to the chain in the same batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.audit import AuditEntry, Verdict
from graph.errors import FieldError, NotFound, ValidationError
from graph.model.dates import upper_bound
from graph.model.enums import ActionKind, NodeKind, RelType
from graph.model.kinds import NODES, RELS, Field, FieldType
from graph.model.lifecycle import CASE_SUPERVISION, COMPLAINT, RECTIFICATION, Machine
from graph.model.records import Node, Rel, rel_id
from graph.model.validate import check_id
from graph.store import (
    AnyOf,
    Condition,
    Counts,
    Direction,
    GraphStore,
    Neighbour,
    Op,
    Page,
    PageRequest,
    Where,
)
from workflows.access import REGION_FIELD, Access, Permission, subtree_prefix
from workflows.audit import verify_store
from workflows.changes import Change, check_version, new_id
from workflows.duties import check_move
from workflows.evidence import check_verification
from workflows.supervision.cases import check_approved
from workflows.usecase import use_case

API_SOURCE = "api"
PROVENANCE = ("recorded_by", "recorded_at")

LIFECYCLES: dict[NodeKind, Machine[Any]] = {
    NodeKind.Complaint: COMPLAINT,
    NodeKind.Rectification: RECTIFICATION,
    NodeKind.SupervisionAction: CASE_SUPERVISION,
}
SUPERVISED_ACTIONS = frozenset(
    {ActionKind.CASE_SUPERVISION.name, ActionKind.CASE_COORDINATION.name}
)

# The day a move happened is kept in these fields; ``False`` keeps the first such day.
MOVE_DATES: dict[tuple[NodeKind, str], tuple[str, bool]] = {
    (NodeKind.Complaint, "accept"): ("accepted_on", True),
    (NodeKind.Complaint, "reject"): ("finished_on", True),
    (NodeKind.Complaint, "resolve"): ("finished_on", True),
    (NodeKind.Complaint, "correct"): ("finished_on", True),
    (NodeKind.Complaint, "terminate"): ("finished_on", False),
    (NodeKind.Rectification, "submit"): ("submitted_on", True),
    (NodeKind.Rectification, "close"): ("closed_on", True),
}

# The relationship types that tie a node of each kind to an agency (the `agency` filter).
AGENCY_LINKS: dict[NodeKind, tuple[RelType, ...]] = {
    kind: tuple(
        t
        for t, spec in RELS.items()
        if any(NodeKind.Agency in pair and kind in pair for pair in spec.ends)
    )
    for kind in NodeKind
    if kind is not NodeKind.Agency
}


@dataclass(frozen=True)
class NodeFilter:
    """Conditions on one kind; every given one must hold. Ranges are inclusive."""

    ids: Sequence[str] | None = None
    region: str | None = None
    agency: str | None = None
    search: str | None = None
    any_of: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    has: Mapping[str, Any] = field(default_factory=dict)
    flags: Mapping[str, bool] = field(default_factory=dict)
    ranges: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)


NO_FILTER = NodeFilter()
FIRST_PAGE = PageRequest()


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


# -- reads ---------------------------------------------------------------------------------


@use_case()
def get_nodes(*, store: GraphStore, access: Access, ids: Sequence[str]) -> dict[str, Node]:
    """The nodes with these ids that the principal may see, as it may see them."""
    found = store.get_nodes(ids)
    return {i: access.present(n) for i, n in found.items() if access.can_see(n)}


@use_case()
def list_nodes(
    *,
    store: GraphStore,
    access: Access,
    kind: NodeKind,
    filter_: NodeFilter = NO_FILTER,
    page: PageRequest = FIRST_PAGE,
) -> Page:
    """One page of the visible nodes of ``kind`` that pass the filter."""
    where = filter_conditions(store=store, access=access, kind=kind, filter_=filter_)
    if where is None:
        return Page([], [], 0, False, False)
    found = store.list_nodes(kind, [*where, *access.conditions(kind)], page)
    return Page(
        [access.present(n) for n in found.items],
        found.cursors,
        found.total,
        found.has_next,
        found.has_previous,
    )


def filter_conditions(
    *, store: GraphStore, access: Access, kind: NodeKind, filter_: NodeFilter
) -> list[Condition] | None:
    """The store conditions of a filter (None: nothing can match)."""
    spec = NODES[kind]
    where: list[Condition] = []
    if filter_.ids is not None:
        where.append(Where("id", Op.IN, list(filter_.ids)))
    if filter_.region is not None:
        where.append(Where(REGION_FIELD[kind], Op.PREFIX, subtree_prefix(filter_.region)))
    if filter_.search:
        where.append(AnyOf(tuple(Where(f, Op.CONTAINS, filter_.search) for f in spec.search)))
    for name, values in filter_.any_of.items():
        where.append(Where(name, Op.IN, list(values)))
    for name, value in filter_.has.items():
        where.append(Where(name, Op.HAS, value))
    for name, flag in filter_.flags.items():
        yes = Where(name, Op.EQ, True)
        where.append(yes if flag else AnyOf((Where(name, Op.EQ, False), Where(name, Op.EQ, None))))
    for name, (low, high) in filter_.ranges.items():
        partial = _field(kind, name).type is FieldType.DATE
        if low is not None:
            where.append(Where(name, Op.GTE, low))
        if high is not None:
            where.append(Where(name, Op.LTE, upper_bound(high) if partial else high))
    if filter_.agency is not None:
        linked = _linked_to_agency(store=store, access=access, kind=kind, agency=filter_.agency)
        if not linked:
            return None
        where.append(Where("id", Op.IN, linked))
    return where


def _linked_to_agency(
    *, store: GraphStore, access: Access, kind: NodeKind, agency: str
) -> list[str]:
    types = AGENCY_LINKS.get(kind, ())
    if not types or not get_nodes(store=store, access=access, ids=[agency]):
        return []
    found = store.neighbours([agency], rel_types=types, node_kinds=[kind]).get(agency, [])
    return sorted({n.node.id for n in found})


@use_case()
def neighbours(
    *,
    store: GraphStore,
    access: Access,
    ids: Sequence[str],
    rel_types: Sequence[RelType] | None = None,
    direction: Direction = Direction.BOTH,
    node_kinds: Sequence[NodeKind] | None = None,
    as_of: str | None = None,
    limit: int | None = None,
) -> dict[str, list[Neighbour]]:
    """Each node's visible neighbours, in the store's order, at most ``limit`` each (hidden
    neighbours are dropped after the limit)."""
    found = store.neighbours(
        ids,
        rel_types=rel_types,
        direction=direction,
        node_kinds=node_kinds,
        as_of=as_of,
        limit=limit,
    )
    return {i: access.visible_neighbours(ns) for i, ns in found.items()}


@use_case()
def stats(*, store: GraphStore, access: Access) -> Counts:
    """Nodes by kind and relationships by type; a scoped principal gets its own nodes only."""
    if not access.scoped:
        return store.counts()
    return Counts(
        nodes={
            kind: store.list_nodes(kind, access.conditions(kind), PageRequest(first=0)).total
            for kind in NodeKind
        },
        rels={},
    )


# -- writes --------------------------------------------------------------------------------
# The generic writes act on any kind, so the kind (known only from the arguments or the stored
# node) decides part of what the caller needs: reference kinds need WRITE_REFERENCE, and a
# node must stay in the jurisdiction after the change. Their declarations say the rest.


@use_case(Permission.WRITE)
def create_node(
    *,
    store: GraphStore,
    access: Access,
    actor: str,
    kind: NodeKind,
    props: Mapping[str, Any],
    id_: str | None = None,
) -> Node:
    """A new node of ``kind`` (an id already in use is a Conflict)."""
    access.require_write(kind)
    _refuse_files(kind)
    _refuse_lifecycle_fields(kind, props)
    node_id = check_id(id_, "storeId") if id_ is not None else new_id(kind)
    change = Change(actor, source=API_SOURCE)
    created = change.create(kind, _with_lifecycle(kind, dict(props)), node_id)
    access.require_jurisdiction(created)
    change.commit(store)
    return access.present(created)


@use_case(Permission.WRITE, owns=["id_"])
def update_node(
    *,
    store: GraphStore,
    access: Access,
    actor: str,
    kind: NodeKind,
    id_: str,
    version: int,
    changes: Mapping[str, Any],
) -> Node:
    """The node with ``changes`` applied (None clears a field) if ``version`` is current."""
    old = _current(store, access, id_, kind)
    access.require_write(old.kind)
    _refuse_files(old.kind)
    check_version(old, version)
    _refuse_lifecycle_fields(old.kind, changes)
    merged = {**old.props, **changes}
    change = Change(actor, source=API_SOURCE)
    new = change.update(old, {**changes, **_lifecycle_start(old.kind, merged)})
    access.require_jurisdiction(new)
    change.commit(store)
    return access.present(new)


@use_case(Permission.TRANSITION, owns=["id_"])
def transition(
    *,
    store: GraphStore,
    access: Access,
    actor: str,
    today: str,
    kind: NodeKind,
    id_: str,
    version: int,
    move: str,
    on: str | None = None,
) -> Node:
    """Apply a lifecycle move (InvalidTransition when the state does not allow it)."""
    old = _current(store, access, id_, kind)
    check_version(old, version)
    check_move(store, access, old, move)
    machine = LIFECYCLES[kind]
    # Batches and coordination records are supervision actions without a lifecycle state.
    if not _has_lifecycle(old.kind, old.props) or old.props.get(machine.field) is None:
        raise ValidationError(
            FieldError("id", f"'{id_}' has no {machine.name} lifecycle ({machine.field})")
        )
    state = machine.initial.__class__[old.props[machine.field]]
    moved: dict[str, Any] = {machine.field: machine.apply(state, move).name}
    check_verification(store, old, move)
    approval = check_approved(store, old, move, actor)
    if approval:
        moved |= {**approval, "approved_on": on or today}
    dated = MOVE_DATES.get((kind, move))
    if dated is not None and (dated[1] or dated[0] not in old.props):
        moved[dated[0]] = on or today
    change = Change(actor, source=API_SOURCE)
    new = change.update(old, moved, operation=f"transition:{move}")
    change.commit(store)
    return access.present(new)


@use_case(Permission.DELETE, owns=["id_"])
def delete_node(*, store: GraphStore, access: Access, actor: str, id_: str, version: int) -> str:
    """Delete a node and its relationships if ``version`` is current."""
    old = _current(store, access, id_)
    check_version(old, version)
    _refuse_files(old.kind)
    links = store.neighbours([id_]).get(id_, [])
    if any(n.rel.type in (RelType.ATTACHED_TO, RelType.EXAMINED_IN) for n in links):
        raise ValidationError(
            FieldError(
                "id",
                f"'{id_}' has files on record or an inquiry examined in it, and is kept with them",
            )
        )
    change = Change(actor, source=API_SOURCE)
    change.delete(old, [n.rel.id for n in links])
    change.commit(store)
    return id_


def _link_from(args: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    yield "from", args["start"]


def _link_to(args: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    yield "to", args["end"]


@use_case(Permission.WRITE, owns=[_link_from], sees=[_link_to])
def link(
    *,
    store: GraphStore,
    access: Access,
    actor: str,
    type_: RelType,
    start: str,
    end: str,
    props: Mapping[str, Any],
    discriminator: str = "",
) -> Rel:
    """Create, or replace the properties of, the relationship (type, start, end, discriminator)."""
    _refuse_files(type_)
    access.require_write(store.get_nodes([start])[start].kind)
    if discriminator:
        check_id(discriminator, "discriminator")
    old = store.get_rels([rel_id(type_, start, end, discriminator)])
    change = Change(actor, source=API_SOURCE)
    rel = change.link(
        type_, start, end, props, discriminator=discriminator, before=next(iter(old.values()), None)
    )
    change.commit(store)
    return rel


@use_case(Permission.WRITE)
def unlink(*, store: GraphStore, access: Access, actor: str, id_: str) -> str:
    """Delete one relationship (its start must be the caller's to write)."""
    rel = store.get_rels([id_]).get(id_)
    ends = {} if rel is None else get_nodes(store=store, access=access, ids=[rel.start, rel.end])
    if rel is None or len(ends) < len({rel.start, rel.end}):
        raise NotFound(f"no relationship '{id_}'")
    access.require_write(ends[rel.start].kind)
    access.require_jurisdiction(ends[rel.start])
    _refuse_files(rel.type)
    change = Change(actor, source=API_SOURCE)
    change.unlink(rel)
    change.commit(store)
    return id_


# -- the audit log -------------------------------------------------------------------------


@use_case(Permission.READ_AUDIT)
def audit_log(
    *,
    store: GraphStore,
    access: Access,
    target: str | None = None,
    done_by: str | None = None,
    since: str | None = None,
    until: str | None = None,
    after_seq: int = 0,
    limit: int = 50,
) -> tuple[list[AuditEntry], bool]:
    """Audit entries in order, and whether more may follow; a scoped principal gets those
    about what lies in its jurisdiction."""
    until = upper_bound(until) if until is not None and "T" not in until else until
    kept: list[AuditEntry] = []
    while True:
        chunk = store.audit_entries(
            target=target,
            actor=done_by,
            since=since,
            until=until,
            after_seq=after_seq,
            limit=limit + 1,
        )
        kept += _audit_visible(store, access, chunk)
        if len(chunk) <= limit or len(kept) > limit:
            return kept[:limit], len(kept) > limit
        after_seq = chunk[-1].seq


@use_case(Permission.READ_AUDIT)
def verify_audit(*, store: GraphStore) -> Verdict:
    """Walk the whole hash chain and compare its end with the stored head."""
    return verify_store(store=store)


def _audit_visible(
    store: GraphStore, access: Access, entries: list[AuditEntry]
) -> list[AuditEntry]:
    if not access.scoped:
        return entries
    starts = {
        snap["start"]
        for e in entries
        for snap in (e.record.before, e.record.after)
        if snap is not None and "start" in snap
    }
    visible = get_nodes(store=store, access=access, ids=sorted(starts))
    return [e for e in entries if _entry_visible(access, e, visible)]


def _entry_visible(access: Access, entry: AuditEntry, starts: Mapping[str, Node]) -> bool:
    for snap in (entry.record.before, entry.record.after):
        if snap is None:
            continue
        if "start" in snap:
            if snap["start"] in starts:
                return True
            continue
        kind = NodeKind[snap["kind"]]
        if access.in_jurisdiction(kind, snap["props"].get(REGION_FIELD[kind])):
            return True
    return entry.record.target in access.shared_ids()


# -- helpers -------------------------------------------------------------------------------


def _field(kind: NodeKind, name: str) -> Field:
    found = NODES[kind].field(name)
    if found is None:
        raise ValidationError(FieldError(name, f"not a field of {kind.name}"))
    return found


def _current(store: GraphStore, access: Access, id_: str, kind: NodeKind | None = None) -> Node:
    """The stored node the principal may see (of ``kind`` when given), or NotFound."""
    old = store.get_nodes([id_]).get(id_)
    if old is None or not access.can_see(old) or (kind is not None and old.kind is not kind):
        raise NotFound(f"no {kind.name if kind else 'node'} '{id_}'")
    return old


def _has_lifecycle(kind: NodeKind, props: Mapping[str, Any]) -> bool:
    if kind not in LIFECYCLES:
        return False
    if kind is not NodeKind.SupervisionAction:
        return True
    try:
        return ActionKind.parse(str(props.get("kind"))).name in SUPERVISED_ACTIONS
    except (KeyError, ValueError):
        return False


# Kinds and relationship types written only by their own use case, and kept: files on
# record (attachEvidence, which stores the bytes), pattern watches and the inquiries they
# open (workflows.explore.watches), reports to discipline bodies and incidents against
# officers (workflows.supervision.protection); political inspection checklists and their 回头看
# (workflows.joint.political); trainings and talent-pool membership (workflows.review.talent).
OWN_WRITERS = frozenset(
    {
        NodeKind.Evidence,
        NodeKind.PatternWatch,
        NodeKind.Inquiry,
        NodeKind.Report,
        NodeKind.Incident,
        NodeKind.ChecklistItem,
        NodeKind.Training,
    }
)
_OWN: dict[NodeKind | RelType, str] = {
    NodeKind.Evidence: "attachEvidence",
    RelType.ATTACHED_TO: "attachEvidence",
    NodeKind.PatternWatch: "watchPattern",
    NodeKind.Inquiry: "runWatches and moveInquiry",
    RelType.RAISED: "runWatches",
    RelType.EXAMINED_IN: "runWatches",
    NodeKind.Report: "registerReport and concludeReport",
    NodeKind.Incident: "recordIncident and handleIncident",
    NodeKind.ChecklistItem: "addChecklistItems and answerChecklistItem",
    RelType.UNCOVERED: "answerChecklistItem and concludeLookBack",
    RelType.LOOKS_BACK_AT: "openLookBack",
    NodeKind.Training: "holdTraining",
    RelType.ORGANIZED_BY: "holdTraining",
    RelType.TRAINED: "holdTraining and recordTrainees",
    RelType.IN_POOL: "admitToTalentPool and leaveTalentPool",
}


def _refuse_files(kind: NodeKind | RelType) -> None:
    """What its own use case writes is not written, moved or removed generically."""
    if kind in _OWN:
        raise ValidationError(
            FieldError(
                "kind" if isinstance(kind, NodeKind) else "type",
                f"{kind.name} is written only by {_OWN[kind]}, and kept",
            )
        )


# Fields a dedicated use case keeps (an unannounced visit's secrecy: workflows.actions).
OWN_FIELDS = {
    NodeKind.SupervisionAction: (
        "unannounced",
        "concealed",
        "conductor_ids",
        "approved_by",
        "approved_on",
        "verification_conclusion",
        "conclusion_summary",
        "procuratorate_opinion",
        "opinion_by",
        "opinion_on",
        "correction",
        "corrected_on",
        "feedback",
        "feedback_on",
        "rectify_by",
        "rectified_count",
        "unrectified_count",
    ),
    NodeKind.Official: ("pool_level", "merged_into"),
    NodeKind.Agency: ("merged_into",),
    NodeKind.Rectification: ("escalated_on", "escalated_to"),
    NodeKind.Case: ("green_channel_on", "green_channel_reason"),
}


def _refuse_lifecycle_fields(kind: NodeKind, props: Mapping[str, Any]) -> None:
    for name in OWN_FIELDS.get(kind, ()):
        if name in props:
            raise ValidationError(
                FieldError(name, "is kept by its own use case, not the generic mutations")
            )
    machine = LIFECYCLES.get(kind)
    if machine is not None and machine.field in props:
        raise ValidationError(
            FieldError(machine.field, f"changes only through the {machine.name} transitions")
        )


def _lifecycle_start(kind: NodeKind, props: Mapping[str, Any]) -> dict[str, Any]:
    """The first state of the lifecycle, when ``props`` have one but no state yet."""
    machine = LIFECYCLES.get(kind)
    if machine is None or props.get(machine.field) is not None or not _has_lifecycle(kind, props):
        return {}
    return {machine.field: machine.initial.name}


def _with_lifecycle(kind: NodeKind, props: dict[str, Any]) -> dict[str, Any]:
    return {**props, **_lifecycle_start(kind, props)}
