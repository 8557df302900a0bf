"""One saved investigation (调查研判) in the demo, as the explorer would have saved it: the
overdue-rectification unit and everything behind its lapses, laid out on a grid."""

from __future__ import annotations

from graph.model.enums import NodeKind, RelType
from loaders.demo.patterns import PlantedPattern
from loaders.demo.world import World

ID = "investigation:overdue_unit"
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
