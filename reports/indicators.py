"""Indicator trees (态势监测 / 评价体系) computed from the graph per area and period.

A leaf measures a ratio of counted facts; with its reference range and direction it scores
0–100: 60 at the range's bad end, 100 at its good end, 0 one range-width beyond the bad end.
A parent scores the weighted mean of its children that have a value (a child with nothing to
count passes its weight to its siblings); the total is the weighted mean of the first-level
indicators plus the bonus items' weighted scores. Ranking is off unless asked for: some
evaluation systems forbid publishing rankings.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from graph.errors import FieldError, ValidationError
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


MEASURES: dict[str, Measure] = {
    m.__name__: m
    for m in (
        rectification_on_time,
        rectification_overdue,
        supervision_overdue,
        review_pass,
        acceptance_in_time,
        repeat_petitions,
        interventions_per_100_cases,
        improper_interventions,
        cross_region_completion,
        cross_region_coverage,
        cross_region_recognitions,
    )
}
TREE_FILE = Path(__file__).with_name("evaluation_tree.toml")
PARENT_LEVEL = {L.LEVEL2: L.LEVEL1, L.LEVEL3: L.LEVEL2}


def load_tree(path: Path = TREE_FILE) -> tuple[IndicatorDef, ...]:
    """The evaluation tree of a TOML file (``[[indicator]]`` tables in order, each naming its
    parent by code), or ValidationError naming the file, the indicator and the field."""
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("indicator", [])
    except (OSError, tomllib.TOMLDecodeError) as bad:
        raise ValidationError(FieldError("indicator", str(bad)), where=str(path)) from None
    errors: list[FieldError] = []
    defs: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for i, raw in enumerate(entries):
        where = f"indicator[{i}]"
        try:
            d = _entry(raw, set(defs), where)
        except ValidationError as bad:
            errors += bad.errors
            continue
        defs[d["code"]] = d
        order.append(d["code"])
    if errors:
        raise ValidationError(errors, where=str(path))
    if not order:
        raise ValidationError(FieldError("indicator", "the tree has no indicator"), where=str(path))

    def build(code: str) -> IndicatorDef:
        d = defs[code]
        kids = tuple(build(c) for c in order if defs[c].get("parent") == code)
        return IndicatorDef(
            code, d["name"], d["level"], d["weight"], d.get("reference"), d.get("polarity"),
            d.get("unit", ""), d.get("definition", ""), d.get("measure"), kids,
        )  # fmt: skip

    return tuple(build(c) for c in order if defs[c].get("parent") is None)


def _entry(raw: dict[str, Any], known: set[str], where: str) -> dict[str, Any]:
    errors: list[FieldError] = []

    def bad(name: str, reason: str) -> None:
        errors.append(FieldError(f"{where}.{name}", reason))

    code, name = str(raw.get("code") or ""), str(raw.get("name") or "")
    if not code or code in known:
        bad("code", "required" if not code else f"'{code}' is defined twice")
    if not name:
        bad("name", "required")
    try:
        level = L[str(raw.get("level"))]
    except KeyError:
        bad("level", f"'{raw.get('level')}' is not one of {', '.join(m.name for m in L)}")
        level = L.LEVEL1
    weight = raw.get("weight")
    if not isinstance(weight, int | float) or not 0 < weight <= 1:
        bad("weight", "must be a number above 0 and at most 1")
    parent = raw.get("parent")
    if level in PARENT_LEVEL and parent not in known:
        bad("parent", f"a {level.label} needs the code of a {PARENT_LEVEL[level].label} before it")
    elif level not in PARENT_LEVEL and parent is not None:
        bad("parent", f"a {level.label} has no parent")
    out: dict[str, Any] = {"code": code, "name": name, "level": level, "weight": weight}
    if parent is not None:
        out["parent"] = parent
    leaf = level in (L.LEVEL3, L.BONUS)
    if leaf:
        measure = MEASURES.get(str(raw.get("measure")))
        if measure is None:
            bad("measure", f"'{raw.get('measure')}' is not one of {', '.join(MEASURES)}")
        reference = raw.get("reference")
        if (
            not isinstance(reference, list)
            or len(reference) != 2
            or not all(isinstance(v, int | float) for v in reference)
            or reference[0] >= reference[1]
        ):
            bad("reference", "give [low, high] with low below high")
        else:
            out["reference"] = (float(reference[0]), float(reference[1]))
        try:
            out["polarity"] = P[str(raw.get("polarity"))]
        except KeyError:
            bad("polarity", f"'{raw.get('polarity')}' is not one of {', '.join(m.name for m in P)}")
        out |= {"measure": measure, "unit": str(raw.get("unit", "")),
                "definition": str(raw.get("definition", ""))}  # fmt: skip
    elif "measure" in raw or "reference" in raw:
        bad("measure", f"a {level.label} is scored from its children: give no measure")
    if errors:
        raise ValidationError(errors)
    return out


def configured_tree(env: Mapping[str, str] = os.environ) -> tuple[IndicatorDef, ...]:
    """The deployment's tree (the file JIANDU_EVALUATION_TREE names) or the shipped one."""
    named = env.get("JIANDU_EVALUATION_TREE")
    return load_tree(Path(named) if named else TREE_FILE)


TREE: tuple[IndicatorDef, ...] = configured_tree()


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


def weighted_score(children: Sequence[IndicatorValue]) -> float | None:
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
        value, numerator, denominator, points = None, None, None, weighted_score(children)
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
    return Evaluation(area, period, roots, total(roots))


def total(roots: Sequence[IndicatorValue]) -> float | None:
    """A tree's total: the weighted mean of its first-level indicators plus the bonus items'
    weighted scores (None when no first-level indicator has a score)."""
    main = weighted_score([r for r in roots if r.level is not L.BONUS])
    bonus = sum(r.weight * r.score for r in roots if r.level is L.BONUS and r.score is not None)
    return None if main is None else round(main + bonus, 2)


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
