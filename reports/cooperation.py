"""The Sichuan–Chongqing cooperation report: its figures as data (``cooperation_report``)
and as a file (``write_report``). The same graph and period give the same report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.errors import FieldError, ValidationError
from graph.model.dates import valid_at
from graph.model.enums import (
    AgencyKind,
    AgreementTier,
    CaseKind,
    Labeled,
    LevelPair,
    Mechanism,
    MeetingKind,
    RegionLevel,
)
from graph.store import GraphStore
from reports.activity import (
    ActionView,
    MeetingView,
    RecognitionView,
    joint_actions,
    meetings,
)
from reports.agreements import (
    AgreementNetwork,
    AgreementView,
    AreaPairCases,
    CrossRegionCase,
    by_area_pair,
    coverage_gaps,
    coverage_matrix,
)
from reports.areas import Geography, Side
from reports.casework import Casework
from reports.indicators import Evaluation, compare_loaded
from reports.network import NetworkAnalytics, analyse
from reports.period import Period
from reports.render_html import render_html
from reports.render_md import render_md
from reports.render_pdf import render_pdf
from reports.timeline import TimelineEvent, build_timeline

FORMATS = ("html", "pdf", "md")
COVERAGE_KINDS = (
    AgencyKind.COMMISSION,
    AgencyKind.COURT,
    AgencyKind.PROCURATORATE,
    AgencyKind.POLICE,
    AgencyKind.JUSTICE,
)


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    value: int


def counts(
    keys: Iterable[tuple[str, str]], order: Iterable[tuple[str, str]] = ()
) -> tuple[Count, ...]:
    """Counts of (key, label) pairs: first in ``order`` (zeros kept), then by key."""
    tally = Counter(keys)
    known = list(order)
    rest = sorted(k for k in tally if k not in known)
    return tuple(Count(k, label, tally[(k, label)]) for k, label in known + rest)


def _enum_order(members: Iterable[Labeled]) -> list[tuple[str, str]]:
    return [(m.name, m.label) for m in members]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | None
    unit: str = ""


@dataclass(frozen=True)
class YearTiers:
    year: str
    tiers: tuple[Count, ...]


@dataclass(frozen=True)
class AgreementSection:
    in_force: tuple[AgreementView, ...]
    signed: tuple[AgreementView, ...]
    by_tier: tuple[Count, ...]
    by_level_pair: tuple[Count, ...]
    by_domain: tuple[Count, ...]
    by_mechanism: tuple[Count, ...]
    signed_by_year: tuple[YearTiers, ...]


@dataclass(frozen=True)
class MeetingSection:
    meetings: tuple[MeetingView, ...]
    by_kind: tuple[Count, ...]
    decisions: int
    decided_agreements: int
    decided_actions: int


@dataclass(frozen=True)
class ActionSection:
    cross_region: tuple[ActionView, ...]
    joint_by_side: tuple[Count, ...]
    joint_by_kind: tuple[Count, ...]
    cross_region_findings: int


@dataclass(frozen=True)
class CaseStatus:
    side: Side
    filed: int
    closed: int
    open: int
    covered: int
    under_agreement: int
    by_kind: tuple[Count, ...]


@dataclass(frozen=True)
class CrossRegionSection:
    by_side: tuple[CaseStatus, ...]
    pairs: tuple[AreaPairCases, ...]
    gaps: tuple[AreaPairCases, ...]
    cases: tuple[CrossRegionCase, ...]


@dataclass(frozen=True)
class RecognitionSection:
    recognitions: tuple[RecognitionView, ...]
    cross_region: tuple[RecognitionView, ...]
    by_scope: tuple[Count, ...]


@dataclass(frozen=True)
class RectificationFigures:
    side: Side
    issued: int
    due: int
    on_time: int
    late: int
    open_overdue: int
    overdue_at_end: int

    @property
    def on_time_rate(self) -> float | None:
        return None if self.due == 0 else round(self.on_time / self.due, 4)


@dataclass(frozen=True)
class IndicatorSection:
    sides: tuple[Evaluation, ...]
    quarters: tuple[Evaluation, ...]
    grades: tuple[tuple[Side, tuple[Count, ...]], ...]


@dataclass(frozen=True)
class AreaLink:
    sichuan_code: str
    sichuan: str
    chongqing_code: str
    chongqing: str
    domains: tuple[AgencyKind, ...]


@dataclass(frozen=True)
class CoverageSummary:
    kind: AgencyKind
    level: RegionLevel
    rows: int
    columns: int
    covered: int


@dataclass(frozen=True)
class NetworkSection:
    analytics: NetworkAnalytics
    frameworks: tuple[AgreementView, ...]
    links: tuple[AreaLink, ...]
    coverage: tuple[CoverageSummary, ...]
    prefectures: tuple[tuple[str, str], ...]
    districts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CooperationReport:
    period: Period
    sources: tuple[str, ...]
    summary: tuple[Figure, ...]
    agreements: AgreementSection
    meetings: MeetingSection
    actions: ActionSection
    cross_region: CrossRegionSection
    recognitions: RecognitionSection
    rectification: tuple[RectificationFigures, ...]
    indicators: IndicatorSection
    network: NetworkSection
    timeline: tuple[TimelineEvent, ...]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.summary if f.key == key)


def _agreement_section(network: AgreementNetwork, period: Period) -> AgreementSection:
    in_force = network.in_force(period.date_to)
    signed_years: Counter[tuple[str, str]] = Counter(
        (a.signed_on[:4], a.tier.name)
        for a in network.agreements.values()
        if period.reached(a.signed_on)
    )
    years = sorted({y for y, _ in signed_years})
    return AgreementSection(
        in_force=tuple(in_force),
        signed=tuple(network.signed_in(period)),
        by_tier=counts(((a.tier.name, a.tier.label) for a in in_force), _enum_order(AgreementTier)),
        by_level_pair=counts(
            ((a.level_pair.name, a.level_pair.label) for a in in_force), _enum_order(LevelPair)
        ),
        by_domain=counts(
            ((a.domain.name, a.domain.label) for a in in_force if a.domain),
            _enum_order(COVERAGE_KINDS),
        ),
        by_mechanism=counts(
            ((m.name, m.label) for a in in_force for m in a.mechanisms), _enum_order(Mechanism)
        ),
        signed_by_year=tuple(
            YearTiers(
                y, tuple(Count(t.name, t.label, signed_years[(y, t.name)]) for t in AgreementTier)
            )
            for y in years
        ),
    )


def _meeting_section(held: list[MeetingView]) -> MeetingSection:
    return MeetingSection(
        meetings=tuple(held),
        by_kind=counts(((m.kind.name, m.kind.label) for m in held), _enum_order(MeetingKind)),
        decisions=sum(len(m.decisions) for m in held),
        decided_agreements=sum(len(m.decided_agreements) for m in held),
        decided_actions=sum(len(m.decided_actions) for m in held),
    )


def _action_section(actions: list[ActionView]) -> ActionSection:
    cross = [a for a in actions if a.cross_region]
    local = [a for a in actions if not a.cross_region]
    return ActionSection(
        cross_region=tuple(cross),
        joint_by_side=counts(
            ((a.side.name, a.side.label) for a in local if a.side),
            [(s.name, s.label) for s in Side],
        ),
        joint_by_kind=counts((a.kind.name, a.kind.label) for a in local),
        cross_region_findings=sum(a.findings for a in cross),
    )


def _case_status(side: Side, cases: list[CrossRegionCase], period: Period) -> CaseStatus:
    mine = [c for c in cases if c.side is side]
    closed = sum(1 for c in mine if c.closed_by(period.date_to))
    return CaseStatus(
        side=side,
        filed=len(mine),
        closed=closed,
        open=len(mine) - closed,
        covered=sum(1 for c in mine if c.covered),
        under_agreement=sum(1 for c in mine if c.under),
        by_kind=counts(((c.kind.name, c.kind.label) for c in mine), _enum_order(CaseKind)),
    )


def _rectification(side: Side, cw: Casework, period: Period) -> RectificationFigures:
    mine = [r for r in cw.rectifications if r.region_code.startswith(side.prefix)]
    due = [r for r in mine if period.contains(r.deadline)]
    on_time = sum(1 for r in due if r.on_time)
    done = sum(1 for r in due if r.done_by(period.date_to))
    return RectificationFigures(
        side=side,
        issued=sum(1 for r in mine if period.contains(r.issued_on)),
        due=len(due),
        on_time=on_time,
        late=done - on_time,
        open_overdue=sum(1 for r in due if r.overdue_on(period.date_to)),
        overdue_at_end=sum(1 for r in mine if r.overdue_on(period.date_to)),
    )


def _network_section(network: AgreementNetwork, period: Period) -> NetworkSection:
    day, geo = period.date_to, network.geography
    links = tuple(
        AreaLink(
            s, geo.short_name(s), c, geo.short_name(c), tuple(sorted(kinds, key=lambda k: k.name))
        )
        for (s, c), kinds in sorted(network.area_pairs(day).items())
    )
    coverage = []
    for kind in COVERAGE_KINDS:
        for level in (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY):
            m = coverage_matrix(network, kind=kind, level=level, as_of=day)
            coverage.append(
                CoverageSummary(kind, level, len(m.rows), len(m.columns), m.covered_pairs)
            )
    return NetworkSection(
        analytics=analyse(network, day),
        frameworks=tuple(a for a in network.in_force(day) if not _covers_a_pair(a)),
        links=links,
        coverage=tuple(coverage),
        prefectures=_areas(geo, Side.SICHUAN, RegionLevel.CITY, day),
        districts=_areas(geo, Side.CHONGQING, RegionLevel.COUNTY, day),
    )


def _covers_a_pair(a: AgreementView) -> bool:
    return a.local and bool(a.parties_of(Side.SICHUAN)) and bool(a.parties_of(Side.CHONGQING))


def _areas(geo: Geography, side: Side, level: RegionLevel, day: str) -> tuple[tuple[str, str], ...]:
    chosen = [
        (code, geo.short_name(code))
        for code, r in geo.regions.items()
        if code.startswith(side.prefix)
        and r.get("level") == level.name
        and valid_at(r.get("valid_from"), r.get("valid_to"), day)
    ]
    return tuple(sorted(chosen))


def _summary(
    agreements: AgreementSection,
    meeting_section: MeetingSection,
    actions: ActionSection,
    cross: CrossRegionSection,
    recognition: RecognitionSection,
    rectification: tuple[RectificationFigures, ...],
    indicators: IndicatorSection,
) -> tuple[Figure, ...]:
    figures = [
        Figure("agreements_in_force", "期末在效协议", len(agreements.in_force), "件"),
        Figure("agreements_signed", "期内新签协议", len(agreements.signed), "件"),
        Figure("meetings_held", "期内召开联席会议", len(meeting_section.meetings), "次"),
        Figure("joint_actions", "川渝联合监督活动", len(actions.cross_region), "项"),
        Figure("cross_region_cases", "期内立案跨区域案件", len(cross.cases), "件"),
        Figure(
            "cross_region_closed",
            "其中至期末已结案",
            sum(s.closed for s in cross.by_side),
            "件",
        ),
        Figure("gap_cases", "无协议覆盖的跨区域案件", sum(len(g.cases) for g in cross.gaps), "件"),
        Figure("recognitions", "监督结果互认", len(recognition.recognitions), "次"),
        Figure(
            "cross_region_recognitions", "其中川渝跨区域互认", len(recognition.cross_region), "次"
        ),
    ]
    for r in rectification:
        rate = r.on_time_rate
        figures.append(
            Figure(
                f"rectification_on_time_{r.side.name.lower()}",
                f"{r.side.label}整改按期完成率",
                None if rate is None else round(rate * 100, 2),
                "%",
            )
        )
    for e in indicators.sides:
        side = "sichuan" if e.area.code.startswith(Side.SICHUAN.prefix) else "chongqing"
        figures.append(
            Figure(f"indicator_total_{side}", f"{e.area.name}指标综合得分", e.total, "分")
        )
    return tuple(figures)


def _grades(cw: Casework, side: Side) -> tuple[Count, ...]:
    return counts((r.grade, r.grade) for r in cw.reviews if r.region_code.startswith(side.prefix))


def build_report(store: GraphStore, period: Period) -> CooperationReport:
    network = AgreementNetwork.load(store)
    geo = network.geography
    cw = Casework.load(store, network, period)
    held = meetings(store, geo, period)
    actions = joint_actions(store, geo, period)
    cases = list(cw.cross_region)
    cross = CrossRegionSection(
        by_side=tuple(_case_status(s, cases, period) for s in Side),
        pairs=tuple(by_area_pair(network, cases)),
        gaps=tuple(coverage_gaps(network, cases)),
        cases=tuple(cases),
    )
    recognition = RecognitionSection(
        recognitions=cw.recognitions,
        cross_region=tuple(r for r in cw.recognitions if r.cross_region),
        by_scope=counts((r.scope, r.scope) for r in cw.recognitions),
    )
    sides = [geo.side_area(s) for s in Side]
    by_side = compare_loaded(cw, sides, [period, *period.quarters()]).evaluations
    indicators = IndicatorSection(
        sides=by_side[: len(sides)],
        quarters=by_side[len(sides) :],
        grades=tuple((s, _grades(cw, s)) for s in Side),
    )
    agreements = _agreement_section(network, period)
    meeting_section = _meeting_section(held)
    action_section = _action_section(actions)
    rectification = tuple(_rectification(s, cw, period) for s in Side)
    return CooperationReport(
        period=period,
        sources=tuple(sorted({a.source for a in network.agreements.values() if a.source})),
        summary=_summary(
            agreements,
            meeting_section,
            action_section,
            cross,
            recognition,
            rectification,
            indicators,
        ),
        agreements=agreements,
        meetings=meeting_section,
        actions=action_section,
        cross_region=cross,
        recognitions=recognition,
        rectification=rectification,
        indicators=indicators,
        network=_network_section(network, period),
        timeline=tuple(build_timeline(network, held, actions, period)),
    )


def cooperation_report(store: GraphStore, *, date_from: str, date_to: str) -> CooperationReport:
    """The figures of the cooperation report for a period (the GraphQL query's data)."""
    return build_report(store, Period.parse(date_from, date_to))


def write_report(
    store: GraphStore, *, date_from: str, date_to: str, fmt: str, output: Path
) -> Path:
    """Compute the cooperation report and write it to ``output`` as html, pdf or md."""
    if fmt not in FORMATS:
        raise ValidationError(FieldError("format", f"'{fmt}' is not one of {', '.join(FORMATS)}"))
    report = cooperation_report(store, date_from=date_from, date_to=date_to)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "md":
        output.write_text(render_md(report), encoding="utf-8")
    elif fmt == "html":
        output.write_text(render_html(report), encoding="utf-8")
    else:
        render_pdf(report, output)
    return output
