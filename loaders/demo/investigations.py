"""One saved investigation (调查研判) in the demo, as the explorer would have saved it: the
overdue-rectification unit and everything behind its lapses, laid out on a grid; and the
watch on that pattern (模式监视) whose match opened the inquiry (研判线索) examined in it."""

from __future__ import annotations

from graph.model.enums import NodeKind, RelType
from loaders.demo.days import iso
from loaders.demo.patterns import PlantedPattern
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
