"""The indicator tree (态势监测/评价) as Query fields, over
``workflows.cooperation.indicators``."""

from __future__ import annotations

from typing import Any

from schema.context import Info
from schema.cooperation import indicator_types as types
from schema.cooperation.args import From, ReportPeriodInput, To
from schema.fields import query
from workflows.cooperation import indicators


@query(
    "态势监测/评价: the indicator tree of a region (a code; its whole subtree) for a period. "
    "The region must lie in the caller's jurisdiction.",
    returns=types.IndicatorEvaluation,
)
async def indicator_evaluation(info: Info, region: str, date_from: From, date_to: To) -> Any:
    found = await info.context.call(
        indicators.indicator_evaluation,
        region_code=region,
        date_from=date_from,
        date_to=date_to,
    )
    return types.evaluation(found)


@query(
    "The indicator tree of each region for each period, to compare places and times. Ranking "
    "is off unless `rank: true` (some systems forbid publishing it).",
    returns=types.IndicatorComparison,
)
async def compare_indicators(
    info: Info, regions: list[str], periods: list[ReportPeriodInput], rank: bool = False
) -> Any:
    found = await info.context.call(
        indicators.compare_indicators,
        regions=regions,
        periods=[(p.start, p.end) for p in periods],
        rank=rank,
    )
    return types.comparison(found)
