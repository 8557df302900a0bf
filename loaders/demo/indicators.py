"""The monitoring indicator tree (态势监测: 一级/二级/三级 + 加分项) and yearly measurements
of every leaf for the province and each prefecture, as the cross-department case-handling
platform exports them (each leaf names it); about one value in ten falls outside its
reference range, so dashboards have something to flag."""

from __future__ import annotations

from graph.model.enums import IndicatorLevel, NodeKind, Polarity, RelType
from graph.model.records import Props
from loaders.demo.days import year
from loaders.demo.regions import SICHUAN
from loaders.demo.world import World

L, P = IndicatorLevel, Polarity
# code, name, level, weight, (low, high), polarity, unit; a code's parent is its prefix.
TREE: tuple[
    tuple[str, str, IndicatorLevel, float, tuple[float, float] | None, Polarity | None, str], ...
] = (
    ("I1", "执法司法质效", L.LEVEL1, 0.4, None, None, ""),
    ("I1.1", "办案质量", L.LEVEL2, 0.25, None, None, ""),
    ("I1.1.1", "审限内结案率", L.LEVEL3, 0.1, (0.9, 1.0), P.HIGHER_BETTER, "%"),
    ("I1.1.2", "案-件比", L.LEVEL3, 0.1, (1.0, 1.6), P.LOWER_BETTER, ""),
    ("I1.1.3", "发回改判率", L.LEVEL3, 0.05, (0.0, 0.05), P.LOWER_BETTER, "%"),
    ("I1.2", "办案效率", L.LEVEL2, 0.15, None, None, ""),
    ("I1.2.1", "平均办案天数", L.LEVEL3, 0.15, (30.0, 120.0), P.LOWER_BETTER, "天"),
    ("I2", "执法监督", L.LEVEL1, 0.35, None, None, ""),
    ("I2.1", "监督整改", L.LEVEL2, 0.2, None, None, ""),
    ("I2.1.1", "整改完成率", L.LEVEL3, 0.12, (0.8, 1.0), P.HIGHER_BETTER, "%"),
    ("I2.1.2", "整改逾期率", L.LEVEL3, 0.08, (0.0, 0.1), P.LOWER_BETTER, "%"),
    ("I2.2", "案件评查", L.LEVEL2, 0.15, None, None, ""),
    ("I2.2.1", "评查合格率", L.LEVEL3, 0.15, (0.85, 1.0), P.HIGHER_BETTER, "%"),
    ("I3", "涉法涉诉信访化解", L.LEVEL1, 0.25, None, None, ""),
    ("I3.1", "信访办理", L.LEVEL2, 0.25, None, None, ""),
    ("I3.1.1", "按期受理率", L.LEVEL3, 0.1, (0.9, 1.0), P.HIGHER_BETTER, "%"),
    ("I3.1.2", "化解率", L.LEVEL3, 0.15, (0.6, 0.95), P.HIGHER_BETTER, "%"),
    ("B1", "川渝协作创新", L.BONUS, 0.05, (0.0, 5.0), P.HIGHER_BETTER, "分"),
)
OUTLIERS = 0.1
PLATFORM = "四川政法跨部门大数据办案平台"


def emit_indicators(world: World) -> None:
    sink, rng = world.sink, world.rng
    regions = [SICHUAN, *(c.code for c in world.geo.cities)]
    periods = [str(y) for y in range(2019, year(world.today) + 1)]
    for code, name, level, weight, reference, polarity, unit in TREE:
        props: Props = {"code": code, "name": name, "level": level.name, "weight": weight}
        if reference:
            props["reference_low"], props["reference_high"] = reference
            props["platform"] = PLATFORM
        if polarity:
            props["polarity"] = polarity.name
        if unit:
            props["unit"] = unit
        sink.node(NodeKind.Indicator, f"indicator:{code}", props)
        if "." in code:
            sink.rel(RelType.PART_OF, f"indicator:{code}", f"indicator:{code.rsplit('.', 1)[0]}")
        if reference is None:
            continue
        low, high = reference
        span = high - low
        for region in regions:
            for period in periods:
                spread = 1.4 if rng.random() < OUTLIERS else 1.0
                value = low - span * (spread - 1) / 2 + rng.random() * span * spread
                value = round(min(max(value, 0.0), 1.0) if unit == "%" else max(value, 0.0), 3)
                id_ = f"measurement:{code}:{region}:{period}"
                sink.node(
                    NodeKind.Measurement,
                    id_,
                    {"period": period, "value": value, "region_code": region},
                )
                sink.rel(RelType.MEASURES, id_, f"indicator:{code}")
                sink.rel(RelType.FOR_REGION, id_, f"region:{region}")
