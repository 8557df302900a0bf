"""The "1+n" agreement network as Query fields, over ``workflows.cooperation.agreements``:
the agreements a caller sees, and for the cooperation offices coverage, gaps, the 大事记
timeline and network analytics."""

from __future__ import annotations

from typing import Any

from strawberry.types.unset import UNSET

from graph.model.enums import AgencyKind, AgreementTier, RegionLevel
from schema.context import Info
from schema.cooperation import agreement_types as types
from schema.cooperation.args import AsOf, From, To, member
from schema.fields import query
from schema.generic.enums import LABELED, code
from schema.generic.inputs import given
from schema.objects import list_of, maybe
from workflows.cooperation import agreements


@query(
    "“1+n” 协议: the agreements the caller sees (in force on `asOf`, a day, when given), in "
    "signing order, with parties, mechanisms, parent and what stands under each.",
    returns=list_of(types.AgreementEntry),
    tier=maybe(LABELED[AgreementTier]),
    domain=maybe(LABELED[AgencyKind]),
)
async def cooperation_agreements(
    info: Info, as_of: str | None = UNSET, tier: Any = UNSET, domain: Any = UNSET
) -> Any:
    found = await info.context.call(
        agreements.cooperation_agreements,
        as_of=given(as_of),
        tier=member(AgreementTier, tier),
        domain=member(AgencyKind, domain),
    )
    return [types.agreement(a) for a in found]


@query(
    "协议覆盖矩阵 on `asOf`: one matrix per agency kind (default: 政法委, 法院, 检察院, 公安, "
    "司法行政) and Sichuan level (default: all three); `covered` keeps only covered (true) or "
    "uncovered (false) cells. Cooperation offices only.",
    returns=list_of(types.CoverageMatrixType),
    kinds=maybe(list_of(LABELED[AgencyKind])),
    levels=maybe(list_of(LABELED[RegionLevel])),
)
async def agreement_coverage(
    info: Info, as_of: AsOf, kinds: Any = UNSET, levels: Any = UNSET, covered: bool | None = UNSET
) -> Any:
    choice: dict[str, Any] = {}
    if given(kinds) is not None:
        choice["kinds"] = [AgencyKind[code(k)] for k in kinds]
    if given(levels) is not None:
        choice["levels"] = [RegionLevel[code(v)] for v in levels]
    found = await info.context.call(agreements.agreement_coverage, as_of=as_of, **choice)
    return [types.coverage(m, given(covered)) for m in found]


@query(
    "Area pairs with cross-region cases filed in the period that no agreement in force "
    "covered, with those cases. Cooperation offices only.",
    returns=list_of(types.AreaPair),
)
async def agreement_gaps(info: Info, date_from: From, date_to: To) -> Any:
    found = await info.context.call(agreements.agreement_gaps, date_from=date_from, date_to=date_to)
    return [types.area_pair(p) for p in found]


@query(
    "大事记: agreements signed, joint meetings held and Sichuan–Chongqing joint actions started "
    "in the period, by date. Cooperation offices only.",
    returns=list_of(types.TimelineEventType),
)
async def agreement_timeline(info: Info, date_from: From, date_to: To) -> Any:
    found = await info.context.call(
        agreements.agreement_timeline, date_from=date_from, date_to=date_to
    )
    return [types.event(e) for e in found]


@query(
    "The agreement network on `asOf`: degree and betweenness of each agency, components, "
    "bridges. Cooperation offices only.",
    returns=types.NetworkAnalyticsType,
)
async def network_analytics(info: Info, as_of: AsOf) -> Any:
    return types.analytics(await info.context.call(agreements.network_analytics, as_of=as_of))
