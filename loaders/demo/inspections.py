"""Supervision of units rather than cases: inspections, patrols, unannounced visits,
political inspections, discipline patrols (jointly with 纪委监委) and internal supervision;
and joint Sichuan–Chongqing inspections UNDER an agreement.

Actions are booked so that one unit is not inspected twice at once, except that now and then
(``UNCOORDINATED_SHARE``) a second body inspects the same unit about the same time without
coordinating (natural duplicates, beside the planted one). A political inspection or
discipline patrol recognizes what an earlier action found in the same unit (结果互认) rather
than inspecting it again.
"""

from __future__ import annotations

import random

from graph.model.enums import (
    ActionKind,
    AgencyKind,
    ChecklistResult,
    FindingCategory,
    NodeKind,
    RelType,
)
from graph.model.records import Node, Props, Rel
from loaders.demo.actions import Action, emit_action
from loaders.demo.casework import commission, upper_commission
from loaders.demo.days import between, iso, ordinal, year
from loaders.demo.findings import Finding, draw_finding, emit_finding, follow_up, recognize
from loaders.demo.pick import Weighted, number
from loaders.demo.world import Agency, World

A, F, K = ActionKind, FindingCategory, AgencyKind
UNIT_KINDS = (
    A.INSPECTION,
    A.PATROL,
    A.VISIT,
    A.POLITICAL_INSPECTION,
    A.DISCIPLINE_PATROL,
    A.SELF_INSPECTION,
)
KIND_WEIGHTS = Weighted(list(zip(UNIT_KINDS, (25, 20, 15, 15, 15, 10), strict=True)))
CATEGORIES = {
    A.DISCIPLINE_PATROL: Weighted([(F.WORK_STYLE, 50), (F.DISCIPLINE, 50)]),
    A.POLITICAL_INSPECTION: Weighted([(F.WORK_STYLE, 40), (F.SELECTIVE, 30), (F.DISCIPLINE, 30)]),
    A.PATROL: Weighted(
        [(F.EXCESSIVE, 35), (F.SELECTIVE, 25), (F.PROFIT_DRIVEN, 25), (F.PROCEDURAL, 15)]
    ),
}
RECOGNIZERS = frozenset({A.POLITICAL_INSPECTION, A.DISCIPLINE_PATROL})
UNCOORDINATED_SHARE = 0.08
INSPECTED = frozenset({K.COURT, K.PROCURATORATE, K.POLICE, K.JUSTICE, K.PRISON})
RECOGNITION_SCOPE = "政治督察、执法监督、纪律作风督查巡查结果互认"


class UnitFindings:
    """The last finding in each unit, and the units that have one (in the order found)."""

    def __init__(self) -> None:
        self.last: dict[str, Finding] = {}
        self.units: list[str] = []

    def add(self, finding: Finding) -> None:
        if finding.responsible.id not in self.last:
            self.units.append(finding.responsible.id)
        self.last[finding.responsible.id] = finding


def book(world: World, target: str, started: int, ended: int) -> bool:
    """Reserve the period on the unit; False when another action already covers part of it."""
    periods = world.inspected.setdefault(target, [])
    if any(s <= ended and started <= e for s, e in periods):
        return False
    periods.append((started, ended))
    return True


def home_commission(world: World, unit: Agency) -> Agency:
    """The commission of the unit's area (the province's for provincial units elsewhere)."""
    if unit.kind is K.PRISON or (unit.code, K.COMMISSION) not in world.agencies:
        return commission(world, unit.code[:2] + "0000")
    return commission(world, unit.code)


def conductors(world: World, kind: ActionKind, unit: Agency) -> list[Agency]:
    own = home_commission(world, unit)
    if kind is A.SELF_INSPECTION:
        return [unit]
    if kind is A.POLITICAL_INSPECTION:
        return [upper_commission(world, own)]
    if kind is A.DISCIPLINE_PATROL:
        return [own, world.agency(own.code, K.DISCIPLINE)]
    return [upper_commission(world, own) if world.rng.random() < 0.3 else own]


def inspect(world: World, action: Action, unit: Agency, findings: UnitFindings) -> Finding | None:
    """Emit the action, its recognition of the unit's last finding, and what it finds."""
    rng = world.rng
    emit_action(world, action)
    world.unit_actions.setdefault((action.lead.code, year(action.started)), []).append(action.id)
    if action.started > world.today:
        return None
    earlier = findings.last.get(unit.id)
    if action.kind in RECOGNIZERS and earlier is not None and earlier.found < action.started:
        recognize(world, earlier, action.id, RECOGNITION_SCOPE, action.started)
    if rng.random() >= 0.6:
        return None
    finding = draw_finding(
        world, action, unit, [unit.id], evidence=f"{action.kind.label}记录第{number(rng, 1, 30)}项",
        accused=unit.head_at(action.started), categories=CATEGORIES.get(action.kind),
    )  # fmt: skip
    emit_finding(world, finding)
    findings.add(finding)
    if action.kind in (A.INSPECTION, A.PATROL) and rng.random() < 0.2:
        discipline = world.agency(action.lead.code, K.DISCIPLINE)
        recognize(world, finding, discipline.id, RECOGNITION_SCOPE, finding.found)
    follow_up(world, finding)
    return finding


QUESTIONS = (
    "是否落实防止干预司法“三个规定”,如实记录报告过问案件情况",
    "是否存在选择性执法、过度执法、趋利执法问题",
    "涉法涉诉信访是否依法按期办理、化解",
    "执法司法责任制是否落实,权力责任清单是否明确",
    "案件评查发现问题是否按期整改",
    "是否落实执法司法公开,接受人大、政协和舆论监督",
    "涉民营企业案件是否依法平等保护",
    "执法办案记录、执法记录仪使用是否规范",
)
FINISHED = frozenset({"ACCEPTED", "CLOSED"})


def _record(world: World, id_: str) -> Node | Rel | None:
    """A record this step emitted (still in the sink), newest first."""
    return next((r for r in reversed(world.sink.records) if r.id == id_), None)


def _rectification(world: World, finding_id: str) -> Node | None:
    for r in reversed(world.sink.records):
        if isinstance(r, Rel) and r.type is RelType.REQUIRES and r.start == finding_id:
            found = _record(world, r.end)
            return found if isinstance(found, Node) else None
    return None


def emit_round(world: World, action: Action, unit: Agency, finding: Finding | None) -> None:
    """The checklist of a political inspection round, its answers (the finding, if any,
    uncovered by one item), the feedback once it ended, and a 回头看 once the rectification
    ordered is accepted; drawn from a stream of its own, so nothing else in the demo moves."""
    rng = random.Random(f"round:{action.id}")
    picked = rng.sample(QUESTIONS, 3 + int(rng.random() * 3))
    flawed = int(rng.random() * len(picked))
    last = min(action.ended or world.today, world.today)
    for i, question in enumerate(picked):
        item = world.next_id("checklist")
        props: Props = {
            "question": question,
            "region_code": action.lead.code,
            "basis": "政法工作条例",
        }
        if action.started <= world.today:
            uncovers = finding is not None and i == flawed
            on = finding.found if uncovers and finding else min(action.started + i, last)
            result = ChecklistResult.NONCOMPLIANT if uncovers else ChecklistResult.COMPLIANT
            props |= {"result": result.name, "answered_on": iso(on)}
        world.sink.node(NodeKind.ChecklistItem, item, props)
        world.sink.rel(RelType.PART_OF, item, action.id)
        if finding is not None and i == flawed and action.started <= world.today:
            world.sink.rel(RelType.UNCOVERED, item, finding.id)
    node = _record(world, action.id)
    if not isinstance(node, Node) or action.ended is None or action.ended > world.today:
        return
    rect = None if finding is None else _rectification(world, finding.id)
    if finding is not None and rect is None:
        # Found, and no rectification ordered yet: the feedback is still to come.
        node.props["status"] = "ONGOING"
        node.props.pop("ended_on", None)
        return
    node.props.update(
        {
            "feedback_on": iso(action.ended),
            "feedback": f"{unit.name}:"
            + (
                "总体符合要求。"
                if rect is None
                else f"存在“{finding.title if finding else ''}”问题,限期整改。"
            ),
        }
    )
    if rect is None:
        return
    deadline = str(rect.props["deadline"])
    node.props["rectify_by"] = deadline
    start = ordinal(deadline) + 7
    if rect.props.get("status") not in FINISHED or start + 10 > world.today:
        node.props["status"] = "ONGOING"  # awaiting its 回头看
        node.props.pop("ended_on", None)
        return
    # Its own id sequence, so that the actions after it keep theirs.
    back = world.sink.node(
        NodeKind.SupervisionAction,
        world.next_id("lookback"),
        {
            "title": f"{action.title}回头看",
            "kind": A.LOOK_BACK.name,
            "status": "COMPLETED",
            "region_code": action.lead.code,
            "level": action.lead.level.name,
            "started_on": iso(start),
            "ended_on": iso(start + 10),
            "rectified_count": 1,
            "unrectified_count": 0,
        },
    )
    world.sink.rel(RelType.CONDUCTED_BY, back, action.lead.id)
    world.sink.rel(RelType.TARGETS, back, unit.id)
    world.sink.rel(RelType.LOOKS_BACK_AT, back, action.id)
    node.props["ended_on"] = iso(start + 10)  # the round ends with its 回头看


def _target(world: World, kind: ActionKind, units: list[Agency], findings: UnitFindings) -> Agency:
    """Political inspections and discipline patrols go where something was found before."""
    rng = world.rng
    if kind in RECOGNIZERS and findings.units and rng.random() < 0.5:
        return world.by_id[findings.units[int(rng.random() * len(findings.units))]]
    return units[int(rng.random() * len(units))]


def emit_unit_actions(world: World, findings: UnitFindings) -> None:
    rng = world.rng
    units = [a for a in world.all_agencies if a.kind in INSPECTED]
    for i in range(world.scale.agency_actions):
        kind = UNIT_KINDS[i] if i < len(UNIT_KINDS) else KIND_WEIGHTS.pick(rng)
        for _ in range(8):
            unit = _target(world, kind, units, findings)
            earlier = findings.last.get(unit.id) if kind in RECOGNIZERS else None
            first = max(world.first_day, unit.opened, earlier.found + 1 if earlier else 0)
            started = between(rng, first, world.today + 60)
            ended = started + number(rng, 5, 25)
            if book(world, unit.id, started, ended):
                break
        else:
            continue
        title = f"{year(started)}年{unit.name}{kind.label}"
        action = Action(kind, title, conductors(world, kind, unit), [unit.id], started, ended)
        found = inspect(world, action, unit, findings)
        if kind is A.POLITICAL_INSPECTION:
            emit_round(world, action, unit, found)
        if rng.random() < UNCOORDINATED_SHARE:
            _uncoordinated(world, kind, unit, started, ended, findings)


def _uncoordinated(
    world: World, kind: ActionKind, unit: Agency, started: int, ended: int, found: UnitFindings
) -> None:
    """Another body inspects the same unit about the same time, in another mode, without
    coordinating: its period overlaps the first one's or misses it by a few days. When it is
    a political inspection or discipline patrol, it recognizes what the first one found, so
    only some of these pairs are duplicates."""
    rng = world.rng
    other = KIND_WEIGHTS.pick(rng)
    if other is kind:
        return
    begins = started + number(rng, -10, ended - started + 5)
    if begins > world.today + 60:
        return
    finishes = begins + number(rng, 5, 25)
    world.inspected.setdefault(unit.id, []).append((begins, finishes))
    title = f"{year(begins)}年{unit.name}{other.label}"
    action = Action(other, title, conductors(world, other, unit), [unit.id], begins, finishes)
    inspect(world, action, unit, found)


def emit_joint_actions(world: World, findings: UnitFindings) -> None:
    """川渝联合执法检查 of a Sichuan unit by both sides of a partnership, UNDER its agreement."""
    rng = world.rng
    partnerships = world.partnerships
    for _ in range(max(3, world.scale.cases // 2000)):
        pair = partnerships[int(rng.random() * len(partnerships))]
        domains = sorted(
            (k for k in pair.agreements if k is not K.COMMISSION), key=lambda k: k.name
        )
        domain = domains[int(rng.random() * len(domains))] if domains else K.COURT
        unit = world.agency(pair.sichuan, domain)
        started = between(rng, pair.signed, world.today)
        ended = started + number(rng, 3, 15)
        if not book(world, unit.id, started, ended):
            continue
        ours, theirs = commission(world, pair.sichuan), commission(world, pair.chongqing)
        action = Action(
            A.INSPECTION,
            f"川渝联合执法检查({unit.name})",
            [ours, theirs],
            [unit.id],
            started,
            ended,
        )
        action.under = pair.agreements.get(domain, pair.agreements[K.COMMISSION])
        finding = inspect(world, action, unit, findings)
        if finding is not None:
            recognize(world, finding, theirs.id, "川渝处理结果互认", finding.found)
