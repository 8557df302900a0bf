"""The two sides of the cooperation, the areas figures are computed for, and the agencies
that act in them, read from the graph's Region and Agency nodes."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model.dates import valid_at
from graph.model.enums import AgencyKind, Labeled, NodeKind, RegionLevel
from graph.model.records import Node
from graph.store import GraphStore
from reports.source import all_nodes


class Side(Labeled):
    """A side of the Sichuan–Chongqing cooperation, by the region code's province prefix."""

    SICHUAN = "四川"
    CHONGQING = "重庆"

    @property
    def prefix(self) -> str:
        return "51" if self is Side.SICHUAN else "50"

    @property
    def code(self) -> str:
        return self.prefix + "0000"


def side_of(region_code: object) -> Side | None:
    if not isinstance(region_code, str):
        return None
    for side in Side:
        if region_code.startswith(side.prefix):
            return side
    return None


@dataclass(frozen=True)
class Area:
    """A region and everything located below it."""

    code: str
    name: str
    level: RegionLevel

    @property
    def prefix(self) -> str:
        if self.level is RegionLevel.PROVINCE:
            return self.code[:2]
        return self.code[:4] if self.level is RegionLevel.CITY else self.code

    def covers(self, region_code: object) -> bool:
        return isinstance(region_code, str) and region_code.startswith(self.prefix)


@dataclass(frozen=True)
class AgencyRef:
    id: str
    name: str
    kind: AgencyKind
    level: RegionLevel
    region_code: str
    valid_from: str | None = None
    valid_to: str | None = None
    cross_region: bool = False

    def valid_at(self, day: str) -> bool:
        return valid_at(self.valid_from, self.valid_to, day)

    @property
    def side(self) -> Side | None:
        return side_of(self.region_code)


class Geography:
    """Regions by code (with their parents) and agencies by id."""

    def __init__(self, regions: list[Node], agencies: list[Node]) -> None:
        self.regions = {str(n.get("code")): n for n in regions}
        self.region_codes = {n.id: str(n.get("code")) for n in regions}
        self.agencies = {n.id: agency_ref(n) for n in agencies}
        self._lineages: dict[str, tuple[str, ...]] = {}

    @classmethod
    def load(cls, store: GraphStore) -> Geography:
        return cls(all_nodes(store, NodeKind.Region), all_nodes(store, NodeKind.Agency))

    def name(self, code: str) -> str:
        region = self.regions.get(code)
        return str(region.get("name")) if region is not None else code

    def short_name(self, code: str) -> str:
        """阿坝州 for 阿坝藏族羌族自治州, 石柱县 for 石柱土家族自治县: names that fit a chart."""
        name = self.name(code)
        return name[:2] + name[-1] if "自治" in name else name

    def area(self, code: str) -> Area:
        region = self.regions.get(code)
        level = RegionLevel.parse(region.get("level")) if region else RegionLevel.COUNTY
        return Area(code, self.name(code), level)

    def side_area(self, side: Side) -> Area:
        return self.area(side.code)

    def lineage(self, code: str) -> list[str]:
        """The code and its ancestors below the province, nearest first (worked out once per
        code: a report asks it for every case)."""
        found = self._lineages.get(code)
        if found is None:
            out: list[str] = []
            at = code
            while at and at not in out:
                region = self.regions.get(at)
                if region is None or region.get("level") == RegionLevel.PROVINCE.name:
                    break
                out.append(at)
                at = str(region.get("parent_code") or "")
            found = self._lineages[code] = tuple(out)
        return list(found)

    def region_of(self, node_id: str) -> str | None:
        """The region code of a region or agency id."""
        if node_id in self.region_codes:
            return self.region_codes[node_id]
        agency = self.agencies.get(node_id)
        return agency.region_code if agency is not None else None


def agency_ref(node: Node) -> AgencyRef:
    return AgencyRef(
        id=node.id,
        name=str(node.get("name")),
        kind=AgencyKind.parse(node.get("kind")),
        level=RegionLevel.parse(node.get("level")),
        region_code=str(node.get("region_code")),
        valid_from=node.get("valid_from"),
        valid_to=node.get("valid_to"),
        cross_region=bool(node.get("cross_region")),
    )
