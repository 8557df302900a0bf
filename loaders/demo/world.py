"""What the generators share: the random source, the reference date, the regions and
agencies, who works where, and the counters that keep natural data below the planted
patterns (docs/demo-data.md)."""

from __future__ import annotations

import bisect
import math
import random
from collections import Counter
from dataclasses import dataclass, field

from graph.errors import FieldError, ValidationError
from graph.model.enums import ActionKind, AgencyKind, RegionLevel
from loaders.demo.days import ordinal
from loaders.demo.regions import Geography, read_regions
from loaders.demo.sink import Sink

MIN_CASES, MAX_CASES = 200, 1_000_000
FULL_SCALE = 5_000  # from here on every Sichuan county has its agencies
FIRST_DAY = "2019-01-01"
_WIDTHS = {"case": 7, "complaint": 7}


@dataclass(frozen=True)
class Scale:
    cases: int

    @property
    def county_count(self) -> int:
        return min(183, max(21, math.ceil(183 * self.cases / FULL_SCALE)))

    @property
    def full(self) -> bool:
        return self.cases >= FULL_SCALE

    @property
    def line_staff(self) -> int:
        return min(50_000, self.cases // 5)

    @property
    def agency_actions(self) -> int:
        return max(40, round(self.cases * 0.025))


@dataclass(eq=False)
class Agency:
    id: str
    kind: AgencyKind
    code: str
    level: RegionLevel
    name: str
    city: str
    opened: int
    since: str | None = None
    heads: list[tuple[int, str]] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)

    def head_at(self, day: int) -> str:
        """Who held the head post on ``day`` (the first holder before anyone did)."""
        i = bisect.bisect_right([start for start, _ in self.heads], day) - 1
        return self.heads[max(i, 0)][1]


@dataclass(frozen=True)
class Spell:
    """An official's time in a post: HOLDS the post and MEMBER_OF its agency, same dates."""

    agency: Agency
    post: str
    title: str
    start: int
    end: int | None = None


@dataclass(eq=False)
class Official:
    id: str
    spells: list[Spell]
    expertise: tuple[str, ...] = ()

    @property
    def agency(self) -> Agency:
        return self.spells[-1].agency

    @property
    def start(self) -> int:
        return self.spells[-1].start

    def served_in(self, agency: Agency) -> bool:
        return any(s.agency is agency for s in self.spells)


@dataclass
class Partnership:
    """A Sichuan area and a Chongqing district with agreements, by domain."""

    sichuan: str
    chongqing: str
    agreements: dict[AgencyKind, str] = field(default_factory=dict)
    signed: int = 0


@dataclass(frozen=True)
class Campaign:
    """A provincial campaign that actions are PART_OF; ``year`` names a yearly batch."""

    id: str
    kind: ActionKind
    started: int
    ended: int
    year: int | None = None


class World:
    def __init__(self, *, cases: int, seed: int, today: str) -> None:
        if not MIN_CASES <= cases <= MAX_CASES:
            raise ValidationError(
                FieldError("cases", f"must be between {MIN_CASES:,} and {MAX_CASES:,}")
            )
        try:
            self.today = ordinal(today)
        except ValueError:
            raise ValidationError(FieldError("today", f"'{today}' is not YYYY-MM-DD")) from None
        if not ordinal("2022-01-01") <= self.today <= ordinal("2030-12-31"):
            raise ValidationError(FieldError("today", "must lie between 2022 and 2030"))
        self.rng = random.Random(seed)
        self.scale = Scale(cases)
        self.first_day = ordinal(FIRST_DAY)
        self.geo = Geography(read_regions())
        self.sink = Sink(f"jiandu-demo:{seed}")
        # Files on record not yet handed to a blob store, by SHA-256 (DemoData.take_files).
        self.files: dict[str, bytes] = {}
        self.agencies: dict[tuple[str, AgencyKind], Agency] = {}
        self.all_agencies: list[Agency] = []
        self.prisons: list[Agency] = []
        self.by_id: dict[str, Agency] = {}
        self.officials: dict[str, Official] = {}
        self.pool: dict[str, list[Official]] = {}
        # Everyone given a talent-pool level, their agency, first day and whether they review
        # (demo/training.py).
        self.pool_members: list[tuple[str, Agency, int, bool]] = []
        self.agreements: list[tuple[int, str]] = []
        self.partnerships: list[Partnership] = []
        self.partners: dict[str, list[Partnership]] = {}
        self.campaigns: list[Campaign] = []
        self.reportable: dict[tuple[str, int], list[str]] = {}
        self.inspected: dict[str, list[tuple[int, int]]] = {}
        self.unit_actions: dict[tuple[str, int], list[str]] = {}
        self.overdue: Counter[str] = Counter()
        self.approver_pairs: Counter[tuple[str, str]] = Counter()
        self.serials: dict[str, int] = {}
        self.petitioners: dict[str, tuple[str, int]] = {}
        # Parties already linked to a case (PARTY_TO, once per person, case and role), and the
        # Official node of each offender named in a sentence file.
        self.parties: set[tuple[str, str, str]] = set()
        self.offenders: dict[str, str] = {}
        self.interventions: Counter[str] = Counter()
        self.askers: dict[str, tuple[str, str]] = {}  # prefecture → last improper asker, post
        self.habits: dict[str, tuple[str, str]] = {}  # court → the pair that signed last
        self.commuted: list[
            tuple[str, int, str, float, str]
        ] = []  # offender, day, class, share, court
        self._next: Counter[str] = Counter()

    def next_number(self, key: str) -> int:
        self._next[key] += 1
        return self._next[key]

    def next_id(self, prefix: str) -> str:
        return f"{prefix}:{self.next_number(prefix):0{_WIDTHS.get(prefix, 6)}d}"

    def agency(self, code: str, kind: AgencyKind) -> Agency:
        return self.agencies[(code, kind)]
