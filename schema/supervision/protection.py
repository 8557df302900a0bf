"""Fields over ``workflows.supervision.protection``: reports to discipline bodies with their
time limit, incidents against officers, and the names cleared with them."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types.unset import UNSET

from graph.model.enums import IncidentHandling, IncidentKind, NodeKind, ReportStatus
from schema.context import Info
from schema.fields import mutation, query
from schema.generic.enums import LABELED, code
from schema.generic.inputs import at_least, expect_id, given, optional_id, store_ids
from schema.generic.nodes import TYPES
from schema.objects import IDS, list_of, output
from schema.results import ids, shown
from workflows import rules
from workflows.supervision import protection

OFFICIAL = NodeKind.Official.name

ReportRecord = output(
    "ReportRecord",
    "检举控告: a report against officers, the officers, and the clearances it led to.",
    report=TYPES[NodeKind.Report],
    official_ids=IDS,
    clearance_ids=IDS,
)
IncidentRecord = output(
    "IncidentRecord",
    "暴力抗法、袭警辱警: an incident against officers, the officers, and the clearances made.",
    incident=TYPES[NodeKind.Incident],
    official_ids=IDS,
    clearance_ids=IDS,
)


def _report(info: Info, p: protection.Protected) -> Any:
    return ReportRecord(
        report=shown(info, p.node),
        official_ids=ids(NodeKind.Official, p.officer_ids),
        clearance_ids=ids(NodeKind.Clearance, p.clearance_ids),
    )


def _incident(info: Info, p: protection.Protected) -> Any:
    return IncidentRecord(
        incident=shown(info, p.node),
        official_ids=ids(NodeKind.Official, p.officer_ids),
        clearance_ids=ids(NodeKind.Clearance, p.clearance_ids),
    )


@mutation(
    "检举控告: a report against officers received by a discipline body (纪委监委), due for its "
    f"conclusion {rules.REPORT_VERIFY_DAYS} days after it was received.",
    returns=ReportRecord,
)
async def register_report(
    info: Info,
    number: str,
    discipline_id: strawberry.ID,
    official_ids: list[strawberry.ID],
    received_on: str | None = UNSET,
    summary: str | None = UNSET,
) -> Any:
    found = await info.context.call(
        protection.register_report,
        number=number,
        discipline_id=expect_id(discipline_id, NodeKind.Agency.name, "discipline_id"),
        official_ids=store_ids(official_ids, "official_ids"),
        received_on=given(received_on),
        summary=given(summary),
    )
    return _report(info, found)


@mutation(
    "The conclusion of a report, once: TRUE, or FALSE / FALSE_ACCUSATION, which clears the "
    "name of each officer it accused (澄清正名) in the same write.",
    returns=ReportRecord,
    outcome=LABELED[ReportStatus],
)
async def conclude_report(
    info: Info,
    report_id: strawberry.ID,
    version: int,
    outcome: Any,
    concluded_on: str | None = UNSET,
    description: str | None = UNSET,
) -> Any:
    found = await info.context.call(
        protection.conclude_report,
        report_id=expect_id(report_id, NodeKind.Report.name, "report_id"),
        version=version,
        outcome=code(outcome),
        concluded_on=given(concluded_on),
        description=given(description),
    )
    return _report(info, found)


@query(
    "Reports in your jurisdiction past their verification limit and not concluded.",
    returns=list_of(TYPES[NodeKind.Report]),
)
async def overdue_reports(info: Info, today: str | None = UNSET) -> Any:
    found = await info.context.call(protection.overdue_reports, today=given(today))
    return [shown(info, n) for n in found]


@mutation(
    "暴力抗法、袭警辱警: an incident against officers, in `regionCode`, in the case it arose in.",
    returns=IncidentRecord,
    kind=LABELED[IncidentKind],
)
async def record_incident(
    info: Info,
    kind: Any,
    official_ids: list[strawberry.ID],
    occurred_on: str,
    region_code: str,
    case_id: strawberry.ID | None = UNSET,
    description: str | None = UNSET,
) -> Any:
    found = await info.context.call(
        protection.record_incident,
        kind=code(kind),
        official_ids=store_ids(official_ids, "official_ids"),
        occurred_on=occurred_on,
        region_code=region_code,
        case_id=optional_id(case_id, NodeKind.Case, "case_id"),
        description=given(description),
    )
    return _incident(info, found)


@mutation(
    "How an incident was dealt with, once; `clearNames` clears the officers' names with it.",
    returns=IncidentRecord,
    handling=LABELED[IncidentHandling],
)
async def handle_incident(
    info: Info,
    incident_id: strawberry.ID,
    version: int,
    handling: Any,
    clear_names: bool = False,
    handled_on: str | None = UNSET,
    description: str | None = UNSET,
) -> Any:
    found = await info.context.call(
        protection.handle_incident,
        incident_id=expect_id(incident_id, NodeKind.Incident.name, "incident_id"),
        version=version,
        handling=code(handling),
        clear_names=clear_names,
        handled_on=given(handled_on),
        description=given(description),
    )
    return _incident(info, found)


@query(
    "Incidents against officers in your jurisdiction still unhandled `afterDays` after they "
    "occurred, oldest first.",
    returns=list_of(TYPES[NodeKind.Incident]),
)
async def incidents_pending(
    info: Info, today: str | None = UNSET, after_days: int = rules.INCIDENT_HANDLING_DAYS
) -> Any:
    found = await info.context.call(
        protection.incidents_pending,
        today=given(today),
        after_days=at_least(after_days, 0, "after_days"),
    )
    return [shown(info, n) for n in found]
