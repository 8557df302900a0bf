"""The monitoring indicator tree (执法司法态势监测指标体系) as data: Indicator nodes of the
store (PART_OF builds the tree) whose leaves are fed by measurements imported from the
cross-department case-handling platforms (跨部门大数据办案平台), scored and rolled up the way
``reports.indicators`` scores the evaluation tree, and followed over time (trends).

A measurement's ``period`` is a year (``2024``), a half (``2024-H1``), a quarter (``2024-Q1``)
or a month (``2024-03``). A leaf's value over a span is the mean of its measurements whose
period lies inside the span; its score is ``reports.indicators.score`` of that value.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.errors import FieldError, ValidationError
from graph.model import views
from graph.model.enums import IndicatorLevel, NodeKind, Polarity, RelType
from graph.model.records import Node
from graph.store import Direction, GraphStore, Op, Where
from reports.areas import Area
from reports.indicators import Evaluation, IndicatorValue, score, total, weighted_score
from reports.period import Period
from workflows.reading import every, linked

L = IndicatorLevel
PERIOD = re.compile(r"^(\d{4})(?:-(?:(H[12])|(Q[1-4])|(0[1-9]|1[0-2])))?$")
LEAVES = (L.LEVEL3, L.BONUS)


def period_span(label: str, field: str = "period") -> tuple[str, str]:
    """The first and last day of a measurement period, or ValidationError."""
    text = label.strip().upper().replace("年", "-").rstrip("-")
    m = PERIOD.match(text)
    if not m:
        raise ValidationError(
            FieldError(field, f"'{label}' is not a period: write 2024, 2024-H1, 2024-Q1 or 2024-03")
        )
    year = int(m.group(1))
    if not 1900 <= year <= 2100:
        raise ValidationError(
            FieldError(field, f"'{label}': the year is not between 1900 and 2100")
        )
    if m.group(2):
        first = 1 if m.group(2) == "H1" else 7
        months = (first, first + 5)
    elif m.group(3):
        q = int(m.group(3)[1])
        months = (3 * q - 2, 3 * q)
    elif m.group(4):
        months = (int(m.group(4)), int(m.group(4)))
    else:
        months = (1, 12)
    last = calendar.monthrange(year, months[1])[1]
    return f"{year:04d}-{months[0]:02d}-01", f"{year:04d}-{months[1]:02d}-{last:02d}"


def normal_period(label: str, field: str = "period") -> str:
    """The canonical spelling of a period (``2024``, ``2024-H1``, ``2024-Q1``, ``2024-03``)."""
    period_span(label, field)
    return label.strip().upper().replace("年", "-").rstrip("-")


@dataclass(frozen=True)
class Reading:
    period: str
    value: float
    start: str
    end: str


@dataclass(frozen=True)
class Tree:
    """The store's indicators: by id, each one's children (in code order), the roots."""

    nodes: dict[str, Node]
    children: dict[str, list[str]]
    roots: list[str]
    parent: dict[str, str]

    def by_code(self, code: str) -> Node | None:
        return next((n for n in self.nodes.values() if n.props.get("code") == code), None)

    def leaves_under(self, id_: str) -> list[str]:
        kids = self.children.get(id_, [])
        if not kids:
            return [id_]
        return [leaf for k in kids for leaf in self.leaves_under(k)]

    def is_leaf(self, id_: str) -> bool:
        return not self.children.get(id_)


def load_tree(store: GraphStore) -> Tree:
    nodes = {n.id: n for n in every(store, NodeKind.Indicator)}
    ups = linked(store, list(nodes), [RelType.PART_OF], Direction.OUT, [NodeKind.Indicator])
    parent = {i: ns[0].node.id for i, ns in ups.items() if ns and ns[0].node.id in nodes}
    children: dict[str, list[str]] = {}
    for child, up in parent.items():
        children.setdefault(up, []).append(child)

    def order(i: str) -> str:
        return str(nodes[i].props.get("code"))

    for kids in children.values():
        kids.sort(key=order)
    roots = sorted((i for i in nodes if i not in parent), key=order)
    return Tree(nodes, children, roots, parent)


def readings(
    store: GraphStore, leaf_ids: Iterable[str], region_code: str
) -> dict[str, list[Reading]]:
    """Each leaf's measurements for one region, by period start."""
    found = linked(store, leaf_ids, [RelType.MEASURES], Direction.IN, [NodeKind.Measurement])
    out: dict[str, list[Reading]] = {}
    for leaf, ns in found.items():
        rows = []
        for n in ns:
            m = views.Measurement(n.node)
            if m.region_code != region_code:
                continue
            try:
                start, end = period_span(str(m.period))
            except ValidationError:
                continue  # a period written some other way is not compared
            rows.append(Reading(str(m.period), float(m.value), start, end))
        out[leaf] = sorted(rows, key=lambda r: (r.start, r.end))
    return out


def _mean(rows: Sequence[Reading], period: Period) -> tuple[float | None, int]:
    inside = [r.value for r in rows if period.date_from <= r.start and r.end <= period.date_to]
    if not inside:
        return None, 0
    return round(sum(inside) / len(inside), 4), len(inside)


def _value(tree: Tree, id_: str, data: dict[str, list[Reading]], period: Period) -> IndicatorValue:
    node = views.Indicator(tree.nodes[id_])
    low, high = node.reference_low, node.reference_high
    reference = (float(low), float(high)) if low is not None and high is not None else None
    polarity = Polarity[node.polarity] if node.polarity else None
    kids = tuple(_value(tree, k, data, period) for k in tree.children.get(id_, []))
    if kids:
        value, count, points = None, None, weighted_score(kids)
    else:
        value, count = _mean(data.get(id_, []), period)
        points = (
            score(value, reference, polarity) if reference and polarity and low != high else None
        )
    return IndicatorValue(
        code=str(node.code),
        name=str(node.name),
        level=IndicatorLevel[str(node.level)],
        weight=float(node.weight or 0.0),
        reference=reference,
        polarity=polarity,
        unit=str(node.unit or ""),
        definition=str(node.definition or ""),
        value=value,
        numerator=None,
        denominator=count,
        score=points,
        children=kids,
    )


def evaluate(store: GraphStore, area: Area, period: Period) -> Evaluation:
    """The store's monitoring tree for a region and a span, from its measurements."""
    tree = load_tree(store)
    data = readings(store, [i for i in tree.nodes if tree.is_leaf(i)], area.code)
    roots = tuple(_value(tree, r, data, period) for r in tree.roots)
    return Evaluation(area, period, roots, total(roots))


@dataclass(frozen=True)
class TrendPoint:
    period: str
    value: float | None
    score: float | None
    in_range: bool | None
    change: float | None  # the score's change from the point before


@dataclass(frozen=True)
class Trend:
    indicator: Node
    region_code: str
    points: list[TrendPoint]
    direction: str | None  # IMPROVING, STEADY or WORSENING, first point to last


def trend(
    store: GraphStore, indicator: Node, region_code: str, since: str, until: str, step: float
) -> Trend:
    """An indicator of one region over the periods measured between ``since`` and
    ``until``: for a leaf its measured periods, for a parent those of its leaves, each
    period scored and rolled up on its own."""
    tree = load_tree(store)
    leaves = tree.leaves_under(indicator.id)
    data = readings(store, leaves, region_code)
    labels = sorted(
        {(r.start, r.end, r.period) for rows in data.values() for r in rows},
    )
    inside = [(s, e, p) for s, e, p in labels if since <= s and e <= until]
    points: list[TrendPoint] = []
    previous: float | None = None
    for start, end, label in inside:
        # Only the readings of exactly this period, so that a year is not mixed with its months.
        only = {k: [r for r in rows if r.period == label] for k, rows in data.items()}
        v = _value(tree, indicator.id, only, Period(start, end))
        change = None if previous is None or v.score is None else round(v.score - previous, 2)
        points.append(TrendPoint(label, v.value, v.score, v.in_range, change))
        previous = v.score if v.score is not None else previous
    scored = [p.score for p in points if p.score is not None]
    direction = None
    if len(scored) >= 2:
        moved = scored[-1] - scored[0]
        direction = "IMPROVING" if moved >= step else "WORSENING" if moved <= -step else "STEADY"
    return Trend(indicator, region_code, points, direction)


def measurement_id(code: str, region_code: str, period: str) -> str:
    return f"measurement:{code}:{region_code}:{period}"


def indicators_by_code(store: GraphStore, codes: Iterable[str]) -> dict[str, Node]:
    wanted = sorted(set(codes))
    found = every(store, NodeKind.Indicator, [Where("code", Op.IN, wanted)]) if wanted else []
    return {str(n.props["code"]): n for n in found}
