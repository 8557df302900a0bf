"""The GraphQL types of the Sichuan–Chongqing cooperation figures (``reports``), and the
mapping of the reports' dataclasses onto them.

Entities appear as rows of figures with their global ids, not as nodes: a figure the caller
may read can name a node it may not (a Chongqing case in a report read by the Sichuan office);
``node(id:)`` stays the judge of what the caller sees of the node itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry

from graph.model.enums import (
    ActionKind,
    ActionStatus,
    AgencyKind,
    AgreementTier,
    CaseKind,
    CaseStage,
    IndicatorLevel,
    Labeled,
    LevelPair,
    Mechanism,
    MeetingKind,
    NodeKind,
    Polarity,
    RegionLevel,
)
from reports.activity import ActionView, MeetingView, RecognitionView
from reports.agreements import AgreementView, AreaPairCases, CoverageMatrix, CrossRegionCase
from reports.areas import AgencyRef, Area, Side
from reports.indicators import Comparison, Evaluation, IndicatorValue
from reports.network import NetworkAnalytics
from reports.period import Period
from reports.timeline import EventKind, TimelineEvent
from schema.generic.enums import LABELED
from schema.generic.nodes import TYPES, Node, annotate, list_of, maybe
from schema.generic.scalars import PartialDate
from schema.usecases import IDS, Info, ids, one_id, output, shown

CooperationSide: Any = strawberry.enum(
    Side,
    name="CooperationSide",
    description="A side of the Sichuan–Chongqing cooperation: SICHUAN 四川, CHONGQING 重庆.",
)
TimelineEventKind: Any = strawberry.enum(
    EventKind,
    name="TimelineEventKind",
    description="大事记: AGREEMENT 签署协议, MEETING 召开联席会议, ACTION 川渝联合监督.",
)
EVENT_NODES = {
    EventKind.AGREEMENT: NodeKind.Agreement,
    EventKind.MEETING: NodeKind.JointMeeting,
    EventKind.ACTION: NodeKind.SupervisionAction,
}


def labeled(name: str, enum: type[Labeled], *, optional: bool = False) -> dict[str, Any]:
    """An enumeration field and its Chinese label beside it (``kind``, ``kindLabel``)."""
    code, label = LABELED[enum], str
    return {
        name: maybe(code) if optional else code,
        f"{name}_label": maybe(label) if optional else label,
    }


def labels(name: str, member: Labeled | None) -> dict[str, Any]:
    """The values of a ``labeled`` pair."""
    if member is None:
        return {name: None, f"{name}_label": None}
    return {name: member.name, f"{name}_label": member.label}


def sided(side: Side | None) -> dict[str, Any]:
    return {"side": side, "side_label": None if side is None else side.label}


SIDED = {"side": maybe(CooperationSide), "side_label": maybe(str)}


def record(
    type_name: str, description: str, fields: dict[str, Any], resolved: dict[str, Any] | None = None
) -> Any:
    """An object type like ``output`` builds, for fields that ``output`` cannot take as
    keywords (``name``) and fields with resolvers (``resolved``)."""
    members = {"__annotations__": fields, **(resolved or {})}
    return strawberry.type(type(type_name, (), members), description=description)


@strawberry.type(description="统计期间: the first and the last day, both included.")
class ReportPeriod:
    start: str = strawberry.field(name="from")
    end: str = strawberry.field(name="to")


def period(p: Period) -> ReportPeriod:
    return ReportPeriod(start=p.date_from, end=p.date_to)


CooperationAgency = record(
    "CooperationAgency",
    "机关 as the cooperation figures name it; `id` is the Agency's global id.",
    {
        "id": strawberry.ID,
        "name": str,
        **labeled("kind", AgencyKind),
        **labeled("level", RegionLevel),
        "region_code": str,
        **SIDED,
        "cross_region": bool,
    },
)
CooperationArea = record(
    "CooperationArea",
    "地区: a region and everything located below it.",
    {"code": str, "name": str, **labeled("level", RegionLevel)},
)


def agency(a: AgencyRef) -> Any:
    return CooperationAgency(
        id=one_id(NodeKind.Agency, a.id),
        name=a.name,
        **labels("kind", a.kind),
        **labels("level", a.level),
        region_code=a.region_code,
        **sided(a.side),
        cross_region=a.cross_region,
    )


def agencies(found: Iterable[AgencyRef]) -> list[Any]:
    return [agency(a) for a in found]


def area(a: Area) -> Any:
    return CooperationArea(code=a.code, name=a.name, **labels("level", a.level))


# -- agreements ------------------------------------------------------------------------------


async def _agreement_node(root: Any, info: Info) -> Any:
    node = await info.context.loaders.nodes.load(root.store_id)
    return None if node is None else shown(info, node)


AgreementEntry = record(
    "AgreementEntry",
    "协议 of the “1+n” system: its parties, level pair, domain, mechanisms, dates, the "
    "agreement it implements (`parentId`: an “n” under the “1”), and how many cases, "
    "supervision actions and joint meetings were recorded under it (any date).",
    {
        "id": strawberry.ID,
        "store_id": str,
        "title": str,
        **labeled("tier", AgreementTier),
        **labeled("level_pair", LevelPair),
        **labeled("domain", AgencyKind, optional=True),
        "mechanisms": list_of(LABELED[Mechanism]),
        "mechanisms_labels": list_of(str),
        "signed_on": PartialDate,
        "valid_to": maybe(PartialDate),
        "parent_id": maybe(strawberry.ID),
        "parties": list_of(CooperationAgency),
        "case_count": int,
        "action_count": int,
        "meeting_count": int,
        "decided_at_ids": IDS,
        "source": maybe(str),
    },
    {
        "agreement": strawberry.field(
            resolver=annotate(
                _agreement_node, maybe(TYPES[NodeKind.Agreement]), root=Any, info=strawberry.Info
            ),
            description=(
                "the Agreement node, for what stands under it (`cases`, `supervisionActions`, "
                "`jointMeetings`); null when hidden from the caller"
            ),
        )
    },
)


def agreement(a: AgreementView) -> Any:
    return AgreementEntry(
        id=one_id(NodeKind.Agreement, a.id),
        store_id=a.id,
        title=a.title,
        **labels("tier", a.tier),
        **labels("level_pair", a.level_pair),
        **labels("domain", a.domain),
        mechanisms=[m.name for m in a.mechanisms],
        mechanisms_labels=[m.label for m in a.mechanisms],
        signed_on=a.signed_on,
        valid_to=a.valid_to,
        parent_id=one_id(NodeKind.Agreement, a.parent),
        parties=agencies(a.parties),
        case_count=a.cases,
        action_count=a.actions,
        meeting_count=a.meetings,
        decided_at_ids=ids(NodeKind.JointMeeting, list(a.decided_by)),
        source=a.source,
    )


CoverageCell = output(
    "CoverageCell",
    "One Sichuan agency (row) and one Chongqing counterpart (column), by their positions.",
    row=int,
    column=int,
    sichuan_id=strawberry.ID,
    chongqing_id=strawberry.ID,
    covered=bool,
    agreement_ids=IDS,
)
CoverageMatrixType = output(
    "CoverageMatrix",
    "协议覆盖: Sichuan agencies of one kind and level (rows) against their Chongqing "
    "counterparts (columns: the municipality for the province level, else the districts); "
    "a cell is covered when an agreement in force on `asOf` is signed by both.",
    **labeled("kind", AgencyKind),
    **labeled("level", RegionLevel),
    as_of=str,
    rows=list_of(CooperationAgency),
    columns=list_of(CooperationAgency),
    covered_pairs=int,
    uncovered_pairs=int,
    cells=list_of(CoverageCell),
)


def coverage(m: CoverageMatrix, covered: bool | None) -> Any:
    cells = [
        CoverageCell(
            row=r,
            column=c,
            sichuan_id=one_id(NodeKind.Agency, m.rows[r].id),
            chongqing_id=one_id(NodeKind.Agency, m.columns[c].id),
            covered=bool(cell),
            agreement_ids=ids(NodeKind.Agreement, list(cell)),
        )
        for r, row in enumerate(m.cells)
        for c, cell in enumerate(row)
        if covered is None or bool(cell) is covered
    ]
    return CoverageMatrixType(
        **labels("kind", m.kind),
        **labels("level", m.level),
        as_of=m.as_of,
        rows=agencies(m.rows),
        columns=agencies(m.columns),
        covered_pairs=m.covered_pairs,
        uncovered_pairs=m.uncovered_pairs,
        cells=cells,
    )


CrossRegionCaseEntry = output(
    "CrossRegionCase",
    "川渝跨区域案件: a case flagged cross-region, the two areas it links and the agreements "
    "it stands under (`agreementIds`) or that covered its areas when it was filed "
    "(`coveringIds`).",
    id=strawberry.ID,
    case_number=str,
    **labeled("kind", CaseKind),
    **labeled("stage", CaseStage),
    filed_on=PartialDate,
    closed_on=maybe(PartialDate),
    **SIDED,
    handled_by=maybe(CooperationAgency),
    sichuan_code=str,
    chongqing_code=str,
    agreement_ids=IDS,
    covering_ids=IDS,
    covered=bool,
)
AreaPair = output(
    "AreaPairCases",
    "A Sichuan area and a Chongqing district with cross-region cases between them.",
    sichuan=CooperationArea,
    chongqing=CooperationArea,
    case_count=int,
    uncovered_count=int,
    cases=list_of(CrossRegionCaseEntry),
)


def cross_case(c: CrossRegionCase) -> Any:
    return CrossRegionCaseEntry(
        id=one_id(NodeKind.Case, c.id),
        case_number=c.case_number,
        **labels("kind", c.kind),
        **labels("stage", c.stage),
        filed_on=c.filed_on,
        closed_on=c.closed_on,
        **sided(c.side),
        handled_by=None if c.handled_by is None else agency(c.handled_by),
        sichuan_code=c.sichuan_code,
        chongqing_code=c.chongqing_code,
        agreement_ids=ids(NodeKind.Agreement, list(c.under)),
        covering_ids=ids(NodeKind.Agreement, list(c.covering)),
        covered=c.covered,
    )


def area_pair(p: AreaPairCases) -> Any:
    return AreaPair(
        sichuan=area(p.sichuan),
        chongqing=area(p.chongqing),
        case_count=len(p.cases),
        uncovered_count=len(p.uncovered),
        cases=[cross_case(c) for c in p.cases],
    )


# -- activity, timeline, network -------------------------------------------------------------

CooperationMeeting = output(
    "CooperationMeeting",
    "联席会议 held in the period: who attended, what it decided, the agreements it met under.",
    id=strawberry.ID,
    title=str,
    **labeled("kind", MeetingKind),
    held_on=PartialDate,
    region_code=str,
    host=str,
    attendees=list_of(CooperationAgency),
    decisions=list_of(str),
    decided_agreement_ids=IDS,
    decided_action_ids=IDS,
    agreement_ids=IDS,
)
CooperationAction = output(
    "CooperationAction",
    "联合监督: a supervision action of several agencies, or under an agreement.",
    id=strawberry.ID,
    title=str,
    **labeled("kind", ActionKind),
    **labeled("status", ActionStatus),
    started_on=maybe(PartialDate),
    ended_on=maybe(PartialDate),
    region_code=str,
    conductors=list_of(CooperationAgency),
    agreement_ids=IDS,
    findings=int,
    cross_region=bool,
)


async def _recognised_by(root: Any, info: Info) -> Any:
    node = await info.context.loaders.nodes.load(root.by_store_id)
    return None if node is None else shown(info, node)


Recognition = record(
    "CooperationRecognition",
    "监督结果互认: a finding recognised and reused by another body or action.",
    {
        "finding_id": strawberry.ID,
        "finding_title": str,
        "finding_region": str,
        "by_store_id": str,
        "by_name": str,
        "by_region": str,
        "scope": str,
        "recognized_on": PartialDate,
        "cross_region": bool,
    },
    {
        "by": strawberry.field(
            resolver=annotate(_recognised_by, maybe(Node), root=Any, info=strawberry.Info),
            description="the agency or action that recognised it; null when hidden",
        )
    },
)


def meeting(m: MeetingView) -> Any:
    return CooperationMeeting(
        id=one_id(NodeKind.JointMeeting, m.id),
        title=m.title,
        **labels("kind", m.kind),
        held_on=m.held_on,
        region_code=m.region_code,
        host=m.host,
        attendees=agencies(m.attendees),
        decisions=list(m.decisions),
        decided_agreement_ids=ids(NodeKind.Agreement, list(m.decided_agreements)),
        decided_action_ids=ids(NodeKind.SupervisionAction, list(m.decided_actions)),
        agreement_ids=ids(NodeKind.Agreement, list(m.under)),
    )


def action(a: ActionView) -> Any:
    return CooperationAction(
        id=one_id(NodeKind.SupervisionAction, a.id),
        title=a.title,
        **labels("kind", a.kind),
        **labels("status", a.status),
        started_on=a.started_on,
        ended_on=a.ended_on,
        region_code=a.region_code,
        conductors=agencies(a.conductors),
        agreement_ids=ids(NodeKind.Agreement, list(a.under)),
        findings=a.findings,
        cross_region=a.cross_region,
    )


def recognition(r: RecognitionView) -> Any:
    return Recognition(
        finding_id=one_id(NodeKind.Finding, r.finding),
        finding_title=r.finding_title,
        finding_region=r.finding_region,
        by_store_id=r.by,
        by_name=r.by_name,
        by_region=r.by_region,
        scope=r.scope,
        recognized_on=r.recognized_on,
        cross_region=r.cross_region,
    )


TimelineEventType = output(
    "TimelineEvent",
    "大事记: an agreement signed, a joint meeting held or a joint action started; `id` is "
    "the global id of that Agreement, JointMeeting or SupervisionAction.",
    day=PartialDate,
    kind=TimelineEventKind,
    kind_label=str,
    id=strawberry.ID,
    title=str,
    detail=str,
)


def event(e: TimelineEvent) -> Any:
    return TimelineEventType(
        day=e.day,
        kind=e.kind,
        kind_label=e.kind.label,
        id=one_id(EVENT_NODES[e.kind], e.id),
        title=e.title,
        detail=e.detail,
    )


AgencyCentrality = output(
    "AgencyCentrality",
    "An agency of the agreement network: partners (`degree`), agreements in force it signed, "
    "and normalised betweenness (how often it lies on the shortest links between others).",
    agency=CooperationAgency,
    degree=int,
    agreements=int,
    betweenness=float,
)
NetworkComponent = output(
    "NetworkComponent",
    "A group of agencies joined by agreements, and those agreements.",
    agencies=list_of(CooperationAgency),
    agreement_ids=IDS,
)
NetworkBridge = output(
    "NetworkBridge",
    "A link between two agencies whose loss would split their group, and its agreements.",
    first=CooperationAgency,
    second=CooperationAgency,
    agreement_ids=IDS,
)
NetworkAnalyticsType = output(
    "NetworkAnalytics",
    "协作网络: agencies that signed an agreement in force on `asOf`, linked when they signed "
    "the same one.",
    as_of=str,
    agencies=list_of(AgencyCentrality),
    components=list_of(NetworkComponent),
    bridges=list_of(NetworkBridge),
)


def analytics(n: NetworkAnalytics) -> Any:
    return NetworkAnalyticsType(
        as_of=n.as_of,
        agencies=[
            AgencyCentrality(
                agency=agency(c.agency),
                degree=c.degree,
                agreements=c.agreements,
                betweenness=c.betweenness,
            )
            for c in n.agencies
        ],
        components=[
            NetworkComponent(
                agencies=agencies(c.agencies),
                agreement_ids=ids(NodeKind.Agreement, list(c.agreements)),
            )
            for c in n.components
        ],
        bridges=[
            NetworkBridge(
                first=agency(b.first),
                second=agency(b.second),
                agreement_ids=ids(NodeKind.Agreement, list(b.agreements)),
            )
            for b in n.bridges
        ],
    )


# -- indicators ------------------------------------------------------------------------------

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
