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

from graph.model.enums import ActionKind, AgencyKind, FindingCategory
from loaders.demo.actions import Action, emit_action
from loaders.demo.casework import commission, upper_commission
from loaders.demo.days import between, year
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
        inspect(world, action, unit, findings)
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
