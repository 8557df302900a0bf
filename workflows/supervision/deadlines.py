"""Deadlines and alerts: rectifications, case supervision items and petitions in their warning
period (预警) or past their limit (逾期); which entered either state between two days; and a
polling feed for the GraphQL subscription.

The feed is stateless on the server: a client holds an ``AlertCursor`` (the last day
evaluated and the last audit entry seen) and each poll returns what changed since — items
whose deadline crossed a threshold as the days passed, and items whose own change (a new
deadline, a return, a closure) moved them into or out of an alert.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from graph.store import Condition, Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Access
from workflows.days import Alert, alert, between, day, due_day, shift
from workflows.days import overdue as is_overdue
from workflows.joint.findings import FINISHED as RECTIFIED
from workflows.joint.findings import OPEN as OPEN_RECTIFICATIONS
from workflows.petitioning.petitions import IN_HAND, WAITING, limits
from workflows.reading import every, in_region, linked, within
from workflows.supervision.cases import OPEN as OPEN_SUPERVISION
from workflows.supervision.cases import SUPERVISED
from workflows.usecase import use_case

WATCHED = (NodeKind.Rectification, NodeKind.SupervisionAction, NodeKind.Complaint)
WarnDays = Mapping[NodeKind, int]


@dataclass(frozen=True)
class DeadlineEntry:
    """An item and its deadline on a day; ``alert`` None means it left its alert."""

    kind: NodeKind
    node: Node
    due: str | None
    alert: Alert | None
    days_left: int | None
    responsible_ids: list[str]


@dataclass(frozen=True)
class AlertCursor:
    day: str
    audit_seq: int


@dataclass(frozen=True)
class AlertPoll:
    entries: list[DeadlineEntry]
    cursor: AlertCursor


@dataclass(frozen=True)
class OverdueUnit:
    """A unit with several overdue rectifications, and what they came from."""

    agency: Node
    rectification_ids: list[str]
    finding_ids: list[str]
    action_ids: list[str]
    accountability_ids: list[str]


def due_of(node: Node) -> str | None:
    """The deadline that runs for an open item (None when it is finished or has none)."""
    if node.kind is NodeKind.Rectification:
        rectification = views.Rectification(node)
        return None if rectification.status in RECTIFIED else due_day(rectification.deadline)
    if node.kind is NodeKind.SupervisionAction:
        action = views.SupervisionAction(node)
        if action.kind in SUPERVISED and action.supervision_status in OPEN_SUPERVISION:
            return due_day(action.deadline) if action.deadline else None
        return None
    if node.kind is NodeKind.Complaint:
        return limits(node)[2]
    return None


def alert_of(node: Node, today: str, warn_days: WarnDays) -> Alert | None:
    due = due_of(node)
    return None if due is None else alert(due, today, warn_days[node.kind])


def _range(field: str, low: str | None, high: str) -> list[Condition]:
    # A superset, on the strings as stored: a month or year as written ("2025-04") sorts
    # before the days it covers, so the lower bound is the year of ``low``; the caller
    # places each candidate exactly by the day it falls due.
    upper: list[Condition] = [Where(field, Op.LTE, high + "~")]
    return upper if low is None else [Where(field, Op.GTE, low[:4]), *upper]


def _candidates(
    store: GraphStore, low: str | None, high: str, region: str | None
) -> Iterable[Node]:
    """Open items whose deadline may fall within [low, high] (a superset for petitions)."""
    area = in_region(region)
    rectifications = [Where("status", Op.IN, list(OPEN_RECTIFICATIONS)), *area]
    yield from every(store, NodeKind.Rectification, rectifications + _range("deadline", low, high))
    supervised = [Where("kind", Op.IN, list(SUPERVISED)), *area]
    for action in every(
        store, NodeKind.SupervisionAction, supervised + _range("deadline", low, high)
    ):
        if views.SupervisionAction(action).supervision_status in OPEN_SUPERVISION:
            yield action
    longest = rules.FINISH_DAYS + rules.EXTENSION_DAYS
    for states, field, earliest, latest in (
        (WAITING, "received_on", rules.ACCEPT_DAYS, rules.ACCEPT_DAYS),
        (IN_HAND, "accepted_on", longest, rules.FINISH_DAYS),
    ):
        start = None if low is None else shift(low, -earliest)
        where = [Where("status", Op.IN, sorted(states)), *area]
        yield from every(
            store, NodeKind.Complaint, where + _range(field, start, shift(high, -latest))
        )


def _entries(
    store: GraphStore, nodes: Sequence[Node], today: str, warn_days: WarnDays
) -> list[DeadlineEntry]:
    units = linked(store, [n.id for n in nodes], [RelType.ASSIGNED_TO], Direction.OUT)
    out = []
    for node in nodes:
        due = due_of(node)
        out.append(
            DeadlineEntry(
                node.kind,
                node,
                due,
                None if due is None else alert(due, today, warn_days[node.kind]),
                None if due is None else between(today, due),
                [n.node.id for n in units.get(node.id, [])],
            )
        )
    return sorted(out, key=lambda e: (e.due or "~", e.kind.name, e.node.id))


@use_case(scoped=True)
def deadline_entries(
    *,
    store: GraphStore,
    today: str,
    region: str | None = None,
    warn_days: WarnDays = rules.WARN_DAYS,
) -> list[DeadlineEntry]:
    """Every open item in its warning period or overdue on ``today``, soonest due first."""
    today = day(today, "today")
    horizon = shift(today, max(warn_days.values()))
    found = [n for n in _candidates(store, None, horizon, region) if alert_of(n, today, warn_days)]
    return _entries(store, found, today, warn_days)


@use_case()
def my_work(
    *,
    store: GraphStore,
    access: Access,
    today: str,
    warn_days: WarnDays = rules.WARN_DAYS,
) -> list[DeadlineEntry]:
    """What is assigned to the caller's agency (the token's) and still open: rectifications,
    case supervision items and petitions, each with its deadline and alert, soonest first."""
    agency = access.principal.agency
    if agency is None:
        raise ValidationError(
            FieldError("agency", "the token names no agency (jiandu token create --agency ID)")
        )
    today = day(today, "today")
    assigned = linked(store, [agency], [RelType.ASSIGNED_TO], Direction.IN).get(agency, [])
    open_items = [n.node for n in assigned if _still_open(n.node) and access.can_see(n.node)]
    return _entries(store, [access.present(n) for n in open_items], today, warn_days)


def _still_open(node: Node) -> bool:
    if node.kind is NodeKind.Complaint:
        return views.Complaint(node).status in WAITING | IN_HAND
    if node.kind is NodeKind.SupervisionAction:
        return views.SupervisionAction(node).supervision_status in OPEN_SUPERVISION
    return node.kind is NodeKind.Rectification and due_of(node) is not None


def entered_between(
    *,
    store: GraphStore,
    since: str,
    until: str,
    region: str | None = None,
    warn_days: WarnDays = rules.WARN_DAYS,
) -> list[DeadlineEntry]:
    """Items that entered warning or overdue after ``since`` and by ``until``, as on ``until``."""
    since, until = day(since, "since"), day(until, "until")
    horizon = shift(until, max(warn_days.values()))
    entered = []
    for node in _candidates(store, since, horizon, region):
        due = due_of(node)
        if due is None:
            continue
        overdue_from = shift(due, 1)
        warning_from = shift(due, -warn_days[node.kind])
        if since < overdue_from <= until or (
            since < warning_from <= until and alert(due, until, warn_days[node.kind])
        ):
            entered.append(node)
    return _entries(store, entered, until, warn_days)


@use_case(scoped=True)
def poll_alerts(
    *,
    store: GraphStore,
    today: str,
    cursor: AlertCursor | None = None,
    region: str | None = None,
    warn_days: WarnDays = rules.WARN_DAYS,
) -> AlertPoll:
    """What a subscriber should hear since ``cursor`` (everything alerting, on the first poll)."""
    today = day(today, "today")
    head = store.audit_head()[0]
    if cursor is None:
        entries = deadline_entries(store=store, today=today, region=region, warn_days=warn_days)
        return AlertPoll(entries, AlertCursor(today, head))
    crossed = entered_between(
        store=store, since=cursor.day, until=today, region=region, warn_days=warn_days
    )
    seen = {e.node.id for e in crossed}
    before = _changed_since(store, cursor.audit_seq)
    current = store.get_nodes([i for i in before if i not in seen])
    moved = [
        node
        for node_id, node in current.items()
        if (region is None or within(node, region))
        and alert_of(node, today, warn_days)
        != _previous_alert(before[node_id], cursor.day, warn_days)
    ]
    entries = crossed + _entries(store, moved, today, warn_days)
    return AlertPoll(entries, AlertCursor(max(today, cursor.day), head))


def _changed_since(store: GraphStore, seq: int) -> dict[str, Node | None]:
    """The watched nodes changed after audit entry ``seq``, as they were before (None: new)."""
    before: dict[str, Node | None] = {}
    after = seq
    while True:
        chunk = store.audit_entries(after_seq=after, limit=10_000)
        for entry in chunk:
            snap = entry.record.after or entry.record.before
            if snap is None or "kind" not in snap or NodeKind[snap["kind"]] not in WATCHED:
                continue
            if entry.record.target not in before:
                old = entry.record.before
                before[entry.record.target] = (
                    None
                    if old is None
                    else Node(
                        NodeKind[old["kind"]], entry.record.target, old["props"], old["version"]
                    )
                )
        if len(chunk) < 10_000:
            return before
        after = chunk[-1].seq


def _previous_alert(node: Node | None, on: str, warn_days: WarnDays) -> Alert | None:
    return None if node is None else alert_of(node, on, warn_days)


@use_case(scoped=True)
def overdue_units(
    *,
    store: GraphStore,
    today: str,
    region: str | None = None,
    least: int = rules.OVERDUE_RECTIFICATIONS,
) -> list[OverdueUnit]:
    """Units with ``least`` or more overdue rectifications, and the findings behind them."""
    where: list[Condition] = [
        Where("status", Op.IN, list(OPEN_RECTIFICATIONS)),
        Where("deadline", Op.LTE, shift(day(today, "today"), -1) + "~"),
        *in_region(region),
    ]
    overdue = {
        r.id: r
        for r in every(store, NodeKind.Rectification, where)
        if is_overdue(views.Rectification(r).deadline, today)
    }
    units = linked(store, overdue, [RelType.ASSIGNED_TO], Direction.OUT)
    by_unit: dict[str, list[str]] = defaultdict(list)
    agencies: dict[str, Node] = {}
    for rid, ns in units.items():
        for n in ns:
            by_unit[n.node.id].append(rid)
            agencies[n.node.id] = n.node
    heavy = {u: rs for u, rs in by_unit.items() if len(rs) >= least}
    findings = linked(
        store, [r for rs in heavy.values() for r in rs], [RelType.REQUIRES], Direction.IN
    )
    finding_of = {r: ns[0].node.id for r, ns in findings.items() if ns}
    behind = linked(store, finding_of.values(), [RelType.FOUND, RelType.LED_TO], Direction.BOTH)
    out = []
    for unit, rects in heavy.items():
        fids = sorted({finding_of[r] for r in rects if r in finding_of})
        near = [n for f in fids for n in behind.get(f, [])]
        out.append(
            OverdueUnit(
                agencies[unit],
                sorted(rects),
                fids,
                sorted({n.node.id for n in near if n.rel.type is RelType.FOUND}),
                sorted({n.node.id for n in near if n.rel.type is RelType.LED_TO}),
            )
        )
    return sorted(out, key=lambda u: (-len(u.rectification_ids), u.agency.id))
