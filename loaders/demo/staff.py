"""Posts and the officials who hold them.

Every agency has a head post; three in ten changed hands on a day in 2019–2023, so "who
held it on day D" has two answers over time. Units that handle cases have line posts
in proportion to their case load. About one line officer in eight came from another
system of the same area (a court to a procuratorate, the police to the commission): two
spells, each a HOLDS and a MEMBER_OF with the same dates. Commission staff and some judges
and prosecutors form the three-level talent pool (人才库) that reviews draw reviewers from.
"""

from __future__ import annotations

import random

from graph.model.enums import (
    AgencyKind,
    CaseKind,
    NodeKind,
    OfficialRole,
    PartyRole,
    RegionLevel,
    RelType,
)
from graph.model.records import Props
from loaders.demo.agencies import FINANCIAL_COURT
from loaders.demo.days import between, iso, ordinal
from loaders.demo.people import person
from loaders.demo.pick import number
from loaders.demo.workload import UNIT_SHARE, regional_load
from loaders.demo.world import Agency, Official, Spell, World

K = AgencyKind
HEAD_TITLES = {
    K.COMMISSION: "政法委书记", K.COURT: "院长", K.PROCURATORATE: "检察长", K.POLICE: "局长",
    K.JUSTICE: "局长", K.CONGRESS: "主任", K.CPPCC: "主席", K.DISCIPLINE: "纪委书记",
    K.MEDIA: "社长", K.PRISON: "监狱长",
}  # fmt: skip
LINE_TITLES = {
    K.COMMISSION: "执法监督科科员", K.COURT: "审判员", K.PROCURATORATE: "检察官",
    K.POLICE: "民警", K.JUSTICE: "科员", K.PRISON: "刑罚执行科民警",
}  # fmt: skip
# Enough officers for two handlers per case and for natural approver pairs to stay small.
LEAST_LINE_STAFF = {K.COURT: 2, K.PROCURATORATE: 2, K.POLICE: 2, K.JUSTICE: 1, K.COMMISSION: 1}
HEAD_CHANGE, ROTATION = 0.3, 0.12
POOL_SHARE = {K.COMMISSION: 1.0, K.COURT: 0.1, K.PROCURATORATE: 0.1}
_CASE_KINDS = list(CaseKind)


def emit_person(
    world: World,
    role: OfficialRole,
    region_code: str,
    *,
    born: tuple[int, int] = (1962, 1998),
    extra: Props | None = None,
    rng: random.Random | None = None,
) -> str:
    """A new Official node with synthetic personal data (drawn from ``rng``, the world's by
    default); returns its id."""
    geo, rng = world.geo, rng or world.rng
    home = geo.home_county(region_code, number(rng, 0, 999))
    props: Props = person(rng, home, geo.full_name(home), born).props()
    props["role"] = role.name
    props["region_code"] = region_code
    if extra:
        props.update(extra)
    return world.sink.node(NodeKind.Official, world.next_id("official"), props)


def new_post(world: World, agency: Agency, title: str) -> str:
    serial = world.next_number(agency.id)
    post = f"post:{agency.id.removeprefix('agency:')}:{serial:04d}"
    world.sink.node(NodeKind.Post, post, {"title": title, "region_code": agency.code})
    world.sink.rel(RelType.POST_IN, post, agency.id)
    return post


def emit_spells(world: World, official: Official) -> None:
    for s in official.spells:
        props: Props = {"role": s.title, "valid_from": iso(s.start)}
        if s.end is not None:
            props["valid_to"] = iso(s.end)
        key = iso(s.start)
        world.sink.rel(RelType.HOLDS, official.id, s.post, dict(props), key)
        world.sink.rel(RelType.MEMBER_OF, official.id, s.agency.id, props, key)


def earliest(agency: Agency) -> int:
    return ordinal(agency.since) if agency.since else ordinal("2008-01-01")


def _pool_props(world: World, agency: Agency) -> Props:
    rng = world.rng
    kinds = sorted(rng.sample(range(len(_CASE_KINDS)), number(rng, 2, 4)))
    return {
        "pool_level": agency.level.name,
        "expertise": [_CASE_KINDS[i].name for i in kinds],
        "available": rng.random() < 0.85,
    }


def _heads(world: World, agency: Agency) -> None:
    rng, title = world.rng, HEAD_TITLES[agency.kind]
    if agency.level is RegionLevel.PROVINCE and agency.code == "510000" and title == "局长":
        title = "厅长"
    post = new_post(world, agency, title)
    first = max(earliest(agency), between(rng, ordinal("2012-01-01"), ordinal("2018-12-31")))
    change = between(rng, ordinal("2019-03-01"), min(world.today, ordinal("2023-12-31")))
    starts = [first, change] if rng.random() < HEAD_CHANGE and change > first else [first]
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else None
        official = Official(
            emit_person(world, OfficialRole.LEADER, agency.code, born=(1960, 1980)),
            [Spell(agency, post, title, start, end)],
        )
        emit_spells(world, official)
        agency.heads.append((start, official.id))


def _line_count(world: World, agency: Agency, load: dict[str, float]) -> int:
    total = world.scale.line_staff
    if agency.kind is K.PRISON:
        return max(4, round(total * 0.01))
    if agency.id == FINANCIAL_COURT:
        return max(3, round(total * 0.002))
    share = UNIT_SHARE.get(agency.kind)
    if share is None:
        return 0
    least = LEAST_LINE_STAFF[agency.kind] + (agency.level is not RegionLevel.COUNTY)
    return max(least, round(total * load[agency.code] * share))


def _line_staff(world: World, agency: Agency, count: int) -> list[Official]:
    rng, title = world.rng, LINE_TITLES[agency.kind]
    first_day, latest = earliest(agency), min(world.today, ordinal("2023-12-31"))
    staff = []
    for i in range(count):
        post = new_post(world, agency, title)
        # The first officer predates every case of the agency: handlers can always be found.
        last = ordinal("2018-12-31") if i == 0 else latest
        start = max(first_day, between(rng, ordinal("2008-01-01"), last))
        role = OfficialRole.INTERNAL if agency.kind is K.COMMISSION else OfficialRole.JUDICIAL
        in_pool = rng.random() < POOL_SHARE.get(agency.kind, 0.0)
        extra = _pool_props(world, agency) if in_pool else None
        official = Official(emit_person(world, role, agency.code, extra=extra), [])
        official.spells.append(Spell(agency, post, title, start))
        if extra:
            world.pool_members.append((official.id, agency, start, bool(extra["available"])))
        if extra and extra["available"]:
            official.expertise = tuple(extra["expertise"])
            world.pool.setdefault(agency.city, []).append(official)
        staff.append(official)
    return staff


def _rotate(world: World, staff: list[Official]) -> None:
    """Give some officers an earlier spell in a post another officer took over later."""
    rng = world.rng
    takers: dict[str, list[Official]] = {}
    for o in staff:
        if o.start >= ordinal("2016-01-01"):
            takers.setdefault(o.agency.city, []).append(o)
    taken: set[str] = set()
    for o in staff:
        agency = o.agency
        if agency.staff[0] == o.id or o.id in taken or rng.random() >= ROTATION:
            continue
        candidates = takers.get(agency.city, [])
        if not candidates:
            continue
        j = number(rng, 0, len(candidates) - 1)
        taker = candidates[j]
        if taker is o or taker.agency.kind is agency.kind or len(taker.spells) > 1:
            continue
        former = taker.spells[0]
        end = former.start - 1
        begin = max(earliest(former.agency), end - number(rng, 700, 2500))
        start = max(earliest(agency), former.start + number(rng, 0, 60))
        if begin >= end or start > world.today:
            continue
        candidates[j] = candidates[-1]
        candidates.pop()
        taken.add(taker.id)
        o.spells[:] = [
            Spell(former.agency, former.post, former.title, begin, end),
            Spell(agency, o.spells[0].post, o.spells[0].title, start),
        ]


def emit_staff(world: World) -> None:
    load = regional_load(world)
    everyone: list[Official] = []
    for agency in world.all_agencies:
        _heads(world, agency)
        count = _line_count(world, agency, load)
        line = _line_staff(world, agency, count) if count else []
        agency.staff = [o.id for o in line]
        everyone.extend(line)
    _rotate(world, everyone)
    for official in everyone:
        world.officials[official.id] = official
        emit_spells(world, official)


def link_party(world: World, person: str, case: str, role: PartyRole, since: str) -> None:
    """``person`` is a party to ``case`` in ``role`` from ``since`` (PARTY_TO), once."""
    if (person, case, role.name) in world.parties:
        return
    world.parties.add((person, case, role.name))
    props: Props = {"party_role": role.name, "valid_from": since}
    world.sink.rel(RelType.PARTY_TO, person, case, props, key=role.name)


def offender_of(world: World, named: str, region_code: str) -> str:
    """The Official node of the offender a sentence file names (``姓名(罪犯编号N)``): one per
    offender, whatever number of files name them. Drawn from its own generator, seeded by the
    name, so that the rest of the demo stays as it was."""
    known = world.offenders.get(named)
    if known is None:
        name = named.partition("(")[0]
        rng = random.Random(named)
        extra: Props = {"name": name}
        known = emit_person(world, OfficialRole.PARTY, region_code, extra=extra, rng=rng)
        world.offenders[named] = known
    return known
