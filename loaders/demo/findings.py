"""What actions find, and what follows: a rectification ordered to the responsible unit
(overdue derives from its deadline and the reference date), accountability against an
officer or a unit, and recognition of a finding by another body (结果互认).

Some units are slow (one in eight, fixed by the unit's id): their rectifications run late
five times as often. In natural data a unit carries at most four overdue rectifications, so
that slow units reach the threshold (three) beside the planted agency, which carries five
(docs/demo-data.md).
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field

from graph.model.enums import (
    AccountabilityMeasure,
    AgencyKind,
    EvidenceKind,
    FindingCategory,
    NodeKind,
    RectificationStatus,
    RelType,
    Severity,
)
from graph.model.records import Props
from loaders.demo.actions import Action
from loaders.demo.days import between, iso, year
from loaders.demo.pick import Weighted, number, one_of
from loaders.demo.vocab import FINDING_WEIGHTS, FINDINGS
from loaders.demo.world import Agency, World

M, R = AccountabilityMeasure, RectificationStatus
SEVERITIES = Weighted([(Severity.MINOR, 60), (Severity.SERIOUS, 30), (Severity.GRAVE, 10)])
CATEGORIES = Weighted(FINDING_WEIGHTS)
ACCOUNTABILITY_SHARE = {Severity.MINOR: 0.08, Severity.SERIOUS: 0.2, Severity.GRAVE: 0.5}
MEASURES = {
    Severity.MINOR: Weighted([(M.REMINDER, 50), (M.CRITICISM, 35), (M.SELF_EXAMINATION, 15)]),
    Severity.SERIOUS: Weighted(
        [
            (M.CRITICISM, 30),
            (M.SELF_EXAMINATION, 40),
            (M.GOVERNMENT_SANCTION, 20),
            (M.PARTY_DISCIPLINE, 10),
        ]
    ),
    Severity.GRAVE: Weighted(
        [(M.PARTY_DISCIPLINE, 40), (M.GOVERNMENT_SANCTION, 30), (M.CLUE_TRANSFER, 30)]
    ),
}
RECTIFICATION_SHARE = 5 / 6
OVERDUE_SHARE, SLOW_OVERDUE_SHARE, NATURAL_OVERDUE_CAP = 0.15, 0.75, 4


def slow(unit: Agency) -> bool:
    """One unit in eight, the same whatever the seed and scale (no draw from the generator)."""
    return zlib.crc32(unit.id.encode()) % 8 == 0


@dataclass
class Finding:
    action: Action
    category: FindingCategory
    severity: Severity
    found: int
    responsible: Agency
    concerns: list[str]
    title: str
    evidence: str
    accused: str | None = None
    id: str = ""
    recognized: list[tuple[str, str]] = field(default_factory=list)


def draw_finding(
    world: World,
    action: Action,
    responsible: Agency,
    concerns: list[str],
    *,
    evidence: str,
    accused: str | None = None,
    categories: Weighted[FindingCategory] | None = None,
) -> Finding:
    rng = world.rng
    category = (categories or CATEGORIES).pick(rng)
    found = min(world.today, (action.ended or action.started) + number(rng, 0, 10))
    return Finding(
        action, category, SEVERITIES.pick(rng), max(found, action.started), responsible,
        concerns, one_of(rng, FINDINGS[category]), evidence, accused,
    )  # fmt: skip


def emit_finding(world: World, f: Finding) -> str:
    sink = world.sink
    f.id = world.next_id("finding")
    props: Props = {
        "title": f.title,
        "category": f.category.name,
        "severity": f.severity.name,
        "found_on": iso(f.found),
        "region_code": f.responsible.code,
        "evidence": f.evidence,
    }
    sink.node(NodeKind.Finding, f.id, props)
    sink.rel(RelType.FOUND, f.action.id, f.id)
    for target in f.concerns:
        sink.rel(RelType.CONCERNS, f.id, target)
    reported = world.reportable.setdefault((f.responsible.city, year(f.found)), [])
    if len(reported) < 3:
        reported.append(f.id)
    return f.id


def emit_rectification(
    world: World,
    f: Finding,
    *,
    issued: int,
    deadline: int,
    status: RectificationStatus,
    submitted: int | None = None,
    closed: int | None = None,
) -> str:
    id_ = world.next_id("rectification")
    props: Props = {
        "title": f"关于“{f.title}”问题的整改",
        "status": status.name,
        "issued_on": iso(issued),
        "deadline": iso(deadline),
        "region_code": f.responsible.code,
    }
    if submitted is not None:
        props["submitted_on"] = iso(submitted)
    if closed is not None:
        props["closed_on"] = iso(closed)
    world.sink.node(NodeKind.Rectification, id_, props)
    world.sink.rel(RelType.REQUIRES, f.id, id_)
    world.sink.rel(RelType.ASSIGNED_TO, id_, f.responsible.id)
    if submitted is not None:
        _emit_report(world, f, id_, submitted)
    return id_


def _emit_report(world: World, f: Finding, rectification_id: str, submitted: int) -> None:
    """The unit's 整改报告, submitted with the rectification: a short text file on record
    (its bytes in ``world.files``, for the blob store)."""
    unit = f.responsible
    text = (
        f"整改报告\n\n{unit.name}:\n"
        f"关于“{f.title}”问题，本单位已按要求完成整改，现将整改情况报告如下。\n"
        f"一、问题成因已查明；二、整改措施已落实；三、长效机制已建立。\n\n"
        f"{unit.name}\n{iso(submitted)}\n"
    )
    content = text.encode("utf-8")
    digest = hashlib.sha256(content).hexdigest()
    world.files[digest] = content
    id_ = world.next_id("evidence")
    world.sink.node(
        NodeKind.Evidence,
        id_,
        {
            "name": f"整改报告-{rectification_id.split(':')[-1]}.txt",
            "document": EvidenceKind.RECTIFICATION_REPORT.name,
            "sha256": digest,
            "size": len(content),
            "media_type": "text/plain",
            "uploaded_at": f"{iso(submitted)}T01:00:00+00:00",
            "uploaded_by": "demo",
            "region_code": unit.code,
        },
    )
    world.sink.rel(RelType.ATTACHED_TO, id_, rectification_id)


def _natural_rectification(world: World, f: Finding) -> None:
    rng, today, unit = world.rng, world.today, f.responsible
    issued = f.found + number(rng, 3, 20)
    if issued > today:
        return
    deadline = issued + one_of(rng, (30, 60, 90))
    if deadline >= today:
        if issued > today - 10:
            emit_rectification(world, f, issued=issued, deadline=deadline, status=R.ISSUED)
        elif rng.random() < 0.3:
            submitted = between(rng, issued + 5, today)
            emit_rectification(
                world, f, issued=issued, deadline=deadline, status=R.SUBMITTED, submitted=submitted
            )
        else:
            emit_rectification(world, f, issued=issued, deadline=deadline, status=R.IN_PROGRESS)
        return
    share = SLOW_OVERDUE_SHARE if slow(unit) else OVERDUE_SHARE
    if rng.random() < share and world.overdue[unit.id] < NATURAL_OVERDUE_CAP:
        world.overdue[unit.id] += 1
        if rng.random() < 0.4:
            submitted = between(rng, issued + 5, deadline)
            emit_rectification(
                world, f, issued=issued, deadline=deadline, status=R.RETURNED, submitted=submitted
            )
        else:
            emit_rectification(world, f, issued=issued, deadline=deadline, status=R.IN_PROGRESS)
        return
    submitted = issued + number(rng, 7, deadline - issued)
    closed = submitted + number(rng, 5, 30)
    if closed <= today and rng.random() < 0.7:
        emit_rectification(
            world, f, issued=issued, deadline=deadline, status=R.CLOSED, submitted=submitted,
            closed=closed,
        )  # fmt: skip
    else:
        emit_rectification(
            world, f, issued=issued, deadline=deadline, status=R.ACCEPTED, submitted=submitted
        )


def emit_accountability(
    world: World, f: Finding, measure: AccountabilityMeasure, decided: int, against: str
) -> str:
    id_ = world.next_id("accountability")
    if measure is M.CLUE_TRANSFER:
        discipline = world.agencies.get((f.responsible.code, AgencyKind.DISCIPLINE))
        body = discipline.name if discipline else "同级纪委监委"
        description = f"将“{f.title}”问题线索移送{body}"
    else:
        description = f"因“{f.title}”问题予以{measure.label}"
    props: Props = {
        "measure": measure.name,
        "decided_on": iso(decided),
        "region_code": f.responsible.code,
        "description": description,
    }
    world.sink.node(NodeKind.Accountability, id_, props)
    world.sink.rel(RelType.LED_TO, f.id, id_)
    world.sink.rel(RelType.AGAINST, id_, against)
    return id_


def recognize(world: World, f: Finding, by: str, scope: str, day: int) -> None:
    props: Props = {"scope": scope, "recognized_on": iso(day)}
    world.sink.rel(RelType.RECOGNIZED_BY, f.id, by, props)
    f.recognized.append((by, scope))


def follow_up(world: World, f: Finding) -> None:
    """The natural consequences of a finding: most are rectified, some lead to accountability."""
    rng = world.rng
    if rng.random() < RECTIFICATION_SHARE:
        _natural_rectification(world, f)
    if rng.random() < ACCOUNTABILITY_SHARE[f.severity]:
        decided = f.found + number(rng, 20, 120)
        if decided <= world.today:
            against = f.accused if f.accused and rng.random() < 0.8 else f.responsible.id
            emit_accountability(world, f, MEASURES[f.severity].pick(rng), decided, against)
