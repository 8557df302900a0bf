"""Interventions in justice under the three regulations (三个规定): recording one, the
quarterly reports of every case-handling unit (zero reports included), officials who
intervene improperly again and again, and interventions on cases a review later graded
flawed, over ``workflows.petitioning.interventions``."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import InterventionClass, InterventionManner, InterventionRelation, NodeKind
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import LABELED, code
from schema.generic.inputs import expect_id, expect_one_of, given
from schema.generic.nodes import TYPES
from schema.objects import IDS, list_of, maybe, output
from schema.results import ids, one_id, shown
from workflows.petitioning import interventions

RECORDERS = (NodeKind.Official, NodeKind.Agency)

InterventionItem = output(
    "InterventionItem",
    "干预司法记录: the record, the case asked about, who asked and who recorded it.",
    record=TYPES[NodeKind.InterventionRecord],
    case_id=strawberry.ID,
    intervener_id=strawberry.ID,
    recorder_id=strawberry.ID,
)
QuarterlyReport = output(
    "QuarterlyReport",
    "季度报告: one case-handling unit's report for a quarter to the commission of its region "
    "(`commissionId`), its duty (履职过问) and improper (违规过问) records; `zero` when empty.",
    agency=TYPES[NodeKind.Agency],
    commission_id=maybe(strawberry.ID),
    year=int,
    quarter=int,
    duty=int,
    improper=int,
    record_ids=IDS,
    zero=bool,
)
Intervener = output(
    "Intervener",
    "反复违规过问: an official with repeated improper interventions, his records and cases.",
    official=TYPES[NodeKind.Official],
    improper=int,
    duty=int,
    record_ids=IDS,
    case_ids=IDS,
)
FlawedCaseIntervention = output(
    "FlawedCaseIntervention",
    "An intervention on a case that a review (`reviewId`) graded flawed afterwards (`grade`).",
    record=TYPES[NodeKind.InterventionRecord],
    case_id=strawberry.ID,
    intervener_id=maybe(strawberry.ID),
    review_id=strawberry.ID,
    grade=str,
)


@query(
    "三个规定季度报告: every case-handling unit of your jurisdiction for a quarter (1–4), zero "
    "reports included.",
    returns=list_of(QuarterlyReport),
)
async def quarterly_reports(info: Info, year: int, quarter: int) -> Any:
    found = await info.context.call(interventions.quarterly_reports, year=year, quarter=quarter)
    return [
        QuarterlyReport(
            agency=shown(info, r.agency),
            commission_id=one_id(NodeKind.Agency, r.commission_id),
            year=r.year,
            quarter=r.quarter,
            duty=r.duty,
            improper=r.improper,
            record_ids=ids(NodeKind.InterventionRecord, r.record_ids),
            zero=r.zero,
        )
        for r in found
    ]


@query(
    "Officials with at least `minImproper` (default 2) improper interventions since `since`, "
    "most first.",
    returns=list_of(Intervener),
)
async def repeated_interveners(
    info: Info, since: str | None = UNSET, min_improper: int | None = UNSET
) -> Any:
    threshold: dict[str, Any] = (
        {} if given(min_improper) is None else {"min_improper": min_improper}
    )
    found = await info.context.call(
        interventions.repeated_interveners, since=given(since), **threshold
    )
    return [
        Intervener(
            official=shown(info, i.official),
            improper=i.improper,
            duty=i.duty,
            record_ids=ids(NodeKind.InterventionRecord, i.record_ids),
            case_ids=ids(NodeKind.Case, i.case_ids),
        )
        for i in found
    ]


@query(
    "Interventions followed by a review of the same case that graded it flawed (the lowest "
    "two grades of its scale).",
    returns=list_of(FlawedCaseIntervention),
)
async def interventions_on_flawed_cases(info: Info, since: str | None = UNSET) -> Any:
    found = await info.context.call(interventions.interventions_on_flawed_cases, since=given(since))
    return [
        FlawedCaseIntervention(
            record=shown(info, f.record),
            case_id=one_id(NodeKind.Case, f.case_id),
            intervener_id=one_id(NodeKind.Official, f.intervener_id),
            review_id=one_id(NodeKind.SupervisionAction, f.review_id),
            grade=f.grade,
        )
        for f in found
    ]


@mutation(
    "记录: record that an official asked about a case of your jurisdiction (on `occurredOn`, "
    "not after today), recorded by an official or a unit.",
    returns=InterventionItem,
    relation=LABELED[InterventionRelation],
    manner=LABELED[InterventionManner],
    classification=LABELED[InterventionClass],
)
async def record_intervention(
    info: Info,
    case_id: strawberry.ID,
    intervener_id: strawberry.ID,
    recorder_id: strawberry.ID,
    occurred_on: str,
    relation: Any,
    manner: Any,
    classification: Any,
    request: str | None = UNSET,
    intervener_post: str | None = UNSET,
) -> Any:
    item = await info.context.call(
        interventions.record_intervention,
        case_id=expect_id(case_id, NodeKind.Case.name, "case_id"),
        intervener_id=expect_id(intervener_id, NodeKind.Official.name, "intervener_id"),
        recorder_id=expect_one_of(recorder_id, RECORDERS, "recorder_id"),
        occurred_on=occurred_on,
        relation=code(relation),
        manner=code(manner),
        classification=code(classification),
        request=given(request),
        intervener_post=given(intervener_post),
    )
    return InterventionItem(
        record=shown(info, item.record),
        case_id=one_id(NodeKind.Case, item.case_id),
        intervener_id=one_id(NodeKind.Official, item.intervener_id),
        recorder_id=recorder_id,
    )
