"""Sichuan–Chongqing cases outside the "1+n" network: a cross-region case (川渝跨区域) is
handled UNDER an agreement whose mechanisms (线索互联, 取证互助, 结果互认…) let one side's
results count on the other; a case with none has no basis for recognising them."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model.enums import NodeKind, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from workflows.reading import every, in_region, linked


@dataclass(frozen=True)
class UncoveredCase:
    case: Node
    handling_unit_ids: list[str]
    involved_ids: list[str]


def cross_region_without_agreement(
    *, store: GraphStore, region: str | None = None
) -> list[UncoveredCase]:
    """Cross-region cases that stand under no agreement, with the units and regions involved."""
    cases = list(
        every(store, NodeKind.Case, [Where("cross_region", Op.EQ, True), *in_region(region)])
    )
    near = linked(
        store,
        [c.id for c in cases],
        [RelType.UNDER, RelType.HANDLED_BY, RelType.INVOLVES],
        Direction.OUT,
    )
    return [
        UncoveredCase(
            c,
            [n.node.id for n in near.get(c.id, []) if n.rel.type is RelType.HANDLED_BY],
            [n.node.id for n in near.get(c.id, []) if n.rel.type is RelType.INVOLVES],
        )
        for c in cases
        if not any(n.rel.type is RelType.UNDER for n in near.get(c.id, []))
    ]
