"""How the cooperation figures name things: agencies, areas and periods, and each enumeration
beside its Chinese label.

Entities appear as rows of figures with their global ids, not as nodes: a figure the caller
may read can name a node it may not (a Chongqing case in a report read by the Sichuan office);
``node(id:)`` stays the judge of what the caller sees of the node itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry

from graph.model.enums import AgencyKind, Labeled, NodeKind, RegionLevel
from reports.areas import AgencyRef, Area, Side
from reports.period import Period
from schema.generic.enums import LABELED
from schema.objects import maybe
from schema.results import one_id

CooperationSide: Any = strawberry.enum(
    Side,
    name="CooperationSide",
    description="A side of the Sichuan–Chongqing cooperation: SICHUAN 四川, CHONGQING 重庆.",
)


def labeled(name: str, enum: type[Labeled], *, optional: bool = False) -> dict[str, Any]:
    """An enumeration field and its Chinese label beside it (``kind``, ``kindLabel``)."""
    code, label = LABELED[enum], str
    return {
        name: maybe(code) if optional else code,
        f"{name}_label": maybe(label) if optional else label,
    }


def labels(name: str, member: Labeled | None) -> dict[str, Any]:
    """The values of a ``labeled`` pair."""
    if member is None:
        return {name: None, f"{name}_label": None}
    return {name: member.name, f"{name}_label": member.label}


def sided(side: Side | None) -> dict[str, Any]:
    return {"side": side, "side_label": None if side is None else side.label}


SIDED = {"side": maybe(CooperationSide), "side_label": maybe(str)}


def record(
    type_name: str, description: str, fields: dict[str, Any], resolved: dict[str, Any] | None = None
) -> Any:
    """An object type like ``output`` builds, for fields that ``output`` cannot take as
    keywords (``name``) and fields with resolvers (``resolved``)."""
    members = {"__annotations__": fields, **(resolved or {})}
    return strawberry.type(type(type_name, (), members), description=description)


@strawberry.type(description="统计期间: the first and the last day, both included.")
class ReportPeriod:
    start: str = strawberry.field(name="from")
    end: str = strawberry.field(name="to")


def period(p: Period) -> ReportPeriod:
    return ReportPeriod(start=p.date_from, end=p.date_to)


CooperationAgency = record(
    "CooperationAgency",
    "机关 as the cooperation figures name it; `id` is the Agency's global id.",
    {
        "id": strawberry.ID,
        "name": str,
        **labeled("kind", AgencyKind),
        **labeled("level", RegionLevel),
        "region_code": str,
        **SIDED,
        "cross_region": bool,
    },
)
CooperationArea = record(
    "CooperationArea",
    "地区: a region and everything located below it.",
    {"code": str, "name": str, **labeled("level", RegionLevel)},
)


def agency(a: AgencyRef) -> Any:
    return CooperationAgency(
        id=one_id(NodeKind.Agency, a.id),
        name=a.name,
        **labels("kind", a.kind),
        **labels("level", a.level),
        region_code=a.region_code,
        **sided(a.side),
        cross_region=a.cross_region,
    )


def agencies(found: Iterable[AgencyRef]) -> list[Any]:
    return [agency(a) for a in found]


def area(a: Area) -> Any:
    return CooperationArea(code=a.code, name=a.name, **labels("level", a.level))
