"""The Sichuan–Chongqing "1+n" agreement network: the agreements a caller sees, and for the
cooperation offices (``offices``) its coverage, its gaps, the 大事记 timeline and its
analytics.

A cross-region case (川渝跨区域) is handled UNDER an agreement whose mechanisms (线索互联,
取证互助, 结果互认…) let one side's results count on the other; a case with none has no basis
for recognising them (``cross_region_without_agreement``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model.dates import parse_day
from graph.model.enums import AgencyKind, AgreementTier, NodeKind, RegionLevel, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from reports import cooperation, network, timeline
from reports.agreements import (
    AgreementNetwork,
    AgreementView,
    AreaPairCases,
    CoverageMatrix,
    coverage_matrix,
    cross_region_cases,
    gaps,
    list_agreements,
)
from reports.period import Period
from workflows.access import Access
from workflows.cooperation.offices import require_cooperation_office
from workflows.reading import in_region, linked_ids
from workflows.usecase import use_case

SICHUAN_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)


def _day(field: str, text: str) -> str:
    try:
        return parse_day(text)
    except ValueError:
        raise ValidationError(FieldError(field, f"'{text}' is not a day (YYYY-MM-DD)")) from None


@use_case()
def cooperation_agreements(
    *,
    store: GraphStore,
    access: Access,
    as_of: str | None = None,
    tier: AgreementTier | None = None,
    domain: AgencyKind | None = None,
) -> list[AgreementView]:
    """The agreements the caller sees (in force on ``as_of`` when given), in signing order:
    a scoped caller reads those shared with its subtree (``workflows/access.py``)."""
    day = None if as_of is None else _day("as_of", as_of)
    found = list_agreements(store, as_of=day, tier=tier, domain=domain)
    if not access.scoped:
        return found
    nodes = store.get_nodes([a.id for a in found])
    return [a for a in found if a.id in nodes and access.can_see(nodes[a.id])]


@use_case(scoped=True)
def agreement_coverage(
    *,
    store: GraphStore,
    as_of: str,
    kinds: Sequence[AgencyKind] = cooperation.COVERAGE_KINDS,
    levels: Sequence[RegionLevel] = SICHUAN_LEVELS,
    region: str | None = None,
) -> list[CoverageMatrix]:
    """The coverage matrix of each agency kind and Sichuan level on a day."""
    require_cooperation_office(region, "the coverage matrix")
    day = _day("as_of", as_of)
    loaded = AgreementNetwork.load(store)
    return [coverage_matrix(loaded, kind=k, level=v, as_of=day) for k in kinds for v in levels]


@use_case(scoped=True)
def agreement_gaps(
    *, store: GraphStore, date_from: str, date_to: str, region: str | None = None
) -> list[AreaPairCases]:
    """Area pairs with cross-region cases filed in the period that no agreement covered."""
    require_cooperation_office(region, "the coverage gaps")
    return gaps(store, date_from=date_from, date_to=date_to)


@use_case(scoped=True)
def agreement_timeline(
    *, store: GraphStore, date_from: str, date_to: str, region: str | None = None
) -> list[timeline.TimelineEvent]:
    """Agreements signed, joint meetings held and joint actions started in the period."""
    require_cooperation_office(region, "the cooperation timeline")
    return timeline.timeline(store, date_from=date_from, date_to=date_to)


@use_case(scoped=True)
def network_analytics(
    *, store: GraphStore, as_of: str, region: str | None = None
) -> network.NetworkAnalytics:
    """Degree, betweenness, components and bridges of the agreement network on a day."""
    require_cooperation_office(region, "the agreement network")
    return network.analytics(store, as_of=_day("as_of", as_of))


@dataclass(frozen=True)
class UncoveredCase:
    case: Node
    handling_unit_ids: list[str]
    involved_ids: list[str]


@use_case(scoped=True)
def cross_region_without_agreement(
    *, store: GraphStore, region: str | None = None
) -> list[UncoveredCase]:
    """Cross-region cases that no agreement covered: the one definition the coverage gaps of
    the report use too (reports.agreements.cross_region_cases): no agreement in force on
    the day the case was filed covers both its Sichuan area and its Chongqing area. An UNDER
    link to an agreement records which one it worked under; it is not what covers it."""
    # The ids of the region's cross-region cases (all of them: no list needed); only the
    # uncovered ones are read whole.
    ids = None
    if region is not None:
        where = [Where("cross_region", Op.EQ, True), *in_region(region)]
        ids = sorted(store.node_values(NodeKind.Case, where, []))
    network = AgreementNetwork.load(store)
    everything = Period("0000-01-01", "9999-12-31")
    uncovered = [
        c.id for c in cross_region_cases(store, network, everything, ids=ids) if not c.covered
    ]
    cases = store.get_nodes(uncovered)
    among = [Where("id", Op.IN, uncovered)]
    ends = {
        t: linked_ids(store, NodeKind.Case, among, [t], Direction.OUT)
        for t in (RelType.HANDLED_BY, RelType.INVOLVES)
    }
    return [
        UncoveredCase(
            cases[i],
            ends[RelType.HANDLED_BY].get(i, []),
            ends[RelType.INVOLVES].get(i, []),
        )
        for i in uncovered
        if i in cases
    ]
