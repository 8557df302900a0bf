"""What supervision finds and what follows: finding → rectification (deadline, responsible
unit; 下达 → 整改中 → 提交 → 验收通过/退回 → 销号) → accountability (问责, or a clue
transferred to 纪委监委)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, Forbidden, ValidationError
from graph.model import views
from graph.model.enums import (
    AccountabilityMeasure,
    ActionKind,
    FindingCategory,
    NodeKind,
    RectificationStatus,
    RelType,
    Severity,
)
from graph.model.lifecycle import RECTIFICATION
from graph.model.records import Node
from graph.store import Direction, GraphStore
from workflows import rules
from workflows.access import Access, Permission
from workflows.changes import Change, check_version
from workflows.days import Alert, alert, day, not_after
from workflows.duties import check_move
from workflows.evidence import check_verification
from workflows.reading import linked, parse_enum, require, require_all, require_view
from workflows.supervision.cases import future_deadline
from workflows.usecase import use_case

FINISHED = frozenset({RectificationStatus.ACCEPTED.name, RectificationStatus.CLOSED.name})
OPEN = tuple(s.name for s in RectificationStatus if s.name not in FINISHED)
MOVE_DATES = {"submit": "submitted_on", "close": "closed_on"}
NO_FINDINGS = frozenset({ActionKind.WORKSTREAM.name})


@dataclass(frozen=True)
class RectificationItem:
    """A rectification with its finding, its unit, its alert, and the items it is made of
    (整改事项分解: PART_OF), whose progress rolls up into it."""

    rectification: Node
    finding_id: str | None
    responsible_id: str | None
    alert: Alert | None
    part_of_id: str | None = None
    items: int = 0
    finished_items: int = 0

    @property
    def progress(self) -> float:
        """The share of the work done: of its items when it has any, else 1 once accepted."""
        if self.items:
            return self.finished_items / self.items
        return 1.0 if views.Rectification(self.rectification).status in FINISHED else 0.0


def rectification_alert(node: Node, today: str, warn_days: int) -> Alert | None:
    item = views.Rectification(node)
    if item.status in FINISHED:
        return None
    return alert(item.deadline, today, warn_days)


def rectification_items(
    store: GraphStore, nodes: Sequence[Node], today: str, warn_days: int
) -> list[RectificationItem]:
    near = linked(
        store,
        [n.id for n in nodes],
        [RelType.REQUIRES, RelType.ASSIGNED_TO, RelType.PART_OF],
        Direction.BOTH,
    )
    out = []
    for node in nodes:
        found = near.get(node.id, [])
        finding = next((n.node.id for n in found if n.rel.type is RelType.REQUIRES), None)
        unit = next((n.node.id for n in found if n.rel.type is RelType.ASSIGNED_TO), None)
        parts = [n.node for n in found if n.rel.type is RelType.PART_OF and n.rel.end == node.id]
        whole = next(
            (n.node.id for n in found if n.rel.type is RelType.PART_OF and n.rel.start == node.id),
            None,
        )
        out.append(
            RectificationItem(
                node,
                finding,
                unit,
                rectification_alert(node, today, warn_days),
                whole,
                len(parts),
                sum(1 for p in parts if p.props.get("status") in FINISHED),
            )
        )
    return out


@use_case(Permission.WRITE, owns=["concerns_ids"], sees=["action_id"])
def record_finding(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    access: Access | None = None,
    action_id: str,
    title: str,
    category: str,
    severity: str,
    concerns_ids: Sequence[str],
    evidence: str | None = None,
    found_on: str | None = None,
) -> Node:
    """A finding of an action about the cases, units or officials it concerns."""
    action = require_view(store, action_id, views.SupervisionAction, "action_id")
    if access is not None:
        # Whoever conducts an action records what it found, each side of a joint action
        # about what it concerns in its own jurisdiction.
        conductors = linked(store, [action.id], [RelType.CONDUCTED_BY], Direction.OUT)
        if not any(
            access.in_jurisdiction(n.node.kind, n.node.get("region_code"))
            for n in conductors.get(action.id, [])
        ):
            raise Forbidden(f"action_id '{action.id}' is not conducted in your jurisdiction")
    if action.concealed:
        raise ValidationError(
            FieldError(
                "action_id",
                "is an unannounced visit still under way: its findings are recorded once it is "
                "finished, so that nothing reveals it to the visited unit before then",
            )
        )
    if action.kind in NO_FINDINGS:
        raise ValidationError(FieldError("action_id", "a workstream records no findings"))
    on = not_after(day(found_on or today, "found_on"), today, "found_on")
    started = action.started_on or ""
    if not started or on < started[:10]:
        raise ValidationError(FieldError("found_on", "is before the action started"))
    if not concerns_ids:
        raise ValidationError(FieldError("concerns_ids", "required"))
    kinds = (NodeKind.Case, NodeKind.Agency, NodeKind.Official)
    concerned = require_all(store, concerns_ids, kinds, "concerns_ids")
    # What a finding concerns places it; its action's region when none of them has one.
    region = next((c.props["region_code"] for c in concerned if c.props.get("region_code")), None)
    change = Change(actor)
    finding = change.create(
        NodeKind.Finding,
        {
            "title": title,
            "category": parse_enum(FindingCategory, category, "category"),
            "severity": parse_enum(Severity, severity, "severity"),
            "found_on": on,
            "region_code": region or action.region_code,
            "evidence": evidence,
        },
    )
    change.link(RelType.FOUND, action.id, finding.id)
    for c in concerned:
        change.link(RelType.CONCERNS, finding.id, c.id)
    change.commit(store)
    return finding


@use_case(Permission.WRITE, owns=["finding_id", "responsible_agency_id"])
def order_rectification(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    finding_id: str,
    responsible_agency_id: str,
    deadline: str,
    title: str | None = None,
    warn_days: int = rules.WARN_DAYS[NodeKind.Rectification],
) -> RectificationItem:
    """下达: order the responsible unit to rectify a finding by a deadline."""
    finding = require_view(store, finding_id, views.Finding, "finding_id")
    unit = require_view(store, responsible_agency_id, views.Agency, "responsible_agency_id")
    change = Change(actor)
    node = change.create(
        NodeKind.Rectification,
        {
            "title": title or f"关于“{finding.title}”问题的整改",
            "status": RECTIFICATION.initial.name,
            "issued_on": today,
            "deadline": future_deadline(deadline, today),
            "region_code": unit.region_code,
        },
    )
    change.link(RelType.REQUIRES, finding.id, node.id)
    change.link(RelType.ASSIGNED_TO, node.id, unit.id)
    change.commit(store)
    return RectificationItem(node, finding.id, unit.id, rectification_alert(node, today, warn_days))


@use_case(Permission.WRITE, owns=["rectification_id"], sees=["responsible_agency_id"])
def add_rectification_item(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    rectification_id: str,
    title: str,
    deadline: str,
    responsible_agency_id: str | None = None,
    warn_days: int = rules.WARN_DAYS[NodeKind.Rectification],
) -> RectificationItem:
    """整改事项分解: one item of a rectification, for its unit (or another), due by the
    rectification's own deadline at the latest; the rectification is accepted only once every
    item is (workflows.evidence.check_verification), and its progress is theirs."""
    whole = require(store, rectification_id, NodeKind.Rectification, "rectification_id")
    (item,) = rectification_items(store, [whole], today, warn_days)
    if item.part_of_id is not None:
        raise ValidationError(
            FieldError("rectification_id", "is itself an item: items are one level deep")
        )
    if views.Rectification(whole).status in FINISHED:
        raise ValidationError(FieldError("rectification_id", "is already accepted"))
    if not title.strip():
        raise ValidationError(FieldError("title", "required"))
    unit_id = responsible_agency_id or item.responsible_id
    if unit_id is None:
        raise ValidationError(FieldError("responsible_agency_id", "required: no unit to inherit"))
    unit = require_view(store, unit_id, views.Agency, "responsible_agency_id")
    due = future_deadline(deadline, today)
    if due > views.Rectification(whole).deadline:
        raise ValidationError(
            FieldError(
                "deadline", f"is after the rectification's ({views.Rectification(whole).deadline})"
            )
        )
    change = Change(actor)
    node = change.create(
        NodeKind.Rectification,
        {
            "title": title.strip(),
            "status": RECTIFICATION.initial.name,
            "issued_on": today,
            "deadline": due,
            "region_code": unit.region_code,
        },
    )
    change.link(RelType.PART_OF, node.id, whole.id)
    change.link(RelType.ASSIGNED_TO, node.id, unit.id)
    change.commit(store)
    return RectificationItem(
        node, item.finding_id, unit.id, rectification_alert(node, today, warn_days), whole.id
    )


@use_case(Permission.TRANSITION, owns=["rectification_id"])
def move_rectification(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    access: Access | None = None,
    rectification_id: str,
    version: int,
    move: str,
    note: str | None = None,
    warn_days: int = rules.WARN_DAYS[NodeKind.Rectification],
) -> RectificationItem:
    """One step of the rectification lifecycle, dated ``today``: the unit does the work, the
    supervising body checks it (workflows.duties)."""
    old = require(store, rectification_id, NodeKind.Rectification, "rectification_id")
    check_version(old, version)
    check_move(store, access, old, move)
    state = RECTIFICATION.apply(RectificationStatus[views.Rectification(old).status], move)
    check_verification(store, old, move)
    changes: dict[str, object] = {"status": state.name}
    if move in MOVE_DATES:
        changes[MOVE_DATES[move]] = today
    change = Change(actor, note)
    node = change.update(old, changes, operation=f"transition:{move}")
    change.commit(store)
    return rectification_items(store, [node], today, warn_days)[0]


@use_case(Permission.WRITE, owns=["finding_id"], sees=["against_id"])
def hold_accountable(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    finding_id: str,
    against_id: str,
    measure: str,
    description: str | None = None,
    decided_on: str | None = None,
) -> Node:
    """问责: a measure against an official or a unit for a finding."""
    finding = require_view(store, finding_id, views.Finding, "finding_id")
    kinds = (NodeKind.Official, NodeKind.Agency)
    against = require_all(store, [against_id], kinds, "against_id")[0]
    on = not_after(day(decided_on or today, "decided_on"), today, "decided_on")
    if on < finding.found_on:
        raise ValidationError(FieldError("decided_on", "is before the finding was made"))
    change = Change(actor)
    node = change.create(
        NodeKind.Accountability,
        {
            "measure": parse_enum(AccountabilityMeasure, measure, "measure"),
            "decided_on": on,
            "region_code": finding.region_code,
            "description": description,
        },
    )
    change.link(RelType.LED_TO, finding.id, node.id)
    change.link(RelType.AGAINST, node.id, against.id)
    change.commit(store)
    return node
