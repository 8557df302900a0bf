"""Oversight over the findings as a whole, and the rhythm of the joint work:

- 宏观抓共性,微观抓典型 (``common_problems``): findings rolled up by unit, region or period and
  category; a category is common when it is found at ``rules.COMMON_UNITS`` units or more, and
  each category names its typical findings (微观抓典型: the gravest, then the latest);
- 对突出问题单位开展执法检查、执法巡查 (``inspection_plan``, ``adopt_inspection_plan``): the
  year's focus units, chosen by a documented rule over the year before: a unit is a focus when
  its findings weigh ``rules.FOCUS_WEIGHT`` or more (一般 1, 较重 2, 严重 3) or it let
  ``rules.FOCUS_OVERDUE`` rectifications pass their deadline unfinished; adopting the plan
  opens one planned inspection (执法检查) of each focus unit, led by the commission;
- 定期召开联席会议 (``meeting_schedule``): a commission holds a law-enforcement supervision joint
  meeting at least every ``rules.SUPERVISION_MEETING_DAYS`` days, and Sichuan and Chongqing a
  cooperation joint meeting at least every ``rules.COOPERATION_MEETING_DAYS``; a meeting not
  held by its due day is missed, and listed until one is held.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import (
    ActionKind,
    ActionStatus,
    AgencyKind,
    MeetingKind,
    NodeKind,
    RelType,
    Severity,
)
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from workflows import rules
from workflows.access import Permission
from workflows.bodies import LEAD, require_commission
from workflows.changes import Change
from workflows.days import between, first_day, last_day, shift
from workflows.joint.findings import FINISHED
from workflows.joint.recurrence import units_of, units_where
from workflows.reading import every, in_period, in_region, linked, require, within
from workflows.usecase import use_case

WEIGHTS = {Severity.MINOR.name: 1, Severity.SERIOUS.name: 2, Severity.GRAVE.name: 3}
GROUPINGS = ("UNIT", "REGION", "PERIOD")
# The fields of a finding the roll-up reads (``common_problems``).
ROLLED_UP = ("category", "found_on", "region_code", "severity")


@dataclass(frozen=True)
class ProblemCount:
    group: str  # a unit's id, a city's region code, or a quarter ("2024Q2")
    category: str
    findings: int


@dataclass(frozen=True)
class CommonProblem:
    category: str
    findings: int
    units: int
    common: bool
    typical_ids: list[str]


@dataclass(frozen=True)
class ProblemRollUp:
    by: str
    counts: list[ProblemCount]
    categories: list[CommonProblem]


def _group(by: str, finding: Node, unit: str) -> str:
    if by == "UNIT":
        return unit
    on = str(finding.props["found_on"])
    if by == "PERIOD":
        month = int(on[5:7]) if len(on) >= 7 else 1
        return f"{on[:4]}Q{(month - 1) // 3 + 1}"
    code = str(finding.props["region_code"])
    return code if code.endswith("0000") else code[:4] + "00"


@use_case(scoped=True)
def common_problems(
    *,
    store: GraphStore,
    region: str | None = None,
    by: str = "UNIT",
    since: str | None = None,
    until: str | None = None,
    common_units: int = rules.COMMON_UNITS,
    typical: int = 3,
) -> ProblemRollUp:
    """The findings in [since, until] counted by ``by`` (UNIT, REGION: the city, PERIOD: the
    quarter) and category; each category with its units, whether it is common, and its
    typical findings."""
    if by not in GROUPINGS:
        raise ValidationError(FieldError("by", f"'{by}' is not one of {', '.join(GROUPINGS)}"))
    if not 1 <= typical <= 20:
        raise ValidationError(FieldError("typical", "must be 1 to 20"))
    # Only the fields the roll-up reads travel, and the units as ids (``units_where``).
    where = [*in_region(region), *in_period("found_on", since, until)]
    found = store.node_outlines(NodeKind.Finding, where, ROLLED_UP)
    units = units_where(store, where)
    counts: dict[tuple[str, str], set[str]] = defaultdict(set)
    per_category: dict[str, list[Node]] = defaultdict(list)
    category_units: dict[str, set[str]] = defaultdict(set)
    for f in found:
        category = str(f.props["category"])
        unit_ids = units.get(f.id, set())
        per_category[category].append(f)
        category_units[category].update(unit_ids)
        groups = {_group(by, f, u) for u in unit_ids} if by == "UNIT" else {_group(by, f, "")}
        for g in groups:
            counts[(g, category)].add(f.id)
    rows = sorted(
        (ProblemCount(g, c, len(ids)) for (g, c), ids in counts.items()),
        key=lambda r: (-r.findings, r.group, r.category),
    )
    categories = sorted(
        (
            CommonProblem(
                category,
                len(fs),
                len(category_units[category]),
                len(category_units[category]) >= common_units,
                [
                    f.id
                    for f in sorted(
                        fs,
                        key=lambda f: (
                            -WEIGHTS.get(str(f.props["severity"]), 1),
                            first_day(str(f.props["found_on"])),
                            f.id,
                        ),
                    )
                ][:typical],
            )
            for category, fs in per_category.items()
        ),
        key=lambda c: (not c.common, -c.units, -c.findings, c.category),
    )
    return ProblemRollUp(by, rows, categories)


@dataclass(frozen=True)
class FocusUnit:
    unit: Node
    weight: int
    finding_ids: list[str]
    overdue_ids: list[str]
    reasons: list[str]


@use_case(Permission.READ, sees=["commission_id"])
def inspection_plan(
    *,
    store: GraphStore,
    commission_id: str,
    year: int,
    focus_weight: int = rules.FOCUS_WEIGHT,
    focus_overdue: int = rules.FOCUS_OVERDUE,
) -> list[FocusUnit]:
    """年度执法检查计划: the units in the commission's region that are a focus for ``year``, by
    the findings and overdue rectifications of the year before (the rule of the module)."""
    commission = require(store, commission_id, NodeKind.Agency, "commission_id")
    require_commission(commission, "commission_id")
    code = views.Agency(commission).region_code
    before = str(year - 1)
    found = list(
        every(store, NodeKind.Finding, [*in_region(code), *in_period("found_on", before, before)])
    )
    units = units_of(store, found)
    weight: dict[str, int] = defaultdict(int)
    by_unit: dict[str, list[str]] = defaultdict(list)
    for f in found:
        for u in units[f.id]:
            weight[u] += WEIGHTS.get(str(f.props["severity"]), 1)
            by_unit[u].append(f.id)
    # Rectifications due in the year before, still unfinished or finished after their deadline.
    overdue: dict[str, list[str]] = defaultdict(list)
    due = list(
        every(
            store,
            NodeKind.Rectification,
            [*in_region(code), *in_period("deadline", before, before)],
        )
    )
    assigned = linked(store, [r.id for r in due], [RelType.ASSIGNED_TO], Direction.OUT)
    for r in due:
        item = views.Rectification(r)
        if item.status in FINISHED:
            done_on = item.submitted_on or item.closed_on
            late = done_on is not None and first_day(done_on) > last_day(item.deadline)
        else:
            late = True
        if late:
            for n in assigned.get(r.id, []):
                overdue[n.node.id].append(r.id)
    candidates = sorted(set(weight) | set(overdue))
    nodes = store.get_nodes(candidates)
    out = []
    for unit_id in candidates:
        unit = nodes.get(unit_id)
        if unit is None or unit.kind is not NodeKind.Agency or not within(unit, code):
            continue
        if unit.props.get("kind") == AgencyKind.COMMISSION.name:
            continue
        reasons = []
        if weight[unit_id] >= focus_weight:
            reasons.append(f"{before}年问题权重{weight[unit_id]}(≥{focus_weight})")
        if len(overdue[unit_id]) >= focus_overdue:
            reasons.append(f"{before}年逾期未整改{len(overdue[unit_id])}项(≥{focus_overdue})")
        if reasons:
            out.append(
                FocusUnit(
                    unit,
                    weight[unit_id],
                    sorted(by_unit[unit_id]),
                    sorted(overdue[unit_id]),
                    reasons,
                )
            )
    out.sort(key=lambda f: (-f.weight, -len(f.overdue_ids), f.unit.id))
    return out


@use_case(Permission.WRITE, owns=["commission_id"])
def adopt_inspection_plan(
    *,
    store: GraphStore,
    actor: str,
    today: str,
    commission_id: str,
    year: int,
    focus_weight: int = rules.FOCUS_WEIGHT,
    focus_overdue: int = rules.FOCUS_OVERDUE,
) -> list[Node]:
    """Adopt the year's plan: one planned 执法检查 of each focus unit, led by the commission,
    its reasons recorded (a focus unit already planned for that year is not planned twice)."""
    plan = inspection_plan(
        store=store,
        commission_id=commission_id,
        year=year,
        focus_weight=focus_weight,
        focus_overdue=focus_overdue,
    )
    if not plan:
        raise ValidationError(FieldError("year", f"no unit is a focus for {year}"))
    commission = require(store, commission_id, NodeKind.Agency, "commission_id")
    planned = linked(
        store,
        [f.unit.id for f in plan],
        [RelType.TARGETS],
        Direction.IN,
        [NodeKind.SupervisionAction],
    )
    change = Change(actor)
    created = []
    for focus in plan:
        already = [
            n.node
            for n in planned.get(focus.unit.id, [])
            if n.node.props.get("kind") == ActionKind.INSPECTION.name
            and str(n.node.props.get("started_on") or "").startswith(str(year))
        ]
        if already:
            continue
        action = change.create(
            NodeKind.SupervisionAction,
            {
                "title": f"{year}年度对{views.Agency(focus.unit).name}的执法检查",
                "kind": ActionKind.INSPECTION.name,
                "status": ActionStatus.PLANNED.name,
                "region_code": views.Agency(focus.unit).region_code,
                "level": views.Agency(commission).level,
                "started_on": max(today, f"{year}-01-01"),
                "selection_reasons": focus.reasons,
            },
        )
        change.link(RelType.TARGETS, action.id, focus.unit.id)
        change.link(RelType.CONDUCTED_BY, action.id, commission.id, {"role": LEAD})
        created.append(action)
    if created:
        change.commit(store)
    return created


@dataclass(frozen=True)
class MeetingDue:
    commission: Node
    kind: str
    last_held_on: str | None
    due_on: str
    days_overdue: int
    last_meeting_id: str | None


COOPERATION_PARTIES = ("510000", "500000")


@use_case(scoped=True)
def meeting_schedule(
    *,
    store: GraphStore,
    today: str,
    region: str | None = None,
    missed_only: bool = True,
    levels: Sequence[str] = rules.MEETING_LEVELS,
) -> list[MeetingDue]:
    """Each commission's next joint meeting due (missed ones first): its law-enforcement
    supervision joint meeting, and for the Sichuan and Chongqing provincial commissions the
    cooperation joint meeting. A commission that never held one is due from the day its
    record begins (valid_from), else from the start of the current year."""
    commissions = [
        c
        for c in every(
            store,
            NodeKind.Agency,
            [Where("kind", Op.EQ, AgencyKind.COMMISSION.name), *in_region(region)],
        )
        if c.props.get("level") in levels and not c.props.get("valid_to")
    ]
    meetings = [m for m in every(store, NodeKind.JointMeeting, [Where("held_on", Op.LTE, today)])]
    supervision: dict[str, Node] = {}
    cooperation: Node | None = None
    for m in sorted(meetings, key=lambda m: (str(m.props["held_on"]), m.id)):
        if m.props.get("kind") == MeetingKind.SUPERVISION.name:
            supervision[str(m.props["region_code"])] = m
        else:
            cooperation = m
    out = []
    for c in sorted(commissions, key=lambda c: c.id):
        code = str(c.props["region_code"])
        duties = [(MeetingKind.SUPERVISION, supervision.get(code), rules.SUPERVISION_MEETING_DAYS)]
        if code in COOPERATION_PARTIES:
            duties.append((MeetingKind.COOPERATION, cooperation, rules.COOPERATION_MEETING_DAYS))
        for kind, last, days in duties:
            held = first_day(str(last.props["held_on"])) if last is not None else None
            start = held or first_day(str(c.props.get("valid_from") or today[:4]))
            due = shift(start, days)
            late = max(0, between(due, today))
            if late > 0 or not missed_only:
                out.append(MeetingDue(c, kind.name, held, due, late, last.id if last else None))
    out.sort(key=lambda d: (-d.days_overdue, d.due_on, d.commission.id, d.kind))
    return out
