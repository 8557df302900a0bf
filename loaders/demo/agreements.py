"""The Sichuan–Chongqing "1+n" agreements.

The "1" is the two commissions' guiding opinion; the "n" are the departmental framework
agreements named in DOMAIN.md; below them, agreements between a Sichuan prefecture or
county and a Chongqing district, one per domain, each IMPLEMENTS its framework (or the "1"
for commissions). The two areas of such a partnership are covered: cross-region cases between
them are UNDER one of its agreements. 凉山州 (and 西昌市) and 城口县 never sign one: the planted
cross-region cases without an agreement run between them.
"""

from __future__ import annotations

from graph.model.enums import (
    AgencyKind,
    AgreementTier,
    LevelPair,
    Mechanism,
    NodeKind,
    RegionLevel,
    RelType,
)
from graph.model.records import Props
from loaders.demo.days import between, iso, ordinal
from loaders.demo.pick import number, one_of
from loaders.demo.regions import CHONGQING, SICHUAN
from loaders.demo.world import Partnership, World

K = AgencyKind
ONE = "agreement:1"
ONE_TITLE = "关于提升区域一体化执法司法水平服务保障成渝地区双城经济圈建设的指导意见"
FRAMEWORKS = {
    K.COURT: ("2020-05-15", "川渝法院司法协作框架协议"),
    K.PROCURATORATE: ("2020-06", "川渝检察机关检察协作框架协议"),
    K.POLICE: ("2020-04-28", "川渝公安机关警务协作“22条”"),
    K.JUSTICE: ("2020-06", "川渝司法行政协作框架协议"),
}
DOMAIN_TITLES = {
    K.COMMISSION: "政法协作协议", K.COURT: "司法协作协议", K.PROCURATORATE: "检察协作协议",
    K.POLICE: "警务协作协议", K.JUSTICE: "司法行政协作协议",
}  # fmt: skip
# Pairs that cooperate in the twin-city economic circle (巴中–江北 from the issue; 万达开,
# 泸永江, 遂潼, 资大, 内荣, 广安–渝北); the other pairs are drawn at random.
KNOWN_PAIRS = (
    ("511900", "500105"), ("511600", "500112"), ("510900", "500152"), ("512000", "500111"),
    ("511000", "500153"), ("510500", "500118"), ("510500", "500116"), ("511700", "500101"),
    ("511700", "500154"),
)  # fmt: skip
UNCOVERED_SICHUAN = ("513400", "513401")
UNCOVERED_CHONGQING = "500229"
CHENG_DE_MEI_ZI = ("510100", "510600", "511400", "512000")
COUNTY_PAIRS_AT_FULL_SCALE = 35


def framework_id(kind: AgencyKind) -> str:
    return ONE if kind is K.COMMISSION else f"agreement:n:{kind.name}"


def _mechanisms(world: World) -> list[str]:
    members = list(Mechanism)
    chosen = sorted(world.rng.sample(range(len(members)), number(world.rng, 2, len(members))))
    return [members[i].name for i in chosen]


def _agreement(
    world: World,
    id_: str,
    props: Props,
    signers: list[str],
    parent: str | None,
) -> None:
    world.sink.node(NodeKind.Agreement, id_, props)
    for signer in signers:
        world.sink.rel(RelType.SIGNED_BY, id_, signer)
    if parent:
        world.sink.rel(RelType.IMPLEMENTS, id_, parent)
    world.agreements.append((ordinal(props["signed_on"]), id_))


def _pairs(world: World) -> list[tuple[str, str]]:
    rng, geo = world.rng, world.geo
    partners: dict[str, int] = {c.code: 0 for c in geo.cities}
    pairs = list(KNOWN_PAIRS)
    for city, _ in pairs:
        partners[city] += 1
    known = {district for _, district in KNOWN_PAIRS}
    for district in geo.chongqing:
        if district.code in known:
            continue
        allowed = [
            c for c in partners
            if not (district.code == UNCOVERED_CHONGQING and c in UNCOVERED_SICHUAN)
        ]  # fmt: skip
        fewest = min(partners[c] for c in allowed)
        city = one_of(rng, [c for c in allowed if partners[c] == fewest])
        partners[city] += 1
        pairs.append((city, district.code))
    counties = [
        a.code
        for a in world.all_agencies
        if a.kind is K.COMMISSION and a.level is RegionLevel.COUNTY and a.code.startswith("51")
    ]
    wanted = round(COUNTY_PAIRS_AT_FULL_SCALE * len(counties) / 183)
    seen = set(pairs)
    while wanted > 0:
        county, partner = one_of(rng, counties), one_of(rng, geo.chongqing).code
        uncovered = county in UNCOVERED_SICHUAN or geo.city_of(county) in UNCOVERED_SICHUAN
        if (county, partner) in seen or (uncovered and partner == UNCOVERED_CHONGQING):
            continue
        seen.add((county, partner))
        pairs.append((county, partner))
        wanted -= 1
    return pairs


def emit_agreements(world: World) -> None:
    _one_plus_n(world)
    _partnerships(world)


def _one_plus_n(world: World) -> None:
    commissions = [world.agency(p, K.COMMISSION).id for p in (SICHUAN, CHONGQING)]
    one: Props = {
        "title": ONE_TITLE,
        "tier": AgreementTier.ONE.name,
        "level_pair": LevelPair.PROVINCE_PROVINCE.name,
        "signed_on": "2021",
        "domain": K.COMMISSION.name,
        "mechanisms": [m.name for m in Mechanism],
    }
    _agreement(world, ONE, one, commissions, None)
    for kind, (signed, title) in FRAMEWORKS.items():
        framework: Props = {
            "title": title,
            "tier": AgreementTier.N.name,
            "level_pair": LevelPair.PROVINCE_PROVINCE.name,
            "signed_on": signed,
            "domain": kind.name,
            "mechanisms": _mechanisms(world),
        }
        signers = [world.agency(p, kind).id for p in (SICHUAN, CHONGQING)]
        _agreement(world, framework_id(kind), framework, signers, ONE)
    multilateral: Props = {
        "title": "成德眉资同城化政法协作协议",
        "tier": AgreementTier.BILATERAL.name,
        "level_pair": LevelPair.CITY_CITY.name,
        "signed_on": "2020-09-18",
        "domain": K.COMMISSION.name,
        "mechanisms": _mechanisms(world),
    }
    signers = [world.agency(c, K.COMMISSION).id for c in CHENG_DE_MEI_ZI]
    _agreement(
        world, f"agreement:{'-'.join(CHENG_DE_MEI_ZI)}:COMMISSION", multilateral, signers, ONE
    )


def _partnerships(world: World) -> None:
    """Every partnership signs a commission agreement and, in some domains, departmental ones."""
    rng = world.rng
    others = (K.COURT, K.PROCURATORATE, K.POLICE, K.JUSTICE)
    share = 0.5 if world.scale.full else 0.15
    last = min(world.today, ordinal("2023-12-31"))
    for sichuan, chongqing in _pairs(world):
        pair = Partnership(sichuan, chongqing)
        county = world.geo.by_code[sichuan].parent not in (None, SICHUAN)
        domains = [K.COMMISSION] + [
            k for k in others if rng.random() < share * (0.5 if county else 1)
        ]
        for kind in domains:
            a, b = world.agency(sichuan, kind), world.agency(chongqing, kind)
            day = between(rng, ordinal("2020-07-01"), last)
            props: Props = {
                "title": f"{a.name}与{b.name}{DOMAIN_TITLES[kind]}",
                "tier": AgreementTier.BILATERAL.name,
                "level_pair": (
                    LevelPair.COUNTY_DISTRICT if county else LevelPair.CITY_DISTRICT
                ).name,
                "signed_on": iso(day),
                "domain": kind.name,
                "mechanisms": _mechanisms(world),
            }
            id_ = f"agreement:{sichuan}-{chongqing}:{kind.name}"
            _agreement(world, id_, props, [a.id, b.id], framework_id(kind))
            pair.agreements[kind] = id_
            pair.signed = day if not pair.signed else min(pair.signed, day)
        world.partnerships.append(pair)
        world.partners.setdefault(sichuan, []).append(pair)
        world.partners.setdefault(chongqing, []).append(pair)
