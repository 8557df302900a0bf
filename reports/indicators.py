"""Indicator trees (态势监测 / 评价体系) computed from the graph per area and period.

A leaf measures a ratio of counted facts; with its reference range and direction it scores
0–100: 60 at the range's bad end, 100 at its good end, 0 one range-width beyond the bad end.
A parent scores the weighted mean of its children that have a value (a child with nothing to
count passes its weight to its siblings); the total is the weighted mean of the first-level
indicators plus the bonus items' weighted scores. Ranking is off unless asked for: some
evaluation systems forbid publishing rankings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from graph.model.enums import IndicatorLevel, Polarity
from graph.store import GraphStore
from reports.agreements import AgreementNetwork
from reports.areas import Area
from reports.casework import Casework
from reports.period import Period
from workflows import rules

L, P = IndicatorLevel, Polarity
T = TypeVar("T")
PRECISION = 4


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int
    scale: float = 1.0

    @property
    def value(self) -> float | None:
        if self.denominator == 0:
            return None
        return round(self.numerator / self.denominator * self.scale, PRECISION)


Measure = Callable[[Casework, Area, Period], Ratio]


def _share(items: Iterable[T], test: Callable[[T], bool]) -> Ratio:
    chosen = list(items)
    return Ratio(sum(1 for i in chosen if test(i)), len(chosen))


def rectification_on_time(cw: Casework, area: Area, p: Period) -> Ratio:
    due = (r for r in cw.rectifications if area.covers(r.region_code) and p.contains(r.deadline))
    return _share(due, lambda r: r.on_time)


def rectification_overdue(cw: Casework, area: Area, p: Period) -> Ratio:
    due = (r for r in cw.rectifications if area.covers(r.region_code) and p.contains(r.deadline))
    return _share(due, lambda r: r.overdue_on(p.date_to))


def supervision_overdue(cw: Casework, area: Area, p: Period) -> Ratio:
    due = (s for s in cw.supervision if area.covers(s.region_code) and p.contains(s.deadline))
    return _share(due, lambda s: s.overdue)


def review_pass(cw: Casework, area: Area, p: Period) -> Ratio:
    done = (r for r in cw.reviews if area.covers(r.region_code) and p.contains(r.ended_on))
    return _share(done, lambda r: r.passed)


def acceptance_in_time(cw: Casework, area: Area, p: Period) -> Ratio:
    accepted = (
        c
        for c in cw.complaints
        if area.covers(c.region_code) and p.contains(c.received_on) and c.accepted_on
    )
    return _share(accepted, lambda c: c.accepted_in_time)


def repeat_petitions(cw: Casework, area: Area, p: Period) -> Ratio:
    received = (
        c for c in cw.complaints if area.covers(c.region_code) and p.contains(c.received_on)
    )
    return _share(received, lambda c: c.repeat)


def interventions_per_100_cases(cw: Casework, area: Area, p: Period) -> Ratio:
    records = sum(
        1 for i in cw.interventions if area.covers(i.region_code) and p.contains(i.occurred_on)
    )
    cases = sum(1 for f in cw.filings if area.covers(f.region_code) and p.contains(f.filed_on))
    return Ratio(records, cases, 100.0)


def improper_interventions(cw: Casework, area: Area, p: Period) -> Ratio:
    records = (
        i for i in cw.interventions if area.covers(i.region_code) and p.contains(i.occurred_on)
    )
    return _share(records, lambda i: i.improper)


def cross_region_completion(cw: Casework, area: Area, p: Period) -> Ratio:
    filed = (c for c in cw.cross_region if area.covers(c.region_code) and p.contains(c.filed_on))
    return _share(filed, lambda c: c.closed_by(p.date_to))


def cross_region_coverage(cw: Casework, area: Area, p: Period) -> Ratio:
    filed = (c for c in cw.cross_region if area.covers(c.region_code) and p.contains(c.filed_on))
    return _share(filed, lambda c: c.covered)


def cross_region_recognitions(cw: Casework, area: Area, p: Period) -> Ratio:
    count = sum(
        1
        for r in cw.recognitions
        if r.cross_region and area.covers(r.finding_region) and p.contains(r.recognized_on)
    )
    return Ratio(count, 1)


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    name: str
    level: IndicatorLevel
    weight: float
    reference: tuple[float, float] | None = None
    polarity: Polarity | None = None
    unit: str = ""
    definition: str = ""
    measure: Measure | None = None
    children: tuple[IndicatorDef, ...] = ()


def _leaf(
    code: str,
    name: str,
    weight: float,
    reference: tuple[float, float],
    polarity: Polarity,
    unit: str,
    measure: Measure,
    definition: str,
) -> IndicatorDef:
    return IndicatorDef(
        code, name, L.LEVEL3, weight, reference, polarity, unit, definition, measure
    )


TREE: tuple[IndicatorDef, ...] = (
    IndicatorDef("C1", "执法监督整改", L.LEVEL1, 0.35, children=(
        IndicatorDef("C1.1", "整改落实", L.LEVEL2, 0.20, children=(
            _leaf("C1.1.1", "整改按期完成率", 0.12, (0.8, 1.0), P.HIGHER_BETTER, "%",
                  rectification_on_time, "期内到期的整改事项中,在期限内提交并验收通过或销号的比例"),
            _leaf("C1.1.2", "整改逾期未完成率", 0.08, (0.0, 0.1), P.LOWER_BETTER, "%",
                  rectification_overdue, "期内到期的整改事项中,至期末已过期限仍未完成的比例"),
        )),
        IndicatorDef("C1.2", "案件督办与评查", L.LEVEL2, 0.15, children=(
            _leaf("C1.2.1", "督办事项逾期率", 0.07, (0.0, 0.1), P.LOWER_BETTER, "%",
                  supervision_overdue, "期内到期的案件督办事项中,未在期限内办结的比例"),
            _leaf("C1.2.2", "案件评查合格率", 0.08, (0.85, 1.0), P.HIGHER_BETTER, "%",
                  review_pass, "期内结束的案件评查中,评查等次不是“不合格”的比例"),
        )),
    )),
    IndicatorDef("C2", "涉法涉诉信访", L.LEVEL1, 0.25, children=(
        IndicatorDef("C2.1", "信访办理", L.LEVEL2, 0.25, children=(
            _leaf("C2.1.1", "信访按期受理率", 0.10, (0.9, 1.0), P.HIGHER_BETTER, "%",
                  acceptance_in_time, "期内登记并已受理的信访中,15日内受理的比例"),
            _leaf("C2.1.2", "重复信访率", 0.15, (0.0, 0.1), P.LOWER_BETTER, "%",
                  repeat_petitions, "期内登记的信访中,信访人此前已提出过信访的比例"),
        )),
    )),
    IndicatorDef("C3", "防止干预司法", L.LEVEL1, 0.15, children=(
        IndicatorDef("C3.1", "记录报告", L.LEVEL2, 0.15, children=(
            _leaf("C3.1.1", "每百件案件干预记录数", 0.05, (1.0, 10.0), P.HIGHER_BETTER, "件/百件",
                  interventions_per_100_cases, "期内干预司法记录数与期内立案数之比,乘以100"),
            _leaf("C3.1.2", "违规过问占比", 0.10, (0.0, 0.3), P.LOWER_BETTER, "%",
                  improper_interventions, "期内干预司法记录中,定性为违规过问的比例"),
        )),
    )),
    IndicatorDef("C4", "川渝协作", L.LEVEL1, 0.25, children=(
        IndicatorDef("C4.1", "跨区域案件", L.LEVEL2, 0.25, children=(
            _leaf("C4.1.1", "跨区域案件办结率", 0.15, (0.5, 1.0), P.HIGHER_BETTER, "%",
                  cross_region_completion, "期内立案的川渝跨区域案件中,至期末已结案的比例"),
            _leaf("C4.1.2", "跨区域案件协议覆盖率", 0.10, (0.9, 1.0), P.HIGHER_BETTER, "%",
                  cross_region_coverage, "期内立案的跨区域案件中,立案时两地已有协议在效的比例"),
        )),
    )),
    IndicatorDef("B1", "跨区域监督结果互认", L.BONUS, 0.05, (0.0, 5.0), P.HIGHER_BETTER, "件",
                 "期内本地问题被重庆/四川方互认采用的件数(加分项,满5件得满分)",
                 cross_region_recognitions),
)  # fmt: skip


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    name: str
    level: IndicatorLevel
    weight: float
    reference: tuple[float, float] | None
    polarity: Polarity | None
    unit: str
    definition: str
    value: float | None
    numerator: int | None
    denominator: int | None
    score: float | None
    children: tuple[IndicatorValue, ...] = ()
    rank: int | None = None

    @property
    def leaf(self) -> bool:
        return not self.children

    @property
    def in_range(self) -> bool | None:
        if self.value is None or self.reference is None:
            return None
        low, high = self.reference
        return low <= self.value <= high

    def walk(self) -> Iterator[IndicatorValue]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Evaluation:
    area: Area
    period: Period
    indicators: tuple[IndicatorValue, ...]
    total: float | None
    rank: int | None = None

    def walk(self) -> Iterator[IndicatorValue]:
        for root in self.indicators:
            yield from root.walk()

    def find(self, code: str) -> IndicatorValue:
        return next(v for v in self.walk() if v.code == code)


def score(value: float | None, reference: tuple[float, float], polarity: Polarity) -> float | None:
    """100 at or beyond the range's good end, 60 at its bad end (linear between), falling
    linearly to 0 one range-width beyond the bad end."""
    if value is None:
        return None
    low, high = reference
    position = (value - low) / (high - low)
    if polarity is P.LOWER_BETTER:
        position = 1 - position
    if position >= 1:
        return 100.0
    if position >= 0:
        return round(rules.INDICATOR_PASS + (100 - rules.INDICATOR_PASS) * position, 2)
    return round(max(0.0, rules.INDICATOR_PASS * (1 + position)), 2)


def _weighted(children: Sequence[IndicatorValue]) -> float | None:
    scored = [c for c in children if c.score is not None]
    weight = sum(c.weight for c in scored)
    if not scored or weight == 0:
        return None
    return round(sum(c.weight * (c.score or 0.0) for c in scored) / weight, 2)


def _value(definition: IndicatorDef, cw: Casework, area: Area, period: Period) -> IndicatorValue:
    children = tuple(_value(c, cw, area, period) for c in definition.children)
    if definition.measure is not None:
        ratio = definition.measure(cw, area, period)
        value, numerator, denominator = ratio.value, ratio.numerator, ratio.denominator
        assert definition.reference is not None and definition.polarity is not None
        points = score(value, definition.reference, definition.polarity)
    else:
        value, numerator, denominator, points = None, None, None, _weighted(children)
    return IndicatorValue(
        code=definition.code,
        name=definition.name,
        level=definition.level,
        weight=definition.weight,
        reference=definition.reference,
        polarity=definition.polarity,
        unit=definition.unit,
        definition=definition.definition,
        value=value,
        numerator=numerator,
        denominator=denominator,
        score=points,
        children=children,
    )


def evaluate_tree(
    cw: Casework, area: Area, period: Period, tree: Sequence[IndicatorDef] = TREE
) -> Evaluation:
    roots = tuple(_value(d, cw, area, period) for d in tree)
    main = _weighted([r for r in roots if r.level is not L.BONUS])
    bonus = sum(r.weight * r.score for r in roots if r.level is L.BONUS and r.score is not None)
    total = None if main is None else round(main + bonus, 2)
    return Evaluation(area, period, roots, total)


def ranked(evaluations: Sequence[Evaluation]) -> list[Evaluation]:
    """The evaluations with ranks among those of the same period: by total, and each
    indicator by score (1 = best; equal scores share a rank)."""
    out = []
    for e in evaluations:
        peers = [p for p in evaluations if p.period == e.period]
        scores: dict[str, list[float]] = {}
        for peer in peers:
            for v in peer.walk():
                if v.score is not None:
                    scores.setdefault(v.code, []).append(v.score)
        totals = [p.total for p in peers if p.total is not None]
        out.append(
            replace(
                e,
                indicators=tuple(_rank_tree(v, scores) for v in e.indicators),
                rank=_rank(e.total, totals),
            )
        )
    return out


def _rank(value: float | None, values: list[float]) -> int | None:
    return None if value is None else 1 + sum(1 for v in values if v > value)


def _rank_tree(v: IndicatorValue, scores: dict[str, list[float]]) -> IndicatorValue:
    return replace(
        v,
        children=tuple(_rank_tree(c, scores) for c in v.children),
        rank=_rank(v.score, scores.get(v.code, [])),
    )


@dataclass(frozen=True)
class Comparison:
    evaluations: tuple[Evaluation, ...]
    ranked: bool


def compare_loaded(
    cw: Casework,
    areas: Sequence[Area],
    periods: Sequence[Period],
    *,
    rank: bool = False,
) -> Comparison:
    local = {a: cw.within(a) for a in areas}
    evaluations = [evaluate_tree(local[a], a, p) for p in periods for a in areas]
    return Comparison(tuple(ranked(evaluations) if rank else evaluations), rank)


def compare(
    store: GraphStore,
    *,
    region_codes: Sequence[str],
    periods: Sequence[tuple[str, str]],
    rank: bool = False,
) -> Comparison:
    """The indicator tree of each region for each period (region × period), ranked only
    when asked."""
    parsed = [Period.parse(f, t) for f, t in periods]
    span = Period(min(p.date_from for p in parsed), max(p.date_to for p in parsed))
    network = AgreementNetwork.load(store)
    cw = Casework.load(store, network, span)
    areas = [network.geography.area(c) for c in region_codes]
    return compare_loaded(cw, areas, parsed, rank=rank)


def evaluate(store: GraphStore, *, region_code: str, date_from: str, date_to: str) -> Evaluation:
    """The indicator tree of one region for one period."""
    comparison = compare(store, region_codes=[region_code], periods=[(date_from, date_to)])
    return comparison.evaluations[0]
