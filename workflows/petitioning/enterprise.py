"""The yearly private-enterprise batch (涉民营企业案件专项督办): cases involving private
enterprises selected by rules, each with the reasons it was selected, then supervised
together as one batch whose items are PART_OF it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import ActionKind, ActionStatus, InterventionClass, NodeKind, RelType
from graph.model.records import Node
from graph.store import AnyOf, Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Permission
from workflows.bodies import LEAD, require_commission
from workflows.changes import Change
from workflows.days import between, shortest
from workflows.reading import every, in_region, linked, require
from workflows.supervision.cases import (
    OPEN,
    SUPERVISED,
    SupervisionItem,
    draft_supervision,
    future_deadline,
    supervision_alert,
)
from workflows.usecase import use_case

FLAG = "private_enterprise"


@dataclass(frozen=True)
class BatchCandidate:
    case: Node
    reasons: list[str]


@dataclass(frozen=True)
class EnterpriseBatch:
    batch: Node
    items: list[SupervisionItem]


@use_case(scoped=True)
def select_private_enterprise_cases(
    *,
    store: GraphStore,
    today: str,
    year: int,
    region: str | None = None,
    long_pending_days: int = rules.LONG_PENDING_DAYS,
) -> list[BatchCandidate]:
    """Private-enterprise cases open in ``year``, not yet supervised, that a rule selects."""
    start, end = f"{year:04d}-01-01", f"{year:04d}-12-31"
    where = [
        Where(FLAG, Op.EQ, True),
        Where("filed_on", Op.LTE, end + "~"),
        AnyOf((Where("closed_on", Op.EQ, None), Where("closed_on", Op.GTE, start))),
        *in_region(region),
    ]
    cases = list(every(store, NodeKind.Case, where))
    near = linked(
        store,
        [c.id for c in cases],
        [RelType.CONCERNS, RelType.RECORDS, RelType.TARGETS],
        Direction.IN,
    )
    out = []
    for case in cases:
        found = [n.node for n in near.get(case.id, [])]
        if any(_supervising(n) for n in found):
            continue
        reasons = _reasons(case, found, min(today, end), long_pending_days)
        if reasons:
            out.append(BatchCandidate(case, reasons))
    return sorted(out, key=lambda c: (-len(c.reasons), str(views.Case(c.case).filed_on), c.case.id))


def _supervising(node: Node) -> bool:
    if node.kind is not NodeKind.SupervisionAction:
        return False
    action = views.SupervisionAction(node)
    return action.kind in SUPERVISED and action.supervision_status in OPEN


def _reasons(case: Node, near: Sequence[Node], on: str, long_pending: int) -> list[str]:
    read = views.Case(case)
    flagged = (
        (read.major_sensitive, "重大敏感"),
        (read.gang_related, "涉黑涉恶"),
        (read.cross_region, "川渝跨区域"),
    )
    reasons = [label for flag, label in flagged if flag]
    petitions = sum(1 for n in near if n.kind is NodeKind.Complaint)
    if petitions:
        reasons.append(f"涉法涉诉信访{petitions}件")
    improper = InterventionClass.IMPROPER.name
    if any(
        n.kind is NodeKind.InterventionRecord
        and views.InterventionRecord(n).classification == improper
        for n in near
    ):
        reasons.append("存在违规过问")
    findings = sum(1 for n in near if n.kind is NodeKind.Finding)
    if findings:
        reasons.append(f"监督发现问题{findings}个")
    filed = read.filed_on
    if not read.closed_on and filed is not None and filed <= on:
        pending = shortest(filed, on)  # a month as written: pending since its last day
        if pending > long_pending:
            reasons.append(f"久拖未结(已{pending}天)")
    return reasons


@use_case(Permission.WRITE, owns=["lead_agency_id", "case_ids"])
def open_private_enterprise_batch(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    year: int,
    lead_agency_id: str,
    deadline: str,
    case_ids: Sequence[str],
    warn_days: int = rules.WARN_DAYS[NodeKind.SupervisionAction],
) -> EnterpriseBatch:
    """The year's batch: one supervision per selected case, each with its reasons."""
    lead = require(store, lead_agency_id, NodeKind.Agency, "lead_agency_id")
    require_commission(lead, "lead_agency_id")
    due = future_deadline(deadline, today)
    if not case_ids:
        raise ValidationError(FieldError("case_ids", "required"))
    region = views.Agency(lead).region_code
    existing = store.list_nodes(
        NodeKind.SupervisionAction,
        [
            Where("kind", Op.EQ, ActionKind.CASE_SUPERVISION.name),
            Where("scope_flags", Op.HAS, FLAG),
            Where("period_from", Op.EQ, f"{year:04d}-01-01"),
            Where("region_code", Op.EQ, region),
        ],
    )
    if existing.total:
        raise ValidationError(FieldError("year", f"{year} already has a batch here"))
    selected = {
        c.case.id: c
        for c in select_private_enterprise_cases(store=store, today=today, year=year, region=region)
    }
    errors = [
        FieldError(f"case_ids.{cid}", "not selected by the rules (or already supervised)")
        for cid in case_ids
        if cid not in selected
    ]
    if errors:
        raise ValidationError(errors)
    change = Change(actor)
    batch = change.create(
        NodeKind.SupervisionAction,
        {
            "title": f"{year}年度涉民营企业案件专项督办",
            "kind": ActionKind.CASE_SUPERVISION.name,
            "status": ActionStatus.ONGOING.name,
            "region_code": region,
            "level": views.Agency(lead).level,
            "started_on": today,
            "scope_flags": [FLAG],
            "period_from": f"{year:04d}-01-01",
            "period_to": f"{year:04d}-12-31",
        },
    )
    change.link(RelType.CONDUCTED_BY, batch.id, lead.id, {"role": LEAD})
    items = []
    for cid in dict.fromkeys(case_ids):
        candidate = selected[cid]
        action = draft_supervision(
            change,
            case=candidate.case,
            lead=lead,
            today=today,
            deadline=due,
            kind=ActionKind.CASE_SUPERVISION,
            title=None,
            listed=False,
            reasons=candidate.reasons,
            part_of=batch.id,
            # The year's batch is decided as a whole (专项督办): its items need no approval each.
            approved_by=actor,
        )
        items.append(
            SupervisionItem(action, cid, None, supervision_alert(action, today, warn_days))
        )
    change.commit(store)
    return EnterpriseBatch(batch, items)


# 绿色通道: a private-enterprise case taken into the fast lane is handled to its end within
# rules.GREEN_CHANNEL_DAYS of entering it; the ones that are not are listed.


@use_case(Permission.WRITE, owns=["case_id"])
def open_green_channel(
    *, store: GraphStore, actor: str, today: str, case_id: str, reason: str
) -> Node:
    """绿色通道: take a private-enterprise case still open into the fast lane, once, saying why
    (an enterprise's operation at stake, a time-critical remedy)."""
    case = require(store, case_id, NodeKind.Case, "case_id")
    c = views.Case(case)
    if not case.props.get(FLAG):
        raise ValidationError(FieldError("case_id", f"'{case.id}' involves no private enterprise"))
    if c.closed_on:
        raise ValidationError(FieldError("case_id", f"'{case.id}' is already closed"))
    if case.props.get("green_channel_on"):
        raise ValidationError(FieldError("case_id", f"'{case.id}' is already in the green channel"))
    if len(reason.strip()) < rules.MIN_HANDLING_CHARS:
        raise ValidationError(
            FieldError("reason", f"say why, in at least {rules.MIN_HANDLING_CHARS} characters")
        )
    change = Change(actor)
    node = change.update(
        case,
        {"green_channel_on": today, "green_channel_reason": reason.strip()},
        operation="green_channel",
    )
    change.commit(store)
    return node


@dataclass(frozen=True)
class GreenChannelCase:
    case: Node
    days: int  # in the channel until closed, or until today
    late: bool


@use_case(scoped=True)
def green_channel(
    *,
    store: GraphStore,
    today: str,
    region: str | None = None,
    late_only: bool = False,
    limit_days: int = rules.GREEN_CHANNEL_DAYS,
) -> list[GreenChannelCase]:
    """The cases in the green channel of the caller's jurisdiction: days in it (until closed,
    or today), and whether they passed ``limit_days``; the late ones first."""
    found = [
        c
        for c in every(
            store, NodeKind.Case, [Where("green_channel_on", Op.LTE, today), *in_region(region)]
        )
        if c.props.get("green_channel_on")
    ]
    out = []
    for c in found:
        start = str(c.props["green_channel_on"])
        end = str(c.props.get("closed_on") or today)[:10]
        days = between(start, max(end, start))
        late = days > limit_days
        if late or not late_only:
            out.append(GreenChannelCase(c, days, late))
    return sorted(out, key=lambda g: (not g.late, -g.days, g.case.id))
