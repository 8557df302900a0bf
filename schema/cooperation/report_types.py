"""The cooperation report as GraphQL data: the figures ``jiandu report cooperation`` renders,
section by section, and its annex tables as rows of text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.model.enums import AgencyKind, NodeKind, RegionLevel
from reports.cooperation import (
    ActionSection,
    AgreementSection,
    CaseStatus,
    CooperationReport,
    Count,
    CrossRegionSection,
    IndicatorSection,
    MeetingSection,
    NetworkSection,
    RecognitionSection,
    RectificationFigures,
)
from reports.document import Table
from reports.layout import annexes
from schema.cooperation.activity_types import (
    CooperationAction,
    CooperationMeeting,
    Recognition,
    action,
    meeting,
    recognition,
)
from schema.cooperation.agreement_types import (
    AgreementEntry,
    AreaPair,
    CrossRegionCaseEntry,
    NetworkAnalyticsType,
    TimelineEventType,
    agreement,
    analytics,
    area_pair,
    cross_case,
    event,
)
from schema.cooperation.entities import SIDED, ReportPeriod, labeled, labels, period, sided
from schema.cooperation.indicator_types import IndicatorEvaluation, evaluation
from schema.generic.enums import LABELED
from schema.objects import IDS, list_of, maybe, output
from schema.results import ids

ReportCount = output(
    "ReportCount",
    "A count by category: `key` is the code, `label` what the report prints.",
    key=str,
    label=str,
    value=int,
)
ReportFigure = output(
    "ReportFigure",
    "A headline figure of the summary (一、总体情况), as the report prints it in its unit.",
    key=str,
    label=str,
    value=maybe(float),
    unit=str,
)
YearTiers = output(
    "YearTiers",
    "Agreements signed in one year, by tier.",
    year=str,
    tiers=list_of(ReportCount),
)
ReportAgreements = output(
    "ReportAgreements",
    "二、协议签署与在效情况: agreements in force at the period's end and signed in it.",
    in_force=list_of(AgreementEntry),
    signed=list_of(AgreementEntry),
    by_tier=list_of(ReportCount),
    by_level_pair=list_of(ReportCount),
    by_domain=list_of(ReportCount),
    by_mechanism=list_of(ReportCount),
    signed_by_year=list_of(YearTiers),
)
ReportMeetings = output(
    "ReportMeetings",
    "三、联席会议及其决定: the joint meetings held and what they decided.",
    meetings=list_of(CooperationMeeting),
    by_kind=list_of(ReportCount),
    decisions=int,
    decided_agreements=int,
    decided_actions=int,
)
ReportActions = output(
    "ReportActions",
    "四、联合监督活动: Sichuan–Chongqing joint actions; joint actions within one side counted.",
    cross_region=list_of(CooperationAction),
    joint_by_side=list_of(ReportCount),
    joint_by_kind=list_of(ReportCount),
    cross_region_findings=int,
)
CrossRegionStatus = output(
    "CrossRegionCaseStatus",
    "Cross-region cases filed in the period on one side, and where they stand at its end.",
    **SIDED,
    filed=int,
    closed=int,
    open=int,
    covered=int,
    under_agreement=int,
    by_kind=list_of(ReportCount),
)
ReportCrossRegion = output(
    "ReportCrossRegion",
    "五、跨区域案件办理情况: by side, by area pair, the gaps, and every case.",
    by_side=list_of(CrossRegionStatus),
    pairs=list_of(AreaPair),
    gaps=list_of(AreaPair),
    cases=list_of(CrossRegionCaseEntry),
)
ReportRecognitions = output(
    "ReportRecognitions",
    "六、监督结果互认: recognitions dated in the period; those across the border.",
    recognitions=list_of(Recognition),
    cross_region=list_of(Recognition),
    by_scope=list_of(ReportCount),
)
SideRectification = output(
    "SideRectification",
    "七、整改落实情况: one side's rectifications issued in, and due in, the period.",
    **SIDED,
    issued=int,
    due=int,
    on_time=int,
    late=int,
    open_overdue=int,
    overdue_at_end=int,
    on_time_rate=maybe(float),
)
SideGrades = output(
    "SideGrades",
    "Review grades given on one side in the period.",
    **SIDED,
    grades=list_of(ReportCount),
)
ReportIndicators = output(
    "ReportIndicators",
    "八、指标评价: Sichuan beside Chongqing for the period, then quarter by quarter.",
    sides=list_of(IndicatorEvaluation),
    quarters=list_of(IndicatorEvaluation),
    grades=list_of(SideGrades),
)
AreaLink = output(
    "AreaLink",
    "A Sichuan area and a Chongqing district linked by local agreements in force.",
    sichuan_code=str,
    sichuan=str,
    chongqing_code=str,
    chongqing=str,
    domains=list_of(LABELED[AgencyKind]),
    domains_labels=list_of(str),
)
CoverageSummary = output(
    "CoverageSummary",
    "How many pairs of one coverage matrix (see `agreementCoverage`) are covered.",
    **labeled("kind", AgencyKind),
    **labeled("level", RegionLevel),
    rows=int,
    columns=int,
    covered=int,
)
ReportNetwork = output(
    "ReportNetwork",
    "九、协作网络: analytics, the framework agreements, linked areas and coverage at the end.",
    analytics=NetworkAnalyticsType,
    framework_ids=IDS,
    links=list_of(AreaLink),
    coverage=list_of(CoverageSummary),
)
ReportTable = output(
    "ReportTable",
    "An annex table (附表) as the report prints it: headers and rows of text.",
    title=str,
    headers=list_of(str),
    rows=list_of(list_of(str)),
)
CooperationReportType = output(
    "CooperationReport",
    "川渝政法协作情况报告: the figures of `jiandu report cooperation` for a period.",
    period=ReportPeriod,
    sources=list_of(str),
    summary=list_of(ReportFigure),
    agreements=ReportAgreements,
    meetings=ReportMeetings,
    actions=ReportActions,
    cross_region=ReportCrossRegion,
    recognitions=ReportRecognitions,
    rectification=list_of(SideRectification),
    indicators=ReportIndicators,
    network=ReportNetwork,
    timeline=list_of(TimelineEventType),
    annexes=list_of(ReportTable),
)


def _counts(found: Iterable[Count]) -> list[Any]:
    return [ReportCount(key=c.key, label=c.label, value=c.value) for c in found]


def _agreements(s: AgreementSection) -> Any:
    return ReportAgreements(
        in_force=[agreement(a) for a in s.in_force],
        signed=[agreement(a) for a in s.signed],
        by_tier=_counts(s.by_tier),
        by_level_pair=_counts(s.by_level_pair),
        by_domain=_counts(s.by_domain),
        by_mechanism=_counts(s.by_mechanism),
        signed_by_year=[YearTiers(year=y.year, tiers=_counts(y.tiers)) for y in s.signed_by_year],
    )


def _meetings(s: MeetingSection) -> Any:
    return ReportMeetings(
        meetings=[meeting(m) for m in s.meetings],
        by_kind=_counts(s.by_kind),
        decisions=s.decisions,
        decided_agreements=s.decided_agreements,
        decided_actions=s.decided_actions,
    )


def _actions(s: ActionSection) -> Any:
    return ReportActions(
        cross_region=[action(a) for a in s.cross_region],
        joint_by_side=_counts(s.joint_by_side),
        joint_by_kind=_counts(s.joint_by_kind),
        cross_region_findings=s.cross_region_findings,
    )


def _case_status(s: CaseStatus) -> Any:
    return CrossRegionStatus(
        **sided(s.side),
        filed=s.filed,
        closed=s.closed,
        open=s.open,
        covered=s.covered,
        under_agreement=s.under_agreement,
        by_kind=_counts(s.by_kind),
    )


def _cross_region(s: CrossRegionSection) -> Any:
    return ReportCrossRegion(
        by_side=[_case_status(c) for c in s.by_side],
        pairs=[area_pair(p) for p in s.pairs],
        gaps=[area_pair(p) for p in s.gaps],
        cases=[cross_case(c) for c in s.cases],
    )


def _recognitions(s: RecognitionSection) -> Any:
    return ReportRecognitions(
        recognitions=[recognition(r) for r in s.recognitions],
        cross_region=[recognition(r) for r in s.cross_region],
        by_scope=_counts(s.by_scope),
    )


def _rectification(r: RectificationFigures) -> Any:
    return SideRectification(
        **sided(r.side),
        issued=r.issued,
        due=r.due,
        on_time=r.on_time,
        late=r.late,
        open_overdue=r.open_overdue,
        overdue_at_end=r.overdue_at_end,
        on_time_rate=r.on_time_rate,
    )


def _indicators(s: IndicatorSection) -> Any:
    return ReportIndicators(
        sides=[evaluation(e) for e in s.sides],
        quarters=[evaluation(e) for e in s.quarters],
        grades=[SideGrades(**sided(side), grades=_counts(found)) for side, found in s.grades],
    )


def _network(s: NetworkSection) -> Any:
    return ReportNetwork(
        analytics=analytics(s.analytics),
        framework_ids=ids(NodeKind.Agreement, [a.id for a in s.frameworks]),
        links=[
            AreaLink(
                sichuan_code=link.sichuan_code,
                sichuan=link.sichuan,
                chongqing_code=link.chongqing_code,
                chongqing=link.chongqing,
                domains=[k.name for k in link.domains],
                domains_labels=[k.label for k in link.domains],
            )
            for link in s.links
        ],
        coverage=[
            CoverageSummary(
                **labels("kind", c.kind),
                **labels("level", c.level),
                rows=c.rows,
                columns=c.columns,
                covered=c.covered,
            )
            for c in s.coverage
        ],
    )


def _annexes(report: CooperationReport) -> list[Any]:
    return [
        ReportTable(
            title=block.caption or section.heading,
            headers=list(block.headers),
            rows=[list(row) for row in block.rows],
        )
        for section in annexes(report)
        for block in section.blocks
        if isinstance(block, Table)
    ]


def cooperation_report(r: CooperationReport) -> Any:
    return CooperationReportType(
        period=period(r.period),
        sources=list(r.sources),
        summary=[
            ReportFigure(key=f.key, label=f.label, value=f.value, unit=f.unit) for f in r.summary
        ],
        agreements=_agreements(r.agreements),
        meetings=_meetings(r.meetings),
        actions=_actions(r.actions),
        cross_region=_cross_region(r.cross_region),
        recognitions=_recognitions(r.recognitions),
        rectification=[_rectification(x) for x in r.rectification],
        indicators=_indicators(r.indicators),
        network=_network(r.network),
        timeline=[event(e) for e in r.timeline],
        annexes=_annexes(r),
    )
