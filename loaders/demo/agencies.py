"""Regions and agencies.

Every region of data/regions.tsv, historic ones included, with PART_OF. For each active
region the eight bodies (政法委, 法院, 检察院, 公安, 司法行政, 人大, 政协, 纪委监委), plus five
prisons, the 成渝金融法院 and two legal newspapers. The 条 hierarchy (GUIDES: the upper unit of a
system guides the lower one) and the 块 one (COORDINATES: each commission its region's units).
"""

from __future__ import annotations

from graph.model.enums import AgencyKind, NodeKind, RegionLevel, RelType
from graph.model.records import Props
from loaders.demo.days import ordinal
from loaders.demo.regions import CHONGQING, SICHUAN, Region
from loaders.demo.world import Agency, World

K = AgencyKind
REGIONAL_KINDS = (
    K.COMMISSION, K.COURT, K.PROCURATORATE, K.POLICE, K.JUSTICE, K.CONGRESS, K.CPPCC, K.DISCIPLINE,
)  # fmt: skip
SYSTEMS = (K.COMMISSION, K.COURT, K.PROCURATORATE, K.POLICE, K.JUSTICE)
COORDINATED = (K.COURT, K.PROCURATORATE, K.POLICE, K.JUSTICE)
PRISONS = (
    ("510100", "chengdu", "四川省成都监狱"),
    ("510100", "women", "四川省女子监狱"),
    ("511100", "jiazhou", "四川省嘉州监狱"),
    ("511100", "leimaping", "四川省雷马屏监狱"),
    ("511300", "chuanbei", "四川省川北监狱"),
)
FINANCIAL_COURT = "agency:500000:COURT:financial"
NEWSPAPERS = {SICHUAN: "四川法治报社", CHONGQING: "重庆法治报社"}


def agency_name(world: World, region: Region, kind: AgencyKind) -> str:
    full = world.geo.full_name(region.code)
    level = region.level
    ministry = "厅" if region.code == SICHUAN else "局"
    if kind is K.COMMISSION:
        return f"中共{full}委政法委员会"
    if kind is K.COURT:
        tier = {RegionLevel.PROVINCE: "高级", RegionLevel.CITY: "中级"}.get(level, "")
        return f"{full}{tier}人民法院"
    if kind is K.PROCURATORATE:
        return f"{full}人民检察院"
    if kind is K.POLICE:
        if level is RegionLevel.COUNTY and region.name.endswith("区") and region.parent:
            return f"{world.geo.full_name(region.parent)}公安局{region.name}分局"
        return f"{full}公安{ministry if level is RegionLevel.PROVINCE else '局'}"
    if kind is K.JUSTICE:
        return f"{full}司法{ministry if level is RegionLevel.PROVINCE else '局'}"
    if kind is K.CONGRESS:
        body = "人大监察和司法委员会" if level is RegionLevel.PROVINCE else "人大常委会"
        return full + body
    if kind is K.CPPCC:
        return f"政协{full}委员会"
    return f"{full}纪委监委"


def emit_regions(world: World) -> None:
    sink = world.sink
    for r in world.geo.regions:
        validity: Props = {}
        if r.valid_from:
            validity["valid_from"] = r.valid_from
        if r.valid_to:
            validity["valid_to"] = r.valid_to
        props: Props = {"code": r.code, "name": r.name, "level": r.level.name}
        if r.parent:
            props["parent_code"] = r.parent
        sink.node(NodeKind.Region, f"region:{r.code}", props | validity)
        if r.parent:
            sink.rel(RelType.PART_OF, f"region:{r.code}", f"region:{r.parent}", validity)


def _add(
    world: World,
    id_: str,
    kind: AgencyKind,
    region: Region,
    level: RegionLevel,
    name: str,
    *,
    opened: str | None = None,
    cross_region: bool = False,
) -> Agency:
    since = opened or region.valid_from
    agency = Agency(
        id_, kind, region.code, level, name, world.geo.city_of(region.code),
        max(world.first_day, ordinal(since)) if since else world.first_day, since,
    )  # fmt: skip
    props: Props = {"name": name, "kind": kind.name, "level": level.name}
    props["region_code"] = region.code
    if cross_region:
        props["cross_region"] = True
    validity: Props = {"valid_from": since} if since else {}
    world.sink.node(NodeKind.Agency, id_, props | validity)
    world.sink.rel(RelType.LOCATED_IN, id_, f"region:{region.code}", dict(validity))
    world.all_agencies.append(agency)
    world.by_id[id_] = agency
    return agency


def active_regions(world: World) -> list[Region]:
    geo = world.geo
    counties = geo.active_counties(world.scale.county_count)
    chosen = {c.code for c in counties}
    sichuan = [geo.by_code[SICHUAN]]
    for city in geo.cities:
        sichuan.append(city)
        sichuan.extend(c for c in geo.counties_of[city.code] if c.code in chosen)
    return [*sichuan, geo.by_code[CHONGQING], *geo.chongqing]


def emit_agencies(world: World) -> None:
    geo = world.geo
    for region in active_regions(world):
        for kind in REGIONAL_KINDS:
            agency = _add(
                world, f"agency:{region.code}:{kind.name}", kind, region, region.level,
                agency_name(world, region, kind),
            )  # fmt: skip
            world.agencies[(region.code, kind)] = agency
    for code, slug, name in PRISONS:
        prison = _add(
            world, f"agency:{code}:PRISON:{slug}", K.PRISON, geo.by_code[code],
            RegionLevel.PROVINCE, name,
        )  # fmt: skip
        world.prisons.append(prison)
    _add(
        world, FINANCIAL_COURT, K.COURT, geo.by_code[CHONGQING], RegionLevel.CITY, "成渝金融法院",
        opened="2023-01-01", cross_region=True,
    )  # fmt: skip
    for code, name in NEWSPAPERS.items():
        _add(world, f"agency:{code}:MEDIA", K.MEDIA, geo.by_code[code], RegionLevel.PROVINCE, name)
    _emit_hierarchies(world)


def _emit_hierarchies(world: World) -> None:
    sink, agencies = world.sink, world.agencies

    def link(type_: RelType, upper: Agency, lower: Agency) -> None:
        validity: Props = {}
        if lower.since:
            validity["valid_from"] = lower.since
        sink.rel(type_, upper.id, lower.id, validity)

    for (code, kind), agency in agencies.items():
        region = world.geo.by_code[code]
        if kind in SYSTEMS and region.parent and (region.parent, kind) in agencies:
            link(RelType.GUIDES, agencies[(region.parent, kind)], agency)
        if kind is K.COMMISSION:
            for unit in COORDINATED:
                link(RelType.COORDINATES, agency, agencies[(code, unit)])
    for prison in world.prisons:
        link(RelType.GUIDES, agencies[(SICHUAN, K.JUSTICE)], prison)
        link(RelType.COORDINATES, agencies[(SICHUAN, K.COMMISSION)], prison)
    link(RelType.GUIDES, agencies[(CHONGQING, K.COURT)], world.by_id[FINANCIAL_COURT])
