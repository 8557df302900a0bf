"""Where the cases are: each active region's share of the case load.

Sichuan carries 85 % of the cases, spread over its prefectures by population; within a
prefecture the county-level units handle 80 %, the prefecture's own units 19 % and the
province 1 %. Chongqing's 15 % go 95 % to its districts and counties.
"""

from __future__ import annotations

from graph.model.enums import AgencyKind
from loaders.demo.regions import CHONGQING, SICHUAN
from loaders.demo.vocab import CITY_POPULATION
from loaders.demo.world import World

SICHUAN_SHARE = 0.85
# Which part of a region's cases each kind of unit handles (see cases.STAGES), and a small
# share for units that handle none but still need staff.
UNIT_SHARE = {
    AgencyKind.COURT: 0.76,
    AgencyKind.POLICE: 0.14,
    AgencyKind.PROCURATORATE: 0.06,
    AgencyKind.JUSTICE: 0.03,
    AgencyKind.COMMISSION: 0.03,
}


def regional_load(world: World) -> dict[str, float]:
    """Region code → share of all cases handled by its units (the shares add up to 1)."""
    geo = world.geo
    active = {a.code for a in world.all_agencies}
    population = sum(CITY_POPULATION.values())
    load = {SICHUAN: SICHUAN_SHARE * 0.01}
    for city in geo.cities:
        share = SICHUAN_SHARE * 0.99 * CITY_POPULATION[city.code] / population
        counties = [c.code for c in geo.counties_of[city.code] if c.code in active]
        load[city.code] = share * 0.19 / 0.99
        for code in counties:
            load[code] = share * 0.80 / 0.99 / len(counties)
    chongqing = 1 - SICHUAN_SHARE
    load[CHONGQING] = chongqing * 0.05
    for district in geo.chongqing:
        load[district.code] = chongqing * 0.95 / len(geo.chongqing)
    return load
