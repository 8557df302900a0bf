"""Fields over ``workflows.joint.oversight``: common problems (宏观抓共性,微观抓典型), the annual
inspection plan of focus units, and the joint-meeting schedule with missed meetings."""

from __future__ import annotations

import enum
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.ids import to_global
from schema.generic.inputs import at_least, expect_id, given
from schema.generic.nodes import TYPES
from schema.objects import IDS, list_of, maybe, output
from schema.results import ids, shown
from workflows import rules
from workflows.joint import oversight


@strawberry.enum(description="How findings are rolled up.")
class ProblemGrouping(enum.Enum):
    UNIT = strawberry.enum_value("UNIT", description="by the unit concerned (an Agency id)")
    REGION = strawberry.enum_value("REGION", description="by city (or province) region code")
    PERIOD = strawberry.enum_value("PERIOD", description="by quarter, as 2024Q2")


ProblemCount = output(
    "ProblemCount",
    "Findings of one category in one group.",
    group=str,
    category=str,
    findings=int,
)
CommonProblem = output(
    "CommonProblem",
    "共性问题: a category, its findings and units, whether it is common, and its typical "
    "findings (典型: the gravest first).",
    category=str,
    findings=int,
    units=int,
    common=bool,
    typical_ids=IDS,
)
ProblemRollUp = output(
    "ProblemRollUp",
    "宏观抓共性,微观抓典型: findings counted by group and category, and each category's reach.",
    by=ProblemGrouping,
    counts=list_of(ProblemCount),
    categories=list_of(CommonProblem),
)
FocusUnit = output(
    "FocusUnit",
    "A focus unit of the year's inspection plan, its weight of findings, its late "
    "rectifications, and why it was chosen.",
    unit=TYPES[NodeKind.Agency],
    weight=int,
    finding_ids=IDS,
    overdue_rectification_ids=IDS,
    reasons=list_of(str),
)
MeetingDue = output(
    "MeetingDue",
    "定期召开联席会议: a commission's next joint meeting of a kind, when it was last held, when "
    "it is due, and by how many days it is missed (0: not yet due).",
    commission=TYPES[NodeKind.Agency],
    kind=str,
    last_held_on=maybe(str),
    due_on=str,
    days_overdue=int,
    last_meeting_id=maybe(strawberry.ID),
)


def _group(by: str, group: str) -> str:
    return to_global(NodeKind.Agency.name, group) if by == "UNIT" else group


@query(
    "宏观抓共性,微观抓典型: findings in your jurisdiction made in [since, until], counted by "
    "unit, city or quarter and category; a category found at `commonUnits` units or more is "
    "common; each names its `typical` gravest findings.",
    returns=ProblemRollUp,
)
async def common_problems(
    info: Info,
    by: ProblemGrouping = ProblemGrouping.UNIT,
    since: str | None = UNSET,
    until: str | None = UNSET,
    common_units: int = rules.COMMON_UNITS,
    typical: int = 3,
) -> Any:
    found = await info.context.call(
        oversight.common_problems,
        by=by.value,
        since=given(since),
        until=given(until),
        common_units=at_least(common_units, 1, "common_units"),
        typical=typical,
    )
    return ProblemRollUp(
        by=by,
        counts=[
            ProblemCount(group=_group(found.by, c.group), category=c.category, findings=c.findings)
            for c in found.counts
        ],
        categories=[
            CommonProblem(
                category=c.category,
                findings=c.findings,
                units=c.units,
                common=c.common,
                typical_ids=ids(NodeKind.Finding, c.typical_ids),
            )
            for c in found.categories
        ],
    )


def _focus(info: Info, plan: list[oversight.FocusUnit]) -> list[Any]:
    return [
        FocusUnit(
            unit=shown(info, f.unit),
            weight=f.weight,
            finding_ids=ids(NodeKind.Finding, f.finding_ids),
            overdue_rectification_ids=ids(NodeKind.Rectification, f.overdue_ids),
            reasons=f.reasons,
        )
        for f in plan
    ]


@query(
    "年度执法检查计划: the units in a commission's region that are a focus for `year`: findings "
    "of the year before weighing `focusWeight` or more (一般 1, 较重 2, 严重 3), or "
    "`focusOverdue` rectifications due that year left late.",
    returns=list_of(FocusUnit),
)
async def inspection_plan(
    info: Info,
    commission_id: strawberry.ID,
    year: int,
    focus_weight: int = rules.FOCUS_WEIGHT,
    focus_overdue: int = rules.FOCUS_OVERDUE,
) -> Any:
    plan = await info.context.call(
        oversight.inspection_plan,
        commission_id=expect_id(commission_id, NodeKind.Agency.name, "commission_id"),
        year=year,
        focus_weight=at_least(focus_weight, 1, "focus_weight"),
        focus_overdue=at_least(focus_overdue, 1, "focus_overdue"),
    )
    return _focus(info, plan)


@mutation(
    "Adopt the year's inspection plan: one planned 执法检查 of each focus unit, led by the "
    "commission, with its reasons (a unit already planned for the year is skipped).",
    returns=list_of(TYPES[NodeKind.SupervisionAction]),
)
async def adopt_inspection_plan(
    info: Info,
    commission_id: strawberry.ID,
    year: int,
    focus_weight: int = rules.FOCUS_WEIGHT,
    focus_overdue: int = rules.FOCUS_OVERDUE,
) -> Any:
    created = await info.context.call(
        oversight.adopt_inspection_plan,
        commission_id=expect_id(commission_id, NodeKind.Agency.name, "commission_id"),
        year=year,
        focus_weight=at_least(focus_weight, 1, "focus_weight"),
        focus_overdue=at_least(focus_overdue, 1, "focus_overdue"),
    )
    return [shown(info, n) for n in created]


@query(
    "定期召开联席会议: each commission's next joint meeting (law-enforcement supervision; and the "
    "Sichuan–Chongqing cooperation meeting for the two provincial commissions) on `today`; "
    "missed ones only unless `missedOnly` is false, most overdue first.",
    returns=list_of(MeetingDue),
)
async def meeting_schedule(info: Info, today: str | None = UNSET, missed_only: bool = True) -> Any:
    found = await info.context.call(
        oversight.meeting_schedule, today=given(today), missed_only=missed_only
    )
    return [
        MeetingDue(
            commission=shown(info, d.commission),
            kind=d.kind,
            last_held_on=d.last_held_on,
            due_on=d.due_on,
            days_overdue=d.days_overdue,
            last_meeting_id=None
            if d.last_meeting_id is None
            else to_global(NodeKind.JointMeeting.name, d.last_meeting_id),
        )
        for d in found
    ]
