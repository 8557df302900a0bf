"""The Sichuan–Chongqing cooperation figures of ``reports`` as use cases: who may read them,
and their inputs checked, each error naming its field.

The figures over the whole "1+n" network (coverage, gaps, timeline, network analytics, the
cooperation report) are prepared by the two provincial cooperation offices for their joint
meetings: unscoped callers and callers whose jurisdiction is a whole side (510000 Sichuan,
500000 Chongqing) read them; a caller scoped below a province is refused. The agreement list
follows the node rule of ``workflows/access.py``: a scoped caller reads the agreements shared
with its subtree. Indicators are evaluated for regions inside the caller's jurisdiction, and
for the two provinces as wholes by the cooperation offices, as the report sets them side by
side.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.errors import FieldError, Forbidden, ValidationError
from graph.model.dates import parse_day
from graph.model.enums import AgencyKind, AgreementTier, NodeKind, RegionLevel
from graph.store import GraphStore, Op, Where
from reports import cooperation, indicators, network, timeline
from reports.agreements import (
    AgreementNetwork,
    AgreementView,
    AreaPairCases,
    CoverageMatrix,
    coverage_matrix,
    gaps,
    list_agreements,
)
from reports.areas import Side
from reports.period import Period
from workflows.access import Access, Permission

COOPERATION_OFFICES = tuple(side.code for side in Side)
SICHUAN_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)
# Regions × periods of one comparison: each evaluation walks the casework of its region.
MAX_EVALUATIONS = 400


def require_cooperation_office(access: Access, what: str) -> None:
    """Figures over both sides: for unscoped callers and the provincial cooperation offices."""
    access.require(Permission.READ)
    region = access.principal.region
    if region is not None and region not in COOPERATION_OFFICES:
        offices = ", ".join(COOPERATION_OFFICES)
        raise Forbidden(
            f"{what} covers both sides of the cooperation: it is read by the provincial "
            f"cooperation offices (jurisdiction {offices}), not from {region}"
        )


def _day(field: str, text: str) -> str:
    try:
        return parse_day(text)
    except ValueError:
        raise ValidationError(FieldError(field, f"'{text}' is not a day (YYYY-MM-DD)")) from None


def agreements(
    *,
    store: GraphStore,
    access: Access,
    as_of: str | None = None,
    tier: AgreementTier | None = None,
    domain: AgencyKind | None = None,
) -> list[AgreementView]:
    """The agreements the caller sees (in force on ``as_of`` when given), in signing order."""
    access.require(Permission.READ)
    day = None if as_of is None else _day("as_of", as_of)
    found = list_agreements(store, as_of=day, tier=tier, domain=domain)
    if not access.scoped:
        return found
    nodes = store.get_nodes([a.id for a in found])
    return [a for a in found if a.id in nodes and access.can_see(nodes[a.id])]


def agreement_coverage(
    *,
    store: GraphStore,
    access: Access,
    as_of: str,
    kinds: Sequence[AgencyKind] = cooperation.COVERAGE_KINDS,
    levels: Sequence[RegionLevel] = SICHUAN_LEVELS,
) -> list[CoverageMatrix]:
    """The coverage matrix of each agency kind and Sichuan level on a day."""
    require_cooperation_office(access, "the coverage matrix")
    day = _day("as_of", as_of)
    loaded = AgreementNetwork.load(store)
    return [coverage_matrix(loaded, kind=k, level=v, as_of=day) for k in kinds for v in levels]


def agreement_gaps(
    *, store: GraphStore, access: Access, date_from: str, date_to: str
) -> list[AreaPairCases]:
    """Area pairs with cross-region cases filed in the period that no agreement covered."""
    require_cooperation_office(access, "the coverage gaps")
    return gaps(store, date_from=date_from, date_to=date_to)


def agreement_timeline(
    *, store: GraphStore, access: Access, date_from: str, date_to: str
) -> list[timeline.TimelineEvent]:
    """Agreements signed, joint meetings held and joint actions started in the period."""
    require_cooperation_office(access, "the cooperation timeline")
    return timeline.timeline(store, date_from=date_from, date_to=date_to)


def network_analytics(*, store: GraphStore, access: Access, as_of: str) -> network.NetworkAnalytics:
    """Degree, betweenness, components and bridges of the agreement network on a day."""
    require_cooperation_office(access, "the agreement network")
    return network.analytics(store, as_of=_day("as_of", as_of))


def cooperation_report(
    *, store: GraphStore, access: Access, date_from: str, date_to: str
) -> cooperation.CooperationReport:
    """The figures of the cooperation report for a period."""
    require_cooperation_office(access, "the cooperation report")
    return cooperation.cooperation_report(store, date_from=date_from, date_to=date_to)


def _require_regions(store: GraphStore, access: Access, named: dict[str, str]) -> None:
    """Each code (by the field that gave it) names a region the caller may evaluate.
    Regions are public: a region out of reach is FORBIDDEN, an unknown code invalid."""
    wanted = sorted(set(named.values()))
    found = store.list_nodes(NodeKind.Region, [Where("code", Op.IN, wanted)]).items
    known = {str(n.get("code")) for n in found}
    unknown = [FieldError(f, f"no region '{c}'") for f, c in named.items() if c not in known]
    if unknown:
        raise ValidationError(unknown)
    prefix, region = access.principal.prefix, access.principal.region
    for field, code in named.items():
        whole_side = region in COOPERATION_OFFICES and code in COOPERATION_OFFICES
        if prefix is not None and not code.startswith(prefix) and not whole_side:
            raise Forbidden(f"{field}: region '{code}' is outside the jurisdiction {region}")


def _periods(periods: Sequence[tuple[str, str]]) -> None:
    if not periods:
        raise ValidationError(FieldError("periods", "give at least one period"))
    errors: list[FieldError] = []
    for i, (date_from, date_to) in enumerate(periods):
        try:
            Period.parse(date_from, date_to)
        except ValidationError as bad:
            errors += [FieldError(f"periods[{i}].{e.field}", e.reason) for e in bad.errors]
    if errors:
        raise ValidationError(errors)


def evaluate(
    *, store: GraphStore, access: Access, region: str, date_from: str, date_to: str
) -> indicators.Evaluation:
    """The indicator tree of one region for one period."""
    access.require(Permission.READ)
    Period.parse(date_from, date_to)
    _require_regions(store, access, {"region": region})
    return indicators.evaluate(store, region_code=region, date_from=date_from, date_to=date_to)


def compare(
    *,
    store: GraphStore,
    access: Access,
    regions: Sequence[str],
    periods: Sequence[tuple[str, str]],
    rank: bool = False,
) -> indicators.Comparison:
    """The indicator tree of each region for each period; ranked only when asked."""
    access.require(Permission.READ)
    _periods(periods)
    if len(regions) * len(periods) > MAX_EVALUATIONS:
        raise ValidationError(
            FieldError(
                "periods",
                f"{len(regions)} regions × {len(periods)} periods is more than "
                f"{MAX_EVALUATIONS} evaluations",
            )
        )
    if not regions:
        raise ValidationError(FieldError("regions", "give at least one region code"))
    _require_regions(store, access, {f"regions[{i}]": c for i, c in enumerate(regions)})
    return indicators.compare(store, region_codes=regions, periods=periods, rank=rank)
