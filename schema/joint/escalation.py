"""Fields over ``workflows.joint.escalation``: overdue rectifications escalated along the 条
(GUIDES) and the 块 (COORDINATES)."""

from __future__ import annotations

from typing import Any

from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.inputs import given
from schema.generic.nodes import TYPES
from schema.objects import list_of, maybe, output
from schema.results import shown
from workflows.joint import escalation

AGENCY = TYPES[NodeKind.Agency]
RectificationEscalation = output(
    "RectificationEscalation",
    "条块结合: an overdue rectification, its unit, the upper unit of its system that guides it "
    "(条), the commission that coordinates it (块), and the days it is overdue.",
    rectification=TYPES[NodeKind.Rectification],
    unit=AGENCY,
    guide=maybe(AGENCY),
    coordinator=maybe(AGENCY),
    days_overdue=int,
)


def _answer(info: Info, found: list[escalation.Escalation]) -> list[Any]:
    return [
        RectificationEscalation(
            rectification=shown(info, e.rectification),
            unit=shown(info, e.unit),
            guide=None if e.guide is None else shown(info, e.guide),
            coordinator=None if e.coordinator is None else shown(info, e.coordinator),
            days_overdue=e.days_overdue,
        )
        for e in found
    ]


@query(
    "条块结合: overdue rectifications in your jurisdiction not escalated yet, each with the 条 "
    "(GUIDES) and the 块 (COORDINATES) above its unit, longest overdue first.",
    returns=list_of(RectificationEscalation),
)
async def rectification_escalations(info: Info, today: str | None = UNSET) -> Any:
    found = await info.context.call(escalation.rectification_escalations, today=given(today))
    return _answer(info, found)


@mutation(
    "逾期提级: escalate every overdue rectification in your jurisdiction not escalated yet to "
    "its 条 and 块, recording the day and the bodies on it.",
    returns=list_of(RectificationEscalation),
)
async def escalate_rectifications(info: Info, today: str | None = UNSET) -> Any:
    found = await info.context.call(escalation.escalate_rectifications, today=given(today))
    return _answer(info, found)
