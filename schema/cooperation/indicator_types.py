"""The GraphQL types of the indicator tree (``reports.indicators``) and the mapping of its
evaluations onto them: each tree flattened, parents before their children."""

from __future__ import annotations

from typing import Any

from graph.model.enums import IndicatorLevel, Polarity
from reports.indicators import Comparison, Evaluation, IndicatorValue
from schema.cooperation.entities import (
    CooperationArea,
    ReportPeriod,
    area,
    labeled,
    labels,
    period,
    record,
)
from schema.objects import list_of, maybe, output

IndicatorResult = record(
    "IndicatorResult",
    "指标: one indicator of the tree with its value for a region and period. Leaves measure "
    "`numerator / denominator` (× 100 for per-100 rates) and score 0–100 against the "
    "reference range and direction; parents score the weighted mean of their children.",
    {
        "code": str,
        "name": str,
        **labeled("level", IndicatorLevel),
        "parent_code": maybe(str),
        "child_codes": list_of(str),
        "weight": float,
        "reference_low": maybe(float),
        "reference_high": maybe(float),
        **labeled("polarity", Polarity, optional=True),
        "unit": str,
        "definition": str,
        "value": maybe(float),
        "numerator": maybe(int),
        "denominator": maybe(int),
        "score": maybe(float),
        "in_range": maybe(bool),
        "rank": maybe(int),
    },
)
IndicatorEvaluation = output(
    "IndicatorEvaluation",
    "评价: the indicator tree of a region for a period, parents before their children, and "
    "the total (weighted first-level scores plus bonus items). `rank` only when ranking was "
    "asked for.",
    region=CooperationArea,
    period=ReportPeriod,
    total=maybe(float),
    rank=maybe(int),
    indicators=list_of(IndicatorResult),
)
IndicatorComparison = output(
    "IndicatorComparison",
    "The evaluations of each period for each region (period by period, regions in the order "
    "asked); ranks among the regions of one period only when `ranked`.",
    ranked=bool,
    evaluations=list_of(IndicatorEvaluation),
)


def _indicator(v: IndicatorValue, parent: str | None) -> Any:
    low, high = v.reference if v.reference is not None else (None, None)
    return IndicatorResult(
        code=v.code,
        name=v.name,
        **labels("level", v.level),
        parent_code=parent,
        child_codes=[c.code for c in v.children],
        weight=v.weight,
        reference_low=low,
        reference_high=high,
        **labels("polarity", v.polarity),
        unit=v.unit,
        definition=v.definition,
        value=v.value,
        numerator=v.numerator,
        denominator=v.denominator,
        score=v.score,
        in_range=v.in_range,
        rank=v.rank,
    )


def _tree(v: IndicatorValue, parent: str | None = None) -> list[Any]:
    out = [_indicator(v, parent)]
    for child in v.children:
        out += _tree(child, v.code)
    return out


def evaluation(e: Evaluation) -> Any:
    return IndicatorEvaluation(
        region=area(e.area),
        period=period(e.period),
        total=e.total,
        rank=e.rank,
        indicators=[row for root in e.indicators for row in _tree(root)],
    )


def comparison(c: Comparison) -> Any:
    return IndicatorComparison(ranked=c.ranked, evaluations=[evaluation(e) for e in c.evaluations])
