"""Fields over ``workflows.cooperation.monitoring``: the monitoring indicator tree as data, the
platforms' measurements imported, evaluations and trends."""

from __future__ import annotations

import enum
from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import IndicatorLevel, NodeKind, Polarity
from schema.context import Info
from schema.cooperation import indicator_types as types
from schema.cooperation.args import From, To
from schema.fields import mutation, query
from schema.generic.enums import LABELED
from schema.generic.enums import code as enum_code
from schema.generic.inputs import given
from schema.generic.nodes import TYPES
from schema.objects import input_object, list_of, maybe, output
from schema.results import shown
from workflows.cooperation import monitoring

MeasurementRowInput = input_object(
    "MeasurementRowInput",
    "One row of a platform export: a leaf indicator by code, a region by code, a period (2024, "
    "2024-H1, 2024-Q1 or 2024-03) and a value (a share as 0.95 or 95% when the unit is %).",
    code=str,
    region_code=str,
    period=str,
    value=str,
)
MeasurementImport = output(
    "MeasurementImport",
    "What an import wrote: new measurements, changed ones, and rows already on record.",
    created=int,
    updated=int,
    unchanged=int,
    platform=str,
)


@strawberry.enum(
    description="Whether the score rose, held or fell from the first period to the last."
)
class TrendDirection(enum.Enum):
    IMPROVING = "IMPROVING"
    STEADY = "STEADY"
    WORSENING = "WORSENING"


TrendPoint = output(
    "TrendPoint",
    "One period of a trend: the value (a leaf's mean of the period), the score, whether the "
    "value is in its reference range, and the change of score from the period before.",
    period=str,
    value=maybe(float),
    score=maybe(float),
    in_range=maybe(bool),
    change=maybe(float),
)
IndicatorTrend = output(
    "IndicatorTrend",
    "An indicator of one region over the periods measured: a leaf's own periods, a parent's "
    "rolled up from its leaves period by period.",
    indicator=TYPES[NodeKind.Indicator],
    region_code=str,
    points=list_of(TrendPoint),
    direction=maybe(TrendDirection),
)


@mutation(
    "执法司法态势监测指标体系: add an indicator to the tree: a 一级 or 加分项 at the top, "
    "a 二级 under a 一级, a 三级 under a 二级; children's weights add up to at most their "
    "parent's; a leaf has a reference range, a direction and the platform that feeds it.",
    returns=TYPES[NodeKind.Indicator],
    level=LABELED[IndicatorLevel],
    polarity=maybe(LABELED[Polarity]),
)
async def define_indicator(
    info: Info,
    code: str,
    name: str,
    level: Any,
    weight: float,
    parent_code: str | None = UNSET,
    reference_low: float | None = UNSET,
    reference_high: float | None = UNSET,
    polarity: Any = UNSET,
    unit: str | None = UNSET,
    definition: str | None = UNSET,
    platform: str | None = UNSET,
) -> Any:
    pol = given(polarity)
    node = await info.context.call(
        monitoring.define_indicator,
        code=code,
        name=name,
        level=enum_code(level),
        weight=weight,
        parent_code=given(parent_code),
        reference_low=given(reference_low),
        reference_high=given(reference_high),
        polarity=None if pol is None else enum_code(pol),
        unit=given(unit),
        definition=given(definition),
        platform=given(platform),
    )
    return shown(info, node)


@mutation(
    "跨部门办案平台融合: import a platform's export of measurements, all or nothing; an error "
    "names the row and the field. Rows already on record with the same value change nothing.",
    returns=MeasurementImport,
    rows=list_of(MeasurementRowInput),
)
async def import_measurements(info: Info, rows: Any, platform: str | None = UNSET) -> Any:
    report = await info.context.call(
        monitoring.import_measurements,
        rows=[monitoring.MeasurementRow(r.code, r.region_code, r.period, r.value) for r in rows],
        platform=given(platform) or monitoring.PLATFORM,
    )
    return MeasurementImport(
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        platform=report.platform,
    )


@query(
    "态势监测: the monitoring tree of a region for a span, scored from the measurements on "
    "record (each leaf the mean of its periods inside the span).",
    returns=types.IndicatorEvaluation,
)
async def monitoring_evaluation(info: Info, region: str, date_from: From, date_to: To) -> Any:
    found = await info.context.call(
        monitoring.monitoring_evaluation, region_code=region, date_from=date_from, date_to=date_to
    )
    return types.evaluation(found)


@query(
    "态势监测 trend: one indicator (by code) of a region over the periods measured in a span, "
    "each with its change, and whether it improved.",
    returns=IndicatorTrend,
)
async def indicator_trend(info: Info, code: str, region: str, date_from: From, date_to: To) -> Any:
    found = await info.context.call(
        monitoring.indicator_trend,
        code=code,
        region_code=region,
        date_from=date_from,
        date_to=date_to,
    )
    return IndicatorTrend(
        indicator=shown(info, found.indicator),
        region_code=found.region_code,
        points=[
            TrendPoint(
                period=p.period, value=p.value, score=p.score, in_range=p.in_range, change=p.change
            )
            for p in found.points
        ],
        direction=None if found.direction is None else TrendDirection[found.direction],
    )
