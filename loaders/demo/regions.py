"""The real administrative divisions of Sichuan and Chongqing (data/regions.tsv) and the
names the demo derives from them: full names for agencies, abbreviations for case numbers."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from graph.model.enums import RegionLevel

REGIONS_TSV = Path(__file__).parent / "data" / "regions.tsv"
SICHUAN, CHONGQING = "510000", "500000"
_LEVELS = {"province": RegionLevel.PROVINCE, "city": RegionLevel.CITY, "county": RegionLevel.COUNTY}


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: RegionLevel
    parent: str | None
    valid_from: str | None
    valid_to: str | None

    @property
    def current(self) -> bool:
        return self.valid_to is None

    @property
    def province(self) -> str:
        return self.code[:2] + "0000"


def read_regions(path: Path = REGIONS_TSV) -> list[Region]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Region(
                code=row["code"],
                name=row["name"],
                level=_LEVELS[row["level"]],
                parent=row["parent_code"] or None,
                valid_from=row["valid_from"] or None,
                valid_to=row["valid_to"] or None,
            )
            for row in csv.DictReader(f, delimiter="\t")
        ]


class Geography:
    def __init__(self, regions: list[Region]) -> None:
        self.regions = regions
        self.by_code = {r.code: r for r in regions}
        current = [r for r in regions if r.current]
        self.cities = [r for r in current if r.level is RegionLevel.CITY]
        self.counties_of: dict[str, list[Region]] = {}
        for r in current:
            if r.level is RegionLevel.COUNTY and r.parent is not None:
                self.counties_of.setdefault(r.parent, []).append(r)
        self.chongqing = self.counties_of[CHONGQING]

    def full_name(self, code: str) -> str:
        """The name agencies carry: 乐山市市中区 (district names repeat), 金堂县, 重庆市江北区."""
        r = self.by_code[code]
        if r.level is not RegionLevel.COUNTY or r.parent is None:
            return r.name
        if r.province == CHONGQING:
            return self.by_code[CHONGQING].name + r.name
        return self.by_code[r.parent].name + r.name if r.name.endswith("区") else r.name

    def city_of(self, code: str) -> str:
        """The prefecture a region belongs to (the province itself for provinces and
        Chongqing's districts, which have no prefecture layer)."""
        r = self.by_code[code]
        if r.level is RegionLevel.COUNTY and r.province == SICHUAN and r.parent is not None:
            return r.parent
        return code if r.level is RegionLevel.CITY else r.province

    @cached_property
    def _abbreviations(self) -> dict[str, str]:
        def short(r: Region) -> str:
            if r.level is RegionLevel.PROVINCE:
                return "川" if r.code == SICHUAN else "渝"
            if "自治" in r.name:
                return r.name[:2]
            return r.name[:-1] if len(r.name) > 2 else r.name

        names = {r.code: short(r) for r in self.regions if r.current}
        repeated = {n for n, k in Counter(names.values()).items() if k > 1}

        def unique(code: str, name: str) -> str:
            if name not in repeated or self.by_code[code].level is not RegionLevel.COUNTY:
                return name
            city = names[self.city_of(code)]
            # 广安区 under 广安市 keeps its suffix; 市中区 takes its city's first character.
            return self.by_code[code].name if city == name else city[0] + name

        return {code: unique(code, n) for code, n in names.items()}

    def abbreviation(self, code: str) -> str:
        """The short name used in document numbers: 川, 成都, 锦江, 乐市中."""
        return self._abbreviations[code]

    def active_counties(self, count: int) -> list[Region]:
        """``count`` Sichuan counties spread over the prefectures: each prefecture's first
        county, then each one's second, and so on (so small demos still cover all 21)."""
        lists = [self.counties_of[c.code] for c in self.cities]
        order = [
            counties[i]
            for i in range(max(len(x) for x in lists))
            for counties in lists
            if i < len(counties)
        ]
        return order[:count]

    def home_county(self, code: str, pick: int) -> str:
        """A current county at or under ``code`` (``pick`` chooses which), for personal data."""
        r = self.by_code[code]
        if r.level is RegionLevel.COUNTY:
            return code
        under = (
            self.counties_of.get(code)
            or self.counties_of[self.cities[pick % len(self.cities)].code]
        )
        return under[pick % len(under)].code
