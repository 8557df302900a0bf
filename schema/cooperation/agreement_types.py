"""The GraphQL types of the "1+n" agreement network's figures (``reports.agreements``,
``reports.timeline``, ``reports.network``), and the mapping of their dataclasses onto them."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.model.enums import (
    AgencyKind,
    AgreementTier,
    CaseKind,
    CaseStage,
    LevelPair,
    Mechanism,
    NodeKind,
    RegionLevel,
)
from reports.agreements import AgreementView, AreaPairCases, CoverageMatrix, CrossRegionCase
from reports.network import NetworkAnalytics
from reports.timeline import EventKind, TimelineEvent
from schema.context import Info
from schema.cooperation.entities import (
    SIDED,
    CooperationAgency,
    CooperationArea,
    agencies,
    agency,
    area,
    labeled,
    labels,
    record,
    sided,
)
from schema.fields import typed
from schema.generic.enums import LABELED
from schema.generic.nodes import TYPES
from schema.generic.scalars import PartialDate
from schema.objects import IDS, list_of, maybe, output
from schema.results import ids, one_id, shown

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
            resolver=typed(_agreement_node, maybe(TYPES[NodeKind.Agreement])),
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


# -- coverage and gaps -----------------------------------------------------------------------

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


# -- timeline and network --------------------------------------------------------------------

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
