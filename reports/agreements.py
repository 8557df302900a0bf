"""The Sichuan–Chongqing "1+n" agreement network: agreements with their parties and what was
done under them, which Sichuan–Chongqing pairs an agreement covers (the coverage matrix),
and which pairs have cross-region cases but no agreement (the gaps).

An agreement is in force on a day from its signing (a partial date from the first day it
covers) to its ``valid_to`` if it has one. A pair of areas is covered on a day when an
agreement in force then is signed by an agency of each: on the Sichuan side an agency of the
area or of its prefecture, on the Chongqing side one of the district. Province-level
agreements (the "1" and the "n") frame the others and cover no pair by themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.model.dates import valid_at
from graph.model.enums import (
    AgencyKind,
    AgreementTier,
    CaseKind,
    CaseStage,
    LevelPair,
    Mechanism,
    NodeKind,
    RegionLevel,
    RelType,
)
from graph.model.records import Node
from graph.store import Direction, GraphStore, Neighbour, Op, Where
from reports.areas import AgencyRef, Area, Geography, Side, side_of
from reports.period import Period
from reports.source import all_nodes, linked


@dataclass(frozen=True)
class AgreementView:
    id: str
    title: str
    tier: AgreementTier
    level_pair: LevelPair
    domain: AgencyKind | None
    mechanisms: tuple[Mechanism, ...]
    signed_on: str
    valid_to: str | None
    parent: str | None
    parties: tuple[AgencyRef, ...]
    cases: int
    actions: int
    meetings: int
    decided_by: tuple[str, ...]
    source: str | None = None

    def in_force(self, day: str) -> bool:
        return valid_at(self.signed_on, self.valid_to, day)

    def parties_of(self, side: Side) -> tuple[AgencyRef, ...]:
        return tuple(p for p in self.parties if p.side is side)

    @property
    def local(self) -> bool:
        """Signed below the province level on both sides: it covers pairs of areas."""
        return all(p.level is not RegionLevel.PROVINCE for p in self.parties)


class AgreementNetwork:
    """Every agreement with its parties, parent and what was done under it."""

    def __init__(self, geography: Geography, agreements: list[AgreementView]) -> None:
        self.geography = geography
        self.agreements = {a.id: a for a in sorted(agreements, key=_signing_order)}
        self._by_pair: dict[tuple[str, str], list[AgreementView]] = defaultdict(list)
        self._pairs: dict[tuple[str, str], list[AgreementView]] = {}
        for a in self.agreements.values():
            if not a.local:
                continue
            for ours in a.parties_of(Side.SICHUAN):
                for theirs in a.parties_of(Side.CHONGQING):
                    self._by_pair[(ours.region_code, theirs.region_code)].append(a)

    @classmethod
    def load(cls, store: GraphStore, geography: Geography | None = None) -> AgreementNetwork:
        geo = geography or Geography.load(store)
        nodes = all_nodes(store, NodeKind.Agreement)
        types = (RelType.SIGNED_BY, RelType.IMPLEMENTS, RelType.DECIDED)
        links = linked(store, [n.id for n in nodes], types, Direction.BOTH)
        # What was done under each agreement is counted, not read: tens of thousands of
        # cases lie under the agreements of a province, as groups of ids.
        under: dict[NodeKind, dict[str, int]] = {}
        for kind in (NodeKind.Case, NodeKind.SupervisionAction, NodeKind.JointMeeting):
            groups = store.link_groups(
                NodeKind.Agreement, [], rel_types=[RelType.UNDER], direction=Direction.IN,
                node_kinds=[kind],
            )  # fmt: skip
            counted = under[kind] = defaultdict(int)
            for agreements in groups.values():
                for a in agreements:
                    counted[a] += 1
        return cls(geo, [_view(n, links.get(n.id, []), geo, under) for n in nodes])

    def in_force(self, day: str) -> list[AgreementView]:
        return [a for a in self.agreements.values() if a.in_force(day)]

    def signed_in(self, period: Period) -> list[AgreementView]:
        return [a for a in self.agreements.values() if period.contains(a.signed_on)]

    def covering(self, sichuan_code: str, chongqing_code: str, day: str) -> list[AgreementView]:
        """The agreements in force on ``day`` that cover a pair of areas."""
        pair = (sichuan_code, chongqing_code)
        linking = self._pairs.get(pair)
        if linking is None:  # the agreements linking the pair on any day, by id, once
            found = {
                a.id: a
                for ours in self.geography.lineage(sichuan_code)
                for theirs in self.geography.lineage(chongqing_code)
                for a in self._by_pair.get((ours, theirs), ())
            }
            linking = self._pairs[pair] = [found[i] for i in sorted(found)]
        return [a for a in linking if a.in_force(day)]

    def area_pairs(self, day: str) -> dict[tuple[str, str], set[AgencyKind]]:
        """The pairs of areas (Sichuan code, Chongqing code) that local agreements in force
        on ``day`` link, with the domains they cover."""
        pairs: dict[tuple[str, str], set[AgencyKind]] = defaultdict(set)
        for a in self.in_force(day):
            if not a.local:
                continue
            for ours in a.parties_of(Side.SICHUAN):
                for theirs in a.parties_of(Side.CHONGQING):
                    pairs[(ours.region_code, theirs.region_code)].add(a.domain or ours.kind)
        return dict(pairs)


def _signing_order(a: AgreementView) -> tuple[str, str]:
    return (a.signed_on, a.id)


def _view(
    node: Node, links: list[Neighbour], geo: Geography, under: Mapping[NodeKind, Mapping[str, int]]
) -> AgreementView:
    """``under``: by kind, how many nodes of that kind lie under each agreement."""
    parties: list[AgencyRef] = []
    parent: str | None = None
    decided: list[str] = []
    for n in links:
        rel_type, other, outgoing = n.rel.type, n.node, n.outgoing
        if rel_type is RelType.SIGNED_BY and other.id in geo.agencies:
            parties.append(geo.agencies[other.id])
        elif rel_type is RelType.IMPLEMENTS and outgoing:
            parent = other.id
        elif rel_type is RelType.DECIDED and not outgoing:
            decided.append(other.id)
    domain = node.get("domain")
    return AgreementView(
        id=node.id,
        title=str(node.get("title")),
        tier=AgreementTier.parse(node.get("tier")),
        level_pair=LevelPair.parse(node.get("level_pair")),
        domain=AgencyKind.parse(domain) if domain else None,
        mechanisms=tuple(Mechanism.parse(m) for m in node.get("mechanisms") or ()),
        signed_on=str(node.get("signed_on")),
        valid_to=node.get("valid_to"),
        parent=parent,
        parties=tuple(sorted(parties, key=lambda p: p.id)),
        cases=under[NodeKind.Case].get(node.id, 0),
        actions=under[NodeKind.SupervisionAction].get(node.id, 0),
        meetings=under[NodeKind.JointMeeting].get(node.id, 0),
        decided_by=tuple(sorted(decided)),
        source=node.get("source"),
    )


@dataclass(frozen=True)
class CoverageMatrix:
    """Sichuan agencies of one kind and level (rows) against their Chongqing counterparts
    (columns): the agreements in force between each pair on ``as_of``, empty for none."""

    kind: AgencyKind
    level: RegionLevel
    as_of: str
    rows: tuple[AgencyRef, ...]
    columns: tuple[AgencyRef, ...]
    cells: tuple[tuple[tuple[str, ...], ...], ...]

    @property
    def covered_pairs(self) -> int:
        return sum(1 for row in self.cells for cell in row if cell)

    @property
    def uncovered_pairs(self) -> int:
        return len(self.rows) * len(self.columns) - self.covered_pairs

    def pairs(self, *, covered: bool) -> list[tuple[AgencyRef, AgencyRef, tuple[str, ...]]]:
        return [
            (r, c, cell)
            for r, row in zip(self.rows, self.cells, strict=True)
            for c, cell in zip(self.columns, row, strict=True)
            if bool(cell) is covered
        ]


def coverage_matrix(
    network: AgreementNetwork, *, kind: AgencyKind, level: RegionLevel, as_of: str
) -> CoverageMatrix:
    agencies = [a for a in network.geography.agencies.values() if a.valid_at(as_of)]
    their_level = RegionLevel.PROVINCE if level is RegionLevel.PROVINCE else RegionLevel.COUNTY
    rows = _agencies(agencies, Side.SICHUAN, kind, level)
    columns = _agencies(agencies, Side.CHONGQING, kind, their_level)
    signed: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in network.in_force(as_of):
        for ours in a.parties_of(Side.SICHUAN):
            for theirs in a.parties_of(Side.CHONGQING):
                signed[(ours.id, theirs.id)].append(a.id)
    cells = tuple(tuple(tuple(signed.get((r.id, c.id), ())) for c in columns) for r in rows)
    return CoverageMatrix(kind, level, as_of, tuple(rows), tuple(columns), cells)


def _agencies(
    agencies: list[AgencyRef], side: Side, kind: AgencyKind, level: RegionLevel
) -> list[AgencyRef]:
    chosen = [
        a
        for a in agencies
        if a.side is side and a.kind is kind and a.level is level and not a.cross_region
    ]
    return sorted(chosen, key=lambda a: (a.region_code, a.id))


@dataclass(frozen=True)
class CrossRegionCase:
    """A case that crosses the provincial border, with the two areas it links."""

    id: str
    case_number: str
    kind: CaseKind
    stage: CaseStage
    filed_on: str
    closed_on: str | None
    side: Side
    handled_by: AgencyRef | None
    sichuan_code: str
    chongqing_code: str
    under: tuple[str, ...]
    covering: tuple[str, ...]

    @property
    def covered(self) -> bool:
        return bool(self.covering)

    @property
    def region_code(self) -> str:
        """Where the case is handled."""
        return self.sichuan_code if self.side is Side.SICHUAN else self.chongqing_code

    def closed_by(self, day: str) -> bool:
        return self.closed_on is not None and self.closed_on <= day


# The fields of a cross-region case its coverage reads (``cross_region_cases``).
CROSS_FIELDS = ("region_code", "filed_on", "case_number", "kind", "stage", "closed_on")


def cross_region_cases(
    store: GraphStore,
    network: AgreementNetwork,
    period: Period,
    ids: Sequence[str] | None = None,
) -> list[CrossRegionCase]:
    """Cases flagged cross-region and filed in ``period`` (among ``ids`` when given), in id
    order, each with the agreements that covered it: in force on the day it was filed and
    covering both its areas. This is what "covered" means everywhere."""
    where = [Where("cross_region", Op.EQ, True)]
    if ids is not None:
        where.append(Where("id", Op.IN, list(ids)))
    # Only the fields read below travel, and the links as ids (``link_groups``).
    outlines = store.node_outlines(NodeKind.Case, where, CROSS_FIELDS)
    cases = [c for c in outlines if period.contains(c.get("filed_on"))]
    links: dict[str, list[tuple[RelType, str]]] = defaultdict(list)
    if cases:
        # Every case read kept: the links of the same conditions, without a list of ids.
        kept = where if len(cases) == len(outlines) else [Where("id", Op.IN, [c.id for c in cases])]
        for type_ in (RelType.HANDLED_BY, RelType.INVOLVES, RelType.UNDER):
            found = store.link_groups(
                NodeKind.Case, kept, rel_types=[type_], direction=Direction.OUT
            )
            for other, members in found.items():  # in id order, as neighbours come
                for c in members:
                    links[c].append((type_, other))
    out = [_cross_region(c, links.get(c.id, []), network) for c in cases]
    return sorted((c for c in out if c is not None), key=lambda c: c.id)


def _cross_region(
    case: Node, links: Sequence[tuple[RelType, str]], network: AgreementNetwork
) -> CrossRegionCase | None:
    geo = network.geography
    side = side_of(case.get("region_code"))
    if side is None:
        return None
    handled_by: AgencyRef | None = None
    under: list[str] = []
    other_codes: list[str] = []
    for rel_type, other in links:
        if rel_type is RelType.HANDLED_BY:
            handled_by = geo.agencies.get(other)
        elif rel_type is RelType.UNDER:
            under.append(other)
        else:
            code = geo.region_of(other)
            if code is not None and side_of(code) not in (None, side):
                other_codes.append(code)
    ours = str(case.get("region_code"))
    # The most specific region the case involves on the other side names the area.
    theirs = min(other_codes, key=lambda c: (-len(geo.lineage(c)), c), default="")
    sichuan, chongqing = (ours, theirs) if side is Side.SICHUAN else (theirs, ours)
    filed = str(case.get("filed_on"))
    covering = network.covering(sichuan, chongqing, filed) if sichuan and chongqing else []
    return CrossRegionCase(
        id=case.id,
        case_number=str(case.get("case_number")),
        kind=CaseKind.parse(case.get("kind")),
        stage=CaseStage.parse(case.get("stage")),
        filed_on=filed,
        closed_on=case.get("closed_on"),
        side=side,
        handled_by=handled_by,
        sichuan_code=sichuan,
        chongqing_code=chongqing,
        under=tuple(sorted(under)),
        covering=tuple(a.id for a in covering),
    )


@dataclass(frozen=True)
class AreaPairCases:
    """The cross-region cases between one Sichuan area and one Chongqing district."""

    sichuan: Area
    chongqing: Area
    cases: tuple[CrossRegionCase, ...]

    @property
    def uncovered(self) -> tuple[CrossRegionCase, ...]:
        return tuple(c for c in self.cases if not c.covered)


def by_area_pair(network: AgreementNetwork, cases: list[CrossRegionCase]) -> list[AreaPairCases]:
    grouped: dict[tuple[str, str], list[CrossRegionCase]] = defaultdict(list)
    for case in cases:
        grouped[(case.sichuan_code, case.chongqing_code)].append(case)
    geo = network.geography
    return [
        AreaPairCases(geo.area(s), geo.area(c), tuple(grouped[(s, c)])) for s, c in sorted(grouped)
    ]


def coverage_gaps(network: AgreementNetwork, cases: list[CrossRegionCase]) -> list[AreaPairCases]:
    """Area pairs with cross-region cases that no agreement covered when they were filed."""
    return [
        AreaPairCases(p.sichuan, p.chongqing, p.uncovered)
        for p in by_area_pair(network, cases)
        if p.uncovered
    ]


def list_agreements(
    store: GraphStore,
    *,
    as_of: str | None = None,
    tier: AgreementTier | None = None,
    domain: AgencyKind | None = None,
) -> list[AgreementView]:
    """Agreements (in force on ``as_of`` when given), in signing order."""
    network = AgreementNetwork.load(store)
    chosen = network.in_force(as_of) if as_of else list(network.agreements.values())
    return [
        a
        for a in chosen
        if (tier is None or a.tier is tier) and (domain is None or a.domain is domain)
    ]


def coverage(
    store: GraphStore, *, kind: AgencyKind, level: RegionLevel, as_of: str
) -> CoverageMatrix:
    """The coverage matrix of one agency kind and Sichuan level on a day."""
    return coverage_matrix(AgreementNetwork.load(store), kind=kind, level=level, as_of=as_of)


def gaps(store: GraphStore, *, date_from: str, date_to: str) -> list[AreaPairCases]:
    """Area pairs with cross-region cases filed in the period but no agreement covering them."""
    period = Period.parse(date_from, date_to)
    network = AgreementNetwork.load(store)
    return coverage_gaps(network, cross_region_cases(store, network, period))
