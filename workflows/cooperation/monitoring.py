"""执法司法态势监测指标体系 与跨部门办案平台融合: the monitoring tree is data in the store, the
platforms' exports feed it, and each indicator is followed over time.

- ``define_indicator``: an indicator added to the tree under the rules of its shape: a 一级
  indicator or 加分项 at the top, a 二级 under a 一级, a 三级 under a 二级; the weights of a
  parent's children add up to at most the parent's (the top-level 一级 weights to at most 1);
  a leaf (三级 or 加分项) has a reference range (low below high), a direction, and the platform
  that feeds it; a parent has none of them.
- ``import_measurements``: a platform export, all or nothing, by staff who write supervision
  records, for regions of their jurisdiction: each row names a leaf by code, a
  region by code, a period (``2024``, ``2024-H1``, ``2024-Q1``, ``2024-03``) and a value (a share
  written 0–1 when the unit is %); an error names the row and the field. A row already on record
  with the same value changes nothing, with another value replaces it (audited), so importing
  the same export twice writes nothing the second time.
- ``monitoring_evaluation``: the tree for a region and a span, scored from the measurements.
- ``indicator_trend``: one indicator of a region over the periods measured in a span, with each
  period's change and the direction (improving, steady, worsening by TREND_STEP points).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model.enums import IndicatorLevel, NodeKind, Polarity, RegionLevel, RelType
from graph.model.records import Node
from graph.store import GraphStore, Op, Where
from reports import monitoring
from reports.areas import Area
from reports.indicators import Evaluation
from reports.period import Period
from workflows import rules
from workflows.access import Access, Permission
from workflows.changes import Change
from workflows.cooperation.indicators import require_regions
from workflows.reading import every, parse_enum
from workflows.usecase import use_case

L = IndicatorLevel
PARENT = {L.LEVEL2: L.LEVEL1, L.LEVEL3: L.LEVEL2}
LEAVES = frozenset({L.LEVEL3, L.BONUS})
MAX_ROWS = 50_000
PLATFORM = "政法跨部门大数据办案平台"


@use_case(Permission.WRITE_REFERENCE)
def define_indicator(
    *,
    store: GraphStore,
    actor: str,
    code: str,
    name: str,
    level: str,
    weight: float,
    parent_code: str | None = None,
    reference_low: float | None = None,
    reference_high: float | None = None,
    polarity: str | None = None,
    unit: str | None = None,
    definition: str | None = None,
    platform: str | None = None,
) -> Node:
    """A monitoring indicator added to the store's tree (see the module's rules)."""
    code, name = code.strip(), name.strip()
    errors: list[FieldError] = []
    lvl = IndicatorLevel[parse_enum(IndicatorLevel, level, "level")]
    if not code:
        errors.append(FieldError("code", "required"))
    if not name:
        errors.append(FieldError("name", "required"))
    tree = monitoring.load_tree(store)
    if code and tree.by_code(code) is not None:
        errors.append(FieldError("code", f"'{code}' is already an indicator"))
    if not (isinstance(weight, int | float) and math.isfinite(weight) and 0 < weight <= 1):
        errors.append(FieldError("weight", "must be above 0 and at most 1"))
    parent = tree.by_code(parent_code) if parent_code else None
    if lvl in PARENT:
        if parent is None:
            reason = "required" if not parent_code else f"no indicator '{parent_code}'"
            errors.append(
                FieldError(
                    "parent_code", f"{reason}: a {lvl.label} sits under a {PARENT[lvl].label}"
                )
            )
        elif parent.props.get("level") != PARENT[lvl].name:
            errors.append(
                FieldError("parent_code", f"'{parent_code}' is not a {PARENT[lvl].label}")
            )
    elif parent_code:
        errors.append(FieldError("parent_code", f"a {lvl.label} is at the top of the tree"))
    siblings = (
        [tree.nodes[i] for i in tree.children.get(parent.id, [])]
        if parent is not None
        else [tree.nodes[i] for i in tree.roots if tree.nodes[i].props.get("level") == lvl.name]
    )
    budget = float(parent.props.get("weight") or 0.0) if parent is not None else 1.0
    used = sum(float(s.props.get("weight") or 0.0) for s in siblings)
    if lvl is not L.BONUS and isinstance(weight, int | float) and used + weight > budget + 1e-9:
        errors.append(
            FieldError(
                "weight",
                f"{weight:g} with its siblings' {used:g} is more than the {budget:g} "
                f"{'of its parent' if parent is not None else 'of the whole tree'}",
            )
        )
    props: dict[str, object] = {
        "code": code, "name": name, "level": lvl.name, "weight": weight, "unit": unit,
        "definition": definition,
    }  # fmt: skip
    if lvl in LEAVES:
        if reference_low is None or reference_high is None or not reference_low < reference_high:
            errors.append(FieldError("reference_low", "a leaf needs a range with low below high"))
        if polarity is None:
            errors.append(FieldError("polarity", "required for a leaf"))
        else:
            props["polarity"] = parse_enum(Polarity, polarity, "polarity")
        if not (platform or "").strip():
            errors.append(FieldError("platform", "name the platform that feeds the leaf"))
        props |= {
            "reference_low": reference_low,
            "reference_high": reference_high,
            "platform": (platform or "").strip(),
        }
    else:
        given = {
            "reference_low": reference_low, "reference_high": reference_high,
            "polarity": polarity, "platform": platform,
        }  # fmt: skip
        errors += [
            FieldError(k, f"a {lvl.label} is scored from its children: give no {k}")
            for k, v in given.items()
            if v is not None
        ]
    if errors:
        raise ValidationError(errors)
    change = Change(actor)
    node = change.create(NodeKind.Indicator, props, f"indicator:{code}")
    if parent is not None:
        change.link(RelType.PART_OF, node.id, parent.id)
    change.commit(store)
    return node


@dataclass(frozen=True)
class MeasurementRow:
    code: str
    region_code: str
    period: str
    value: float | str
    line: int | None = None  # the row's line in its file, for the error


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int
    platform: str

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


def _value(raw: float | str) -> float | None:
    try:
        value = float(str(raw).strip().rstrip("%")) / (100 if str(raw).strip().endswith("%") else 1)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@use_case(Permission.WRITE)
def import_measurements(
    *,
    store: GraphStore,
    actor: str,
    access: Access | None = None,
    rows: Sequence[MeasurementRow],
    platform: str = PLATFORM,
    max_rows: int = MAX_ROWS,
) -> ImportReport:
    """A platform export of measurements, written all or nothing (see the module's rules)."""
    if not rows:
        raise ValidationError(FieldError("rows", "the export has no rows"))
    if len(rows) > max_rows:
        raise ValidationError(FieldError("rows", f"{len(rows)} rows; at most {max_rows} at once"))
    indicators = monitoring.indicators_by_code(store, [r.code.strip() for r in rows])
    tree = monitoring.load_tree(store)
    codes = sorted({r.region_code.strip() for r in rows})
    regions = {
        str(n.props["code"]) for n in every(store, NodeKind.Region, [Where("code", Op.IN, codes)])
    }
    errors: list[FieldError] = []
    seen: dict[str, int] = {}
    clean: list[tuple[Node, str, str, float]] = []
    for i, row in enumerate(rows):
        at = f"rows[{i}]" if row.line is None else f"line {row.line}"
        code, region = row.code.strip(), row.region_code.strip()
        indicator = indicators.get(code)
        if indicator is None:
            errors.append(FieldError(f"{at}.code", f"no indicator '{code}'"))
        elif not tree.is_leaf(indicator.id):
            errors.append(
                FieldError(f"{at}.code", f"'{code}' is scored from its children, not measured")
            )
        if region not in regions:
            errors.append(FieldError(f"{at}.region_code", f"no region '{region}'"))
        elif access is not None and not access.in_jurisdiction(NodeKind.Measurement, region):
            errors.append(
                FieldError(f"{at}.region_code", f"'{region}' is outside your jurisdiction")
            )
        try:
            period = monitoring.normal_period(row.period, f"{at}.period")
        except ValidationError as bad:
            errors += bad.errors
            period = None
        value = _value(row.value)
        if value is None:
            errors.append(FieldError(f"{at}.value", f"'{row.value}' is not a number"))
        elif indicator is not None and indicator.props.get("unit") == "%" and not 0 <= value <= 1:
            errors.append(
                FieldError(
                    f"{at}.value", f"{value:g} is not a share between 0 and 1 (write 0.95 or 95%)"
                )
            )
        if indicator is None or period is None or value is None or region not in regions:
            continue
        key = monitoring.measurement_id(code, region, period)
        if key in seen:
            errors.append(
                FieldError(f"{at}.period", f"repeats {seen[key]}: {code}, {region}, {period}")
            )
            continue
        seen[key] = row.line if row.line is not None else i
        clean.append((indicator, region, period, value))
    if errors:
        raise ValidationError(errors)
    stored = store.get_nodes(
        [monitoring.measurement_id(str(n.props["code"]), r, p) for n, r, p, _ in clean]
    )
    change = Change(actor, source=platform.strip() or PLATFORM)
    created = updated = unchanged = 0
    for indicator, region, period, value in clean:
        id_ = monitoring.measurement_id(str(indicator.props["code"]), region, period)
        old = stored.get(id_)
        props = {"period": period, "value": value, "region_code": region}
        if old is None:
            change.create(NodeKind.Measurement, props, id_)
            change.link(RelType.MEASURES, id_, indicator.id)
            change.link(RelType.FOR_REGION, id_, f"region:{region}")
            created += 1
        elif float(old.props.get("value", math.nan)) == value:
            unchanged += 1
        else:
            change.update(old, {"value": value, "source": change.source}, operation="reimport")
            updated += 1
    if created or updated:
        change.commit(store)
    return ImportReport(created, updated, unchanged, change.source)


@use_case(scoped=True)
def monitoring_evaluation(
    *, store: GraphStore, region_code: str, date_from: str, date_to: str, region: str | None = None
) -> Evaluation:
    """The monitoring tree of one region for one span, from the measurements on record."""
    period = Period.parse(date_from, date_to)
    require_regions(store, region, {"region": region_code})
    return monitoring.evaluate(store, _area(store, region_code), period)


def _area(store: GraphStore, code: str) -> Area:
    (node,) = store.list_nodes(NodeKind.Region, [Where("code", Op.EQ, code)]).items[:1]
    return Area(code, str(node.props["name"]), RegionLevel.parse(str(node.props["level"])))


@use_case(scoped=True)
def indicator_trend(
    *,
    store: GraphStore,
    code: str,
    region_code: str,
    date_from: str,
    date_to: str,
    region: str | None = None,
    step: float = rules.TREND_STEP,
) -> monitoring.Trend:
    """One indicator of one region over the periods measured between two days."""
    period = Period.parse(date_from, date_to)
    require_regions(store, region, {"region": region_code})
    indicator = monitoring.indicators_by_code(store, [code]).get(code)
    if indicator is None:
        raise ValidationError(FieldError("code", f"no indicator '{code}'"))
    return monitoring.trend(store, indicator, region_code, period.date_from, period.date_to, step)
