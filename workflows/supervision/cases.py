"""Case supervision (案件督办) and coordination (案件协调) of major, sensitive cases.

立项 → 交办 → 催办 → 进展报告 → 办结报告 → 审核 (退回重办 or 办结) → 通报, as the
CASE_SUPERVISION machine allows; the deadline warns before it passes and, once it has, the
commission one level up joins the supervision (逾期提级督办). 挂牌督办 (listed) and 重点关注
(key attention, for typical petition cases) mark the items followed most closely.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, Forbidden, ValidationError
from graph.model import views
from graph.model.enums import (
    ActionKind,
    ActionStatus,
    AgencyKind,
    NodeKind,
    RegionLevel,
    RelType,
    SupervisionStatus,
    Workstream,
)
from graph.model.lifecycle import CASE_SUPERVISION
from graph.model.records import Node
from graph.store import AnyOf, Direction, GraphStore, Neighbour, Op, Where
from workflows import rules
from workflows.access import Access, Permission
from workflows.bodies import ESCALATED, LEAD, guide_of, require_commission
from workflows.changes import Change, check_version
from workflows.days import Alert, alert, day
from workflows.days import overdue as is_overdue
from workflows.duties import check_move
from workflows.reading import every, in_region, linked, require
from workflows.usecase import use_case

SUPERVISED = (ActionKind.CASE_SUPERVISION.name, ActionKind.CASE_COORDINATION.name)
FINISHED = frozenset({SupervisionStatus.CLOSED.name, SupervisionStatus.PUBLISHED.name})
OPEN = tuple(s.name for s in SupervisionStatus if s.name not in FINISHED)


@dataclass(frozen=True)
class SupervisionItem:
    """A supervised case: the action, its case, the unit it is assigned to, its deadline."""

    action: Node
    case_id: str | None
    assignee_id: str | None
    alert: Alert | None


def require_supervised(store: GraphStore, action_id: str, field: str = "action_id") -> Node:
    """A case supervision or coordination, with or without its lifecycle."""
    action = require(store, action_id, NodeKind.SupervisionAction, field)
    if views.SupervisionAction(action).kind not in SUPERVISED:
        raise ValidationError(FieldError(field, f"'{action_id}' is not a case supervision"))
    return action


def require_supervision(store: GraphStore, action_id: str, field: str = "action_id") -> Node:
    """A case supervision or coordination that follows the 督办 lifecycle."""
    action = require_supervised(store, action_id, field)
    if views.SupervisionAction(action).supervision_status is None:
        raise ValidationError(FieldError(field, f"'{action_id}' has no supervision lifecycle"))
    return action


def future_deadline(value: str, today: str, field: str = "deadline") -> str:
    deadline = day(value, field)
    if deadline <= today:
        raise ValidationError(FieldError(field, f"{deadline} is not after today ({today})"))
    return deadline


def items(
    store: GraphStore, actions: Sequence[Node], today: str, warn_days: int
) -> list[SupervisionItem]:
    """The items of these actions, their case and assignee read in one query."""
    found = linked(
        store, [a.id for a in actions], [RelType.TARGETS, RelType.ASSIGNED_TO], Direction.OUT
    )
    out = []
    for action in actions:
        near = found.get(action.id, [])
        case = next((n.node.id for n in near if n.node.kind is NodeKind.Case), None)
        unit = next((n.node.id for n in near if n.rel.type is RelType.ASSIGNED_TO), None)
        out.append(SupervisionItem(action, case, unit, supervision_alert(action, today, warn_days)))
    return out


def supervision_alert(action: Node, today: str, warn_days: int) -> Alert | None:
    """The alert of an open item's deadline on ``today``."""
    read = views.SupervisionAction(action)
    if read.supervision_status in FINISHED or read.deadline is None:
        return None
    return alert(read.deadline, today, warn_days)


def draft_supervision(
    change: Change,
    *,
    case: Node,
    lead: Node,
    today: str,
    deadline: str,
    kind: ActionKind,
    title: str | None,
    listed: bool,
    reasons: Sequence[str] = (),
    part_of: str | None = None,
    approved_by: str | None = None,
) -> Node:
    """立项: a proposed supervision of ``case`` led by the commission ``lead``; approved at once
    when ``approved_by`` is given (a batch decided as a whole)."""
    commission = views.Agency(lead)
    action = change.create(
        NodeKind.SupervisionAction,
        {
            "title": title or f"{views.Case(case).case_number}{kind.label}",
            "kind": kind.name,
            "status": ActionStatus.PLANNED.name,
            "supervision_status": CASE_SUPERVISION.initial.name,
            "region_code": commission.region_code,
            "level": commission.level,
            "started_on": today,
            "deadline": deadline,
            "listed": listed,
            "selection_reasons": list(reasons),
            "approved_by": approved_by,
            "approved_on": today if approved_by else None,
        },
    )
    change.link(RelType.TARGETS, action.id, case.id)
    change.link(RelType.CONDUCTED_BY, action.id, lead.id, {"role": LEAD})
    if part_of is not None:
        change.link(RelType.PART_OF, action.id, part_of)
    return action


# 审慎开展案件督办协调: the case flags that make a case 重大、敏感、复杂、疑难 by themselves, and
# how a selection reason names them; any other case needs a reason given.
FLAG_REASONS = {
    "major_sensitive": "重大敏感",
    "gang_related": "涉黑涉恶",
    "cross_region": "川渝跨区域",
    "petition_related": "涉法涉诉信访",
    "private_enterprise": "涉民营企业",
}


def check_prudent(lead: Node, case: Node, reasons: Sequence[str]) -> list[str]:
    """审慎: only a provincial or city commission (rules.SUPERVISING_LEVELS) supervises or
    coordinates a case, only a case in its own region, and only a major, sensitive, complex
    or difficult one: a case flagged so, or one for which a reason is given. The selection
    reasons to record."""
    commission = views.Agency(lead)
    if commission.level not in rules.SUPERVISING_LEVELS:
        raise ValidationError(
            FieldError(
                "lead_agency_id",
                f"a {RegionLevel[commission.level].label} commission does not open 督办 or "
                "协调; it asks the commission above",
            )
        )
    code = views.Case(case).region_code
    prefix = (
        commission.region_code[:2]
        if commission.region_code.endswith("0000")
        else (commission.region_code[:4])
    )
    if not code.startswith(prefix):
        raise ValidationError(
            FieldError("case_id", f"'{case.id}' lies outside {commission.name}'s region")
        )
    given = [r.strip() for r in reasons if r.strip()]
    flagged = [label for flag, label in FLAG_REASONS.items() if case.props.get(flag)]
    if not flagged and not given:
        raise ValidationError(
            FieldError(
                "reasons",
                "the case is not flagged major, sensitive, cross-region, petition-related or "
                "private-enterprise: say why it is complex or difficult enough to supervise",
            )
        )
    return flagged + given


@use_case(Permission.WRITE, owns=["case_id", "lead_agency_id"])
def open_supervision(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    case_id: str,
    lead_agency_id: str,
    deadline: str,
    kind: ActionKind = ActionKind.CASE_SUPERVISION,
    title: str | None = None,
    listed: bool = False,
    reasons: Sequence[str] = (),
    warn_days: int = rules.WARN_DAYS[NodeKind.SupervisionAction],
) -> SupervisionItem:
    """立项: propose supervising (or coordinating) a case, led by a commission; another person
    approves the proposal by assigning it (交办, ``check_approved``)."""
    if kind.name not in SUPERVISED:
        raise ValidationError(FieldError("kind", f"{kind.name} is not supervision or coordination"))
    case = require(store, case_id, NodeKind.Case, "case_id")
    lead = require(store, lead_agency_id, NodeKind.Agency, "lead_agency_id")
    require_commission(lead, "lead_agency_id")
    chosen = check_prudent(lead, case, reasons)
    # Only actions target a case (the model's TARGETS).
    near = linked(store, [case.id], [RelType.TARGETS], Direction.IN).get(case.id, [])
    running = [
        a.id
        for a in (views.SupervisionAction(n.node) for n in near)
        if a.kind == kind.name and a.supervision_status in OPEN
    ]
    if running:
        raise ValidationError(FieldError("case_id", f"already under {kind.label}: {running[0]}"))
    change = Change(actor)
    action = draft_supervision(
        change,
        case=case,
        lead=lead,
        today=today,
        deadline=future_deadline(deadline, today),
        kind=kind,
        title=title,
        listed=listed,
        reasons=chosen,
    )
    change.commit(store)
    return SupervisionItem(action, case.id, None, supervision_alert(action, today, warn_days))


def proposer(store: GraphStore, action: Node) -> str | None:
    """Who proposed a supervision item, from the audit trail."""
    entries = store.audit_entries(target=action.id)
    return next((e.record.actor for e in entries if e.record.operation == "create"), None)


def check_approved(store: GraphStore, node: Node, move: str, actor: str) -> dict[str, str]:
    """审批: 交办 of a proposed supervision item is its approval, and is made by someone other
    than who proposed it (a batch's items come approved: workflows.petitioning.enterprise).
    Every way of moving asks this rule; the fields that record the approval."""
    if (
        node.kind is not NodeKind.SupervisionAction
        or move.lower() != "assign"
        or node.props.get("supervision_status") != SupervisionStatus.PROPOSED.name
        or node.props.get("approved_on")
    ):
        return {}
    if proposer(store, node) == actor:
        raise Forbidden(
            f"'{actor}' proposed '{node.id}': another person approves it by assigning it (交办)"
        )
    return {"approved_by": actor}


# 交办 hands the item to a unit that must itself lie in the caller's jurisdiction.
@use_case(Permission.TRANSITION, owns=["action_id", "assignee_id"])
def move_supervision(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    access: Access | None = None,
    action_id: str,
    version: int,
    move: str,
    assignee_id: str | None = None,
    deadline: str | None = None,
    note: str | None = None,
    warn_days: int = rules.WARN_DAYS[NodeKind.SupervisionAction],
) -> SupervisionItem:
    """One step of the lifecycle; 交办 names the unit, 退回重办 may set a new deadline. The
    unit reports, the supervising body closes (workflows.duties)."""
    old = require_supervision(store, action_id)
    check_version(old, version)
    check_move(store, access, old, move)
    state = SupervisionStatus[str(views.SupervisionAction(old).supervision_status)]
    new_state = CASE_SUPERVISION.apply(state, move)
    approval = check_approved(store, old, move, actor)
    if (assignee_id is None) == (move == "assign"):
        reason = "required to assign" if assignee_id is None else "only given to assign"
        raise ValidationError(FieldError("assignee_id", reason))
    if deadline is not None and move not in ("assign", "return"):
        raise ValidationError(FieldError("deadline", "only set when assigning or returning"))
    changes: dict[str, object] = {"supervision_status": new_state.name}
    if approval:
        changes |= {**approval, "approved_on": today}
    if deadline is not None:
        changes["deadline"] = future_deadline(deadline, today)
    if move == "assign":
        changes["status"] = ActionStatus.ONGOING.name
    if move == "close":
        _require_workstreams_done(store, old)
        changes |= {"status": ActionStatus.COMPLETED.name, "ended_on": today}
    change = Change(actor, note)
    action = change.update(old, changes, operation=f"transition:{move}")
    if assignee_id is not None:
        unit = require(store, assignee_id, NodeKind.Agency, "assignee_id")
        change.link(RelType.ASSIGNED_TO, action.id, unit.id)
    change.commit(store)
    return items(store, [action], today, warn_days)[0]


def _require_workstreams_done(store: GraphStore, action: Node) -> None:
    # Only actions are PART_OF an action (the model's PART_OF).
    parts = linked(store, [action.id], [RelType.PART_OF], Direction.IN).get(action.id, [])
    open_streams = [
        Workstream[str(part.workstream)].label
        for part in (views.SupervisionAction(n.node) for n in parts)
        if part.kind == ActionKind.WORKSTREAM.name and part.status != ActionStatus.COMPLETED.name
    ]
    if open_streams:
        raise ValidationError(
            FieldError("move", f"三同步 workstreams not completed: {'、'.join(open_streams)}")
        )


@use_case(Permission.WRITE, owns=["action_id"])
def set_attention(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    action_id: str,
    version: int,
    listed: bool | None = None,
    key_attention: bool | None = None,
    warn_days: int = rules.WARN_DAYS[NodeKind.SupervisionAction],
) -> SupervisionItem:
    """挂牌督办 and 重点关注; key attention is for cases that petitions are about."""
    old = require_supervision(store, action_id)
    check_version(old, version)
    if key_attention:
        cases = linked(store, [old.id], [RelType.TARGETS], Direction.OUT, [NodeKind.Case])
        if not any(views.Case(n.node).petition_related for n in cases.get(old.id, [])):
            raise ValidationError(
                FieldError("key_attention", "only a petition-related case (涉法涉诉信访) qualifies")
            )
    changes = {
        name: value
        for name, value in (("listed", listed), ("key_attention", key_attention))
        if value is not None
    }
    change = Change(actor)
    action = change.update(old, changes)
    change.commit(store)
    return items(store, [action], today, warn_days)[0]


def open_items(store: GraphStore, extra: Sequence[Where | AnyOf], region: str | None) -> list[Node]:
    where = [
        Where("kind", Op.IN, list(SUPERVISED)),
        Where("supervision_status", Op.IN, list(OPEN)),
        *in_region(region),
        *extra,
    ]
    return list(every(store, NodeKind.SupervisionAction, where, order_by="deadline"))


@use_case(scoped=True)
def attention_list(
    *,
    store: GraphStore,
    today: str,
    region: str | None = None,
    warn_days: int = rules.WARN_DAYS[NodeKind.SupervisionAction],
) -> list[SupervisionItem]:
    """Open items listed (挂牌督办) or under key attention (重点关注), listed first, by deadline."""
    marked = AnyOf((Where("listed", Op.EQ, True), Where("key_attention", Op.EQ, True)))
    found = open_items(store, [marked], region)
    found.sort(key=_listed_first)
    return items(store, found, today, warn_days)


def _listed_first(action: Node) -> tuple[bool, str, str]:
    read = views.SupervisionAction(action)
    return not read.listed, read.deadline or "~", action.id


def _lead(conductors: list[Neighbour]) -> Node | None:
    """The leading commission: the one recorded as 牵头, else the first commission."""
    commissions = [n for n in conductors if views.Agency(n.node).kind == AgencyKind.COMMISSION.name]
    named = [n for n in commissions if views.ConductedBy(n.rel).role == LEAD]
    chosen = named or commissions
    return chosen[0].node if chosen else None


@use_case(Permission.TRANSITION, scoped=True)
def escalate_overdue(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    region: str | None = None,
    warn_days: int = rules.WARN_DAYS[NodeKind.SupervisionAction],
) -> list[SupervisionItem]:
    """逾期提级: the commission one level up joins every overdue item not escalated yet, found
    along the 条 (the commission that GUIDES the lead), by region where the graph has no link."""
    overdue = [
        a
        for a in open_items(store, [Where("deadline", Op.LTE, today)], region)
        if is_overdue(str(views.SupervisionAction(a).deadline), today)
        and views.SupervisionAction(a).escalated_on is None
    ]
    leads = linked(store, [a.id for a in overdue], [RelType.CONDUCTED_BY], Direction.OUT)
    change = Change(actor)
    escalated = []
    for action in overdue:
        conductors = leads.get(action.id, [])
        lead = _lead(conductors)
        # 条: the commission that guides the lead (GUIDES), else the one above by region.
        above = None if lead is None else guide_of(store, lead, today)
        if above is None or any(n.node.id == above.id for n in conductors):
            continue
        escalated.append(
            change.update(
                action,
                {"escalated_on": today, "level": views.Agency(above).level},
                operation="escalate",
            )
        )
        change.link(RelType.CONDUCTED_BY, action.id, above.id, {"role": ESCALATED})
    if escalated:
        change.commit(store)
    return items(store, escalated, today, warn_days)
