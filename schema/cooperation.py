"""The Sichuan–Chongqing "1+n" network, indicators and the cooperation report as Query fields.

Each resolver calls one use case of ``workflows/cooperation_reports.py`` (which checks the
caller and the input, then asks ``reports``) and maps its dataclasses to the types of
``schema/cooperation_types.py`` and ``schema/cooperation_report.py``.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import AgencyKind, AgreementTier, RegionLevel
from schema import cooperation_report as report_types
from schema import cooperation_types as types
from schema.generic.enums import LABELED, code
from schema.generic.inputs import given
from schema.generic.nodes import annotate, list_of, maybe
from schema.usecases import Info
from workflows import cooperation_reports as use

From = Annotated[str, strawberry.argument(name="from", description="first day, YYYY-MM-DD")]
To = Annotated[str, strawberry.argument(name="to", description="last day, YYYY-MM-DD")]
AsOf = Annotated[str, strawberry.argument(description="the day, YYYY-MM-DD")]


@strawberry.input(description="统计期间: the first and the last day (YYYY-MM-DD), both included.")
class ReportPeriodInput:
    start: str = strawberry.field(name="from")
    end: str = strawberry.field(name="to")


def _member(enum: type[Any], value: Any) -> Any:
    """The model enum member of a GraphQL enum argument (None when not given)."""
    given_value = given(value)
    return None if given_value is None else enum[code(given_value)]


async def _agreements(
    root: Any, info: Info, as_of: str | None = UNSET, tier: Any = UNSET, domain: Any = UNSET
) -> list[Any]:
    found = await info.context.call(
        use.agreements,
        as_of=given(as_of),
        tier=_member(AgreementTier, tier),
        domain=_member(AgencyKind, domain),
    )
    return [types.agreement(a) for a in found]


async def _coverage(
    root: Any,
    info: Info,
    as_of: str,
    kinds: Any = UNSET,
    levels: Any = UNSET,
    covered: bool | None = UNSET,
) -> list[Any]:
    choice: dict[str, Any] = {}
    if given(kinds) is not None:
        choice["kinds"] = [AgencyKind[code(k)] for k in kinds]
    if given(levels) is not None:
        choice["levels"] = [RegionLevel[code(v)] for v in levels]
    found = await info.context.call(use.agreement_coverage, as_of=as_of, **choice)
    return [types.coverage(m, given(covered)) for m in found]


async def _gaps(root: Any, info: Info, date_from: From, date_to: To) -> list[Any]:
    found = await info.context.call(use.agreement_gaps, date_from=date_from, date_to=date_to)
    return [types.area_pair(p) for p in found]


async def _timeline(root: Any, info: Info, date_from: From, date_to: To) -> list[Any]:
    found = await info.context.call(use.agreement_timeline, date_from=date_from, date_to=date_to)
    return [types.event(e) for e in found]


async def _network(root: Any, info: Info, as_of: str) -> Any:
    return types.analytics(await info.context.call(use.network_analytics, as_of=as_of))


async def _indicators(root: Any, info: Info, region: str, date_from: From, date_to: To) -> Any:
    found = await info.context.call(
        use.evaluate, region=region, date_from=date_from, date_to=date_to
    )
    return types.evaluation(found)


async def _compare(
    root: Any,
    info: Info,
    regions: list[str],
    periods: list[ReportPeriodInput],
    rank: bool = False,
) -> Any:
    found = await info.context.call(
        use.compare, regions=regions, periods=[(p.start, p.end) for p in periods], rank=rank
    )
    return types.comparison(found)


async def _report(root: Any, info: Info, date_from: From, date_to: To) -> Any:
    found = await info.context.call(use.cooperation_report, date_from=date_from, date_to=date_to)
    return report_types.cooperation_report(found)


def query_fields() -> dict[str, Any]:
    """The cooperation reads, merged into the Query root."""
    period = {"root": Any, "info": strawberry.Info, "date_from": From, "date_to": To}
    return {
        "cooperation_agreements": strawberry.field(
            resolver=annotate(
                _agreements,
                list_of(types.AgreementEntry),
                root=Any,
                info=strawberry.Info,
                as_of=maybe(str),
                tier=maybe(LABELED[AgreementTier]),
                domain=maybe(LABELED[AgencyKind]),
            ),
            description=(
                "“1+n” 协议: the agreements the caller sees (in force on `asOf`, a day, when "
                "given), in signing order, with parties, mechanisms, parent and what stands "
                "under each."
            ),
        ),
        "agreement_coverage": strawberry.field(
            resolver=annotate(
                _coverage,
                list_of(types.CoverageMatrixType),
                root=Any,
                info=strawberry.Info,
                as_of=AsOf,
                kinds=maybe(list_of(LABELED[AgencyKind])),
                levels=maybe(list_of(LABELED[RegionLevel])),
                covered=maybe(bool),
            ),
            description=(
                "协议覆盖矩阵 on `asOf`: one matrix per agency kind (default: 政法委, 法院, "
                "检察院, 公安, 司法行政) and Sichuan level (default: all three); `covered` "
                "keeps only covered (true) or uncovered (false) cells. Cooperation offices only."
            ),
        ),
        "agreement_gaps": strawberry.field(
            resolver=annotate(_gaps, list_of(types.AreaPair), **period),
            description=(
                "Area pairs with cross-region cases filed in the period that no agreement in "
                "force covered, with those cases. Cooperation offices only."
            ),
        ),
        "agreement_timeline": strawberry.field(
            resolver=annotate(_timeline, list_of(types.TimelineEventType), **period),
            description=(
                "大事记: agreements signed, joint meetings held and Sichuan–Chongqing joint "
                "actions started in the period, by date. Cooperation offices only."
            ),
        ),
        "network_analytics": strawberry.field(
            resolver=annotate(
                _network, types.NetworkAnalyticsType, root=Any, info=strawberry.Info, as_of=AsOf
            ),
            description=(
                "The agreement network on `asOf`: degree and betweenness of each agency, "
                "components, bridges. Cooperation offices only."
            ),
        ),
        "indicator_evaluation": strawberry.field(
            resolver=annotate(_indicators, types.IndicatorEvaluation, **period, region=str),
            description=(
                "态势监测/评价: the indicator tree of a region (a code; its whole subtree) for "
                "a period. The region must lie in the caller's jurisdiction."
            ),
        ),
        "compare_indicators": strawberry.field(
            resolver=annotate(
                _compare,
                types.IndicatorComparison,
                root=Any,
                info=strawberry.Info,
                regions=list_of(str),
                periods=list_of(ReportPeriodInput),
                rank=bool,
            ),
            description=(
                "The indicator tree of each region for each period, to compare places and "
                "times. Ranking is off unless `rank: true` (some systems forbid publishing it)."
            ),
        ),
        "cooperation_report": strawberry.field(
            resolver=annotate(_report, report_types.CooperationReportType, **period),
            description=(
                "川渝政法协作情况报告: the figures of `jiandu report cooperation` for the period, "
                "as data. Cooperation offices only."
            ),
        ),
    }


def mutation_fields() -> dict[str, Any]:
    return {}
