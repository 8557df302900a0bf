"""One saved investigation (调查研判) in the demo, as the explorer would have saved it: the
overdue-rectification unit and everything behind its lapses, laid out on a grid; and the
watch on that pattern (模式监视) whose match opened the inquiry (研判线索) examined in it."""

from __future__ import annotations

from graph.model.enums import AgencyKind, NodeKind, RelType
from loaders.demo.days import iso
from loaders.demo.patterns import PlantedPattern
from loaders.demo.regions import SICHUAN
from loaders.demo.world import World

ID = "investigation:overdue_unit"
WATCH, INQUIRY = "patternwatch:overdue_units", "inquiry:overdue_unit"
COLUMNS, SPACING = 4, 160.0


def emit_investigation(world: World, planted: PlantedPattern) -> None:
    """The investigation of the planted pattern, in the region of its anchor."""
    unit = world.by_id[planted.ids[0]]
    world.sink.node(
        NodeKind.Investigation,
        ID,
        {
            "name": f"{unit.name}整改反复逾期研判",
            "description": planted.summary,
            "region_code": unit.code,
        },
    )
    for k, node_id in enumerate(planted.ids):
        place = {"x": SPACING * (k % COLUMNS), "y": SPACING * (k // COLUMNS)}
        world.sink.rel(RelType.INCLUDES, ID, node_id, place)

    province = unit.code[:2] + "0000"
    world.sink.node(
        NodeKind.PatternWatch,
        WATCH,
        {
            "pattern": "AGENCY_REPEATED_OVERDUE",
            "assignee": "investigator@demo",
            "active": True,
            "region_code": province,
            "last_run_on": iso(world.today),
        },
    )
    world.sink.node(
        NodeKind.Inquiry,
        INQUIRY,
        {
            "pattern": "AGENCY_REPEATED_OVERDUE",
            "anchor_id": unit.id,
            "explanation": planted.summary,
            "status": "IN_PROGRESS",
            "assignee": "investigator@demo",
            "opened_on": iso(world.today),
            "region_code": province,
        },
    )
    world.sink.rel(RelType.RAISED, WATCH, INQUIRY)
    world.sink.rel(RelType.EXAMINED_IN, INQUIRY, ID)

    emit_standards(world, planted)
    emit_protection(world, planted)


def emit_standards(world: World, planted: PlantedPattern) -> None:
    """The province's standard and similar-case guidance (ISSUED_BY its commission), the
    overdue unit's power and responsibility list (DUTY_OF), and its planted findings tied to
    the duty they breached and the guidance they departed from."""
    unit = world.by_id[planted.ids[0]]
    commission = world.agency(SICHUAN, AgencyKind.COMMISSION)
    issued = iso(world.first_day)
    guidance = [
        ("guidance:sc-rectification-standard", "STANDARD", "四川省执法司法问题整改工作标准"),
        ("guidance:sc-similar-cases-1", "CASE_GUIDANCE", "四川省类案办理指引(第一批)"),
    ]
    for id_, kind, title in guidance:
        world.sink.node(
            NodeKind.Guidance,
            id_,
            {"title": title, "kind": kind, "issued_on": issued, "region_code": SICHUAN},
        )
        world.sink.rel(RelType.ISSUED_BY, id_, commission.id)
    duties = [
        (f"duty:{unit.id.split(':')[-1]}-rectify", "按期完成监督发现问题的整改", "整改落实"),
        (f"duty:{unit.id.split(':')[-1]}-report", "如实报告整改进展", "报告"),
    ]
    for id_, title, category in duties:
        world.sink.node(
            NodeKind.Duty, id_, {"title": title, "category": category, "region_code": unit.code}
        )
        world.sink.rel(RelType.DUTY_OF, id_, unit.id)
    found = [i for i in planted.ids if i.startswith("finding:")]
    for finding in found:
        world.sink.rel(RelType.BREACHES, finding, duties[0][0])
    if found:
        world.sink.rel(RelType.CITES, found[0], guidance[0][0])


def emit_protection(world: World, planted: PlantedPattern) -> None:
    """Officers protected beside the overdue unit: a report to the discipline body found
    false (its officer cleared), one still under verification past its limit, an assault
    prosecuted and an insult that spread false claims (its officer cleared)."""
    unit = world.by_id[planted.ids[0]]
    staff = [s for s in unit.staff if s in world.officials][:2]
    discipline = next(a for a in world.all_agencies if a.kind is AgencyKind.DISCIPLINE)
    if len(staff) < 2:
        return
    received, later = world.today - 200, world.today - 120

    def report(id_: str, number: str, on: int, status: str, officer: str) -> None:
        props: dict[str, object] = {
            "number": number,
            "received_on": iso(on),
            "due_on": iso(on + 90),
            "status": status,
            "region_code": discipline.code,
            "summary": "反映办案人员违规办理案件",
        }
        if status != "RECEIVED":
            props["concluded_on"] = iso(on + 60)
        world.sink.node(NodeKind.Report, id_, props)
        world.sink.rel(RelType.ASSIGNED_TO, id_, discipline.id)
        world.sink.rel(RelType.AGAINST, id_, officer)

    def incident(id_: str, kind: str, on: int, handling: str, officer: str) -> None:
        world.sink.node(
            NodeKind.Incident,
            id_,
            {
                "kind": kind,
                "occurred_on": iso(on),
                "handling": handling,
                "handled_on": iso(on + 20),
                "region_code": unit.code,
                "description": "执行公务时遭遇"
                + ("袭击" if kind == "ASSAULT" else "网络辱骂和不实指控"),
            },
        )
        world.sink.rel(RelType.AGAINST, id_, officer)

    def clearance(id_: str, source: str, on: int, officer: str) -> None:
        world.sink.node(
            NodeKind.Clearance,
            id_,
            {"decided_on": iso(on), "region_code": unit.code, "description": "依法予以澄清正名"},
        )
        world.sink.rel(RelType.CLEARS, id_, officer)
        world.sink.rel(RelType.FOLLOWS, id_, source)

    report("report:false", "JJ-2024-001", received, "FALSE", staff[0])
    clearance("clearance:report-false", "report:false", received + 60, staff[0])
    report("report:pending", "JJ-2024-002", later, "RECEIVED", staff[1])
    incident("incident:assault", "ASSAULT", later, "PROSECUTED", staff[1])
    incident("incident:insult", "INSULT", later + 10, "ADMINISTRATIVE", staff[0])
    clearance("clearance:insult", "incident:insult", later + 30, staff[0])
